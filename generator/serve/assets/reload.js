// fundsite preview: reload the page when the site has been rebuilt, and let
// the problems dialog be hidden with Escape. Served only by "fundsite
// serve"; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : null;

  var problems = document.getElementById("fundsite-problems");
  if (problems) {
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && problems.open) {
        problems.close();
      }
    });
  }

  if (!window.EventSource || build === null) {
    return;
  }
  var events = new EventSource("/_fundsite/events");
  events.addEventListener("build", function (e) {
    if (e.data !== build) {
      events.close();
      window.location.reload();
    }
  });
})();

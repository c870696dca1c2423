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
  // Each stream holds one of the six connections a browser opens to a
  // host, so only visible tabs listen; a tab shown again reconnects, is
  // told the current build at once, and reloads if it is behind.
  var events = null;
  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }
  function connect() {
    if (events) {
      return;
    }
    events = new EventSource("/_fundsite/events");
    events.addEventListener("build", function (e) {
      if (e.data !== build) {
        disconnect();
        window.location.reload();
      }
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      disconnect();
    } else {
      connect();
    }
  });
  if (!document.hidden) {
    connect();
  }
})();

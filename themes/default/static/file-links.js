// Opened from a folder on disk (file://), a link to a page's folder
// ("../about/") shows the folder's listing, where a web server would send
// its index.html. There, and only there, point such links at index.html.
// Without JavaScript the listing still offers index.html, one click on.
(function () {
  'use strict';
  if (window.location.protocol !== 'file:') { return; }
  document.querySelectorAll('a[href]').forEach(function (a) {
    var href = a.getAttribute('href');
    // Another site ("https:", "mailto:"), or a place on this page.
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) { return; }
    var folder = /^([^?#]*\/)([?#].*)?$/.exec(href);
    if (folder) { a.setAttribute('href', folder[1] + 'index.html' + (folder[2] || '')); }
  });
}());

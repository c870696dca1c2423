/* The area finder on /areas/: typing a name or code, or choosing a type,
   region or parent, narrows the list. The page is the complete list
   without this script. When the list is split over pages by first letter,
   the search loads every area (the page's "Every area as JSON" link) the
   first time it is used, and lists what matches. */
(function () {
  'use strict';
  var finder = document.querySelector('.finder');
  if (!finder) { return; }
  var form = finder.querySelector('form');
  var count = finder.querySelector('.finder-count');
  var results = finder.querySelector('.finder-results');
  var indexLink = document.querySelector('.finder-index');
  var split = finder.hasAttribute('data-split');
  var fields = ['q', 'type', 'region', 'parent'];
  var most = 100; // results listed at once when the list is split

  function control(name) { return form.elements[name]; }

  // What the reader asked for, from the form.
  function query() {
    var q = {};
    fields.forEach(function (name) {
      var el = control(name);
      q[name] = el ? el.value.trim().toLowerCase() : '';
    });
    return q;
  }

  function matches(q, search, type, region, parent) {
    return (!q.q || search.indexOf(q.q) >= 0) &&
      (!q.type || type.toLowerCase() === q.type) &&
      (!q.region || region.toLowerCase() === q.region) &&
      (!q.parent || parent.toLowerCase() === q.parent);
  }

  function say(shown, of) {
    count.textContent = shown === of ? 'Showing all ' + of + ' areas.' : 'Showing ' + shown + ' of ' + of + ' areas.';
  }

  // On a page with the whole list, hide the rows (and letters) that do not match.
  function filterRows() {
    var q = query(), shown = 0, rows = document.querySelectorAll('tr[data-search]');
    rows.forEach(function (tr) {
      var ok = matches(q, tr.getAttribute('data-search'), tr.getAttribute('data-type'), tr.getAttribute('data-region'), tr.getAttribute('data-parent'));
      tr.hidden = !ok;
      if (ok) { shown++; }
    });
    document.querySelectorAll('.finder-table').forEach(function (table) {
      var any = table.querySelector('tr[data-search]:not([hidden])') !== null;
      var region = table.closest('.table-scroll');
      region.hidden = !any;
      var heading = document.getElementById(region.getAttribute('aria-labelledby'));
      if (heading) { heading.hidden = !any; }
    });
    say(shown, rows.length);
  }

  // With the list split over pages, search every area from the index.
  var index = null, loading = null;
  function load() {
    if (!loading) {
      loading = fetch(indexLink.href).then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      }).then(function (data) { index = data; });
    }
    return loading;
  }
  // The index gives site addresses ("/areas/kent/"); the link to it says
  // where the site starts, whether at a domain's root, under a path or on disk.
  function siteRoot() {
    return indexLink.href.slice(0, indexLink.href.length - 'areas/index.json'.length);
  }
  function searchIndex() {
    var q = query();
    if (!q.q && !q.type && !q.region && !q.parent) {
      results.textContent = '';
      count.textContent = '';
      return;
    }
    load().then(function () {
      var root = siteRoot(), shown = 0, found = 0;
      results.textContent = '';
      index.areas.forEach(function (a) {
        if (!matches(q, (a[0] + ' ' + a[2]).toLowerCase(), a[3], a[4], a[5])) { return; }
        found++;
        if (shown >= most) { return; }
        shown++;
        var li = document.createElement('li');
        var link = document.createElement('a');
        link.href = root + a[1].replace(/^\//, '');
        link.textContent = a[0];
        li.appendChild(link);
        var detail = [a[3], a[4], a[6]].filter(Boolean).join(', ');
        if (detail) { li.appendChild(document.createTextNode(' (' + detail + ')')); }
        results.appendChild(li);
      });
      count.textContent = found === 0 ? 'No areas match.' :
        found > shown ? 'Showing the first ' + shown + ' of ' + found + ' matching areas.' : found + ' matching areas.';
    }).catch(function () {
      count.textContent = 'The search could not load the list of areas; choose a letter below.';
    });
  }

  var update = split ? searchIndex : filterRows;
  // Fill the form from the address (?q=kent), as the home page's search sends it.
  var params = new URLSearchParams(window.location.search);
  fields.forEach(function (name) {
    var el = control(name), value = params.get(name);
    if (el && value) { el.value = value; }
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  finder.hidden = false;
  if (params.toString() || !split) { update(); }
}());

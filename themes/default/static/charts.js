/* Draws every chart on the page. Each .chart container has its ECharts
   option as JSON in <script type="application/json" id="<id>-option">; the
   JSON cannot carry functions, so the money formatters are added here.
   Without this script (or ECharts) the description and table still say it all. */
(function () {
  'use strict';
  if (!window.echarts) { return; }

  function groupThousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  // scaled mirrors money.Short in Go: at most two decimals, zeros dropped.
  function scaled(pounds, unit) {
    var hundredths = Math.round(pounds / (unit / 100));
    var whole = Math.floor(hundredths / 100), frac = hundredths % 100;
    var s = groupThousands(whole);
    if (frac === 0) { return s; }
    if (frac % 10 === 0) { return s + '.' + (frac / 10); }
    return s + '.' + (frac < 10 ? '0' : '') + frac;
  }
  // short prints pounds the way the site does: £42.6m, £530,000, £1.2bn.
  function short(value) {
    var v = Number(value), sign = v < 0 ? '-' : '', pounds = Math.round(Math.abs(v));
    if (Math.round(pounds / 10000) >= 100000) { return sign + '£' + scaled(pounds, 1e9) + 'bn'; }
    if (pounds >= 1e6) { return sign + '£' + scaled(pounds, 1e6) + 'm'; }
    return sign + '£' + groupThousands(pounds);
  }

  function list(x) { return Array.isArray(x) ? x : (x ? [x] : []); }

  function prepare(el, option) {
    var money = el.getAttribute('data-format') === 'money';
    var width = el.clientWidth;
    option.tooltip = option.tooltip || {};
    option.tooltip.renderMode = 'richText';
    option.tooltip.confine = true;
    var rows = 0;
    list(option.xAxis).concat(list(option.yAxis)).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      if (axis.type === 'value') {
        if (money) { axis.axisLabel.formatter = short; }
        axis.axisLabel.hideOverlap = true;
        return;
      }
      rows = list(axis.data).length;
      if (axis.axisLabel.show !== false) {
        axis.axisLabel.interval = 0;
        axis.axisLabel.width = Math.max(80, Math.floor(width * 0.4));
        axis.axisLabel.overflow = 'break';
      }
    });
    if (money) {
      option.tooltip.valueFormatter = short;
      list(option.series).forEach(function (s) {
        if (s.label && s.label.show) {
          s.label.formatter = function (p) { return short(p.value); };
        }
      });
    }
    var horizontal = list(option.yAxis).some(function (a) { return a.type === 'category'; });
    return horizontal ? Math.max(200, rows * 40 + 60) : 320;
  }

  var drawn = [];
  document.querySelectorAll('.chart').forEach(function (el) {
    var source = document.getElementById(el.id + '-option');
    if (!source) { return; }
    var option = JSON.parse(source.textContent);
    el.style.height = prepare(el, option) + 'px';
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    drawn.push(chart);
  });

  var pending = 0;
  window.addEventListener('resize', function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      drawn.forEach(function (c) { c.resize(); });
    }, 150);
  });
}());

/* Draws every chart on the page. Each .chart container has its ECharts
   option as JSON in <script type="application/json" id="<id>-option">; the
   JSON cannot carry functions, so the money formatters are added here.
   Without this script (or ECharts) the description and table still say it all.

   Nothing is drawn, and ECharts (the script's data-echarts address, about
   150 KB compressed) is not even fetched, until the page has loaded and a
   chart comes near the screen: a reader who only wants the figures at the
   top of the page never waits for it, and on a phone the page is readable
   and answers taps before any chart is drawn. */
(function () {
  'use strict';
  var script = document.currentScript;
  var library = script && script.getAttribute('data-echarts');
  // The address is the site's ("/assets/vendor/…"); the site may be served
  // under a path or opened from disk, so it is taken from where this
  // script itself came from, which is in the same assets/ folder.
  if (library && library.charAt(0) === '/' && script.src.lastIndexOf('/assets/') >= 0) {
    library = script.src.slice(0, script.src.lastIndexOf('/assets/')) + library;
  }

  // On paper the charts give way to their tables (print.css); a table in a
  // closed "Show the data as a table" box would print as an empty box, so
  // the boxes open for printing and close again after.
  var openedForPrint = [];
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details.chart-data:not([open])').forEach(function (d) {
      d.open = true;
      openedForPrint.push(d);
    });
  });
  window.addEventListener('afterprint', function () {
    openedForPrint.splice(0).forEach(function (d) { d.open = false; });
  });

  if (!library || !window.IntersectionObserver || !window.Map) { return; }

  function groupThousands(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  // The site's house style (site.toml [numbers]): "£42.6m" or "£42.6 million".
  var inWords = script && script.getAttribute('data-millions') === 'million';
  var unitNames = inWords ? { 1e9: ' billion', 1e6: ' million' } : { 1e9: 'bn', 1e6: 'm' };
  // scaled mirrors money.Short in Go: one decimal place, a trailing zero dropped.
  function scaled(pounds, unit) {
    var tenths = Math.round(pounds / (unit / 10));
    var s = groupThousands(Math.floor(tenths / 10));
    return tenths % 10 ? s + '.' + (tenths % 10) : s;
  }
  function inUnit(value, unit) {
    var v = Number(value), sign = v < 0 ? '-' : '', pounds = Math.round(Math.abs(v));
    if (!unit) { return sign + '£' + groupThousands(pounds); }
    return sign + '£' + scaled(pounds, unit) + unitNames[unit];
  }
  // unitOf is the unit an amount is printed in, chosen after rounding as
  // money.Short does: £42.6m, £530,000, £1.2bn.
  function unitOf(value) {
    var pounds = Math.round(Math.abs(Number(value)));
    if (Math.round(pounds / 1e5) >= 10000) { return 1e9; } // £1,000.0m once rounded
    return pounds >= 1e6 ? 1e6 : 0;
  }
  // short prints pounds the way the site does.
  function short(value) { return inUnit(value, unitOf(value)); }
  // An axis speaks in one unit, its largest value's: "£0.5m" beside
  // "£1.5m", never "£500,000" beside "£1.5m".
  function axisFormatter(option) {
    var most = 0;
    list(option.series).forEach(function (s) {
      list(s.data).forEach(function (d) {
        var v = Math.abs(Number(d && typeof d === 'object' ? d.value : d));
        if (isFinite(v) && v > most) { most = v; }
      });
    });
    var unit = unitOf(most);
    return function (value) { return inUnit(value, unit); };
  }
  // count prints a count: "16,661".
  function count(value) { return groupThousands(Math.round(Number(value))); }

  function list(x) { return Array.isArray(x) ? x : (x ? [x] : []); }

  function prepare(el, option) {
    var money = el.getAttribute('data-format') === 'money';
    var format = money ? short : count;
    var axisFormat = money ? axisFormatter(option) : count;
    var width = el.clientWidth;
    option.tooltip = option.tooltip || {};
    option.tooltip.renderMode = 'richText';
    option.tooltip.confine = true;
    var rows = 0;
    list(option.xAxis).concat(list(option.yAxis)).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      if (axis.type === 'value') {
        axis.axisLabel.formatter = axisFormat;
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
    option.tooltip.valueFormatter = format;
    list(option.series).forEach(function (s) {
      if (s.label && s.label.show) {
        s.label.formatter = function (p) { return format(p.value); };
      }
    });
    fitLabels(option, width);
    var legend = fitLegend(option, width);
    var horizontal = list(option.yAxis).some(function (a) { return a.type === 'category'; });
    return (horizontal ? Math.max(200, rows * 40 + 60) : 320) + legend;
  }

  // A label naming one bar (the reader's own area) runs away from the
  // nearer edge, wrapped to the room between its bar and the chart's edge
  // (at most half the width), so neither its text nor its box leaves the chart.
  function fitLabels(option, width) {
    list(option.series).forEach(function (s) {
      var n = list(s.data).length;
      list(s.data).forEach(function (d, i) {
        if (d && d.label && d.label.show) {
          d.label.width = Math.max(48, Math.min(Math.floor(width / 2), labelRoom(d.label.align, (i + 0.5) / n, width)) - 8);
          d.label.overflow = 'break';
          d.label.lineHeight = 14;
          // A white halo keeps the name legible where it crosses bars
          // without hiding their tops as a filled box would.
          d.label.textBorderColor = '#ffffff';
          d.label.textBorderWidth = 3;
        }
      });
    });
  }

  // labelRoom is the least room beside a bar a fraction f along the axis,
  // whatever the width of the value axis' labels (at most 80px) at the left.
  function labelRoom(align, f, width) {
    var plot = width - 96;
    return Math.floor(align === 'right' ? 8 + f * plot : 16 + (1 - f) * plot);
  }

  // The legend lists one series a line, each name wrapped to the width, and
  // the plot starts below it: a long area name on a phone must neither run
  // off the screen nor over the bars. Returns the height the legend adds.
  var charWidth = 7.5, lineHeight = 16, itemGap = 8;
  function fitLegend(option, width) {
    var legend = option.legend;
    if (!legend || !legend.show) { return 0; }
    var textWidth = Math.max(80, width - 40);
    legend.orient = 'vertical';
    legend.itemGap = itemGap;
    legend.textStyle = { width: textWidth, overflow: 'break', lineHeight: lineHeight };
    var height = 0;
    list(option.series).forEach(function (s) {
      height += Math.ceil(String(s.name).length * charWidth / textWidth) * lineHeight + itemGap;
    });
    list(option.grid).forEach(function (g) { g.top = height + 16; });
    return height;
  }

  // Each chart is laid out again whenever its container changes width (a
  // phone turned, the window resized, the page zoomed), so it never reaches
  // past the screen's edge and its labels wrap to the new width.
  var options = new Map(), drawnWidth = new Map();
  function draw(el) {
    var option = options.get(el);
    drawnWidth.set(el, el.clientWidth);
    el.style.height = prepare(el, option) + 'px';
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    chart.resize();
  }
  // A ResizeObserver also reports each chart once when first observed, and
  // again when draw sets its height: only a new width needs drawing again.
  var resized = window.ResizeObserver ? new window.ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.target.clientWidth !== drawnWidth.get(e.target)) { draw(e.target); }
    });
  }) : null;

  // Charts near the screen wait here for ECharts, then are drawn one a
  // task, so a tap or a scroll is answered between two charts.
  var queue = [], requested = false, drawing = false;
  function drawQueued() {
    if (!window.echarts) { return; }
    var el = queue.shift();
    if (!el) { drawing = false; return; }
    drawing = true;
    draw(el);
    if (resized) { resized.observe(el); }
    setTimeout(drawQueued, 0);
  }
  function want(el) {
    queue.push(el);
    if (!requested) {
      requested = true;
      // An element made here with the address from our own origin is
      // allowed by the site's script-src 'self'; no inline script runs.
      var s = document.createElement('script');
      s.src = library;
      s.onload = drawQueued;
      s.onerror = function () { options.forEach(function (_, el) { el.style.height = ''; }); };
      document.head.appendChild(s);
    } else if (!drawing) {
      drawQueued();
    }
  }

  // Within a quarter of the screen's height below it: time to fetch and
  // draw before the reader gets there, yet none of the example's charts
  // starts to load before the reader scrolls.
  var near = new window.IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) {
        near.unobserve(e.target);
        want(e.target);
      }
    });
  }, { rootMargin: '0px 0px 25% 0px' });

  // Once the page has loaded and been painted, each chart's room is kept,
  // so text below it does not jump when it is drawn (keeping it moves only
  // what is below the chart, off the first screen on the example's pages). All
  // the widths are read before any height is set: the page is laid out
  // once, not once a chart.
  function start() {
    var charts = [];
    document.querySelectorAll('.chart').forEach(function (el) {
      var source = document.getElementById(el.id + '-option');
      if (source) {
        options.set(el, JSON.parse(source.textContent));
        charts.push(el);
      }
    });
    charts.map(function (el) { return prepare(el, options.get(el)); }).forEach(function (height, i) {
      charts[i].style.height = height + 'px';
      near.observe(charts[i]);
    });
  }
  function afterPaint() {
    window.requestAnimationFrame(function () { setTimeout(start, 0); });
  }
  if (document.readyState === 'complete') { afterPaint(); } else { window.addEventListener('load', afterPaint); }
}());

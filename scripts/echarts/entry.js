// The parts of Apache ECharts the site's charts use, and nothing else: bar
// series on a cartesian grid (value and category axes), a tooltip, a plain
// legend (never the scrolling one), aria (the description and decal
// patterns) and the SVG renderer.
// The options come from generator/charts (go-echarts) and charts.js; an
// option naming a component left out here (go-echarts writes an empty
// "title" and "toolbox") is ignored by ECharts.
//
// Installed in the order ECharts' own "common" build installs them, so
// stages of equal priority run in the same order and the charts draw the
// same SVG (checked against the common build the theme shipped before: the
// same SVG for every chart of the example at 320 and 1280px, less two
// invisible paths the empty title and toolbox drew). No
// LegacyGridContainLabel: the common build has none either, so
// grid.containLabel takes ECharts 6's outer-bounds layout, as it did.
import { use, init, getInstanceByDom } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { BarChart } from 'echarts/charts';
import { TooltipComponent, LegendPlainComponent, GridComponent, AriaComponent } from 'echarts/components';

use([SVGRenderer]);
use([BarChart]);
use([TooltipComponent, LegendPlainComponent, GridComponent, AriaComponent]);

// window.echarts, as the whole build has it, with what charts.js calls.
export { init, getInstanceByDom };

// Builds the theme's ECharts from entry.js with the pinned esbuild, copies
// the licences of everything bundled beside it, and writes its README with
// the version, size and checksum. Run by ../build-echarts.sh after npm ci.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const out = '../../themes/default/static/vendor/echarts/';
const file = 'echarts.bar.min.js';
const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
const v = { echarts: version('echarts'), zrender: version('zrender'), tslib: version('tslib'), esbuild: version('esbuild') };

await build({
  entryPoints: ['entry.js'],
  outfile: out + file,
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'echarts',
  // The browsers that run charts.js (IntersectionObserver) all run ES2017.
  target: 'es2017',
  // ECharts' development warnings and checks are left out, as in its dist builds.
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  banner: { js: `/*! Apache ECharts ${v.echarts} (bar chart, SVG renderer, grid, tooltip, plain legend, aria), with ZRender ${v.zrender} and tslib ${v.tslib}. Apache-2.0; see LICENSE, NOTICE, LICENSE-d3, LICENSE-zrender and LICENSE-tslib beside this file. */` },
  charset: 'utf8',
  logLevel: 'warning',
});

copyFileSync('node_modules/echarts/LICENSE', out + 'LICENSE');
copyFileSync('node_modules/echarts/NOTICE', out + 'NOTICE');
copyFileSync('node_modules/echarts/licenses/LICENSE-d3', out + 'LICENSE-d3');
copyFileSync('node_modules/zrender/LICENSE', out + 'LICENSE-zrender');
copyFileSync('node_modules/tslib/LICENSE.txt', out + 'LICENSE-tslib');

const js = readFileSync(out + file);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`; // as the issue and browsers count: 1 KB = 1000 bytes
const raw = js.length;
const gz = gzipSync(js, { level: 9 }).length;
const br = brotliCompressSync(js, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sha = createHash('sha256').update(js).digest('hex');

writeFileSync(out + 'README.md', `# Apache ECharts (built for this theme)

- \`${file}\`: Apache ECharts ${v.echarts} with only what the site's charts
  use: the bar chart, the SVG renderer, and the grid (value and category
  axes), tooltip (with its axis pointer), plain legend and aria components. See
  \`scripts/echarts/entry.js\`.
- Size: ${raw} bytes (${kb(raw)}); ${gz} bytes gzipped (${kb(gz)}), ${br} bytes
  with brotli (${kb(br)}). The theme used to ship ECharts' "common" build,
  with charts, components and a renderer it never used: 715,020 bytes,
  239,503 gzipped.
- SHA-256: ${sha}
- Made by \`scripts/build-echarts.sh\` from the npm packages echarts@${v.echarts},
  zrender@${v.zrender} and tslib@${v.tslib} (pinned in
  \`scripts/echarts/package-lock.json\`), bundled and minified by
  esbuild@${v.esbuild}. The same lock gives the same bytes on every run.
- Licence: Apache License 2.0 (LICENSE, with NOTICE). ECharts includes code
  derived from d3 under a BSD licence (LICENSE-d3, from the package's
  licenses/ folder); ZRender is under the BSD 3-Clause licence
  (LICENSE-zrender) and tslib under the 0BSD licence (LICENSE-tslib).

The site serves this file from its own origin under a content-hashed name
(see PageData.Asset), so no page loads anything from another host; charts.js
loads it only when a chart nears the screen. To change the parts, edit
\`scripts/echarts/entry.js\`; to change a version, edit
\`scripts/echarts/package.json\` (exact versions) and run
\`npm install --ignore-scripts\` in that folder to update the lock. Then run
\`scripts/build-echarts.sh\` (it rewrites this folder), run the browser tests
(\`CI=true go test -run 'Chart|Print|JavaScript' .\`), and commit all of it.
`);
console.log(`${file}: ${raw} bytes, ${gz} gzipped, ${br} brotli, sha256 ${sha}`);

#!/usr/bin/env bash
# Builds the theme's ECharts (themes/default/static/vendor/echarts/) from the
# npm packages pinned in scripts/echarts/package-lock.json: only the parts
# the site's charts use (see scripts/echarts/entry.js), minified by the
# pinned esbuild, with the licences of everything bundled and a README
# giving version, size and checksum. Same lock, same bytes: run it twice and
# git sees no change.
#
#   scripts/build-echarts.sh
#
# Needs Node 18 or later and npm, and the npm registry once (npm ci); the
# site's own build never runs it: the result is committed. To change the
# version, edit scripts/echarts/package.json (exact versions only), run
# `npm install --ignore-scripts` in scripts/echarts to update the lock, then
# this script.
set -euo pipefail
cd "$(dirname "$0")/echarts"

# --ignore-scripts: esbuild's install script only checks its binary, which
# comes from the registry as the @esbuild/<platform> package all the same.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs

#!/usr/bin/env bash
# Builds generator/geo/data, the compact boundary data and reference
# geography the site's maps and place names use, from the ONS boundary files
# and Open Innovations hex layouts in ../shared/boundaries (or the folder
# given as $1): England's areas of 2023, projected to British National Grid,
# simplified once per shared arc, scaled to a 1000-wide viewBox and written
# as integer, relative SVG paths. See scripts/maps/main.go for the steps and
# generator/geo/data/SOURCE.md for sources and licences.
#
#   bash scripts/build-maps.sh [boundaries-folder]
#
# A maintainer's script, like build-echarts.sh: the site's build and tests
# read only the committed result and never ../shared. Rerunnable: the same
# sources give byte-identical files, so git sees no change.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./scripts/maps -src "${1:-../shared/boundaries}" -out generator/geo/data

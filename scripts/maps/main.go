// Command maps builds generator/geo/data, the compact reference geography
// the site's maps and place names are drawn from, out of the boundary files
// in ../shared/boundaries (see that folder's README for where each came
// from). It is a maintainer's script, like scripts/build-echarts.sh: the
// site's build and its tests read only the committed result, never the
// sources, and running it again on the same sources writes the same bytes.
//
//	bash scripts/build-maps.sh            # or:
//	go run ./scripts/maps -src ../shared/boundaries -out generator/geo/data
//
// What it does, once for every kind of area:
//   - keeps England's areas as they were in 2023 (TopoJSON start/end);
//   - projects longitude and latitude to British National Grid (see bng);
//   - simplifies each shared arc once (Douglas-Peucker, keeping the ends
//     where arcs meet), so neighbouring areas stay matched; the ICB GeoJSON
//     has no arcs, so they are built first from its shared vertices;
//   - scales to a viewBox 1000 units wide and rounds to whole units;
//   - writes each area's code, name, parents, hex position and SVG path
//     (relative commands, integers) as one line of a TSV per kind, and the
//     former areas with their successors, and the other names and codes
//     the sources give.
//
// Arithmetic is plain float64 rounded to whole units at the end, so the
// output is byte-identical from run to run on a platform; a compiler that
// fused multiply-adds differently could in principle move a point by one
// unit, which `git diff` would show.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// The boundary files, as named in ../shared/boundaries.
const (
	topoFile     = "ons-uk-topojson-2025.topo.json"
	icbFile      = "ons-icb-april-2023-en-bsc.geo.json"
	regionsFile  = "ons-regions-december-2023-en-buc.geo.json"
	hexLADFile   = "odileeds-uk-local-authority-districts-2023.hexjson"
	hexICBFile   = "odileeds-nhs-icb-2022.hexjson"
	hexCon10File = "odileeds-uk-constituencies-2010.hexjson"
	hexCon23File = "odileeds-uk-constituencies-2023.hexjson"
)

func main() {
	src := flag.String("src", "../shared/boundaries", "the folder of boundary files")
	out := flag.String("out", "generator/geo/data", "the folder to write the compact data to")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "maps:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	var in inputs
	for _, f := range []struct {
		name string
		dst  *[]byte
	}{
		{topoFile, &in.topo}, {icbFile, &in.icb}, {regionsFile, &in.regions}, {hexLADFile, &in.hexLAD},
		{hexICBFile, &in.hexICB}, {hexCon10File, &in.hexCon2010}, {hexCon23File, &in.hexCon2024},
	} {
		b, err := os.ReadFile(filepath.Join(src, f.name))
		if err != nil {
			return err
		}
		*f.dst = b
	}
	files, err := build(in, defaultOptions)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("%-32s %8d B\n", name, len(files[name]))
	}
	for _, k := range shapeKinds {
		raw, gz := svgSize(files[k+".tsv"])
		fmt.Printf("%-32s %8d B as SVG paths, %6d B gzipped\n", k, raw, gz)
	}
	return nil
}

package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// inputs are the source files' contents.
type inputs struct{ topo, icb, regions, hexLAD, hexICB, hexCon2010, hexCon2024 []byte }

// options fix the output's geometry.
type options struct {
	year  int     // areas as they were in this year
	width float64 // viewBox width
	pad   float64 // margin inside the viewBox
	eps   float64 // Douglas-Peucker tolerance, viewBox units
	// minArea drops islands and holes smaller than this (units²), but an
	// island two areas share may be below it in each and above it in
	// their region, which would then draw land the areas do not: so 0,
	// which drops only rings rounded to nothing.
	minArea float64
}

var defaultOptions = options{year: 2023, width: 1000, pad: 4, eps: 0.6, minArea: 0}

// The kinds, as generator/geo names them; each is one file <kind>.tsv.
const (
	kindLA      = "local-authority"
	kindUTLA    = "upper-tier-authority"
	kindRegion  = "region"
	kindICB     = "icb"
	kindCon2010 = "constituency-2010"
	kindCon2024 = "constituency-2024"
)

var shapeKinds = []string{kindLA, kindUTLA, kindRegion, kindICB}

type place struct {
	code, name, parent, region, ods string
	hex                             *[2]int
	d                               string
}

type former struct {
	kind, code, name string
	until            int
	successors       []string
}

type alias struct{ kind, name, code, why string }

type hexFile struct {
	Layout string `json:"layout"`
	Hexes  map[string]struct {
		N       string `json:"n"`
		Q       int    `json:"q"`
		R       int    `json:"r"`
		Region  string `json:"region"`
		A       string `json:"a"`
		ICS22NM string `json:"ICS22NM"`
		STP21CD string `json:"STP21CD"`
		NHSER   string `json:"NHSER21CD"`
	} `json:"hexes"`
}

// regionShort are the region abbreviations of the 2010 constituency hexes.
var regionShort = map[string]string{
	"NE": "E12000001", "NW": "E12000002", "YH": "E12000003", "EM": "E12000004", "WM": "E12000005",
	"EA": "E12000006", "LO": "E12000007", "SE": "E12000008", "SW": "E12000009",
}

// icbByODS are the integrated care boards whose 2022 hex name does not
// match the 2023 ONS name once "NHS", "Integrated Care Board", "the",
// "&"/"and" and punctuation are set aside: matched by hand.
var icbByODS = map[string]string{
	"QOC": "E54000011", // "NHS Shropshire and Telford and Wrekin" / "NHS Shropshire, Telford and Wrekin ICB"
	"QRL": "E54000042", // "NHS Hampshire and the Isle of Wight" / "NHS Hampshire and Isle of Wight ICB"
	"QNC": "E54000010", // "NHS Staffordshire and Stoke on Trent" / "... Stoke-on-Trent ICB"
}

// build turns the sources into the data files, by name.
func build(in inputs, o options) (map[string][]byte, error) {
	topo, err := readTopoJSON(in.topo, "ltla", "utla", "rgn")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", topoFile, err)
	}
	icbFeatures, err := readGeoJSON(in.icb, "ICB23CD", "ICB23NM")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", icbFile, err)
	}
	icbTopo := buildTopology("icb", icbFeatures)
	england := func(f feature) bool { return strings.HasPrefix(f.code, "E") }
	alive := func(f feature) bool { return england(f) && f.alive(o.year) }
	ended := func(f feature) bool { return england(f) && f.end != 0 && f.end < o.year }
	later := func(f feature) bool { return england(f) && f.start > o.year }
	ltla, utla := pick(topo.layers["ltla"], alive), pick(topo.layers["utla"], alive)
	rgn := pick(topo.layers["rgn"], england)
	icb := pick(icbTopo.layers["icb"], func(feature) bool { return true })
	if err := checkRegions(in.regions, rgn); err != nil {
		return nil, fmt.Errorf("%s: %w", regionsFile, err)
	}

	for _, t := range []*topology{&topo, &icbTopo} {
		for _, arc := range t.arcs {
			for i, p := range arc {
				e, n := bng(p.x, p.y)
				arc[i] = pt{e, n}
			}
		}
	}
	fit := newFit(o, [][][]pt{allRings(topo.arcs, ltla), allRings(icbTopo.arcs, icb)})
	for _, t := range []*topology{&topo, &icbTopo} {
		for _, arc := range t.arcs {
			for i, p := range arc {
				arc[i] = fit.apply(p)
			}
		}
	}

	g := newGazetteer(topo.arcs, rgn)
	la, err := g.localAuthorities(ltla, utla, in.hexLAD)
	if err != nil {
		return nil, err
	}
	ut, err := g.upperTier(utla)
	if err != nil {
		return nil, err
	}
	regions := make([]*place, len(rgn))
	for i, f := range rgn {
		regions[i] = &place{code: f.code, name: f.name}
	}
	icbs, icbAliases, err := icbPlaces(icb, in.hexICB)
	if err != nil {
		return nil, err
	}
	con2010, err := constituencies(in.hexCon2010, hexCon10File, func(h string, a string) string { return regionShort[a] })
	if err != nil {
		return nil, err
	}
	con2024, err := constituencies(in.hexCon2024, hexCon23File, func(h string, a string) string { return h })
	if err != nil {
		return nil, err
	}

	addShapes(la, ltla, topo.arcs, o)
	addShapes(ut, utla, topo.arcs, o)
	addShapes(regions, rgn, topo.arcs, o)
	addShapes(icbs, icb, icbTopo.arcs, o)

	oldLtla, oldUtla := pick(topo.layers["ltla"], ended), pick(topo.layers["utla"], ended)
	counties := pick(oldUtla, func(f feature) bool { return strings.HasPrefix(f.code, "E10") })
	samples := append(slices.Clone(ltla), oldLtla...)
	var formers []former
	formers = append(formers, g.formers(kindLA, append(slices.Clone(oldLtla), counties...), ltla, samples)...)
	formers = append(formers, g.formers(kindUTLA, oldUtla, utla, samples)...)

	aliases := icbAliases
	aliases = append(aliases, hexNames(kindLA, la, in.hexLAD)...)
	aliases = append(aliases, laterCodes(kindLA, ltla, pick(topo.layers["ltla"], later))...)
	aliases = append(aliases, laterCodes(kindUTLA, utla, pick(topo.layers["utla"], later))...)

	files := map[string][]byte{
		kindLA + ".tsv":      placesTSV(la),
		kindUTLA + ".tsv":    placesTSV(ut),
		kindRegion + ".tsv":  placesTSV(regions),
		kindICB + ".tsv":     placesTSV(icbs),
		kindCon2010 + ".tsv": placesTSV(con2010),
		kindCon2024 + ".tsv": placesTSV(con2024),
		"formers.tsv":        formersTSV(formers),
		"aliases.tsv":        aliasesTSV(aliases),
		"viewbox.txt":        fmt.Appendf(nil, "0 0 %d %d\n", int(o.width), fit.height),
	}
	return files, nil
}

// pick keeps the features that match, sorted by code.
func pick(fs []feature, keep func(feature) bool) []feature {
	var out []feature
	for _, f := range fs {
		if keep(f) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b feature) int { return strings.Compare(a.code, b.code) })
	return out
}

func allRings(arcs [][]pt, fs []feature) [][]pt {
	var out [][]pt
	for _, f := range fs {
		out = append(out, rings(arcs, f)...)
	}
	return out
}

// fit maps projected metres into the viewBox: x east, y south, one scale.
type fit struct {
	minE, maxN, scale, pad float64
	height                 int
}

func newFit(o options, ringSets [][][]pt) fit {
	minE, maxE, minN, maxN := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, rs := range ringSets {
		for _, r := range rs {
			for _, p := range r {
				minE, maxE, minN, maxN = min(minE, p.x), max(maxE, p.x), min(minN, p.y), max(maxN, p.y)
			}
		}
	}
	s := (o.width - 2*o.pad) / (maxE - minE)
	return fit{minE: minE, maxN: maxN, scale: s, pad: o.pad, height: int(math.Ceil((maxN-minN)*s + 2*o.pad))}
}

func (f fit) apply(p pt) pt {
	return pt{(p.x-f.minE)*f.scale + f.pad, (f.maxN-p.y)*f.scale + f.pad}
}

// checkRegions confirms the TopoJSON's regions (drawn, as they share arcs
// with the local authorities) are the 2023 regions the GeoJSON names.
func checkRegions(data []byte, rgn []feature) error {
	fs, err := readGeoJSON(data, "RGN23CD", "RGN23NM")
	if err != nil {
		return err
	}
	want := map[string]string{}
	for _, f := range fs {
		want[f.code] = f.name
	}
	if len(want) != len(rgn) {
		return fmt.Errorf("%d regions, the TopoJSON has %d", len(want), len(rgn))
	}
	for _, f := range rgn {
		if want[f.code] != f.name {
			return fmt.Errorf("region %s is %q, the TopoJSON says %q", f.code, want[f.code], f.name)
		}
	}
	return nil
}

// gazetteer answers which area contains which, on the full-resolution
// rings, from one point well inside each area.
type gazetteer struct {
	arcs    [][]pt
	regions []feature
}

func newGazetteer(arcs [][]pt, regions []feature) gazetteer {
	return gazetteer{arcs: arcs, regions: regions}
}

func (g gazetteer) point(f feature) pt { return interiorPoint(rings(g.arcs, f)) }

// within returns the codes of the features containing p.
func (g gazetteer) within(fs []feature, p pt) []string {
	var out []string
	for _, f := range fs {
		if contains(rings(g.arcs, f), p) {
			out = append(out, f.code)
		}
	}
	return out
}

func (g gazetteer) region(f feature) (string, error) {
	in := g.within(g.regions, g.point(f))
	if len(in) != 1 {
		return "", fmt.Errorf("%s %s is in %d regions %v", f.code, f.name, len(in), in)
	}
	return in[0], nil
}

func readHex(data []byte, name string) (hexFile, error) {
	var h hexFile
	if err := json.Unmarshal(data, &h); err != nil {
		return h, fmt.Errorf("%s: %w", name, err)
	}
	if h.Layout != "odd-r" {
		return h, fmt.Errorf("%s: layout %q, want odd-r", name, h.Layout)
	}
	return h, nil
}

// localAuthorities lists the lower-tier authorities with their county
// (for districts in two-tier areas) and region, and their hex; the hex
// file's region must agree with the map's.
func (g gazetteer) localAuthorities(ltla, utla []feature, hexData []byte) ([]*place, error) {
	h, err := readHex(hexData, hexLADFile)
	if err != nil {
		return nil, err
	}
	counties := pick(utla, func(f feature) bool { return strings.HasPrefix(f.code, "E10") })
	var out []*place
	for _, f := range ltla {
		region, err := g.region(f)
		if err != nil {
			return nil, err
		}
		p := &place{code: f.code, name: f.name, parent: region, region: region}
		if strings.HasPrefix(f.code, "E07") {
			in := g.within(counties, g.point(f))
			if len(in) != 1 {
				return nil, fmt.Errorf("district %s %s is in %d counties", f.code, f.name, len(in))
			}
			p.parent = in[0]
		}
		hex, ok := h.Hexes[f.code]
		if !ok {
			return nil, fmt.Errorf("%s: no hex for %s %s", hexLADFile, f.code, f.name)
		}
		if hex.Region != region {
			return nil, fmt.Errorf("%s: %s %s is in region %s, the map says %s", hexLADFile, f.code, f.name, hex.Region, region)
		}
		p.hex = &[2]int{hex.Q, hex.R}
		out = append(out, p)
	}
	if n := countEngland(h); n != len(out) {
		return nil, fmt.Errorf("%s: %d English hexes for %d authorities", hexLADFile, n, len(out))
	}
	return out, nil
}

func countEngland(h hexFile) int {
	n := 0
	for code := range h.Hexes {
		if strings.HasPrefix(code, "E") {
			n++
		}
	}
	return n
}

func (g gazetteer) upperTier(utla []feature) ([]*place, error) {
	var out []*place
	for _, f := range utla {
		region, err := g.region(f)
		if err != nil {
			return nil, err
		}
		out = append(out, &place{code: f.code, name: f.name, parent: region, region: region})
	}
	return out, nil
}

// icbPlaces joins the 2023 ICBs to their 2022 hexes: by name, or by hand
// (icbByODS) where the names differ. An ICB's parent and region are its NHS
// England region (E40), as the hex file gives it.
func icbPlaces(icb []feature, hexData []byte) ([]*place, []alias, error) {
	h, err := readHex(hexData, hexICBFile)
	if err != nil {
		return nil, nil, err
	}
	byKey := map[string]string{}
	for _, f := range icb {
		byKey[icbKey(f.name)] = f.code
	}
	places := map[string]*place{}
	for _, f := range icb {
		places[f.code] = &place{code: f.code, name: f.name}
	}
	var aliases []alias
	odsCodes := sortedKeys(h.Hexes)
	for _, ods := range odsCodes {
		hex := h.Hexes[ods]
		code, ok := icbByODS[ods]
		if !ok {
			code, ok = byKey[icbKey(hex.ICS22NM)]
		}
		p := places[code]
		if !ok || p == nil {
			return nil, nil, fmt.Errorf("%s: ICB %s %q matches no 2023 ICB", hexICBFile, ods, hex.ICS22NM)
		}
		if p.ods != "" {
			return nil, nil, fmt.Errorf("%s: ICB %s and %s both match %s", hexICBFile, p.ods, ods, code)
		}
		p.ods, p.parent, p.region, p.hex = ods, hex.NHSER, hex.NHSER, &[2]int{hex.Q, hex.R}
		if name := strings.TrimSpace(hex.ICS22NM); icbKey(name) != icbKey(p.name) {
			aliases = append(aliases, alias{kindICB, name, code, "2022 name (Open Innovations hexes)"})
		}
		if hex.STP21CD != code {
			if _, clash := places[hex.STP21CD]; clash {
				return nil, nil, fmt.Errorf("%s: ICB %s's 2021 code %s is another ICB's 2023 code", hexICBFile, ods, hex.STP21CD)
			}
			aliases = append(aliases, alias{kindICB, hex.STP21CD, code, "2021 GSS code (STP21CD)"})
		}
	}
	out := make([]*place, 0, len(icb))
	for _, f := range icb {
		p := places[f.code]
		if p.ods == "" {
			return nil, nil, fmt.Errorf("%s: no hex for ICB %s %s", hexICBFile, f.code, f.name)
		}
		out = append(out, p)
	}
	return out, aliases, nil
}

// icbKey is an ICB's name without what varies between lists.
func icbKey(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(name, "&", " and ")), func(r rune) bool {
		return !('a' <= r && r <= 'z')
	}) {
		if w != "nhs" && w != "the" && w != "icb" {
			words = append(words, w)
		}
	}
	return strings.TrimSuffix(strings.Join(words, " "), " integrated care board")
}

// constituencies lists the English constituencies of a hex file; region
// gives each one's region code from the hex's region and a fields.
func constituencies(data []byte, name string, region func(region, a string) string) ([]*place, error) {
	h, err := readHex(data, name)
	if err != nil {
		return nil, err
	}
	var out []*place
	for _, code := range sortedKeys(h.Hexes) {
		if !strings.HasPrefix(code, "E") {
			continue
		}
		hex := h.Hexes[code]
		r := region(hex.Region, hex.A)
		if !strings.HasPrefix(r, "E12") {
			return nil, fmt.Errorf("%s: %s %s has no region", name, code, hex.N)
		}
		out = append(out, &place{code: code, name: hex.N, parent: r, region: r, hex: &[2]int{hex.Q, hex.R}})
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// addShapes simplifies the arcs (each once, so neighbours stay matched),
// rounds them and writes each place's path. Rings rounded to no area, or
// smaller than minArea, go, except an area's largest, so every area keeps
// a shape.
func addShapes(places []*place, fs []feature, arcs [][]pt, o options) {
	simple := make([][]pt, len(arcs))
	for i, arc := range arcs {
		simple[i] = roundArc(simplify(arc, o.eps))
	}
	for i, f := range fs {
		rs := rings(simple, f)
		largest := 0
		for j, r := range rs {
			if math.Abs(area(r)) > math.Abs(area(rs[largest])) {
				largest = j
			}
		}
		var kept [][]pt
		for j, r := range rs {
			if len(r) >= 3 && (j == largest || area(r) != 0 && math.Abs(area(r)) >= o.minArea) {
				kept = append(kept, r)
			}
		}
		places[i].d = pathData(kept)
	}
}

// formers lists the areas gone by the year with the areas now covering
// them: those containing a point inside the former area, or inside any
// lower-tier area (current or gone) that lies within it, so a county
// split among several unitaries finds them all.
func (g gazetteer) formers(kind string, gone, now, samples []feature) []former {
	var out []former
	for _, f := range gone {
		rs := rings(g.arcs, f)
		points := []pt{interiorPoint(rs)}
		for _, s := range samples {
			if p := g.point(s); contains(rs, p) {
				points = append(points, p)
			}
		}
		var succ []string
		for _, p := range points {
			succ = append(succ, g.within(now, p)...)
		}
		slices.Sort(succ)
		out = append(out, former{kind: kind, code: f.code, name: f.name, until: f.end, successors: slices.Compact(succ)})
	}
	return out
}

// hexNames are the names the hex file gives that differ from ONS's.
func hexNames(kind string, places []*place, hexData []byte) []alias {
	h, _ := readHex(hexData, hexLADFile)
	var out []alias
	for _, p := range places {
		if n := h.Hexes[p.code].N; n != p.name {
			out = append(out, alias{kind, n, p.code, "name in the Open Innovations hexes"})
		}
	}
	return out
}

// laterCodes are codes areas were given after the year (a boundary
// change), pointed at the area of the same name that year.
func laterCodes(kind string, now, later []feature) []alias {
	var out []alias
	for _, l := range later {
		for _, f := range now {
			if f.name == l.name {
				out = append(out, alias{kind, l.code, f.code, fmt.Sprintf("code from %d", l.start)})
			}
		}
	}
	return out
}

func placesTSV(places []*place) []byte {
	var b bytes.Buffer
	b.WriteString("code\tname\tparent\tregion\tods\tq\tr\td\n")
	for _, p := range places {
		q, r := "", ""
		if p.hex != nil {
			q, r = strconv.Itoa(p.hex[0]), strconv.Itoa(p.hex[1])
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.code, p.name, p.parent, p.region, p.ods, q, r, p.d)
	}
	return b.Bytes()
}

func formersTSV(fs []former) []byte {
	var b bytes.Buffer
	b.WriteString("kind\tcode\tname\tuntil\tsuccessors\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%s\n", f.kind, f.code, f.name, f.until, strings.Join(f.successors, ","))
	}
	return b.Bytes()
}

func aliasesTSV(as []alias) []byte {
	as = slices.Clone(as)
	slices.SortFunc(as, func(a, b alias) int {
		return cmp.Or(strings.Compare(a.kind, b.kind), strings.Compare(a.code, b.code), strings.Compare(a.name, b.name))
	})
	var b bytes.Buffer
	b.WriteString("kind\talias\tcode\twhy\n")
	for _, a := range as {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", a.kind, a.name, a.code, a.why)
	}
	return b.Bytes()
}

// svgSize is the size, raw and gzipped, of the areas of a kind's TSV drawn
// as bare SVG paths: what a map of them adds to a page before links,
// titles and fills.
func svgSize(tsv []byte) (raw, gz int) {
	var svg bytes.Buffer
	for i, line := range strings.Split(strings.TrimSuffix(string(tsv), "\n"), "\n") {
		cols := strings.Split(line, "\t")
		if i > 0 && len(cols) == 8 && cols[7] != "" {
			fmt.Fprintf(&svg, "<path d=\"%s\"/>\n", cols[7])
		}
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(svg.Bytes())
	w.Close()
	return svg.Len(), z.Len()
}

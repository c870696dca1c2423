package main

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
)

// The Ordnance Survey's worked example (A guide to coordinate systems in
// Great Britain, C.1): 52°39'27.2531"N 1°43'4.5177"E is E 651409.903,
// N 313177.270.
func TestBNGWorkedExample(t *testing.T) {
	lat := 52 + 39.0/60 + 27.2531/3600
	lon := 1 + 43.0/60 + 4.5177/3600
	e, n := bng(lon, lat)
	if math.Abs(e-651409.903) > 0.01 || math.Abs(n-313177.270) > 0.01 {
		t.Errorf("bng = %.3f, %.3f, want 651409.903, 313177.270", e, n)
	}
}

// Two squares sharing an edge: the edge becomes one arc, used forwards by
// one and backwards by the other, so simplifying it once keeps them matched.
func TestBuildTopologySharesEdges(t *testing.T) {
	sq := func(x0, x1 float64) [][][]pt {
		return [][][]pt{{{{x0, 0}, {x1, 0}, {x1, 1}, {x0, 1}, {x0, 0}}}}
	}
	topo := buildTopology("t", []polygonFeature{{code: "A", name: "A", polygons: sq(0, 1)}, {code: "B", name: "B", polygons: sq(1, 2)}})
	if len(topo.arcs) != 3 {
		t.Fatalf("%d arcs, want 3: %v", len(topo.arcs), topo.arcs)
	}
	a, b := topo.layers["t"][0].polygons[0][0], topo.layers["t"][1].polygons[0][0]
	shared := 0
	for _, ref := range a {
		if slices.Contains(b, ^ref) {
			shared++
		}
	}
	if shared != 1 {
		t.Errorf("A %v and B %v share %d arcs, want 1 (one way round each)", a, b, shared)
	}
	for _, f := range topo.layers["t"] {
		if r := ring(topo.arcs, f.polygons[0][0]); len(r) != 4 || math.Abs(area(r)) != 1 {
			t.Errorf("%s: ring %v", f.code, r)
		}
	}
}

func TestPathData(t *testing.T) {
	got := pathData([][]pt{{{10, 20}, {15, 20}, {15, 25}}, {{30, 30}, {29, 30}, {29, 28}}})
	if want := "M10 20l5 0 0 5zm20 10l-1 0 0-2z"; got != want {
		t.Errorf("pathData = %q, want %q", got, want)
	}
}

// Rounding can fold a sliver into a spike (out to a point and straight
// back); the ring drops it, wherever it falls.
func TestRingDropsSpikes(t *testing.T) {
	for _, tc := range []struct {
		name string
		arcs [][]pt
		want []pt
	}{
		{"middle", [][]pt{{{0, 0}, {2, 0}, {3, 0}, {2, 0}, {2, 2}, {0, 0}}}, []pt{{0, 0}, {2, 0}, {2, 2}}},
		{"across arcs", [][]pt{{{0, 0}, {2, 0}, {3, 0}}, {{3, 0}, {2, 0}, {2, 2}, {0, 0}}}, []pt{{0, 0}, {2, 0}, {2, 2}}},
		{"at the close", [][]pt{{{0, 0}, {2, 0}, {2, 2}, {0, 0}, {-1, 0}, {0, 0}}}, []pt{{0, 0}, {2, 0}, {2, 2}}},
		{"a sliver", [][]pt{{{0, 0}, {2, 0}, {0, 0}}}, []pt{{0, 0}}},
	} {
		refs := make([]int, len(tc.arcs))
		for i := range refs {
			refs[i] = i
		}
		if got := ring(tc.arcs, refs); !slices.Equal(got, tc.want) {
			t.Errorf("%s: ring = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSimplifyKeepsEnds(t *testing.T) {
	arc := []pt{{0, 0}, {1, 0.1}, {2, -0.1}, {3, 5}, {4, 0}}
	got := simplify(arc, 0.5)
	if want := []pt{{0, 0}, {2, -0.1}, {3, 5}, {4, 0}}; !slices.Equal(got, want) {
		t.Errorf("simplify = %v, want %v", got, want)
	}
	closed := []pt{{0, 0}, {1, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}
	if got := simplify(closed, 0.5); got[0] != got[len(got)-1] || len(got) != 5 {
		t.Errorf("simplify(closed) = %v, want the square, still closed", got)
	}
}

// A small England: one region of two unitary authorities sharing an edge,
// a district gone in 2020, one ICB and a constituency in each set.
var tinyInputs = inputs{
	topo: []byte(`{"type":"Topology","arcs":[
		[[-1.5,52],[-1.5,52.5],[-1.5,53]],
		[[-1.5,53],[-2,53],[-2,52],[-1.5,52]],
		[[-1.5,52],[-1,52],[-1,53],[-1.5,53]]],
	 "objects":{
		"ltla":{"type":"GeometryCollection","geometries":[
			{"type":"Polygon","arcs":[[0,1]],"properties":{"areacd":"E06000001","areanm":"Westshire"}},
			{"type":"Polygon","arcs":[[2,-1]],"properties":{"areacd":"E06000002","areanm":"Eastshire, City of"}},
			{"type":"Polygon","arcs":[[0,1]],"properties":{"areacd":"E07000001","areanm":"Oldtown","end":2020}},
			{"type":"Polygon","arcs":[[0,1]],"properties":{"areacd":"W06000001","areanm":"Not England"}}]},
		"utla":{"type":"GeometryCollection","geometries":[
			{"type":"Polygon","arcs":[[0,1]],"properties":{"areacd":"E06000001","areanm":"Westshire"}},
			{"type":"Polygon","arcs":[[2,-1]],"properties":{"areacd":"E06000002","areanm":"Eastshire, City of"}}]},
		"rgn":{"type":"GeometryCollection","geometries":[
			{"type":"Polygon","arcs":[[1,2]],"properties":{"areacd":"E12000001","areanm":"North East"}}]}}}`),
	icb: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature",
		"properties":{"ICB23CD":"E54000001","ICB23NM":"NHS Test Integrated Care Board"},
		"geometry":{"type":"Polygon","coordinates":[[[-2,52],[-1,52],[-1,53],[-2,53],[-2,52]]]}}]}`),
	regions: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature",
		"properties":{"RGN23CD":"E12000001","RGN23NM":"North East"},
		"geometry":{"type":"Polygon","coordinates":[[[-2,52],[-1,52],[-1,53],[-2,53],[-2,52]]]}}]}`),
	hexLAD: []byte(`{"layout":"odd-r","hexes":{
		"E06000001":{"n":"Westshire","q":0,"r":0,"region":"E12000001"},
		"E06000002":{"n":"Eastshire","q":1,"r":0,"region":"E12000001"},
		"W06000001":{"n":"Not England","q":-1,"r":0,"region":"W92000004"}}}`),
	hexICB: []byte(`{"layout":"odd-r","hexes":{
		"QAA":{"n":"TST","ICS22NM":"NHS Test ","STP21CD":"E54000009","NHSER21CD":"E40000001","q":0,"r":0}}}`),
	hexCon2010: []byte(`{"layout":"odd-r","hexes":{
		"E14000001":{"n":"West Seat","q":0,"r":0,"a":"NE"},
		"S14000001":{"n":"Not England","q":0,"r":1,"a":"SC"}}}`),
	hexCon2024: []byte(`{"layout":"odd-r","hexes":{
		"E14001001":{"n":"East Seat","q":1,"r":0,"region":"E12000001"}}}`),
}

// The script is rerunnable: the same sources give the same bytes.
func TestBuildIsDeterministic(t *testing.T) {
	first, err := build(tinyInputs, defaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := build(tinyInputs, defaultOptions)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range first {
			if !bytes.Equal(b, again[name]) {
				t.Fatalf("%s differs between runs:\n%s\n---\n%s", name, b, again[name])
			}
		}
	}
	la := string(first["local-authority.tsv"])
	for _, want := range []string{
		"E06000001\tWestshire\tE12000001\tE12000001\t\t0\t0\tM",
		"E06000002\tEastshire, City of\tE12000001\tE12000001\t\t1\t0\tM",
	} {
		if !strings.Contains(la, want) {
			t.Errorf("local-authority.tsv lacks %q:\n%s", want, la)
		}
	}
	if strings.Contains(la, "W06000001") || strings.Contains(la, "E07000001") {
		t.Errorf("local-authority.tsv has an area outside England or gone by 2023:\n%s", la)
	}
	for file, want := range map[string]string{
		"formers.tsv":           "local-authority\tE07000001\tOldtown\t2020\tE06000001\n",
		"aliases.tsv":           "icb\tE54000009\tE54000001\t2021 GSS code (STP21CD)\n",
		"icb.tsv":               "E54000001\tNHS Test Integrated Care Board\tE40000001\tE40000001\tQAA\t0\t0\tM",
		"constituency-2010.tsv": "E14000001\tWest Seat\tE12000001\tE12000001\t\t0\t0\t\n",
		"constituency-2024.tsv": "E14001001\tEast Seat\tE12000001\tE12000001\t\t1\t0\t\n",
	} {
		if !strings.Contains(string(first[file]), want) {
			t.Errorf("%s lacks %q:\n%s", file, want, first[file])
		}
	}
	if strings.Contains(string(first["constituency-2010.tsv"]), "S14000001") {
		t.Error("constituency-2010.tsv has a Scottish seat")
	}
}

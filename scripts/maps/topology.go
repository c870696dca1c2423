package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// pt is a point: longitude and latitude as read, then projected metres,
// then viewBox units.
type pt struct{ x, y float64 }

// feature is one area of a layer: its polygons are lists of rings, each
// ring a list of arc references in TopoJSON's convention (i is arc i as
// stored, ^i is arc i backwards), so neighbours share the arcs between
// them and simplifying an arc once keeps both sides matched.
type feature struct {
	code, name string
	start, end int // years the area existed, 0 when open (TopoJSON start/end)
	polygons   [][][]int
}

// alive reports whether the area existed in year.
func (f feature) alive(year int) bool {
	return (f.start == 0 || f.start <= year) && (f.end == 0 || f.end >= year)
}

// topology is a set of arcs and the layers of features built from them.
type topology struct {
	arcs   [][]pt
	layers map[string][]feature
}

type topoJSON struct {
	Arcs      [][][2]float64 `json:"arcs"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string          `json:"type"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				Code  string `json:"areacd"`
				Name  string `json:"areanm"`
				Start int    `json:"start"`
				End   int    `json:"end"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// readTopoJSON decodes a TopoJSON topology (quantised, delta-encoded
// arcs) into absolute longitude and latitude, keeping its shared arcs.
func readTopoJSON(data []byte, layers ...string) (topology, error) {
	var doc topoJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		return topology{}, err
	}
	t := topology{layers: map[string][]feature{}}
	for _, arc := range doc.Arcs {
		line := make([]pt, len(arc))
		var x, y float64
		for i, p := range arc {
			if doc.Transform == nil {
				line[i] = pt{p[0], p[1]}
				continue
			}
			x, y = x+p[0], y+p[1]
			line[i] = pt{x*doc.Transform.Scale[0] + doc.Transform.Translate[0], y*doc.Transform.Scale[1] + doc.Transform.Translate[1]}
		}
		t.arcs = append(t.arcs, line)
	}
	for _, name := range layers {
		obj, ok := doc.Objects[name]
		if !ok {
			return topology{}, fmt.Errorf("no layer %q", name)
		}
		for _, g := range obj.Geometries {
			f := feature{code: g.Properties.Code, name: g.Properties.Name, start: g.Properties.Start, end: g.Properties.End}
			switch g.Type {
			case "Polygon":
				var rings [][]int
				if err := json.Unmarshal(g.Arcs, &rings); err != nil {
					return topology{}, fmt.Errorf("%s %s: %w", name, f.code, err)
				}
				f.polygons = [][][]int{rings}
			case "MultiPolygon":
				if err := json.Unmarshal(g.Arcs, &f.polygons); err != nil {
					return topology{}, fmt.Errorf("%s %s: %w", name, f.code, err)
				}
			default:
				return topology{}, fmt.Errorf("%s %s: geometry %q is not a polygon", name, f.code, g.Type)
			}
			t.layers[name] = append(t.layers[name], f)
		}
	}
	return t, nil
}

// polygonFeature is an area read from GeoJSON: polygons of rings of points.
type polygonFeature struct {
	code, name string
	polygons   [][][]pt
}

// buildTopology turns polygons that share vertices along common borders
// into shared arcs, as TopoJSON does: a point is a junction where the
// rings through it do not all have the same two neighbours; rings are cut
// at junctions and identical pieces (either way round) are stored once.
func buildTopology(layer string, features []polygonFeature) topology {
	var rings [][]pt
	for _, f := range features {
		for _, poly := range f.polygons {
			for _, r := range poly {
				rings = append(rings, openRing(r))
			}
		}
	}
	junctions := findJunctions(rings)
	t := topology{layers: map[string][]feature{}}
	index := map[string]int{}
	for _, f := range features {
		out := feature{code: f.code, name: f.name}
		for _, poly := range f.polygons {
			var refs [][]int
			for _, r := range poly {
				refs = append(refs, t.addRing(openRing(r), junctions, index))
			}
			out.polygons = append(out.polygons, refs)
		}
		t.layers[layer] = append(t.layers[layer], out)
	}
	return t
}

// openRing drops a ring's closing point and repeated points.
func openRing(r []pt) []pt {
	out := make([]pt, 0, len(r))
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	if len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

func findJunctions(rings [][]pt) map[pt]bool {
	type pair struct{ a, b pt }
	seen := map[pt]pair{}
	junctions := map[pt]bool{}
	for _, r := range rings {
		n := len(r)
		for i, p := range r {
			a, b := r[(i+n-1)%n], r[(i+1)%n]
			if less(b, a) {
				a, b = b, a
			}
			if old, ok := seen[p]; ok && old != (pair{a, b}) {
				junctions[p] = true
			}
			seen[p] = pair{a, b}
		}
	}
	return junctions
}

func less(a, b pt) bool { return a.x < b.x || a.x == b.x && a.y < b.y }

// addRing cuts a ring at its junctions and returns its arc references,
// adding arcs not already stored.
func (t *topology) addRing(r []pt, junctions map[pt]bool, index map[string]int) []int {
	start := slices.IndexFunc(r, func(p pt) bool { return junctions[p] })
	if start < 0 { // a ring that meets no other: one closed arc from its least point
		start = 0
		for i, p := range r {
			if less(p, r[start]) {
				start = i
			}
		}
	}
	rotated := append(slices.Clone(r[start:]), r[:start]...)
	rotated = append(rotated, rotated[0])
	var refs []int
	from := 0
	for i := 1; i < len(rotated); i++ {
		if i == len(rotated)-1 || junctions[rotated[i]] {
			refs = append(refs, t.addArc(rotated[from:i+1], index))
			from = i
		}
	}
	return refs
}

func (t *topology) addArc(arc []pt, index map[string]int) int {
	if i, ok := index[arcKey(arc)]; ok {
		return i
	}
	back := slices.Clone(arc)
	slices.Reverse(back)
	if i, ok := index[arcKey(back)]; ok {
		return ^i
	}
	t.arcs = append(t.arcs, slices.Clone(arc))
	index[arcKey(arc)] = len(t.arcs) - 1
	return len(t.arcs) - 1
}

func arcKey(arc []pt) string {
	b := make([]byte, 0, 16*len(arc))
	for _, p := range arc {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.x))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.y))
	}
	return string(b)
}

type geoJSON struct {
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// readGeoJSON reads polygon features, naming each by its code and name
// properties.
func readGeoJSON(data []byte, codeProp, nameProp string) ([]polygonFeature, error) {
	var doc geoJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var out []polygonFeature
	for i, f := range doc.Features {
		code, _ := f.Properties[codeProp].(string)
		name, _ := f.Properties[nameProp].(string)
		if code == "" || name == "" {
			return nil, fmt.Errorf("feature %d: no %s or %s", i, codeProp, nameProp)
		}
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var rings [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &rings); err != nil {
				return nil, fmt.Errorf("%s: %w", code, err)
			}
			polys = [][][][2]float64{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", code, err)
			}
		default:
			return nil, fmt.Errorf("%s: geometry %q is not a polygon", code, f.Geometry.Type)
		}
		pf := polygonFeature{code: code, name: name}
		for _, poly := range polys {
			var rings [][]pt
			for _, r := range poly {
				ring := make([]pt, len(r))
				for j, p := range r {
					ring[j] = pt{p[0], p[1]}
				}
				rings = append(rings, ring)
			}
			pf.polygons = append(pf.polygons, rings)
		}
		out = append(out, pf)
	}
	return out, nil
}

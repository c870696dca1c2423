package main

import (
	"math"
	"slices"
	"strconv"
)

// ring joins arc references into one ring of points (open: the closing
// point is not repeated), without the spikes (a point, then straight back)
// that rounding leaves where a sliver of water or land collapsed.
func ring(arcs [][]pt, refs []int) []pt {
	var out []pt
	for _, ref := range refs {
		var arc []pt
		if ref >= 0 {
			arc = arcs[ref]
		} else {
			arc = slices.Clone(arcs[^ref])
			slices.Reverse(arc)
		}
		for _, p := range arc {
			switch {
			case len(out) > 0 && out[len(out)-1] == p:
			case len(out) > 1 && out[len(out)-2] == p: // a spike out and back, left by rounding
				out = out[:len(out)-1]
			default:
				out = append(out, p)
			}
		}
	}
	// The same where the ring closes: its end may run back over its start.
	for len(out) > 2 && (out[0] == out[len(out)-1] || out[1] == out[len(out)-1] || out[0] == out[len(out)-2]) {
		switch {
		case out[0] == out[len(out)-1]:
			out = out[:len(out)-1]
		case out[1] == out[len(out)-1]: // ... b, a, b: the ring starts with a spike
			out = out[1 : len(out)-1]
		default: // ... a, x, | a: the ring ends with a spike
			out = out[:len(out)-1]
		}
	}
	if len(out) == 2 && out[0] == out[1] {
		out = out[:1]
	}
	return out
}

// rings lists every ring of a feature, exterior and holes alike: the
// even-odd rule over all of them tells inside from outside.
func rings(arcs [][]pt, f feature) [][]pt {
	var out [][]pt
	for _, poly := range f.polygons {
		for _, refs := range poly {
			out = append(out, ring(arcs, refs))
		}
	}
	return out
}

// area is a ring's signed area (shoelace formula).
func area(r []pt) float64 {
	var s float64
	for i, p := range r {
		q := r[(i+1)%len(r)]
		s += p.x*q.y - q.x*p.y
	}
	return s / 2
}

// contains reports whether p lies inside the rings (even-odd rule).
func contains(rs [][]pt, p pt) bool {
	in := false
	for _, r := range rs {
		for i, a := range r {
			b := r[(i+1)%len(r)]
			if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
				in = !in
			}
		}
	}
	return in
}

// interiorPoint finds a point well inside the area: the middle of the
// widest stretch of a horizontal line through the largest ring, trying a
// few heights. The centroid would do for most areas, but not for a
// crescent or a coast with bays.
func interiorPoint(rs [][]pt) pt {
	largest := rs[0]
	for _, r := range rs[1:] {
		if math.Abs(area(r)) > math.Abs(area(largest)) {
			largest = r
		}
	}
	minY, maxY := largest[0].y, largest[0].y
	for _, p := range largest {
		minY, maxY = min(minY, p.y), max(maxY, p.y)
	}
	var best pt
	bestWidth := -1.0
	for _, f := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8} {
		y := minY + f*(maxY-minY)
		var xs []float64
		for _, r := range rs {
			for i, a := range r {
				b := r[(i+1)%len(r)]
				if (a.y > y) != (b.y > y) {
					xs = append(xs, (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x)
				}
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			if w := xs[i+1] - xs[i]; w > bestWidth {
				bestWidth, best = w, pt{(xs[i] + xs[i+1]) / 2, y}
			}
		}
	}
	return best
}

// simplify applies Douglas-Peucker to an arc, keeping its ends (where it
// meets other arcs) so that every ring using it stays closed and matched.
// A closed arc (an island) is split at its farthest point first.
func simplify(arc []pt, eps float64) []pt {
	if len(arc) < 3 {
		return slices.Clone(arc)
	}
	if arc[0] == arc[len(arc)-1] {
		far, d := 0, -1.0
		for i, p := range arc {
			if dd := math.Hypot(p.x-arc[0].x, p.y-arc[0].y); dd > d {
				far, d = i, dd
			}
		}
		if far == 0 {
			return []pt{arc[0]}
		}
		a, b := simplify(arc[:far+1], eps), simplify(arc[far:], eps)
		return append(a, b[1:]...)
	}
	keep := make([]bool, len(arc))
	keep[0], keep[len(arc)-1] = true, true
	stack := [][2]int{{0, len(arc) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, d := -1, eps
		for i := s[0] + 1; i < s[1]; i++ {
			if dd := segmentDistance(arc[i], arc[s[0]], arc[s[1]]); dd > d {
				far, d = i, dd
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, [2]int{s[0], far}, [2]int{far, s[1]})
		}
	}
	var out []pt
	for i, p := range arc {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

func segmentDistance(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	if dx == 0 && dy == 0 {
		return math.Hypot(p.x-a.x, p.y-a.y)
	}
	t := max(0, min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/(dx*dx+dy*dy)))
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}

// roundArc rounds an arc to whole viewBox units, dropping points that
// round onto the one before.
func roundArc(arc []pt) []pt {
	var out []pt
	for _, p := range arc {
		q := pt{math.Round(p.x), math.Round(p.y)}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

// pathData writes rings of whole-unit points as SVG path data: an
// absolute move to the first ring's start, then only relative commands
// ("m" from the previous ring's start, where "z" leaves the pen), with
// no space before a minus sign, which separates numbers by itself.
func pathData(rs [][]pt) string {
	var b []byte
	num := func(v float64) {
		n := int64(v)
		if n >= 0 && len(b) > 0 && b[len(b)-1] >= '0' && b[len(b)-1] <= '9' {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, n, 10)
	}
	var at pt
	for i, r := range rs {
		if i == 0 {
			b = append(b, 'M')
			num(r[0].x)
			num(r[0].y)
		} else {
			b = append(b, 'm')
			num(r[0].x - at.x)
			num(r[0].y - at.y)
		}
		at = r[0]
		b = append(b, 'l')
		prev := r[0]
		for _, p := range r[1:] {
			num(p.x - prev.x)
			num(p.y - prev.y)
			prev = p
		}
		b = append(b, 'z')
	}
	return string(b)
}

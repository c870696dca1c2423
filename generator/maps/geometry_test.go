package maps

import (
	"fmt"
	"strings"
	"testing"
)

func TestHexPaths(t *testing.T) {
	paths, w, h := hexPaths([]Hex{{Q: 0, R: 0}, {Q: 1, R: 0}, {Q: 0, R: 1}})
	want := []string{
		"M8 13l7 4v8l-7 4-7-4v-8z",  // row 0 is the bottom row
		"M22 13l7 4v8l-7 4-7-4v-8z", // one hex width (14) to the right
		"M15 1l7 4v8l-7 4-7-4v-8z",  // odd row: half a hex right, one row up
	}
	if strings.Join(paths, " ") != strings.Join(want, " ") || w != 37 || h != 30 {
		t.Errorf("hexPaths = %q, %d×%d; want %q, 37×30", paths, w, h, want)
	}
}

// TestHexNeighboursTouch: in odd-r, a hex shares an edge (two vertices)
// with its six neighbours and none with anything else, negative and odd
// rows included.
func TestHexNeighboursTouch(t *testing.T) {
	var hexes []Hex
	for r := -3; r <= 3; r++ {
		for q := -3; q <= 3; q++ {
			hexes = append(hexes, Hex{Code: fmt.Sprint(q, r), Q: q, R: r})
		}
	}
	paths, _, _ := hexPaths(hexes)
	vertices := map[[2]int]map[point]bool{}
	for i, x := range hexes {
		rings, err := parsePath(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		vertices[[2]int{x.Q, x.R}] = map[point]bool{}
		for _, p := range rings[0] {
			vertices[[2]int{x.Q, x.R}][p] = true
		}
	}
	neighbours := func(q, r int) map[[2]int]bool {
		d := 0
		if r&1 == 1 {
			d = 1 // odd rows sit half a hex right
		}
		return map[[2]int]bool{{q - 1, r}: true, {q + 1, r}: true,
			{q - 1 + d, r + 1}: true, {q + d, r + 1}: true, {q - 1 + d, r - 1}: true, {q + d, r - 1}: true}
	}
	for _, a := range hexes {
		for _, b := range hexes {
			if a == b {
				continue
			}
			shared := 0
			for p := range vertices[[2]int{a.Q, a.R}] {
				if vertices[[2]int{b.Q, b.R}][p] {
					shared++
				}
			}
			want := 0
			if neighbours(a.Q, a.R)[[2]int{b.Q, b.R}] {
				want = 2
			}
			if shared != want {
				t.Errorf("hexes %d,%d and %d,%d share %d vertices, want %d", a.Q, a.R, b.Q, b.R, shared, want)
			}
		}
	}
}

func TestCompactPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"M0 0 L10 0 L10 10 L0 10 Z", "M0 0h10v10h-10z"},
		{"M 0,0 L 10,0 10,10 0,10 0,0 z", "M0 0h10v10h-10z"},
		{"m10 10 l5 5 -5 5z", "M10 10l5 5-5 5z"},
		{"M0 0H10V10Z", "M0 0h10v10z"},
		{"M0 0H10L0 10Z", "M0 0h10l-10 10z"},
		{"M1 1 L4 2 L4 2 L3 5 L1 1 Z", "M1 1l3 1-1 3z"},
		{"M0.04 0 L1.25 0.05 L1 1 Z", "M0 0l1.3 0.1-0.3 0.9z"},
		{"M0 0h2v2h-2zM5 5h2v2h-2z", "M0 0h2v2h-2zm5 5h2v2h-2z"},
		{"M0 0L1 1ZM5 5h2v2h-2z", "M5 5h2v2h-2z"},
		{"M0 0 L10 0 L5 5 M 20 0 l10 0 -5 5", "M0 0h10l-5 5zm20 0h10l-5 5z"},
	}
	for _, tt := range tests {
		got, err := compactPath(tt.in, 100, 100)
		if err != nil || got != tt.want {
			t.Errorf("compactPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestCompactPathRefuses(t *testing.T) {
	tests := []struct{ in, want string }{
		{"M0 0 C1 1 2 2 3 3 Z", "not a polygon command"},
		{"M0 0 A1 1 0 0 1 3 3 Z", "not a polygon command"},
		{"M1e2 0 L1 1 L0 1Z", "exponent"},
		{"0 0 L1 1", "starts with a number"},
		{"M0 0 L1", "numbers in pairs"},
		{"M0 0 L1 1 Z 3", "takes no numbers"},
		{"M0 0 L200 0 L0 5 Z", "outside the 100×100 viewBox"},
		{"M0 0 L-1 5 L5 5 Z", "outside"},
		{"M0 0 L1 1 Z", "encloses no area"},
		{"M0 0 L1 . L3 3", "not a number"},
		{"M0 0 L12345678901 0 L1 1", "too large"},
	}
	for _, tt := range tests {
		_, err := compactPath(tt.in, 100, 100)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("compactPath(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestDrawingOrder: shapes are drawn (and focused) in the order
// given; hexes in reading order, top row first.
func TestDrawingOrder(t *testing.T) {
	g := Geometry{Width: 10, Height: 10, Shapes: []Shape{{Code: "b", D: "M0 0h1v1z"}, {Code: "a", D: "M2 2h1v1z"}}}
	drawn, _, _, err := g.layout()
	if err != nil || drawn[0].Code != "b" || drawn[1].Code != "a" {
		t.Errorf("shapes drawn %v (%v), want b then a", drawn, err)
	}
	g = Geometry{Hexes: []Hex{{Code: "low-right", Q: 1, R: 0}, {Code: "top", Q: 0, R: 1}, {Code: "low-left", Q: 0, R: 0}}}
	drawn, _, _, _ = g.layout()
	var got []string
	for _, d := range drawn {
		got = append(got, d.Code)
	}
	if strings.Join(got, " ") != "top low-left low-right" {
		t.Errorf("hexes drawn in order %v", got)
	}
}

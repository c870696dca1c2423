package maps

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"fundsite/generator/money"
)

// budget is what one map of 300 areas may add to a page, compressed
// (issue 30: at most 40 KB, pages within 150 KB).
const budget = 40 * 1024

func gzipSize(t *testing.T, s string) int {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// areasFor gives each code a realistic name, page and amount, with one in
// ten without data.
func areasFor(codes []string, rng *rand.Rand) []Area {
	var areas []Area
	for i, code := range codes {
		name := fmt.Sprintf("Borough of Somewhere-upon-Trent %d", i)
		a := Area{Code: code, Name: name, Href: "/local-authorities/borough-of-somewhere-upon-trent-" + fmt.Sprint(i) + "/"}
		if i%10 != 0 {
			a.Value, a.HasValue = rng.Int64N(5_000_000_000), true
			a.ValueText = money.Short(money.Pence(a.Value))
		}
		areas = append(areas, a)
	}
	return areas
}

// TestSizeBudget measures a 300-area hex cartogram and a 300-area map of
// shapes with 60 points each (random wobbles, which compress worse than
// real boundaries), and fails over budget.
func TestSizeBudget(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	hexMap := Map{ID: "hex-map", Title: "Grants by local authority", Format: func(v int64) string { return money.Short(money.Pence(v)) },
		Attribution: "Hex layout: Open Innovations (MIT licence)"}
	shapeMap := hexMap
	shapeMap.ID = "shape-map"
	shapeMap.Attribution = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2023."
	shapeMap.Width, shapeMap.Height = 1000, 1000
	var codes []string
	for i := range 300 {
		code := fmt.Sprintf("E0%07d", i)
		codes = append(codes, code)
		hexMap.Hexes = append(hexMap.Hexes, Hex{Code: code, Name: "x", Q: i % 20, R: i / 20})
		shapeMap.Shapes = append(shapeMap.Shapes, Shape{Code: code, Name: "x", D: wobblyShape(rng, 25+(i%20)*50, 25+(i/20)*50, 22, 60)})
	}
	hexMap.Areas = areasFor(codes, rng)
	shapeMap.Areas = areasFor(codes, rng)
	for _, m := range []Map{hexMap, shapeMap} {
		out, err := Render(m)
		if err != nil {
			t.Fatal(err)
		}
		loc, err := Locator(LocatorMap{ID: m.ID + "-where", Title: "Where", Geometry: m.Geometry, Highlight: codes[7], Attribution: m.Attribution})
		if err != nil {
			t.Fatal(err)
		}
		size := gzipSize(t, string(out))
		t.Logf("%s: 300 areas, %d bytes, %d bytes gzipped; locator %d bytes, %d gzipped",
			m.ID, len(out), size, len(loc), gzipSize(t, string(loc)))
		if size > budget {
			t.Errorf("%s adds %d bytes gzipped to its page, over the %d budget", m.ID, size, budget)
		}
	}
}

// wobblyShape is a closed ring of n points around cx, cy, written with
// absolute integer coordinates as boundary data might be.
func wobblyShape(rng *rand.Rand, cx, cy, r, n int) string {
	var b strings.Builder
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		rr := float64(r) * (0.8 + 0.2*rng.Float64())
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&b, "%s%d %d ", cmd, cx+int(math.Round(rr*math.Cos(a))), cy+int(math.Round(rr*math.Sin(a))))
	}
	b.WriteString("Z")
	return b.String()
}

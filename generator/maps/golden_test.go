package maps

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"fundsite/generator/money"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden pins the whole markup of a tiny map and a tiny locator, so
// any change to what pages embed is seen in review. Regenerate with
// go test ./generator/maps/ -run TestGolden -update.
func TestGolden(t *testing.T) {
	hexes := []Hex{
		{Code: "E07000105", Name: "Ashford", Q: 0, R: 1},
		{Code: "E07000108", Name: "Dover", Q: 1, R: 1},
		{Code: "E06000035", Name: "Medway", Q: 0, R: 0},
		{Code: "E07000113", Name: "Swale", Q: 1, R: 0},
	}
	short := func(v int64) string { return money.Short(money.Pence(v)) }
	m := Map{
		ID:          "tiny",
		Title:       "Grants by council, 2023-24",
		Geometry:    Geometry{Hexes: hexes},
		Format:      short,
		Attribution: "Hex layout: Open Innovations (MIT licence)",
		Areas: []Area{
			{Code: "E07000105", Href: "/local-authorities/ashford/", Value: 120_000_000, HasValue: true, ValueText: "£1.2m"},
			{Code: "E06000035", Href: "/local-authorities/medway/", Value: 53_000_000, HasValue: true},
			{Code: "E07000113", Name: "Swale", Href: "/local-authorities/swale/"},
		},
	}
	out, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := Locator(LocatorMap{ID: "tiny-where", Title: "Dover among Kent's councils", Geometry: Geometry{Hexes: hexes},
		Highlight: "E07000108", Attribution: "Hex layout: Open Innovations (MIT licence)"})
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"tiny-map.html": string(out), "tiny-locator.html": string(loc)} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got+"\n" != string(want) {
			i := firstDifference(got+"\n", string(want))
			t.Errorf("%s differs from the golden file at byte %d:\n got: …%s…\nwant: …%s…", name, i, around(got, i), around(string(want), i))
		}
	}
}

func firstDifference(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func around(s string, i int) string { return s[max(i-80, 0):min(i+80, len(s))] }

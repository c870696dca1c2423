package maps

import (
	"strings"
	"testing"
)

func TestLocator(t *testing.T) {
	g := Geometry{Hexes: []Hex{{Code: "a", Q: 0}, {Code: "b", Q: 1}, {Code: "c", Q: 0, R: 1}}}
	out, err := Locator(LocatorMap{ID: "where", Title: "B among its neighbours", Geometry: g, Highlight: "b", Attribution: "Hex layout: Open Innovations (MIT licence)"})
	if err != nil {
		t.Fatal(err)
	}
	root := parseXML(t, string(out))
	checkNoScriptOrStyle(t, root)
	checkIDs(t, root, "where")
	svg, _ := root.child("svg")
	title, _ := svg.child("title")
	if svg.attr("role") != "img" || svg.attr("aria-labelledby") != title.attr("id") || title.Text != "B among its neighbours" {
		t.Errorf("locator is not an image named by its title: role %q, labelledby %q, title %q", svg.attr("role"), svg.attr("aria-labelledby"), title.Text)
	}
	if svg.attr("width") != "200" || svg.attr("height") != "162" {
		t.Errorf("locator drawn %s×%s, want 200×162 (the viewBox 37×30 scaled)", svg.attr("width"), svg.attr("height"))
	}
	g0, _ := svg.child("g")
	var fills []string
	for _, p := range g0.Nodes {
		fills = append(fills, p.attr("fill"))
	}
	// Three areas; only the last (the highlight, drawn on top) has its
	// own fill, the rest take the group's light grey.
	if strings.Join(fills, ",") != ",,"+locatorHighlight || g0.attr("fill") != locatorFill {
		t.Errorf("fills %q on group %q: want the highlight alone dark, drawn last", fills, g0.attr("fill"))
	}
	if hl := g0.Nodes[2].attr("d"); hl != "M22 13l7 4v8l-7 4-7-4v-8z" {
		t.Errorf("highlighted path %q is not hex b's", hl)
	}
	if !strings.Contains(root.text(), "Open Innovations") {
		t.Error("locator lacks its attribution")
	}
}

func TestLocatorRefuses(t *testing.T) {
	g := Geometry{Hexes: []Hex{{Code: "a"}}}
	tests := []struct {
		l    LocatorMap
		want string
	}{
		{LocatorMap{ID: "l", Title: "T", Attribution: "A", Geometry: g, Highlight: "zz"}, `highlighted code "zz" is not in the geometry`},
		{LocatorMap{ID: "l", Attribution: "A", Geometry: g, Highlight: "a"}, "no title"},
		{LocatorMap{ID: "l", Title: "T", Geometry: g, Highlight: "a"}, "no attribution"},
		{LocatorMap{ID: "l", Title: "T", Attribution: "A", Highlight: "a"}, "no shapes or hexes"},
	}
	for _, tt := range tests {
		_, err := Locator(tt.l)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Locator(%+v) error = %v, want %q", tt.l, err, tt.want)
		}
	}
}

package maps

import (
	"strings"
	"testing"
)

// TestSharedOutlines: maps that share a page's Defs draw each area as a
// <use> of its outline there, painted with the map's shade, and keep
// their links and names; the outlines are written once, unpainted and
// hidden from screen readers.
func TestSharedOutlines(t *testing.T) {
	m := hexGrid(12, 4, "shared-map")
	defs, err := Defs("outlines", m.Geometry)
	if err != nil {
		t.Fatal(err)
	}
	d := parseXML(t, string(defs))
	if d.attr("aria-hidden") != "true" || d.attr("width") != "0" {
		t.Errorf("outlines are not hidden: %v", d.Attrs)
	}
	outlines := map[string]string{}
	d.walk(func(n node, _ *node) {
		if n.XMLName.Local == "path" {
			if n.attr("fill") != "" {
				t.Errorf("outline %s has its own fill %q: a <use> could not paint it", n.attr("id"), n.attr("fill"))
			}
			outlines[n.attr("id")] = n.attr("d")
		}
	})
	if len(outlines) != 12 {
		t.Fatalf("%d outlines, want 12", len(outlines))
	}

	alone, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	m.Defs = "outlines"
	out, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	var own, used []node
	parseXML(t, string(alone)).walk(func(n node, _ *node) {
		if n.XMLName.Local == "path" && n.attr("d") != "" && strings.HasPrefix(n.attr("d"), "M") && n.attr("fill") != "" {
			own = append(own, n)
		}
	})
	root := parseXML(t, string(out))
	checkNoScriptOrStyle(t, root)
	links := 0
	root.walk(func(n node, parent *node) {
		switch n.XMLName.Local {
		case "path":
			if parent != nil && parent.XMLName.Local != "pattern" {
				t.Errorf("a map sharing outlines still draws a path: %v", n.Attrs)
			}
		case "use":
			used = append(used, n)
		case "a":
			links++
		}
	})
	if len(used) != len(own) {
		t.Fatalf("%d areas drawn with <use>, want %d", len(used), len(own))
	}
	for i, u := range used {
		id := strings.TrimPrefix(u.attr("href"), "#")
		if outlines[id] != own[i].attr("d") || u.attr("fill") != own[i].attr("fill") {
			t.Errorf("area %d uses %q (outline %q) filled %q; drawn alone it is %q filled %q", i, id, outlines[id], u.attr("fill"), own[i].attr("d"), own[i].attr("fill"))
		}
	}
	if links == 0 || len(out) >= len(alone) {
		t.Errorf("%d links; sharing map is %d bytes, alone %d", links, len(out), len(alone))
	}
	if _, err := Defs("Bad id", m.Geometry); err == nil {
		t.Error("Defs took an id with a capital and a space")
	}
}

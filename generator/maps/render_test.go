package maps

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestRenderStructure parses a rendered map and checks what readers,
// screen readers and the CSP depend on.
func TestRenderStructure(t *testing.T) {
	for _, method := range []Classing{Quantiles, EqualIntervals} {
		t.Run(string(method), func(t *testing.T) {
			m := hexGrid(60, 8, "test-map")
			m.Classing = method
			out, err := Render(m)
			if err != nil {
				t.Fatal(err)
			}
			root := parseXML(t, string(out))
			checkNoScriptOrStyle(t, root)
			checkIDs(t, root, m.ID)
			checkAccessibleRoot(t, root)
			checkLinks(t, root, m)
			checkFillsFollowLegend(t, root, m)
		})
	}
}

// checkNoScriptOrStyle: the strict CSP (script-src and style-src 'self')
// blocks script, event handlers, style attributes and <style> elements;
// none may be needed.
func checkNoScriptOrStyle(t *testing.T, root node) {
	t.Helper()
	root.walk(func(n node, _ *node) {
		switch n.XMLName.Local {
		case "script", "style", "foreignObject":
			t.Errorf("map has a <%s> element", n.XMLName.Local)
		}
		for _, a := range n.Attrs {
			if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
				t.Errorf("<%s> has a %s attribute", n.XMLName.Local, a.Name.Local)
			}
			if strings.Contains(strings.ToLower(a.Value), "javascript:") {
				t.Errorf("<%s %s=%q> runs script", n.XMLName.Local, a.Name.Local, a.Value)
			}
		}
	})
}

// checkIDs: ids are unique and carry the map's prefix, so two maps on a
// page cannot collide; every url(#…) and aria reference resolves.
func checkIDs(t *testing.T, root node, prefix string) {
	t.Helper()
	ids := map[string]bool{}
	root.walk(func(n node, _ *node) {
		if id := n.attr("id"); id != "" {
			if ids[id] {
				t.Errorf("id %q used twice", id)
			}
			if id != prefix && !strings.HasPrefix(id, prefix+"-") {
				t.Errorf("id %q lacks the prefix %q", id, prefix)
			}
			ids[id] = true
		}
	})
	ref := regexp.MustCompile(`url\(#([^)]+)\)`)
	root.walk(func(n node, _ *node) {
		for _, a := range n.Attrs {
			targets := ref.FindAllStringSubmatch(a.Value, -1)
			if a.Name.Local == "aria-labelledby" || a.Name.Local == "aria-describedby" {
				targets = append(targets, []string{"", a.Value})
			}
			for _, m := range targets {
				if !ids[m[1]] {
					t.Errorf("<%s %s=%q> refers to no element", n.XMLName.Local, a.Name.Local, a.Value)
				}
			}
		}
	})
}

// checkAccessibleRoot: the SVG holds links, so it is a named group (a
// role="img" would hide them from screen readers), labelled by its
// <title> and described by its <desc>.
func checkAccessibleRoot(t *testing.T, root node) {
	t.Helper()
	svg, ok := root.child("svg")
	if !ok {
		t.Fatal("no <svg> in the figure")
	}
	if svg.attr("role") != "group" {
		t.Errorf("svg role = %q, want group", svg.attr("role"))
	}
	title, _ := svg.child("title")
	desc, _ := svg.child("desc")
	if title.Text == "" || svg.attr("aria-labelledby") != title.attr("id") {
		t.Errorf("svg is not labelled by its <title>: %q, %q", svg.attr("aria-labelledby"), title.attr("id"))
	}
	if desc.Text == "" || svg.attr("aria-describedby") != desc.attr("id") {
		t.Errorf("svg is not described by its <desc>: %q, %q", svg.attr("aria-describedby"), desc.attr("id"))
	}
	if caption, ok := root.child("figcaption"); !ok || caption.text() != title.Text {
		t.Errorf("figure caption %q, want the title %q", caption.text(), title.Text)
	}
}

// checkLinks: every area with a page is a link around its shape, named
// "Area: value" for screen readers (aria-label) and mouse users (title);
// areas without a page are not links but still carry their name.
func checkLinks(t *testing.T, root node, m Map) {
	t.Helper()
	links := map[string]node{}
	root.walk(func(n node, _ *node) {
		if n.XMLName.Local == "a" {
			links[n.attr("href")] = n
		}
	})
	for _, a := range m.Areas {
		want := a.Name + ": no data"
		if a.HasValue {
			want = a.Name + ": " + plain(a.Value)
		}
		link, ok := links[a.Href]
		switch {
		case a.Href == "":
			continue
		case !ok:
			t.Errorf("area %s with page %s is not a link", a.Code, a.Href)
			continue
		}
		title, _ := link.child("title")
		if link.attr("aria-label") != want || title.Text != want {
			t.Errorf("link to %s is named %q / %q, want %q", a.Href, link.attr("aria-label"), title.Text, want)
		}
		if _, ok := link.child("path"); !ok {
			t.Errorf("link to %s holds no shape", a.Href)
		}
	}
	if want := countWithHref(m.Areas); len(links) != want {
		t.Errorf("%d links, want %d (one per area with a page)", len(links), want)
	}
}

func countWithHref(areas []Area) int {
	n := 0
	for _, a := range areas {
		if a.Href != "" {
			n++
		}
	}
	return n
}

// legendItem is one line of the legend as a reader sees it.
type legendItem struct {
	fill   string
	lo, hi int64 // the values the line covers, inclusive
	noData bool
}

// readLegend reads the legend's lines back, with the plain integer
// format the test maps use: "3", "3 to under 7", "7 to 9", "No data".
func readLegend(t *testing.T, root node) []legendItem {
	t.Helper()
	var items []legendItem
	root.walk(func(n node, _ *node) {
		if n.XMLName.Local != "li" {
			return
		}
		svg, _ := n.child("svg")
		rect, _ := svg.child("rect")
		label := strings.TrimSpace(n.Text)
		it := legendItem{fill: rect.attr("fill")}
		var err error
		switch {
		case label == "No data":
			it.noData = true
		case strings.Contains(label, " to under "):
			lo, hi, _ := strings.Cut(label, " to under ")
			it.lo, err = strconv.ParseInt(lo, 10, 64)
			if err == nil {
				it.hi, err = strconv.ParseInt(hi, 10, 64)
				it.hi--
			}
		case strings.Contains(label, " to "):
			lo, hi, _ := strings.Cut(label, " to ")
			it.lo, err = strconv.ParseInt(lo, 10, 64)
			if err == nil {
				it.hi, err = strconv.ParseInt(hi, 10, 64)
			}
		default:
			it.lo, err = strconv.ParseInt(label, 10, 64)
			it.hi = it.lo
		}
		if err != nil {
			t.Fatalf("legend line %q: %v", label, err)
		}
		items = append(items, it)
	})
	return items
}

// checkFillsFollowLegend: each area is painted as the legend line whose
// range holds its value; areas without a value as the "no data" line,
// which is not the lightest class's paint.
func checkFillsFollowLegend(t *testing.T, root node, m Map) {
	t.Helper()
	legend := readLegend(t, root)
	byName := map[string]Area{}
	for _, a := range m.Areas {
		byName[a.Name] = a
	}
	paths := 0
	root.walk(func(n node, parent *node) {
		if n.XMLName.Local != "path" || parent == nil || (parent.XMLName.Local != "a" && parent.XMLName.Local != "g") {
			return
		}
		paths++
		title, ok := n.child("title")
		if !ok {
			title, _ = parent.child("title")
		}
		name, _, _ := strings.Cut(title.Text, ": ")
		a := byName[name]
		want := ""
		for _, it := range legend {
			if (it.noData && !a.HasValue) || (!it.noData && a.HasValue && it.lo <= a.Value && a.Value <= it.hi) {
				want = it.fill
			}
		}
		if got := n.attr("fill"); got != want || want == "" {
			t.Errorf("%s (value %d, has %v) filled %q, legend says %q", name, a.Value, a.HasValue, got, want)
		}
	})
	if paths != len(m.Hexes)+len(m.Shapes) {
		t.Errorf("%d areas drawn, want %d", paths, len(m.Hexes)+len(m.Shapes))
	}
	if len(legend) < 2 || !legend[len(legend)-1].noData || legend[len(legend)-1].fill == legend[0].fill {
		t.Errorf("legend %v: want classes then a 'No data' line painted unlike the lightest class", legend)
	}
}

func TestRenderLegendStatesMethodAndBreaks(t *testing.T) {
	m := hexGrid(20, 5, "legend-map")
	money := func(v int64) string { return fmt.Sprintf("£%d.%dm", v/10, v%10) }
	m.Format = money
	for _, tt := range []struct {
		method Classing
		want   []string
	}{
		{Quantiles, []string{"Quantiles: each shade holds about the same number of areas", "£0.0m to under £25.2m", "No data"}},
		{EqualIntervals, []string{"Equal intervals: each shade covers a range of the same width", "£0.0m to under £20.0m", "No data"}},
	} {
		m.Classing = tt.method
		out, err := Render(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%s legend lacks %q:\n%s", tt.method, w, out)
			}
		}
	}
}

func TestRenderSmallCases(t *testing.T) {
	base := func() Map {
		return Map{ID: "m", Title: "T", Format: plain, Attribution: "A",
			Geometry: Geometry{Hexes: []Hex{{Code: "a", Name: "A", Q: 0}, {Code: "b", Name: "B", Q: 1}}}}
	}
	tests := []struct {
		name  string
		areas []Area
		want  []string
		not   []string
	}{
		{"no figures at all", nil, []string{"No area has a figure.", "No data <span class=\"map-count\">(2 areas)"}, []string{"<circle"}},
		{"one value", []Area{{Code: "a", Value: 5, HasValue: true}},
			[]string{"Every area with a figure has the same value.", "5 <span class=\"map-count\">(1 area)", "No data"}, nil},
		{"every area has a figure", []Area{{Code: "a", Value: 5, HasValue: true}, {Code: "b", Value: 9, HasValue: true}},
			[]string{"5 to under 9 <span", "9 <span"}, []string{"No data", "-none"}},
		{"negative values", []Area{{Code: "a", Value: -5, HasValue: true}, {Code: "b", Value: 9, HasValue: true}},
			[]string{"-5 to under 9 <span", "9 <span"}, nil},
		{"ValueText is the accessible value", []Area{{Code: "a", Href: "/a/", Value: 1234, HasValue: true, ValueText: "£1.2k"}},
			[]string{`aria-label="A: £1.2k"`}, nil},
		{"names are escaped", []Area{{Code: "a", Name: `Bath & "Wells" <x>`, Href: "/a/?x=1&y=2"}},
			[]string{`aria-label="Bath &amp; &#34;Wells&#34; &lt;x&gt;: no data"`, `href="/a/?x=1&amp;y=2"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base()
			m.Areas = tt.areas
			out, err := Render(m)
			if err != nil {
				t.Fatal(err)
			}
			parseXML(t, string(out))
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(string(out), w) {
					t.Errorf("has %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestRenderRefuses: a map that would be wrong or unsafe is refused, with
// every problem named at once.
func TestRenderRefuses(t *testing.T) {
	hexes := []Hex{{Code: "a", Name: "A"}, {Code: "b", Name: "B", Q: 1}}
	ok := func() Map {
		return Map{ID: "m", Title: "T", Format: plain, Attribution: "A", Geometry: Geometry{Hexes: hexes}}
	}
	tests := []struct {
		name string
		edit func(m *Map)
		want []string
	}{
		{"bad id", func(m *Map) { m.ID = "My Map" }, []string{`id "My Map"`}},
		{"no title or attribution", func(m *Map) { m.Title, m.Attribution = " ", "" }, []string{"no title", "no attribution"}},
		{"no format", func(m *Map) { m.Format = nil }, []string{"no Format"}},
		{"unknown classing", func(m *Map) { m.Classing = "jenks" }, []string{`classing "jenks"`}},
		{"area with no shape, and one given twice", func(m *Map) {
			m.Areas = []Area{{Code: "zz", Name: "Nowhere"}, {Code: "a"}, {Code: "a"}}
		}, []string{"area zz (Nowhere) has no shape", "area a () is given twice"}},
		{"script link", func(m *Map) { m.Areas = []Area{{Code: "a", Href: "javascript:alert(1)"}} }, []string{"is not a page address"}},
		{"two hexes in one cell, a code twice", func(m *Map) {
			m.Hexes = []Hex{{Code: "a"}, {Code: "b"}, {Code: "b", Q: 3}}
		}, []string{"both at q=0, r=0", "code b is drawn twice"}},
		{"an area without a name", func(m *Map) { m.Hexes = []Hex{{Code: "a", Name: "A"}, {Code: "b", Q: 1}} }, []string{"area b has no name"}},
		{"shapes and hexes", func(m *Map) { m.Shapes = []Shape{{Code: "s", D: "M0 0h1v1z"}} }, []string{"both shapes and hexes"}},
		{"nothing to draw", func(m *Map) { m.Hexes = nil }, []string{"no shapes or hexes"}},
		{"shapes without a viewBox", func(m *Map) { m.Hexes, m.Shapes = nil, []Shape{{Code: "s", D: "M0 0h1v1z"}} }, []string{"need a Width and Height"}},
		{"bad shapes", func(m *Map) {
			m.Hexes, m.Width, m.Height = nil, 10, 10
			m.Shapes = []Shape{{Code: "c", Name: "Curve", D: "M0 0C1 1 2 2 3 3z"}, {Code: "o", Name: "Out", D: "M0 0h11v1z"}}
		}, []string{"shape c (Curve)", "not a polygon command", "shape o (Out)", "outside the 10×10 viewBox"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok()
			tt.edit(&m)
			_, err := Render(m)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	a, errA := Render(hexGrid(100, 10, "d"))
	b, errB := Render(hexGrid(100, 10, "d"))
	if errA != nil || errB != nil || a != b {
		t.Errorf("two renders differ (%v, %v)", errA, errB)
	}
}

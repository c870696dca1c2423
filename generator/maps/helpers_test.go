package maps

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// node is any element of a rendered map, parsed with encoding/xml.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls f on n and every element inside it, parents first.
func (n node) walk(f func(n node, parent *node)) {
	var rec func(n node, parent *node)
	rec = func(n node, parent *node) {
		f(n, parent)
		for _, c := range n.Nodes {
			rec(c, &n)
		}
	}
	rec(n, nil)
}

func (n node) child(name string) (node, bool) {
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			return c, true
		}
	}
	return node{}, false
}

// text is all the character data inside n.
func (n node) text() string {
	var b strings.Builder
	var rec func(n node)
	rec = func(n node) {
		b.WriteString(n.Text)
		for _, c := range n.Nodes {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// parseXML parses rendered HTML as XML: a map must be well-formed.
func parseXML(t *testing.T, html string) node {
	t.Helper()
	var root node
	d := xml.NewDecoder(strings.NewReader(html))
	d.Strict = true
	if err := d.Decode(&root); err != nil {
		t.Fatalf("map is not well-formed XML: %v\n%s", err, html)
	}
	return root
}

func plain(v int64) string { return strconv.FormatInt(v, 10) }

// hexGrid is n hexes in rows of width, with names and pages; every
// seventh has no value and every fifth no page.
func hexGrid(n, width int, id string) Map {
	m := Map{ID: id, Title: "Test map", Format: plain, Attribution: "Hex layout: Open Innovations (MIT licence)"}
	for i := range n {
		code := fmt.Sprintf("E%08d", i)
		name := fmt.Sprintf("Area %d", i)
		m.Hexes = append(m.Hexes, Hex{Code: code, Name: name, Q: i % width, R: i / width})
		a := Area{Code: code, Name: name, Value: int64(i*i*37) % 1000, HasValue: i%7 != 3}
		if i%5 != 4 {
			a.Href = fmt.Sprintf("/local-authorities/area-%d/", i)
		}
		m.Areas = append(m.Areas, a)
	}
	return m
}

// Package maps draws choropleth maps, and small locator maps, as static
// SVG inside HTML: no script and no style attribute, so a map works
// without JavaScript, in print and under the site's strict CSP
// (style-src 'self' blocks style attributes and <style> elements, not
// SVG presentation attributes such as fill= and stroke=, which are
// attributes of the document, not inline CSS).
//
// A map is drawn from geometry (geographic shapes or a hex cartogram) and
// areas (a value and a page for each code). Values are exact integers,
// pence or counts, and are split into at most five classes with integer
// arithmetic (see Breaks); the legend says how, and gives the breaks.
package maps

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Shape is one area of a geographic map. D is SVG path data made of
// polygon commands only (M, L, H, V, Z, absolute or relative) in the
// Geometry's viewBox, x rightwards and y downwards from 0,0 at the top
// left; integer coordinates in a box about 1,000 units wide are plenty
// (Render keeps one decimal at most).
type Shape struct{ Code, Name, D string }

// Hex is one area of a hex cartogram, at column Q and row R of an Open
// Innovations HexJSON "odd-r" layout (rows counted upwards, odd rows
// shifted half a hex right).
type Hex struct {
	Code, Name string
	Q, R       int
}

// Geometry is what a map draws: either Shapes in a Width×Height viewBox,
// or Hexes, whose viewBox is worked out from their rows and columns.
type Geometry struct {
	Shapes        []Shape
	Width, Height int
	Hexes         []Hex
}

// Area is the figure for one code. ValueText is the value already written
// in house style ("£1.2m"); when empty the Map's Format writes it. Href is
// the area's page; an area without one is drawn but is not a link.
type Area struct {
	Code, Name, Href string
	Value            int64
	HasValue         bool
	ValueText        string
}

// Map is one choropleth.
type Map struct {
	// ID prefixes every id in the map ("arf-2023-24-icb-map"), so two
	// maps on a page never share one: lower-case letters, digits, '-'.
	ID string
	// Title names the map; Description, if given, is read out after it
	// (by default a sentence on the shading is).
	Title, Description string
	Geometry
	// Areas are the figures; a code in the geometry with no area is
	// drawn as "no data".
	Areas []Area
	// Classing is Quantiles (the default) or EqualIntervals.
	Classing Classing
	// Format writes a break in the legend in house style ("£1.2m").
	Format func(int64) string
	// Attribution is the source a map must credit, printed under it.
	Attribution string
	// Defs, when set, is the id of the page's Defs of this geometry: the
	// map then draws its areas as <use> of those outlines. The page must
	// carry that Defs, drawn from the same geometry.
	Defs string
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// drawnArea is one area as drawn: its compact path and, if any, its figure.
type drawnArea struct {
	Code, Name, D string
	Area          *Area
}

// Render draws m as a <figure>: a caption with the title, the SVG, the
// legend and the attribution. Every area with a page is a link whose
// accessible name carries its name and value ("Kent: £1.2m"). Problems
// (a code drawn twice, an area with no shape, a missing title) are
// returned together.
func Render(m Map) (template.HTML, error) {
	var errs []error
	errs = append(errs, checkHeader(m.ID, m.Title, m.Attribution)...)
	if m.Format == nil {
		errs = append(errs, errors.New("map has no Format for its legend's values"))
	}
	drawn, w, h, geomErr := m.Geometry.layout()
	errs = append(errs, geomErr)
	errs = append(errs, attach(drawn, m.Areas)...)
	for _, d := range drawn {
		if strings.TrimSpace(d.Name) == "" {
			errs = append(errs, fmt.Errorf("area %s has no name to read out", d.Code))
		}
	}
	var values []int64
	for _, a := range m.Areas {
		if a.HasValue {
			values = append(values, a.Value)
		}
	}
	scale, err := Breaks(values, m.Classing)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return "", fmt.Errorf("map %q: %w", m.ID, err)
	}
	c := chart{Map: m, drawn: drawn, w: w, h: h, scale: scale, styles: classStyles(len(scale.Classes))}
	return template.HTML(c.html()), nil //nolint:gosec // every text and attribute is escaped
}

func checkHeader(id, title, attribution string) []error {
	var errs []error
	if !idPattern.MatchString(id) {
		errs = append(errs, fmt.Errorf("id %q must be lower-case letters, digits and '-', starting with a letter", id))
	}
	if strings.TrimSpace(title) == "" {
		errs = append(errs, errors.New("map has no title for screen readers"))
	}
	if strings.TrimSpace(attribution) == "" {
		errs = append(errs, errors.New("map has no attribution: boundary data must credit its source"))
	}
	return errs
}

// layout turns the geometry into compact paths in drawing order (which is
// also the order keyboard focus moves in): shapes as given, hexes in
// reading order, top row first.
func (g Geometry) layout() ([]drawnArea, int, int, error) {
	var (
		drawn []drawnArea
		w, h  int
		errs  []error
	)
	switch {
	case len(g.Shapes) > 0 && len(g.Hexes) > 0:
		errs = append(errs, errors.New("geometry has both shapes and hexes"))
	case len(g.Hexes) > 0:
		drawn, w, h, errs = hexLayout(g.Hexes)
	case len(g.Shapes) > 0:
		drawn, w, h, errs = shapeLayout(g.Shapes, g.Width, g.Height)
	default:
		errs = append(errs, errors.New("geometry has no shapes or hexes to draw"))
	}
	return drawn, w, h, errors.Join(errs...)
}

func hexLayout(hexes []Hex) ([]drawnArea, int, int, []error) {
	sorted := slices.Clone(hexes)
	slices.SortStableFunc(sorted, func(a, b Hex) int {
		if a.R != b.R {
			return b.R - a.R
		}
		return a.Q - b.Q
	})
	var errs []error
	seen := map[string]bool{}
	cells := map[[2]int]string{}
	for _, x := range sorted {
		errs = append(errs, checkCode(x.Code, seen))
		if other, ok := cells[[2]int{x.Q, x.R}]; ok {
			errs = append(errs, fmt.Errorf("hexes %s and %s are both at q=%d, r=%d", other, x.Code, x.Q, x.R))
		}
		cells[[2]int{x.Q, x.R}] = x.Code
	}
	paths, w, h := hexPaths(sorted)
	drawn := make([]drawnArea, len(sorted))
	for i, x := range sorted {
		drawn[i] = drawnArea{Code: x.Code, Name: x.Name, D: paths[i]}
	}
	return drawn, w, h, errs
}

func shapeLayout(shapes []Shape, w, h int) ([]drawnArea, int, int, []error) {
	if w <= 0 || h <= 0 {
		return nil, 0, 0, []error{fmt.Errorf("geometry's viewBox is %d×%d; shapes need a Width and Height", w, h)}
	}
	var errs []error
	seen := map[string]bool{}
	drawn := make([]drawnArea, 0, len(shapes))
	for _, s := range shapes {
		errs = append(errs, checkCode(s.Code, seen))
		d, err := compactPath(s.D, w, h)
		if err != nil {
			errs = append(errs, fmt.Errorf("shape %s (%s): %w", s.Code, s.Name, err))
			continue
		}
		drawn = append(drawn, drawnArea{Code: s.Code, Name: s.Name, D: d})
	}
	return drawn, w, h, errs
}

func checkCode(code string, seen map[string]bool) error {
	switch {
	case strings.TrimSpace(code) == "":
		return errors.New("an area of the geometry has no code")
	case seen[code]:
		return fmt.Errorf("code %s is drawn twice", code)
	}
	seen[code] = true
	return nil
}

// attach gives each drawn area its figure. An area the geometry cannot
// draw is an error, not a silent gap: its figure would be missing from the
// map without a word.
func attach(drawn []drawnArea, areas []Area) []error {
	index := map[string]int{}
	for i, d := range drawn {
		index[d.Code] = i
	}
	var errs []error
	given := map[string]bool{}
	for i := range areas {
		a := &areas[i]
		j, ok := index[a.Code]
		switch {
		case given[a.Code]:
			errs = append(errs, fmt.Errorf("area %s (%s) is given twice", a.Code, a.Name))
		case !ok:
			errs = append(errs, fmt.Errorf("area %s (%s) has no shape on this map", a.Code, a.Name))
		default:
			drawn[j].Area = a
			if a.Name != "" {
				drawn[j].Name = a.Name
			}
		}
		given[a.Code] = true
		if err := checkHref(a.Href); err != nil {
			errs = append(errs, fmt.Errorf("area %s (%s): %w", a.Code, a.Name, err))
		}
	}
	return errs
}

// checkHref refuses a link that is not to a page: javascript: and data:
// addresses would run or embed content the CSP is there to stop.
func checkHref(href string) error {
	if href == "" {
		return nil
	}
	u, err := url.Parse(href)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("link %q is not a page address", href)
	}
	return nil
}

// esc escapes text for HTML and XML alike (&, <, >, ', ").
func esc(s string) string { return html.EscapeString(s) }

// count writes a number of areas in house style: "1 area", "1,382 areas".
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n == 1 {
		return s + " area"
	}
	return s + " areas"
}

package maps

import (
	"fmt"
	"strconv"
	"strings"
)

// The map is sized for a page about 640 px wide: pattern dots, hatch
// lines and outlines are drawn in px and scaled into viewBox units, so
// they look the same on a hex map 400 units wide and a shape map 1,000
// units wide.
const (
	designWidth = 640 // px
	dotStep     = 6   // px between dots
	dotRadius   = 1.2 // px
	hatchStep   = 6   // px between hatch lines
	hatchLine   = 1.5 // px
	swatchW     = 24  // px
	swatchH     = 16  // px
)

// chart is a Map being written.
type chart struct {
	Map
	drawn  []drawnArea
	w, h   int
	scale  Scale
	styles []classStyle
	// drawnPx is the width the map is drawn at; 0 means designWidth.
	drawnPx int
}

// unitsPerPx is how many viewBox units make a px, in thousandths.
func (c *chart) unitsPerPx() int64 {
	drawn := c.drawnPx
	if drawn <= 0 {
		drawn = designWidth
	}
	return max(int64(c.w)*1000/int64(drawn), 1)
}

// px is n px in viewBox units, written to three decimals at most.
func (c *chart) px(n int64) string { return milli(n * c.unitsPerPx()) }

// milli prints v/1000 without trailing zeros: "0.578", "12", "0.1".
func milli(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/1000, 10)
	if rest := v % 1000; rest != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%03d", rest), "0")
	}
	return s
}

func (c *chart) id(suffix string) string { return c.ID + "-" + suffix }

func (c *chart) html() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="map" id="%s"><figcaption class="map-title">%s</figcaption>`, c.ID, esc(c.Title))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="map-svg" viewBox="0 0 %d %d" role="group" aria-labelledby="%s" aria-describedby="%s">`,
		c.w, c.h, c.id("title"), c.id("desc"))
	fmt.Fprintf(&b, `<title id="%s">%s</title><desc id="%s">%s</desc>`, c.id("title"), esc(c.Title), c.id("desc"), esc(c.description()))
	c.writePatterns(&b)
	fmt.Fprintf(&b, `<g stroke="%s" stroke-width="%s" stroke-linejoin="round">`, outline, c.px(1))
	for _, d := range c.drawn {
		c.writeArea(&b, d)
	}
	b.WriteString(`</g></svg>`)
	c.writeLegend(&b)
	fmt.Fprintf(&b, `<p class="map-attribution">%s</p></figure>`, esc(c.Attribution))
	return b.String()
}

// writeArea writes one area: a link to its page when it has one, named
// for screen readers by aria-label and for mouse users by <title>.
func (c *chart) writeArea(b *strings.Builder, d drawnArea) {
	label := esc(d.Name + ": " + c.valueText(d.Area))
	fill := c.fill(d.Area)
	// The area's outline: its path, or a <use> of the page's Defs.
	element, shape := "path", fmt.Sprintf(`fill="%s" d="%s"`, fill, d.D)
	if c.Defs != "" {
		element, shape = "use", fmt.Sprintf(`href="#%s" fill="%s"`, esc(sharedID(c.Defs, d.Code)), fill)
	}
	if d.Area != nil && d.Area.Href != "" {
		fmt.Fprintf(b, `<a href="%s" aria-label="%s"><title>%s</title><%s %s/></a>`, esc(d.Area.Href), label, label, element, shape)
		return
	}
	fmt.Fprintf(b, `<%s %s><title>%s</title></%s>`, element, shape, label, element)
}

func (c *chart) valueText(a *Area) string {
	switch {
	case a == nil || !a.HasValue:
		return "no data"
	case a.ValueText != "":
		return a.ValueText
	}
	return c.Format(a.Value)
}

// fill is an area's paint: its class's colour or pattern, or the hatch.
func (c *chart) fill(a *Area) string {
	if a == nil || !a.HasValue {
		return "url(#" + c.id("none") + ")"
	}
	return c.classFill(c.scale.Of(a.Value))
}

func (c *chart) classFill(i int) string {
	if c.styles[i].Dotted() {
		return fmt.Sprintf("url(#%s)", c.id(fmt.Sprintf("c%d", i+1)))
	}
	return c.styles[i].Fill
}

func (c *chart) hasNoData() bool {
	for _, d := range c.drawn {
		if d.Area == nil || !d.Area.HasValue {
			return true
		}
	}
	return false
}

// writePatterns defines the dots of every second class and the "no data"
// hatch. The legend's swatches use the same patterns.
func (c *chart) writePatterns(b *strings.Builder) {
	b.WriteString(`<defs>`)
	scale := milli(c.unitsPerPx())
	for i, st := range c.styles {
		if !st.Dotted() {
			continue
		}
		fmt.Fprintf(b, `<pattern id="%s" width="%d" height="%d" patternUnits="userSpaceOnUse" patternTransform="scale(%s)"><rect width="%d" height="%d" fill="%s"/><circle cx="%g" cy="%g" r="%g" fill="%s"/></pattern>`,
			c.id(fmt.Sprintf("c%d", i+1)), dotStep, dotStep, scale, dotStep, dotStep, st.Fill, dotStep/2.0, dotStep/2.0, dotRadius, st.Ink)
	}
	if c.hasNoData() {
		fmt.Fprintf(b, `<pattern id="%s" width="%d" height="%d" patternUnits="userSpaceOnUse" patternTransform="rotate(45) scale(%s)"><rect width="%d" height="%d" fill="%s"/><path d="M%g 0v%d" stroke="%s" stroke-width="%g"/></pattern>`,
			c.id("none"), hatchStep, hatchStep, scale, hatchStep, hatchStep, noDataFill, hatchStep/2.0, hatchStep, hatchInk, hatchLine)
	}
	b.WriteString(`</defs>`)
}

// description is read after the title: the caller's, or a sentence on
// what the shading shows.
func (c *chart) description() string {
	if c.Description != "" {
		return c.Description
	}
	cl := c.scale.Classes
	if len(cl) == 0 {
		return "No area has a figure."
	}
	return fmt.Sprintf("%s shaded from %s to %s, darker for more; the legend gives the breaks.",
		strings.ToUpper(count(len(c.drawn))[:1])+count(len(c.drawn))[1:], c.Format(cl[0].Min), c.Format(cl[len(cl)-1].Max))
}

// writeLegend writes the legend as HTML beside the SVG, so its text
// reflows, prints and is read in order: the method, then each class
// with its breaks and how many areas it holds, then "no data".
func (c *chart) writeLegend(b *strings.Builder) {
	fmt.Fprintf(b, `<div class="map-legend"><p class="map-method">%s</p><ul>`, esc(c.method()))
	cl := c.scale.Classes
	for i := range cl {
		c.writeSwatch(b, c.classFill(i))
		fmt.Fprintf(b, `%s <span class="map-count">(%s)</span></li>`, esc(c.classLabel(i)), count(cl[i].Count))
	}
	if c.hasNoData() {
		n := 0
		for _, d := range c.drawn {
			if d.Area == nil || !d.Area.HasValue {
				n++
			}
		}
		c.writeSwatch(b, c.fill(nil))
		fmt.Fprintf(b, `No data <span class="map-count">(%s)</span></li>`, count(n))
	}
	b.WriteString(`</ul></div>`)
}

// writeSwatch opens a legend item with its swatch: a small SVG whose
// viewBox is scaled like the map's, so its dots match the map's.
func (c *chart) writeSwatch(b *strings.Builder, fill string) {
	w, h := c.px(swatchW), c.px(swatchH)
	fmt.Fprintf(b, `<li><svg xmlns="http://www.w3.org/2000/svg" class="map-swatch" width="%d" height="%d" viewBox="0 0 %s %s" aria-hidden="true" focusable="false"><rect width="%s" height="%s" fill="%s" stroke="%s" stroke-width="%s"/></svg>`,
		swatchW, swatchH, w, h, w, h, fill, outline, c.px(2))
}

func (c *chart) method() string {
	switch {
	case len(c.scale.Classes) == 0:
		return "No area has a figure."
	case len(c.scale.Classes) == 1:
		return "Every area with a figure has the same value."
	}
	how := "Quantiles: each shade holds about the same number of areas"
	if c.scale.Method == EqualIntervals {
		how = "Equal intervals: each shade covers a range of the same width"
	}
	return how + "; darker means more. Every second shade is dotted, so neighbouring shades can be told apart without colour."
}

// classLabel gives a class's breaks: "£1.2m to under £2.4m", the last
// "£2.4m to £5m", and a class of one value just that value.
func (c *chart) classLabel(i int) string {
	cl := c.scale.Classes
	lo := cl[i].Min
	if i+1 < len(cl) {
		next := cl[i+1].Min
		if next == lo+1 {
			return c.Format(lo)
		}
		return c.Format(lo) + " to under " + c.Format(next)
	}
	if cl[i].Max == lo {
		return c.Format(lo)
	}
	return c.Format(lo) + " to " + c.Format(cl[i].Max)
}

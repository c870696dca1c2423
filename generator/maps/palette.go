package maps

import "fundsite/generator/colour"

// The ONS five-class sequential palette (the alternative ONS recommends
// for colour-blind readers), light to dark: darker means more.
var palette = [MaxClasses]string{"#cde594", "#80c6a3", "#1f9eb7", "#186290", "#080c54"}

const (
	// noDataFill is the ground of the "no data" hatch: the ONS grey, never
	// white, so an area without a figure is not read as zero.
	noDataFill = "#dadada"
	// hatchInk draws the "no data" hatch lines: 3:1 against noDataFill,
	// so the hatch, not the grey alone, tells no data from the lightest
	// class (the two greys are barely 1:1 apart).
	hatchInk = "#767676"
	// outline strokes every area: 3:1 against the page and the lightest
	// class, so each area's edge is visible where its fill is not.
	outline = "#505a5f"
	// page is the background the map is drawn on.
	page = "#ffffff"
	// darkInk and lightInk draw the dots that mark every second class.
	darkInk  = "#080c54"
	lightInk = "#ffffff"
	// locatorFill and locatorHighlight colour a locator map.
	locatorFill      = "#dadada"
	locatorHighlight = "#080c54"
)

// classStyle is how one class is drawn: a fill, and for every second
// class a dot pattern of ink on it.
type classStyle struct {
	Fill string
	Ink  string // "" when the class is plain
}

// Dotted reports whether the class carries the dot pattern.
func (c classStyle) Dotted() bool { return c.Ink != "" }

// classStyles are the styles of a map with k classes. Five shades of one
// sequence cannot each be 3:1 from the next (that would need 3⁴ = 81:1
// from lightest to darkest, and black on white is 21:1), so neighbouring
// classes are told apart another way: every second class is dotted. With
// fewer classes the colours spread over the palette (3 classes: lightest,
// middle, darkest).
func classStyles(k int) []classStyle {
	styles := make([]classStyle, k)
	for i := range styles {
		idx := MaxClasses / 2 // one class: the middle shade
		if k > 1 {
			idx = (i*(MaxClasses-1) + (k-1)/2) / (k - 1)
		}
		styles[i].Fill = palette[idx]
		if i%2 == 1 {
			styles[i].Ink = inkOn(palette[idx])
		}
	}
	return styles
}

// inkOn is whichever of the dark and light inks stands out more on fill.
func inkOn(fill string) string {
	if contrast(darkInk, fill) >= contrast(lightInk, fill) {
		return darkInk
	}
	return lightInk
}

func contrast(a, b string) float64 {
	ca, errA := colour.Parse(a)
	cb, errB := colour.Parse(b)
	if errA != nil || errB != nil {
		panic("maps: bad built-in colour " + a + " or " + b)
	}
	return colour.Contrast(ca, cb)
}

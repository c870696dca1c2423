package maps

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
)

// LocatorMap is a small map for a place's page: every area light, the
// place dark.
type LocatorMap struct {
	// ID prefixes the map's ids, as Map.ID does.
	ID string
	// Title names the map for everyone ("Kent among England's counties").
	Title string
	Geometry
	// Highlight is the code of the place shown.
	Highlight string
	// Width is the drawn width in px; 0 means 200. The height follows
	// the viewBox, and the theme may shrink both to fit the page.
	Width int
	// Attribution is the source a map must credit.
	Attribution string
}

// Locator draws l. It is one image, not a set of links (role="img",
// named by its title): a reader wants to know where the place is, and
// the page around it has the links.
func Locator(l LocatorMap) (template.HTML, error) {
	errs := checkHeader(l.ID, l.Title, l.Attribution)
	drawn, w, h, geomErr := l.Geometry.layout()
	errs = append(errs, geomErr)
	found := -1
	for i, d := range drawn {
		if d.Code == l.Highlight {
			found = i
		}
	}
	if found < 0 && geomErr == nil {
		errs = append(errs, fmt.Errorf("highlighted code %q is not in the geometry", l.Highlight))
	}
	if err := errors.Join(errs...); err != nil {
		return "", fmt.Errorf("locator map %q: %w", l.ID, err)
	}
	width := l.Width
	if width <= 0 {
		width = 200
	}
	c := chart{w: w, h: h, drawnPx: width}
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="map map-locator" id="%s">`, l.ID)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="map-locator-svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title">`,
		width, (width*h+w/2)/w, w, h, l.ID)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, l.ID, esc(l.Title))
	// White outlines: the other areas are context, the highlight is what
	// must stand out (12.6:1 against them, 17.6:1 against the page).
	fmt.Fprintf(&b, `<g fill="%s" stroke="%s" stroke-width="%s" stroke-linejoin="round">`, locatorFill, page, c.px(1))
	for i, d := range drawn {
		if i != found {
			fmt.Fprintf(&b, `<path d="%s"/>`, d.D)
		}
	}
	// Drawn last, so no neighbour's outline covers its edge.
	fmt.Fprintf(&b, `<path fill="%s" d="%s"/></g></svg>`, locatorHighlight, drawn[found].D)
	fmt.Fprintf(&b, `<figcaption><span class="map-title">%s</span> <span class="map-attribution">%s</span></figcaption></figure>`,
		esc(l.Title), esc(l.Attribution))
	return template.HTML(b.String()), nil //nolint:gosec // every text is escaped
}

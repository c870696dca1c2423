package maps

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
)

// Defs draws a geometry's outlines once, hidden, for the maps of a page
// that share it: each such map names id as its Map.Defs and draws every
// area as a <use> of the outline here, rather than writing it again. A
// page with four maps of the 42 ICBs then carries their 36 KB of outlines
// once. The outlines have no fill of their own, so each <use> paints them
// with its map's shade.
func Defs(id string, g Geometry) (template.HTML, error) {
	var errs []error
	if !idPattern.MatchString(id) {
		errs = append(errs, fmt.Errorf("id %q must be lower-case letters, digits and '-', starting with a letter", id))
	}
	drawn, _, _, err := g.layout()
	if err := errors.Join(append(errs, err)...); err != nil {
		return "", fmt.Errorf("map outlines %q: %w", id, err)
	}
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="map-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>`)
	for _, d := range drawn {
		fmt.Fprintf(&b, `<path id="%s" d="%s"/>`, esc(sharedID(id, d.Code)), d.D)
	}
	b.WriteString(`</defs></svg>`)
	return template.HTML(b.String()), nil //nolint:gosec // ids and codes are escaped, paths are made here
}

// sharedID is the id of an area's outline in Defs.
func sharedID(defs, code string) string { return defs + "-" + code }

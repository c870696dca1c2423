// Package colour reads the hex colours a site.toml names and measures their
// contrast the way WCAG 2.2 does, so the build can warn before a brand
// colour makes text unreadable.
package colour

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// RGB is an sRGB colour.
type RGB struct{ R, G, B uint8 }

// Minimum contrast ratios of WCAG 2.2 AA.
const (
	TextContrast = 4.5 // 1.4.3: body text
	UIContrast   = 3.0 // 1.4.11: borders, focus indicators, chart marks
)

var hex = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// Parse reads "#1d4f91" or "#fff".
func Parse(s string) (RGB, error) {
	s = strings.TrimSpace(s)
	if !hex.MatchString(s) {
		return RGB{}, fmt.Errorf("%q is not a colour written as # and six hex digits, like \"#1d4f91\"", s)
	}
	digits := s[1:]
	if len(digits) == 3 {
		digits = string([]byte{digits[0], digits[0], digits[1], digits[1], digits[2], digits[2]})
	}
	v, _ := strconv.ParseUint(digits, 16, 32) // the pattern guarantees hex
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// String is the colour as CSS hex, "#1d4f91".
func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// luminance is WCAG's relative luminance.
func (c RGB) luminance() float64 {
	channel := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.R) + 0.7152*channel(c.G) + 0.0722*channel(c.B)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b RGB) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

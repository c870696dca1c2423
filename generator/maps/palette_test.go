package maps

import "testing"

// TestClassesAreToldApart: neighbouring classes are 3:1 apart, or one of
// them is dotted and the other plain, for every number of classes; the
// dots are 3:1 against their ground. Five ONS shades fail 3:1 between
// neighbours (1.45, 1.59, 2.08, 2.68), which is why the dots exist.
func TestClassesAreToldApart(t *testing.T) {
	for k := 1; k <= MaxClasses; k++ {
		styles := classStyles(k)
		if len(styles) != k {
			t.Fatalf("%d classes gave %d styles", k, len(styles))
		}
		for i, s := range styles {
			if s.Dotted() && contrast(s.Ink, s.Fill) < 3 {
				t.Errorf("k=%d class %d: dots %s on %s are %.2f:1", k, i+1, s.Ink, s.Fill, contrast(s.Ink, s.Fill))
			}
			if i == 0 {
				continue
			}
			prev := styles[i-1]
			if c := contrast(prev.Fill, s.Fill); c < 3 && prev.Dotted() == s.Dotted() {
				t.Errorf("k=%d classes %d and %d: %s and %s are %.2f:1 and alike in pattern", k, i, i+1, prev.Fill, s.Fill, c)
			}
			if contrast(s.Fill, page) <= contrast(prev.Fill, page) {
				t.Errorf("k=%d: class %d (%s) is lighter than class %d (%s): darker must mean more", k, i+1, s.Fill, i, prev.Fill)
			}
		}
	}
}

// TestEdgesAndNoData: each area's outline is 3:1 against the page and
// the lightest class (whose fill is only 1.38:1 against white); "no data"
// is a hatch that stands out from its own grey, drawn on a grey that is
// not the lightest class's colour nor white.
func TestEdgesAndNoData(t *testing.T) {
	for _, c := range []struct {
		what string
		a, b string
	}{
		{"outline against the page", outline, page},
		{"outline against the lightest class", outline, palette[0]},
		{"hatch against its ground", hatchInk, noDataFill},
		{"locator highlight against the other areas", locatorHighlight, locatorFill},
		{"locator highlight against the page", locatorHighlight, page},
	} {
		if r := contrast(c.a, c.b); r < 3 {
			t.Errorf("%s: %s on %s is %.2f:1, want 3:1", c.what, c.a, c.b, r)
		}
	}
	for _, p := range palette {
		if p == noDataFill || p == page {
			t.Errorf("no data's ground %s, or white, is a class colour", p)
		}
	}
}

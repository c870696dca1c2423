package colour

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want RGB
		ok   bool
	}{
		{"#1d4f91", RGB{0x1d, 0x4f, 0x91}, true},
		{"#FFF", RGB{255, 255, 255}, true},
		{" #000000 ", RGB{}, true},
		{"1d4f91", RGB{}, false},
		{"#1d4f9", RGB{}, false},
		{"#gggggg", RGB{}, false},
		{"blue", RGB{}, false},
		{"", RGB{}, false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// Ratios worked by hand from the WCAG formula; #767676 and #777777 are the
// well-known greys either side of 4.5:1 on white.
func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#1d4f91", "#ffffff", 8.14},
		{"#767676", "#ffffff", 4.54},
		{"#777777", "#ffffff", 4.48},
		{"#ffdd00", "#0b0c0c", 14.55},
	}
	for _, tt := range tests {
		a, _ := Parse(tt.a)
		b, _ := Parse(tt.b)
		got := Contrast(a, b)
		if math.Abs(got-tt.want) > 0.01 || math.Abs(Contrast(b, a)-got) > 1e-9 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

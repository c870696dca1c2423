package fyear

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2023/24", "2023/24", true},
		{"2023-24", "2023/24", true},
		{"2023-2024", "2023/24", true},
		{"2023 to 2024", "2023/24", true},
		{"FY2024", "2023/24", true},
		{"fy24", "2023/24", true},
		{"FY 2023/24", "2023/24", true},
		{" 2023 / 24 ", "2023/24", true},
		{"1999/00", "1999/00", true},
		{"2023/25", "", false},
		{"2023", "", false},
		{"24/25", "", false},
		{"next year", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("Parse(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && got.String() != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSlugAndSpan(t *testing.T) {
	y := Of(2023)
	if y.Slug() != "2023-24" {
		t.Errorf("Slug = %q", y.Slug())
	}
	if got := Span(y, y.Next()); got != "2023/24 to 2024/25" {
		t.Errorf("Span = %q", got)
	}
	if got := Span(y, y); got != "2023/24" {
		t.Errorf("Span = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2023/24", "FY24", "2023-2024", "1999/00", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(y.String())
		if err != nil || back != y {
			t.Fatalf("Parse(%q) = %v, but %q re-parses to %v, %v", s, y, y.String(), back, err)
		}
	})
}

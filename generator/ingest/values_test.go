package ingest

import (
	"testing"

	"fundsite/generator/fyear"
)

func TestYearOf(t *testing.T) {
	for _, tt := range []struct {
		text     string
		date1904 bool
		want     int // start of the financial year; 0 for an error
	}{
		{"2023/24", false, 2023},
		{"FY24", false, 2023},
		{"44138", false, 2020},   // 3 November 2020 in the 1900 system
		{"44138", true, 2024},    // 4 November 2024 in the 1904 system
		{"45016", false, 2022},   // 31 March 2023: the last day of 2022/23
		{"45017", false, 2023},   // 1 April 2023
		{"43555", true, 2023},    // 1 April 2023 in the 1904 system
		{"44138.5", false, 2020}, // a date with a time
		{"13/03/2023", false, 2022},
		{"1/4/2023", false, 2023},
		{"2023-04-01", false, 2023},
		{"2020-11-03T00:00:00", false, 2020},
		{"1 April 2024", false, 2024},
		{"31-Mar-24", false, 2023},
		{"2023", false, 0}, // a bare year is not a financial year, nor a serial
		{"NaN", false, 0},
		{"13/13/2023", false, 0},
	} {
		got, err := yearOf(tt.text, tt.date1904)
		switch {
		case tt.want == 0 && err == nil:
			t.Errorf("yearOf(%q, %v) = %v, want an error", tt.text, tt.date1904, got)
		case tt.want != 0 && (err != nil || got != fyear.Of(tt.want)):
			t.Errorf("yearOf(%q, %v) = %v, %v; want %d", tt.text, tt.date1904, got, err, tt.want)
		}
	}
}

func TestIsMissing(t *testing.T) {
	s := &sheet{missing: missingWords([]string{"Not held"}, []string{"c"})}
	for text, want := range map[string]bool{
		"": true, "  ": true, "NA": true, "n/a": true, "Not given": true, "not  GIVEN": true, "-": true, "..": true,
		"0": false, "£0": false, "£1,000": false, "nan": false,
		"not held": true, "NOT HELD": true, "c": true, "held": false,
	} {
		if got := s.isMissing(text); got != want {
			t.Errorf("isMissing(%q) = %v, want %v", text, got, want)
		}
	}
}

package money

import (
	"errors"
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Pence
		err  error
	}{
		{"530000", 53_000_000, nil},
		{"£530,000", 53_000_000, nil},
		{" £530,000.00 ", 53_000_000, nil},
		{"530000.5", 53_000_050, nil},
		{"-12.5", -1250, nil},
		{"(12.50)", -1250, nil},
		{"4.26E+7", 4_260_000_000, nil},
		{"4.26e7", 4_260_000_000, nil},
		{"1234.5600000000001", 123456, nil},
		{"0.29999999999999999", 30, nil},
		{".5", 50, nil},
		{"0", 0, nil},
		{"1,234,567.89", 123456789, nil},
		{"12.345", 0, ErrTooPrecise},
		{"£5.3k?", 0, ErrNotNumber},
		{"TBC", 0, ErrNotNumber},
		{"n/a", 0, ErrNotNumber},
		{"", 0, ErrNotNumber},
		{"£", 0, ErrNotNumber},
		{"12,34", 0, ErrNotNumber},
		{"1,2345", 0, ErrNotNumber},
		{"1e999", 0, ErrTooLarge},
		{"99999999999999999999", 0, ErrTooLarge},
		{".", 0, ErrNotNumber},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestShort(t *testing.T) {
	tests := []struct {
		in   Pence
		want string
	}{
		{Pounds(42_600_000), "£42.6m"},
		{Pounds(20_000_000), "£20m"},
		{Pounds(19_250_000), "£19.3m"}, // one decimal place, half away from zero
		{Pounds(340_620_000), "£340.6m"},
		{Pounds(6_010_000), "£6m"},
		{Pounds(999_940_000), "£999.9m"},
		{Pounds(530_000), "£530,000"},
		{Pounds(718_641), "£718,641"},
		{99_999_999, "£1m"}, // £999,999.99: unit chosen after rounding
		{Pounds(999_950_000), "£1bn"},
		{Pounds(1_234_000_000), "£1.2bn"},
		{Pounds(0), "£0"},
		{-Pounds(1_500_000), "-£1.5m"},
		{149, "£1"},
		{150, "£2"},
	}
	for _, tt := range tests {
		if got := Short(tt.in); got != tt.want {
			t.Errorf("Short(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStyle(t *testing.T) {
	tests := []struct {
		style   Style
		amount  string
		percent string
	}{
		{Style{}, "£42.6m", "2.7%"},
		{Style{Words: true}, "£42.6 million", "2.7%"},
		{Style{PerCent: true}, "£42.6m", "2.7 per cent"},
	}
	for _, tt := range tests {
		if got := tt.style.Short(Pounds(42_600_000)); got != tt.amount {
			t.Errorf("%+v: Short = %q, want %q", tt.style, got, tt.amount)
		}
		if got := tt.style.Percent("2.7%"); got != tt.percent {
			t.Errorf("%+v: Percent = %q, want %q", tt.style, got, tt.percent)
		}
	}
}

func TestFullAndWords(t *testing.T) {
	if got := Full(Pounds(42_600_000)); got != "£42,600,000" {
		t.Errorf("Full = %q", got)
	}
	if got := Full(1250); got != "£12.50" {
		t.Errorf("Full = %q", got)
	}
	if got := Words(Pounds(42_600_000)); got != "£42.6 million" {
		t.Errorf("Words = %q", got)
	}
	if got := Pence(-1250).Decimal(); got != "-12.50" {
		t.Errorf("Decimal = %q", got)
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		p    Pence
		want string
	}{
		{0, "0.00"}, {5, "0.05"}, {-5, "-0.05"}, {99, "0.99"}, {100, "1.00"}, {-1250, "-12.50"},
		{4_260_000_000, "42600000.00"}, {math.MaxInt64, "92233720368547758.07"},
	}
	for _, tt := range tests {
		if got := tt.p.Decimal(); got != tt.want {
			t.Errorf("Pence(%d).Decimal() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"530000", "£530,000.00", "(1.5)", "4.26E+7", "£5.3k?", "1,2,3", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		// Whatever parses must print and re-parse to the same amount.
		back, err := Parse(Full(p))
		if err != nil || back != p {
			t.Fatalf("Parse(%q)=%d; Full=%q re-parses to %d, %v", s, p, Full(p), back, err)
		}
	})
}

func TestParseScaled(t *testing.T) {
	tests := []struct {
		in    string
		pow10 int
		want  Pence
		err   error
	}{
		{"120", 3, Pounds(120_000), nil},
		{"£1,234", 3, Pounds(1_234_000), nil},
		{"1.2345", 6, Pounds(1_234_500), nil},
		{"1.2344999999999999", 6, Pounds(1_234_500), nil}, // 1.2345 as Excel stores it
		{"0.30000000000000004", 3, Pounds(300), nil},
		{"2.5", 9, Pounds(2_500_000_000), nil},
		{"120.005", 3, Pounds(120_005), nil},
		{"0.12345", 3, 12345, nil},
		{"2768809.6284978883", 3, 0, ErrTooPrecise}, // real £k with fractions of a penny
		{"0.000001", 3, 0, ErrTooPrecise},
		{"1.2e3", 3, Pounds(1_200_000), nil},
		{"(5)", 3, -Pounds(5_000), nil},
		{"2000", 9, 0, ErrTooLarge},
		{"£5.3k?", 3, 0, ErrNotNumber},
		{"1000.000001", 3, 0, ErrTooPrecise}, // typed, not noise: too few digits
	}
	for _, tt := range tests {
		got, err := ParseScaled(tt.in, tt.pow10)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseScaled(%q, %d) error = %v, want %v", tt.in, tt.pow10, err, tt.err)
			continue
		}
		if err == nil && got != tt.want {
			t.Errorf("ParseScaled(%q, %d) = %d, want %d", tt.in, tt.pow10, got, tt.want)
		}
	}
}

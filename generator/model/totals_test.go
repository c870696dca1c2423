package model

import "testing"

func TestRatioPercent(t *testing.T) {
	tests := []struct {
		num, den int64
		want     string
	}{
		{27, 1000, "2.7%"},
		{1, 3, "33.3%"},
		{2, 3, "66.7%"},
		{1, 2000, "0.1%"}, // 0.05% rounds half away from zero
		{1, 2001, "0.0%"},
		{-1, 8, "-12.5%"}, // a fall: rounded the same way as a rise
		{-15, 1000, "-1.5%"},
		{-1, 2001, "0.0%"},
		{5, -10, "-50.0%"},
		{3, 0, "–"},
	}
	for _, tt := range tests {
		if got := (Ratio{tt.num, tt.den}).Percent(); got != tt.want {
			t.Errorf("Ratio{%d, %d}.Percent() = %q, want %q", tt.num, tt.den, got, tt.want)
		}
	}
}

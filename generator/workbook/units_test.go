package workbook

import "testing"

func TestSplitUnit(t *testing.T) {
	for _, tt := range []struct{ header, title, unit string }{
		{"Amount", "Amount", ""},
		{"Amount (£)", "Amount", "£"},
		{"Amount (£000s)", "Amount", "£000s"},
		{"Amount (£'000)", "Amount", "£'000"},
		{"Total allocation (£k)", "Total allocation", "£k"},
		{"2023/24 Recurrent allocation \n(£k)", "2023/24 Recurrent allocation", "£k"},
		{"Net current expenditure (£ thousand)", "Net current expenditure", "£ thousand"},
		{"2023/24 £k", "2023/24", "£k"},
		{"Allocation £ thousands", "Allocation", "£ thousands"},
		{"Allocation in £m", "Allocation", "£m"},
		{"£ Awarded", "Awarded", "£"},
		{"Portfolio grant 18/19 - £", "Portfolio grant 18/19 -", "£"},
		{"Recurrent allocation £/head", "Recurrent allocation", "£/head"},
		{"Allocation £ per head", "Allocation", "£ per head"},
		{"Amount (£ hundreds)", "Amount", "£ hundreds"},
		{"Amount £ hundreds", "Amount", "£ hundreds"},
		{"Amount ($)", "Amount", "$"},
		{"Amount (€000s)", "Amount", "€000s"},
		{"Households (thousands)", "Households", "thousands"},
		{"Population 2023/24 000s", "Population 2023/24", "000s"},
		{"Allocations (ICB core services)", "Allocations (ICB core services)", ""},
		{"Distance from target (%)", "Distance from target", "%"},
	} {
		title, unit := SplitUnit(tt.header)
		if title != tt.title || unit != tt.unit {
			t.Errorf("SplitUnit(%q) = %q, %q; want %q, %q", tt.header, title, unit, tt.title, tt.unit)
		}
	}
}

func TestNormaliseHeaderDropsUnits(t *testing.T) {
	for _, h := range []string{"Amount", "Amount (£)", "Amount (£000s)", "Amount (£m)", "  AMOUNT £k ", "Amount in £ thousands", "£ Amount"} {
		if got := NormaliseHeader(h); got != "amount" {
			t.Errorf("NormaliseHeader(%q) = %q, want \"amount\"", h, got)
		}
	}
	// A rate is part of the title, not a decoration: NHS England heads
	// "… allocation (£k)" and "… allocation £/head" side by side.
	if a, b := NormaliseHeader("Recurrent allocation (£k)"), NormaliseHeader("Recurrent allocation £/head"); a == b {
		t.Errorf("an amount and a rate per head compare equal: %q", a)
	}
}

package opendata_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMissingAmountsAreNeverZero: the example's blank iBCF!E6 (Barnet,
// 2024/25) reads "not given" on Barnet's page; every download must agree,
// empty in CSV and null in JSON, never 0.00, and each total must say how
// many figures it leaves out.
func TestMissingAmountsAreNeverZero(t *testing.T) {
	out := builtExample(t)
	if !strings.Contains(text(readPage(t, out, "areas/barnet/index.html")), "not given") {
		t.Fatal("Barnet's page does not say its 2024/25 figure is not given; the test's premise is gone")
	}
	for _, file := range []string{"data/area-totals.csv", "funds/improved-better-care-fund/by-area.csv"} {
		found := false
		for _, r := range readCSV(t, out, file) {
			if r["Area"] != "Barnet" {
				continue
			}
			found = true
			if r["2024/25 (£)"] != "" || r["Figures not given"] != "1" || r["Total (£)"] != "9621518.00" {
				t.Errorf("%s: Barnet reads %v", file, r)
			}
		}
		if !found {
			t.Errorf("%s has no row for Barnet", file)
		}
	}
	for _, file := range []string{"data/area-totals.json", "funds/improved-better-care-fund/by-area.json"} {
		var doc struct{ Rows []map[string]any }
		if err := json.Unmarshal([]byte(readPage(t, out, file)), &doc); err != nil {
			t.Fatal(err)
		}
		for _, r := range doc.Rows {
			if r["area"] == "Barnet" {
				if v, ok := r["amount_2024_25"]; !ok || v != nil {
					t.Errorf("%s: Barnet's 2024/25 is %v, want null", file, v)
				}
				if r["figures_not_given"] != 1.0 {
					t.Errorf("%s: Barnet's figures_not_given is %v", file, r["figures_not_given"])
				}
			}
		}
	}
	for _, r := range readCSV(t, out, "funds/improved-better-care-fund/by-year.csv") {
		if r["Financial year"] == "2024/25" && r["Figures not given"] == "0" {
			t.Errorf("the 2024/25 total does not say it leaves out Barnet's figure: %v", r)
		}
	}
}

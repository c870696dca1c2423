package opendata

import (
	"fmt"
	"testing"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// BenchmarkAllocations writes a large council's downloads: 300 areas, 10
// funds, 10 years (30,000 allocations) as CSV and JSON.
func BenchmarkAllocations(b *testing.B) {
	var rows []*model.Allocation
	for f := range 10 {
		fund := &model.Fund{Name: fmt.Sprintf("Fund %d", f), Slug: fmt.Sprintf("fund-%d", f)}
		for a := range 300 {
			area := &model.Area{Code: fmt.Sprintf("E%08d", a), Name: fmt.Sprintf("Area %d", a), Region: "Region"}
			for y := range 10 {
				rows = append(rows, &model.Allocation{Fund: fund, Area: area, Year: fyear.Of(2015 + y), Amount: money.Pence(100_000_00 + a*y),
					Status: model.Estimate, Basis: "population share", Loc: diag.Loc{File: "data/x.xlsx", Sheet: "Allocations", Row: len(rows) + 2, Col: 8}})
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		t := Allocations("allocations", "All", rows, nil)
		_ = csvOf(t)
		if _, err := jsonOf(t, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}

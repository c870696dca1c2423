package ingest

import (
	"strings"
	"testing"

	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// The amount headers publishers write are read with no mapping, in an
// allocations sheet and in a grant list, at the scale their unit gives.
func TestAmountHeadersPublishersWrite(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   money.Pence
	}{
		{"Award (£)", money.Pounds(1200)},
		{"Offer (£)", money.Pounds(1200)},
		{"£ Awarded", money.Pounds(1200)},
		{"£ Award offered", money.Pounds(1200)},
		{"Grant Amount", money.Pounds(1200)},
		{"Total allocation (£k)", money.Pounds(1_200_000)},
		{"Amount Awarded", money.Pounds(1200)},
	} {
		for _, kind := range []string{"allocations", "grants"} {
			t.Run(kind+" "+tt.header, func(t *testing.T) {
				d, problems := loadSite(t, `[[source]]
file = "a.xlsx"
kind = "`+kind+`"
constants = { fund = "F", year = "2023/24" }
`, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Sheet1", []string{"Area", "Recipient", tt.header}, []any{"Kent", "Kent", 1200})}})
				noErrors(t, problems)
				if len(d.Allocations) != 1 || d.Allocations[0].Amount != tt.want || d.Allocations[0].Loc.Cell() != "C2" {
					t.Errorf("read %+v, want %s from C2", d.Allocations, money.Full(tt.want))
				}
			})
		}
	}
}

// When no amount header is recognised, the message gives the line to
// paste into site.toml with the likeliest columns, and never asks for a
// header in the publisher's workbook to be renamed.
func TestUnknownAmountHeaderGivesTheLineToPaste(t *testing.T) {
	for _, tt := range []struct {
		header []string
		want   string
	}{
		{[]string{"Area", "Sum paid (£)", "Notes"},
			`a.xlsx: Sheet1 row 1: no column "Amount"; found "Year", "Area", "Sum paid (£)", "Notes". If the amount is in "Sum paid (£)", say so in site.toml, in its [[source]]: columns = { amount = "Sum paid (£)" }`},
		{[]string{"Area", "Funding 2023", "Total payment", "Rate £/head", "Growth (%)"},
			`If the amount is in "Funding 2023", say so in site.toml, in its [[source]]: columns = { amount = "Funding 2023" } (or name "Total payment" instead)`},
		{[]string{"Area", "Figure"},
			`no column "Amount"; found "Year", "Area", "Figure". Say which column holds the amount in site.toml, in its [[source]]: columns = { amount = "…" } with the column's title`},
	} {
		_, problems := loadSite(t, "[[source]]\nfile = \"a.xlsx\"\nconstants = { fund = \"F\" }\n",
			map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Sheet1", append([]string{"Year"}, tt.header...), []any{"2023/24", "Kent", 1200})}})
		report := problems.Report(20)
		if !strings.Contains(report, tt.want) || strings.Contains(report, "meant to be") {
			t.Errorf("%q: report lacks %q:\n%s", tt.header, tt.want, report)
		}
	}
}

package ingest

import (
	"testing"

	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// A council's grant list with a sub-header row: "From" and "To" under a
// merged "Time period". The row's key fields are blank, so it is a
// second header line; one whose key cells are filled is refused at its
// cell, and the message says how to skip it.
func TestSubHeaderRowUnderTheHeader(t *testing.T) {
	header := []string{"Organisation", "Amount", "Time period", ""}
	const toml = `[[source]]
file = "a.xlsx"
kind = "grants"
constants = { fund = "Community grants", year = "2023/24" }
`
	t.Run("key fields blank: skipped", func(t *testing.T) {
		d, problems := loadSite(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Grants", header,
			[]any{nil, nil, "From", "To"},
			[]any{"Halo Arts", 1200, "01/04/2023", "31/03/2024"},
			[]any{"Kent Youth", 800, "01/06/2023", "31/05/2024"})}})
		noErrors(t, problems)
		if len(d.Allocations) != 2 || d.Allocations[0].Amount != money.Pounds(1200) {
			t.Errorf("read %d grants, want 2", len(d.Allocations))
		}
	})
	t.Run("key fields filled: the error suggests skip_rows", func(t *testing.T) {
		_, problems := loadSite(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Grants", header,
			[]any{"(name)", "(£)", "From", "To"},
			[]any{"Halo Arts", 1200, "01/04/2023", "31/03/2024"})}})
		wantReport(t, problems, `a.xlsx: Grants!B2: amount "(£)" is not a number`, `if row 2 is a second header line, not a grant, add skip_rows = [2] to its [[source]] in site.toml`)
	})
}

package ingest

import (
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// TestDuplicateNamesWhereTheFirstIs: a row given twice is reported with
// the place of the first, and when that is in another sheet or workbook,
// with its sheet and file: "already given at F2" sent readers to the
// wrong workbook.
func TestDuplicateNamesWhereTheFirstIs(t *testing.T) {
	allocations := func(name string, amount int) workbook.SheetSpec {
		return workbook.SheetSpec{Name: name, Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: [][]any{{"ARF", "2023/24", "Kent", amount}}}
	}
	grants := func(name string) workbook.SheetSpec {
		return workbook.SheetSpec{Name: name, Header: []string{"Identifier", "Fund", "Financial year", "Recipient", "Amount"}, Rows: [][]any{{"G-1", "ARF", "2023/24", "Kent Arts", 10}}}
	}
	tests := []struct {
		name  string
		books map[string][]workbook.SheetSpec
		toml  string
		want  string
	}{
		{"another workbook", map[string][]workbook.SheetSpec{"data/a.xlsx": {allocations("Allocations", 1)}, "data/b.xlsx": {allocations("Allocations", 2)}}, "",
			"data/b.xlsx: Allocations!D2: duplicate row: ARF, Kent, 2023/24 is already given at data/a.xlsx: Allocations!D2"},
		{"another sheet", map[string][]workbook.SheetSpec{"data/a.xlsx": {allocations("North", 1), allocations("South", 2)}},
			"[[source]]\nfile = \"data/a.xlsx\"\nsheet = \"North\"\n[[source]]\nfile = \"data/a.xlsx\"\nsheet = \"South\"\n",
			"data/a.xlsx: South!D2: duplicate row: ARF, Kent, 2023/24 is already given at North!D2"},
		{"a grant in another workbook", map[string][]workbook.SheetSpec{"data/a.xlsx": {grants("Grants")}, "data/b.xlsx": {grants("Grants")}}, "",
			"data/b.xlsx: Grants!E2: grant G-1 is listed twice (also at data/a.xlsx: Grants!E2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loadSite(t, tt.toml, tt.books)
			if report := problems.Report(0); !strings.Contains(report, tt.want) {
				t.Errorf("report:\n%s\nwant %s", report, tt.want)
			}
		})
	}
}

// TestAreasInTwoFormsSaySo: two areas whose names differ only in Unicode
// form (a no-break space pasted from a web page) share an address, and the
// message says why, rather than naming what prints as one name twice.
func TestAreasInTwoFormsSaySo(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"data/a.xlsx": {
		{Name: "Areas", Header: []string{"Area code", "Name"}, Rows: [][]any{{"E1", "North East"}, {"E2", "North\u00a0East"}}},
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: [][]any{{"ARF", "2023/24", "North East", 1}}},
	}}
	_, problems := loadSite(t, "", books)
	want := `data/a.xlsx: Areas!B3: area "North\u00a0East" has the same web address (/areas/north-east/) as "North East" at B2; the two are one name written in different Unicode forms: where "North\u00a0East" has U+00A0 NO-BREAK SPACE, "North East" has U+0020 SPACE`
	if report := problems.Report(0); !strings.Contains(report, want) {
		t.Errorf("report:\n%s\nwant %s", report, want)
	}
}

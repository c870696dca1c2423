package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/workbook"
)

// writeHandedBack writes a sheet with two financial years merged over
// their own two columns, neither called Amount, as a GP workforce return
// is published: row 2 holds "2021-22 financial year" over C2:D2 and
// "2022-23 financial year" over E2:F2; the header is row 3.
func writeHandedBack(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	rows := [][]any{
		{"Contracts handed back, by practice"},
		{nil, nil, "2021-22 financial year", nil, "2022-23 financial year", nil},
		{"Code", "Practice", "Contracts handed back", "Hours/week handed back", "Contracts handed back", "Hours/week handed back"},
		{"A1", "Kent Surgery", 3, 40, 5, 60},
		{"A2", "Essex Surgery", 1, 12, 0, 0},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range [][2]string{{"A1", "F1"}, {"C2", "D2"}, {"E2", "F2"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

const handedBackTOML = `[[source]]
file = "data/h.xlsx"
measure = "count"
noun = { one = "contract", many = "contracts" }
constants = { fund = "Contracts handed back" }
unpivot = { field = "year" }
`

// The value column under each merged year is named by its title, or by
// its letter under each year; a single letter is refused, naming both.
func TestYearsMergedOverNamedColumns(t *testing.T) {
	want := []string{"Essex Surgery 2021/22 1 C5", "Essex Surgery 2022/23 0 E5", "Kent Surgery 2021/22 3 C4", "Kent Surgery 2022/23 5 E4"}
	for _, tt := range []struct {
		name, columns string
		report        string
	}{
		{name: "by title", columns: `columns = { area = "Practice", area_code = "Code", amount = "Contracts handed back" }`},
		{name: "by letter under each year", columns: `columns = { area = "Practice", area_code = "Code", "amount 2021/22" = "column C", "amount 2022-23" = "column E" }`},
		{name: "one letter for every year", columns: `columns = { area = "Practice", area_code = "Code", amount = "column C" }`,
			report: `site.toml:7: columns: amount = "column C", but column C is under "2021-22 financial year" only; to read the amount under every year, name its title, as in amount = "Contracts handed back", or give a column for each year: "amount 2021/22" = "column C", "amount 2022/23" = "column E"`},
		{name: "a letter outside its year", columns: `columns = { area = "Practice", area_code = "Code", "amount 2021/22" = "column E", "amount 2022/23" = "column C" }`,
			report: `site.toml:7: columns: "amount 2021/22" = "column E", but column E is under "2022-23 financial year", not 2021/22`},
		{name: "a year the sheet does not have", columns: `columns = { area = "Practice", area_code = "Code", "amount 2021/22" = "column C", "amount 2022/23" = "column E", "amount 2023/24" = "column G" }`,
			report: `site.toml:7: columns: "amount 2023/24" names a year not merged over the header; the years are "2021-22 financial year", "2022-23 financial year"`},
		{name: "no amount named", columns: `columns = { area = "Practice", area_code = "Code" }`,
			report: `h.xlsx: Sheet1 row 3: no column "Amount" under "2021-22 financial year"; found "Contracts handed back", "Hours/week handed back". Say which column holds the amount in site.toml, in its [[source]]: columns = { amount = "…" } with the column's title`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeHandedBack(t, filepath.Join(dir, "data", "h.xlsx"))
			d, problems := loadConfig(t, dir, handedBackTOML+tt.columns+"\n")
			report := problems.Report(50)
			if tt.report != "" {
				if !strings.Contains(report, tt.report) {
					t.Errorf("report lacks %q:\n%s", tt.report, report)
				}
				return
			}
			noErrors(t, problems)
			var got []string
			for _, a := range d.Allocations {
				got = append(got, a.Area.Name+" "+a.Year.String()+" "+a.Fund.Measure.Number(a.Amount)+" "+a.Loc.Cell())
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("got %q\nwant %q", got, want)
			}
		})
	}
}

// A per-year key in a sheet without years merged over its header names
// nothing, and is refused rather than ignored.
func TestYearKeyWithoutMergedYears(t *testing.T) {
	_, problems := loadSite(t, `[[source]]
file = "a.xlsx"
constants = { fund = "F" }
columns = { "amount 2023/24" = "column C" }
unpivot = { field = "year" }
`, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Sheet1", []string{"Area", "Code", "2023/24"}, []any{"Kent", "E1", 5})}})
	wantReport(t, problems, `site.toml:4: columns: "amount 2023/24" names a column under one year, but the sheet has no years merged over groups of columns above its header (row 1); name the column by its title or letter: amount = "…"`)
}

// rows = "…" starting at the header still reads the years merged over it.
func TestRowsFromTheHeaderUnderMergedYears(t *testing.T) {
	dir := t.TempDir()
	writeHandedBack(t, filepath.Join(dir, "data", "h.xlsx"))
	d, problems := loadConfig(t, dir, handedBackTOML+`columns = { area = "Practice", area_code = "Code", amount = "Contracts handed back" }
rows = "3:5"
`)
	noErrors(t, problems)
	if len(d.Allocations) != 4 {
		t.Errorf("read %d figures, want 4 (two practices, two years)", len(d.Allocations))
	}
}

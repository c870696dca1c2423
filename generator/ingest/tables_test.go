package ingest

import (
	"slices"
	"strings"
	"testing"

	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// boardsWithRegions is laid out as NHS England lays out its allocations:
// the boards, two blank rows, then a regional table under its own header
// and an ENGLAND total. Row 1 is the header; the boards are rows 2–4.
var boardsWithRegions = []workbook.SheetSpec{sheetOf("Allocations", []string{"Code", "Area", "Amount"},
	[]any{"QOQ", "Humber", 300}, []any{"QHM", "North East", 500}, []any{"QYG", "Cheshire", 400},
	[]any{nil}, []any{nil},
	[]any{"Sort", "Region", "Amount"},
	[]any{1, "North East and Yorkshire", 800}, []any{2, "North West", 400},
	[]any{"Total", "ENGLAND", 1200},
)}

const boardsTOML = `[[source]]
file = "a.xlsx"
constants = { fund = "Core", year = "2023/24" }
columns = { area_code = "Code" }
`

func readAreas(t *testing.T, toml string, books map[string][]workbook.SheetSpec) ([]string, string, bool) {
	t.Helper()
	d, problems := loadSite(t, toml, books)
	var got []string
	for _, a := range d.Allocations {
		got = append(got, a.Area.Name+" "+money.Full(a.Amount)+" "+a.Loc.Cell())
	}
	slices.Sort(got)
	return got, problems.Report(50), problems.HasErrors()
}

// A second table under the first ends it: its rows are not areas, and
// the rows left out are named.
func TestSecondTableBelowEndsTheFirst(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"a.xlsx": boardsWithRegions}
	want := []string{"Cheshire £400 C4", "Humber £300 C2", "North East £500 C3"}
	for _, tt := range []struct {
		name, toml string
		report     []string
		quiet      bool
	}{
		{
			name: "found by the gap and the new header",
			toml: boardsTOML,
			report: []string{`a.xlsx: Allocations row 7: warning: read rows 2–4 as the table under the header in row 1; it ends at rows 5–6, which are blank, and rows 7–10 below are not read (a second table, totals or notes). ` +
				`If they belong to the table, say which rows form it, as in rows = "1:10"; to keep this reading without this message, add rows = "1:4" to its [[source]]`},
		},
		{name: "said by rows", toml: boardsTOML + "rows = \"1:4\"\n", quiet: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, report, failed := readAreas(t, tt.toml, books)
			if failed || !slices.Equal(got, want) {
				t.Errorf("read %q, want %q\n%s", got, want, report)
			}
			for _, w := range tt.report {
				if !strings.Contains(report, w) {
					t.Errorf("report lacks %q:\n%s", w, report)
				}
			}
			if tt.quiet && report != "" {
				t.Errorf("rows = \"1:4\" says where the table ends, yet:\n%s", report)
			}
		})
	}
}

// Several titled tables stacked on one sheet, each with its header, rows
// and Total: each is one [[source]] with its rows; without rows, the
// first is read and the others named.
func TestStackedTables(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"a.xlsx": {{
		Name:   "Grants",
		Titles: []string{"Capital grants"},
		Header: []string{"Area", "Amount"},
		Rows: [][]any{
			{"Kent", 100}, {"Essex", 50}, {"Total", 150},
			{nil},
			{"Revenue grants"},
			{"Area", "Amount"},
			{"Kent", 7}, {"Surrey", 3}, {"Total", 10},
		},
	}}}
	stacked := `[[source]]
file = "a.xlsx"
constants = { fund = "Capital", year = "2023/24" }
rows = "1:5"

[[source]]
file = "a.xlsx"
constants = { fund = "Revenue", year = "2023/24" }
rows = "7:11"
`
	got, report, failed := readAreas(t, stacked, books)
	want := []string{"Essex £50 B4", "Kent £100 B3", "Kent £7 B9", "Surrey £3 B10"}
	if failed || report != "" || !slices.Equal(got, want) {
		t.Errorf("read %q, want %q\n%s", got, want, report)
	}

	got, report, failed = readAreas(t, "[[source]]\nfile = \"a.xlsx\"\nconstants = { fund = \"Capital\", year = \"2023/24\" }\n", books)
	want = []string{"Essex £50 B4", "Kent £100 B3"}
	if failed || !slices.Equal(got, want) || !strings.Contains(report, `read rows 3–5 as the table under the header in row 2; it ends at row 6, which is blank, and rows 7–11 below are not read`) {
		t.Errorf("read %q, want %q\n%s", got, want, report)
	}
}

// A header repeated with no gap ends the table too.
func TestRepeatedHeaderEndsTheTable(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", []string{"Area", "Fund", "Amount"},
		[]any{"Kent", "Capital", 100}, []any{"Area", "Fund", "Amount"}, []any{"Kent", "Revenue", 7})}}
	got, report, _ := readAreas(t, "[[source]]\nfile = \"a.xlsx\"\nconstants = { year = \"2023/24\" }\n", books)
	if !slices.Equal(got, []string{"Kent £100 C2"}) || !strings.Contains(report, `read row 2 as the table under the header in row 1; it ends at row 3, which repeats the header, and rows 3–4 below are not read`) {
		t.Errorf("read %q\n%s", got, report)
	}
}

// Rows under the gap that look like more of the same data are never
// dropped on a guess: an error names them and the setting to use.
func TestDataUnderTheGapIsNotDroppedSilently(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", []string{"Area", "Amount"},
		[]any{"Kent", 100}, []any{"Essex", 50}, []any{nil}, []any{nil}, []any{"ENGLAND", 150}, []any{nil}, []any{"Source: a department"})}}
	got, report, failed := readAreas(t, "[[source]]\nfile = \"a.xlsx\"\nconstants = { fund = \"F\", year = \"2023/24\" }\n", books)
	want := `a.xlsx: Allocations row 6: the table under the header in row 1 seems to end at row 3 (then rows 4–5, which are blank), but row 6 ("ENGLAND") below looks like more of its data; ` +
		`say which rows form the table: rows = "1:3" to leave it out, or rows = "1:6" to read it`
	if !failed || !strings.Contains(report, want) {
		t.Errorf("read %q; report lacks %q:\n%s", got, want, report)
	}
	got, report, failed = readAreas(t, "[[source]]\nfile = \"a.xlsx\"\nconstants = { fund = \"F\", year = \"2023/24\" }\nrows = \"1:3\"\n", books)
	if failed || report != "" || len(got) != 2 {
		t.Errorf("rows = \"1:3\": read %q\n%s", got, report)
	}
}

// NHS England's core allocations, unedited, with no rows setting: the 42
// boards are read, and the regional table and ENGLAND total under them
// are named as left out.
func TestNHSEnglandRegionalTableIsNotRead(t *testing.T) {
	const file = "nhse-icb-allocations-2023-24-2024-25.xlsx"
	d, problems := loadConfig(t, copyTestdata(t, file), `
[[source]]
file = "data/`+file+`"
sheet = "ICB Core Allocations 2023-24"
constants = { fund = "ICB core services", year = "2023/24" }
columns = { amount = "2023/24 Total allocation (£k)", area = "System Name", area_code = "ICB23" }
round = "penny"
`)
	noErrors(t, problems)
	wantReport(t, problems, `data/`+file+`: ICB Core Allocations 2023-24 row 49: warning: read rows 5–46 as the table under the header in row 3; it ends at rows 47–48, which are blank, and rows 49–57 below are not read`)
	codes := map[string]bool{}
	for _, a := range d.Allocations {
		codes[a.Area.Code] = true
	}
	if len(d.Allocations) != 42 || len(codes) != 42 || !codes["QOQ"] || codes["Y63"] {
		t.Errorf("read %d allocations to %d boards, want one to each of the 42 (QOQ, not the region Y63)", len(d.Allocations), len(codes))
	}
}

// Rows site.toml skips in the middle of the data are not a gap that ends
// the table.
func TestSkippedRowsAreNotAGap(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", []string{"Area", "Amount"},
		[]any{"Kent", 100}, []any{"Note: Medway below"}, []any{"Provisional"}, []any{"Medway", 50})}}
	got, report, failed := readAreas(t, "[[source]]\nfile = \"a.xlsx\"\nconstants = { fund = \"F\", year = \"2023/24\" }\nskip_rows = [3, 4]\n", books)
	if failed || report != "" || len(got) != 2 {
		t.Errorf("read %q\n%s", got, report)
	}
}

// A sheet of areas or funds holds names, not numbers, so a blank row in
// it is spacing: the rows under it that name areas are still areas, read
// without a warning. Only a sheet of figures ends at a blank row followed
// by a row with no number.
func TestBlankRowInAListIsNotItsEnd(t *testing.T) {
	d, problems := loadSite(t, `[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"

[[source]]
file = "a.xlsx"
sheet = "Allocations"
constants = { fund = "Core", year = "2023/24" }
`, map[string][]workbook.SheetSpec{"a.xlsx": {
		sheetOf("Areas", []string{"Code", "Name"}, []any{"E1", "Kent"}, []any{nil}, []any{"E2", "Essex"}, []any{"E3", "Surrey"}),
		sheetOf("Allocations", []string{"Area", "Amount"}, []any{"Kent", 1}, []any{"Essex", 2}, []any{"Surrey", 3}),
	}})
	if problems.HasErrors() || len(problems.Report(50)) > 0 {
		t.Errorf("problems:\n%s", problems.Report(50))
	}
	if len(d.Areas) != 3 || len(d.Allocations) != 3 {
		t.Errorf("read %d areas and %d allocations, want 3 and 3", len(d.Areas), len(d.Allocations))
	}
}

// Amounts with more decimals than pence ("33.523" in £m) are numbers: a
// blank row under the units row is spacing, not the end of a table whose
// every row has such amounts. This read no row at all, with a warning.
func TestFractionsAreNumbersWhereATableEnds(t *testing.T) {
	got, report, failed := readAreas(t, boardsTOML, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", []string{"Code", "Area", "Amount"},
		[]any{nil, nil, "£m"}, []any{nil},
		[]any{"QOQ", "Humber", "33.523"}, []any{"QHM", "North East", "58.88"},
	)}})
	want := []string{"Humber £33,523,000 C4", "North East £58,880,000 C5"}
	if failed || !slices.Equal(got, want) || report != "" {
		t.Errorf("read %q, want %q; problems:\n%s", got, want, report)
	}
}

package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/config"
	"fundsite/generator/workbook"
)

// icbODSCodes are the 42 integrated care boards' NHS (ODS) codes.
var icbODSCodes = []string{
	"QYG", "QNC", "QOC", "QJM", "QK1", "QWU", "QGH", "QMM", "QJG", "QHG", "QM7", "QH8", "QRV", "QMJ",
	"QMF", "QKK", "QWE", "QKS", "QNQ", "QT6", "QJK", "QSL", "QUY", "QOX", "QVV", "QRL", "QR1", "QU9",
	"QE1", "QHM", "QOQ", "QWO", "QHL", "QUE", "QOP", "QJ2", "QPM", "QT1", "QF7", "QUA", "QXU", "QNX",
}

// TestReadsNHSEnglandWorkbook reads NHS England's GP-practice workbook as
// it is published (two sheets named by year, codes down the side, headers
// with doubled spaces and comments) through config alone: its 2024/25
// sheet picked by position, each practice placed in its integrated care
// board by the board's code.
func TestReadsNHSEnglandWorkbook(t *testing.T) {
	const file = "nhse-gp-practice-weighted-population-2023-2025.xlsx"
	dir := copyTestdata(t, file)
	var boards [][]any
	for _, c := range icbODSCodes {
		boards = append(boards, []any{c, "ICB " + c})
	}
	if err := workbook.Write(filepath.Join(dir, "data", "icbs.xlsx"), []workbook.SheetSpec{{Name: "Areas", Header: []string{"Code", "Name"}, Rows: boards}}); err != nil {
		t.Fatal(err)
	}
	d, problems := loadConfig(t, dir, `
[[source]]
file = "data/icbs.xlsx"
kind = "areas"

# Practice names repeat across England ("The Surgery"), so a practice is
# named by its code.
[[source]]
file = "data/`+file+`"
sheet_number = 2
kind = "areas"
columns = { name = "Practice_Code", code = "Practice_Code", parent = "ICB23", region = "Region23" }

[areas]
show_empty = true # no figures: every practice is checked as an area
`)
	if problems.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", problems.Report(20))
	}
	want := practicesPerBoard(t, filepath.Join("testdata", file), "GP_wp_202425")
	got := map[string]int{}
	practices := 0
	for _, a := range d.Areas {
		if a.Parent != nil {
			got[a.Parent.Code]++
			practices++
		}
	}
	if practices != 6553 || len(got) != len(want) {
		t.Errorf("%d practices in %d boards, want 6553 in %d", practices, len(got), len(want))
	}
	for code, n := range want {
		if got[code] != n {
			t.Errorf("board %s has %d practices, the sheet says %d", code, got[code], n)
		}
	}
	if a := d.AreaByName("A81001"); a == nil || a.Region != "North East and Yorkshire" || a.Loc.Sheet != "GP_wp_202425" {
		t.Errorf("practice A81001 read wrongly: %+v", a)
	}
}

// practicesPerBoard counts a sheet's practices per ICB23 code, reading the
// cells directly.
func practicesPerBoard(t *testing.T, path, sheet string) map[string]int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][9] != "ICB23" {
		t.Fatalf("column J is %q, not ICB23", rows[0][9])
	}
	out := map[string]int{}
	for _, r := range rows[1:] {
		out[r[9]]++
	}
	return out
}

// BenchmarkLoadNHSEnglandWorkbook measures reading 6,553 practices as areas
// with parents, the largest real layout the tests hold.
func BenchmarkLoadNHSEnglandWorkbook(b *testing.B) {
	const file = "nhse-gp-practice-weighted-population-2023-2025.xlsx"
	dir := copyTestdata(b, file)
	path := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(path, []byte(`[[source]]
file = "data/`+file+`"
sheet_number = 2
kind = "areas"
columns = { name = "Practice_Code", code = "Practice_Code", region = "Region23" }
[areas]
show_empty = true
`), 0o644); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d, problems := Load(cfg); problems.HasErrors() || len(d.Areas) != 6553 {
			b.Fatalf("%d areas; %s", len(d.Areas), problems.Report(5))
		}
	}
}

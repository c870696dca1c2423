package ingest

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// loadSite writes site.toml and the workbooks into a project folder and
// loads it the way a build does.
func loadSite(t *testing.T, siteTOML string, books map[string][]workbook.SheetSpec) (*model.Dataset, *diag.List) {
	t.Helper()
	dir := t.TempDir()
	for name, sheets := range books {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := workbook.Write(path, sheets); err != nil {
			t.Fatal(err)
		}
	}
	return loadConfig(t, dir, siteTOML)
}

func loadConfig(t *testing.T, dir, siteTOML string) (*model.Dataset, *diag.List) {
	t.Helper()
	path := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(path, []byte(siteTOML), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return Load(cfg)
}

func mustLoad(t *testing.T, siteTOML string, books map[string][]workbook.SheetSpec) *model.Dataset {
	t.Helper()
	d, problems := loadSite(t, siteTOML, books)
	if problems.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", problems.Report(50))
	}
	return d
}

// wideGrants is a grant determination as published: councils down the
// side, years across the top, a source column per year, a note row to skip,
// and a Total row.
var wideGrants = []workbook.SheetSpec{
	{Name: "Cover", Header: []string{"About"}, Rows: [][]any{{"This workbook lists grants."}}},
	{
		Name:   "Annex A 2024",
		Titles: []string{"Improved Better Care Fund: determination"},
		Header: []string{"Local authority", "2023/24", "Source 2023/24", "2024-25", "Source 2024/25"},
		Rows: [][]any{
			{"Figures in pounds", nil, nil, nil, nil},
			{"Barking And Dagenham", 10707003, "https://a.example/23", "10,707,003", "https://a.example/24"},
			{"Birmingham", "£67,918,344", "https://a.example/23", "Not given", nil},
			{"Bury", 100, "https://a.example/23", nil, nil},
			{"Total", 78625447, nil, nil, nil},
		},
	},
}

const wideTOML = `
[[source]]
file = "data/ibcf.xlsx"
sheet_number = 2
skip_rows = [3]
[source.columns]
area = "Local authority"
[source.constants]
fund = "Improved Better Care Fund"
[source.unpivot]
field = "year"
`

func TestWideSheetBecomesOneRecordPerCell(t *testing.T) {
	d := mustLoad(t, wideTOML, map[string][]workbook.SheetSpec{"data/ibcf.xlsx": wideGrants})
	type rec struct{ area, year, amount, cell, source string }
	var got []rec
	for _, a := range d.Allocations {
		got = append(got, rec{a.Area.Name, a.Year.String(), money.Full(a.Amount), a.Loc.String(), a.Source})
	}
	want := []rec{
		{"Barking And Dagenham", "2023/24", "£10,707,003", "data/ibcf.xlsx: Annex A 2024!B4", "https://a.example/23"},
		{"Birmingham", "2023/24", "£67,918,344", "data/ibcf.xlsx: Annex A 2024!B5", "https://a.example/23"},
		{"Bury", "2023/24", "£100", "data/ibcf.xlsx: Annex A 2024!B6", "https://a.example/23"},
		{"Barking And Dagenham", "2024/25", "£10,707,003", "data/ibcf.xlsx: Annex A 2024!D4", "https://a.example/24"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("record %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// "Not given" and a blank cell are missing figures, kept apart so no
	// total counts them as £0.
	var missing []string
	for _, m := range d.Missing {
		missing = append(missing, m.Area.Name+" "+m.Year.String()+" "+m.Loc.Sheet+"!"+m.Loc.Cell())
	}
	if strings.Join(missing, "; ") != "Birmingham 2024/25 Annex A 2024!D5; Bury 2024/25 Annex A 2024!D6" {
		t.Errorf("missing figures = %q", missing)
	}
}

func TestWideSheetErrors(t *testing.T) {
	broken := []workbook.SheetSpec{{
		Name:   "Grants",
		Header: []string{"Council", "2023/24"},
		Rows:   [][]any{{"Barnet", "lots"}, {"Total", 5}},
	}}
	for _, tt := range []struct{ name, toml, want string }{
		{"bad amount names its cell", `[[source]]
file = "g.xlsx"
constants = { fund = "F" }
unpivot = { field = "year" }`, `g.xlsx: Grants!B2: amount "lots"`},
		{"total row is checked per column", `[[source]]
file = "g.xlsx"
constants = { fund = "F" }
unpivot = { field = "year" }`, `Grants!B3: the Total row says £5`},
		{"named column must exist", `[[source]]
file = "g.xlsx"
constants = { year = "2023/24" }
unpivot = { field = "fund", columns = ["IBCF"] }`, `no column "IBCF" to unpivot`},
		{"sheet number out of range", `[[source]]
file = "g.xlsx"
sheet_number = 3
constants = { fund = "F" }
unpivot = { field = "year" }`, `no sheet number 3; the workbook has 1`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loadSite(t, tt.toml, map[string][]workbook.SheetSpec{"g.xlsx": broken})
			if report := problems.Report(50); !strings.Contains(report, tt.want) {
				t.Errorf("report lacks %q:\n%s", tt.want, report)
			}
		})
	}
}

func TestFundsAcrossTheTop(t *testing.T) {
	d := mustLoad(t, `[[source]]
file = "g.xlsx"
constants = { year = "2023/24" }
unpivot = { field = "fund", columns = ["Discharge Fund", "UEC Support Fund"] }
`, map[string][]workbook.SheetSpec{"g.xlsx": {{
		Name:   "Grants",
		Header: []string{"Council", "Discharge Fund", "UEC Support Fund"},
		Rows:   [][]any{{"Bolton", 1501105, 652199}},
	}}})
	if len(d.Allocations) != 2 || d.FundByName("UEC Support Fund") == nil {
		t.Fatalf("want two records from two funds, got %d, funds %q", len(d.Allocations), d.FundNames())
	}
	if got := money.Full(model.Sum(d.Allocations)); got != "£2,153,304" {
		t.Errorf("total %s", got)
	}
}

// cellSum adds up a column of a sheet read straight from the file, without
// the workbook or model packages, as exact decimals.
func cellSum(t *testing.T, path, sheet, header string) (rows int, total *big.Rat) {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range all[0] {
		if h == header {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s has no column %q", sheet, header)
	}
	total = new(big.Rat)
	for _, r := range all[1:] {
		if col >= len(r) || r[col] == "" {
			continue
		}
		v, ok := new(big.Rat).SetString(r[col])
		if !ok {
			t.Fatalf("%q is not a number", r[col])
		}
		// The cells hold binary floats such as 1234.5600000000001: a
		// workbook's amount is its value to the penny.
		v.SetString(v.FloatString(2))
		total.Add(total, v)
		rows++
	}
	return rows, total
}

// copyTestdata puts real workbooks into a project folder's data/.
func copyTestdata(t testing.TB, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReads360GivingWithNoMapping(t *testing.T) {
	const file = "360giving-andrew-lloyd-webber-foundation.xlsx"
	dir := copyTestdata(t, file)
	// The foundation names two recipients by its own identifier in some
	// years and by their charity or school number in others: old codes.
	d, problems := loadConfig(t, dir, `[[source]]
file = "data/`+file+`"
[areas.old_codes]
"360G-ALWF-ORG:Arts_Educational_Schools_London" = "GB-CHC-311087"
"360G-ALWF-ORG:Royal_Birmingham_Conservatoire" = "GB-EDU-133788"
`)
	if problems.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", problems.Report(20))
	}
	rows, total := cellSum(t, filepath.Join("testdata", file), "Sheet1", "Amount Awarded")
	if len(d.Allocations) != rows {
		t.Errorf("%d grants read, the sheet has %d", len(d.Allocations), rows)
	}
	if got := new(big.Rat).SetFrac64(int64(model.Sum(d.Allocations)), 100); got.Cmp(total) != 0 {
		t.Errorf("grants total %s, the sheet adds up to %s", got.RatString(), total.RatString())
	}
	// The sheet's first grant, awarded on serial 44138 (3 November 2020), so in 2020/21.
	var first *model.Allocation
	for _, a := range d.Allocations {
		if a.Grant != nil && a.Grant.Identifier == "360G-ALWF-1978" {
			first = a
		}
	}
	if first == nil || first.Year != fyear.Of(2020) || first.Fund.Name != "Andrew Lloyd Webber Foundation" ||
		first.Area.Name != "Royal Northern College of Music" || first.Area.Code != "GB-EDU-133843" || first.Loc.Cell() != "F2" {
		t.Errorf("first grant read wrongly: %+v", first)
	}
}

func TestReads360GivingTemplate(t *testing.T) {
	const file = "360giving-template-2023.xlsx"
	dir := copyTestdata(t, file)
	d, problems := loadConfig(t, dir, "[[source]]\nfile = \"data/"+file+"\"\n")
	if problems.HasErrors() {
		t.Fatalf("the empty template should read cleanly:\n%s", problems.Report(20))
	}
	rows, _ := cellSum(t, filepath.Join("testdata", file), "grants", "Amount Awarded")
	if rows != 0 || len(d.Allocations) != 0 {
		t.Errorf("template: %d grants read, sheet has %d", len(d.Allocations), rows)
	}
}

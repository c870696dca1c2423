package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// Each test here is a way real, unedited workbooks were misread, and
// holds the reading to what the workbook means, with site.toml alone.

// grantsTOML reads data/g.xlsx's only sheet as a grant list of one fund.
const grantsTOML = `[[source]]
file = "data/g.xlsx"
kind = "grants"
constants = { fund = "Project Grants" }
`

func sheetOf(name string, header []string, rows ...[]any) workbook.SheetSpec {
	return workbook.SheetSpec{Name: name, Header: header, Rows: rows}
}

func wantReport(t *testing.T, problems *diag.List, want ...string) {
	t.Helper()
	report := problems.Report(50)
	for _, w := range want {
		if !strings.Contains(report, w) {
			t.Errorf("report lacks %q:\n%s", w, report)
		}
	}
}

func noErrors(t *testing.T, problems *diag.List) {
	t.Helper()
	if problems.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", problems.Report(50))
	}
}

func TestTotalRowsAreLabelsOnTheirOwn(t *testing.T) {
	// The names come first, as in a grant list: a total's label is the
	// first cell with text.
	header := []string{"Area", "Fund", "Year", "Amount"}
	for _, tt := range []struct {
		name   string
		toml   string
		rows   [][]any
		areas  []string
		report []string
	}{
		{
			name:  "a name that starts with Total is a row of data",
			rows:  [][]any{{"Total Control Sound Ltd", "F", "2023/24", 5000}, {"Totally Theatre", "F", "2023/24", 700}, {"Halo", "F", "2023/24", 300}},
			areas: []string{"Halo", "Total Control Sound Ltd", "Totally Theatre"},
		},
		{
			name:   "a total with no amount is reported, not dropped unseen",
			rows:   [][]any{{"Halo", "F", "2023/24", 300}, {"Total", nil, nil, nil}},
			areas:  []string{"Halo"},
			report: []string{`a.xlsx: Allocations!D3: warning: row 3 is a total row ("Total"), so it is not counted; its amount is blank, so it cannot be checked`},
		},
		{
			name: "subtotals check their own rows, the grand total all of them",
			rows: [][]any{
				{"Kent", "F", "2023/24", 100}, {"Medway", "F", "2023/24", 50}, {"Total for Kent and Medway", nil, nil, 150},
				{"Essex", "F", "2023/24", 70}, {"Total for Essex", nil, nil, 70}, {"Grand total", nil, nil, 220},
			},
			areas: []string{"Essex", "Kent", "Medway"},
		},
		{
			name:  "detection off reads a Total row as data",
			toml:  "total_rows = false\n",
			rows:  [][]any{{"Halo", "F", "2023/24", 300}, {"Total", "F", "2023/24", 10}},
			areas: []string{"Halo", "Total"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, problems := loadSite(t, "[[source]]\nfile = \"a.xlsx\"\n"+tt.toml, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", header, tt.rows...)}})
			noErrors(t, problems)
			wantReport(t, problems, tt.report...)
			var names []string
			for _, a := range d.Areas {
				names = append(names, a.Name)
			}
			if !slices.Equal(names, tt.areas) {
				t.Errorf("areas %q, want %q", names, tt.areas)
			}
		})
	}
}

// A formula with no saved result reads as blank; in a Status column that
// would publish an estimate as "published".
func TestUncalculatedFormulaInAnyColumnIsAnError(t *testing.T) {
	_, problems := loadSite(t, "[[source]]\nfile = \"a.xlsx\"\n", map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations",
		[]string{"Fund", "Year", "Area", "Amount", "Status"},
		[]any{"F", "2023/24", "Kent", 100, excelize.Cell{Formula: `IF(D2>50,"estimate","")`}},
		[]any{"F", excelize.Cell{Formula: "B2"}, "Essex", 100, "published"},
	)}})
	wantReport(t, problems,
		`a.xlsx: Allocations!E2: status is a formula =IF(D2>50,"estimate","") with no saved result; open the workbook in Excel and save it so the formula is calculated, or type the status`,
		`a.xlsx: Allocations!B3: financial year is a formula =B2 with no saved result`)
}

// londonAreas has a borough and a region that areaKey makes one name of.
var londonAreas = sheetOf("Areas", []string{"Code", "Name", "Geography"},
	[]any{"E09000001", "City of London", "London Borough"},
	[]any{"E12000007", "LONDON", "Region"},
	[]any{"E09000033", "Westminster", "London Borough"},
)

func TestExactNamesComeFirst(t *testing.T) {
	const toml = `[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"
[[source]]
file = "a.xlsx"
sheet = "Allocations"
[areas.aliases]
"The City" = "E09000001"
`
	d, problems := loadSite(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {londonAreas, sheetOf("Allocations",
		[]string{"Fund", "Year", "Area", "Amount"},
		[]any{"F", "2023/24", "City of London", 100},
		[]any{"F", "2022/23", "The City", 90}, // an alias may name a code
		[]any{"F", "2023/24", "London", 5},
	)}})
	noErrors(t, problems)
	var got []string
	for _, a := range d.Allocations {
		got = append(got, a.Area.Code)
	}
	slices.Sort(got)
	if want := []string{"E09000001", "E09000001", "E12000007"}; !slices.Equal(got, want) {
		t.Errorf("matched %q, want %q", got, want)
	}
}

// A name that could be two areas says which they are, never offering the
// name itself as one of the choices, and shows the lines that settle it.
func TestAmbiguousNameShowsTheAliasToPaste(t *testing.T) {
	_, problems := loadSite(t, "", map[string][]workbook.SheetSpec{"data/a.xlsx": {
		sheetOf("Areas", []string{"Code", "Name"}, []any{"E1", "Durham"}, []any{"E2", "Durham County Council"}),
		allocationsNaming([]any{"F", "2023/24", "", "Durham Council", 1}),
	}})
	wantReport(t, problems, `area "Durham Council" could be "Durham", "Durham County Council"; give the area code, or the area type (area_type in [source.constants]), or say which in site.toml:
[areas.aliases]
"Durham Council" = "E1"`)
}

func TestAreasWithoutFiguresHaveNoPageUnlessAsked(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"a.xlsx": {londonAreas, sheetOf("Allocations",
		[]string{"Fund", "Year", "Area code", "Amount"}, []any{"F", "2023/24", "E09000033", 100})}}
	const toml = `[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"
[[source]]
file = "a.xlsx"
sheet = "Allocations"
`
	d := mustLoad(t, toml, books)
	if len(d.Areas) != 1 || d.Areas[0].Name != "Westminster" || d.ShowEmpty {
		t.Errorf("areas with pages: %v (show empty %v), want Westminster alone", d.AreaNames(), d.ShowEmpty)
	}
	d = mustLoad(t, toml+"[areas]\nshow_empty = true\n", books)
	if len(d.Areas) != 3 || !d.ShowEmpty {
		t.Errorf("with show_empty, areas %v, want all three", d.AreaNames())
	}
}

func TestEveryMappingIsUsedOrRefused(t *testing.T) {
	alloc := sheetOf("Allocations", []string{"Fund", "Year", "Area", "Amount", "Region"}, []any{"F", "2023/24", "Westminster", 100, "London"})
	for _, tt := range []struct{ name, toml, want string }{
		{"an unknown field", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\ncolumns = { amout = \"Amount\" }\n",
			`site.toml:4: columns: "amout" is not something an allocations sheet has; it can name fund, programme, year, area, area_code, amount, area_type, region, tranche, status, basis, source, notes (did you mean "amount"?)`},
		{"a column that is not there", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\n[source.columns]\nnotes = \"Comments\"\n",
			`site.toml:5: columns: notes = "Comments", but a.xlsx: Allocations has no column "Comments"; found "Fund", "Year", "Area", "Amount", "Region"`},
		{"a region beside an areas sheet", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Areas\"\nkind = \"areas\"\n[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\ncolumns = { region = \"Region\" }\n",
			`site.toml:8: columns: region has no effect here: with an areas sheet, each area's region is the one the areas sheet gives`},
		{"a population in an allocations sheet", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\ncolumns = { population = \"Region\" }\n",
			`site.toml:4: columns: "population" has no effect in an allocations sheet: populations are read from an areas sheet`},
		{"a population with no year", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Areas\"\nkind = \"areas\"\ncolumns = { population = \"Geography\" }\n[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\n",
			`site.toml:5: columns: "population" must say which financial year the population is for, as in "population 2020/21" = "Geography"`},
		{"an unknown constant", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\nconstants = { yeer = \"2023/24\" }\n",
			`site.toml:4: constants: "yeer" is not something an allocations sheet has`},
		{"constants in an areas sheet", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Areas\"\nkind = \"areas\"\nconstants = { region = \"London\" }\n[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\n",
			`site.toml:5: constants: "region" has no effect: constants are for allocations and grants sheets`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loadSite(t, tt.toml, map[string][]workbook.SheetSpec{"a.xlsx": {londonAreas, alloc}})
			wantReport(t, problems, tt.want)
		})
	}
}

// A workbook in data/ that no source reads is a figure left out; one
// fundsite cannot read is named for what it is.
func TestWorkbooksNoSourceReadsAreErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	alloc := []workbook.SheetSpec{sheetOf("Allocations", []string{"Fund", "Year", "Area", "Amount"}, []any{"F", "2023/24", "Kent", 1})}
	for _, name := range []string{"read.xlsx", "extra.xlsx", "SHOUT.XLSX", "macros.xlsm"} {
		if err := workbook.Write(filepath.Join(dir, "data", name), alloc); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "old.xls"), oleFile("Workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, problems := loadConfig(t, dir, "[[source]]\nfile = \"data/read.xlsx\"\n")
	got := messages(problems)
	want := []string{
		`data/SHOUT.XLSX: this workbook is in data/ but no [[source]] in site.toml reads it; add a [[source]] with file = "data/SHOUT.XLSX", or move it out of data/`,
		`data/extra.xlsx: this workbook is in data/ but no [[source]] in site.toml reads it; add a [[source]] with file = "data/extra.xlsx", or move it out of data/`,
		`data/macros.xlsm: this workbook is in data/ but no [[source]] in site.toml reads it; add a [[source]] with file = "data/macros.xlsm", or move it out of data/`,
		`data/old.xls: this is a legacy Excel 97-2003 .xls workbook, which fundsite cannot read; open it in Excel and save it as "Excel Workbook (.xlsx)". No [[source]] in site.toml reads it either: move it out of data/, or add a [[source]] for the .xlsx`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// With no sources, every readable workbook is read, and an .xls named.
	d, problems := loadConfig(t, dir, "")
	wantReport(t, problems, `data/old.xls: this is a legacy Excel 97-2003 .xls workbook, which fundsite cannot read`)
	if len(d.Files) != 4 {
		t.Errorf("read %d workbooks, want the four .xlsx and .xlsm: %v", len(d.Files), d.Files)
	}
}

// A project folder whose path holds glob characters still finds data/.
func TestProjectPathWithGlobCharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p [1]")
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := workbook.Write(filepath.Join(dir, "data", "a.xlsx"), []workbook.SheetSpec{sheetOf("Allocations",
		[]string{"Fund", "Year", "Area", "Amount"}, []any{"F", "2023/24", "Kent", 1})}); err != nil {
		t.Fatal(err)
	}
	d, problems := loadConfig(t, dir, "")
	noErrors(t, problems)
	if len(d.Allocations) != 1 {
		t.Errorf("%d allocations read from %s, want 1", len(d.Allocations), dir)
	}
}

// writeMergedYears writes a sheet as councils publish it: a title, the
// years merged over their own Amount and Status columns, and the column
// titles repeated under each year.
func writeMergedYears(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	rows := [][]any{
		{"Grants to councils"},
		{nil, nil, "2023/24", nil, "2024/25", nil},
		{"Code", "Council", "Amount (£)", "Status", "Amount (£)", "Status"},
		{"E1", "Kent", 100, "published", 110, "estimate"},
		{"E2", "Essex", 200, "", 210, "estimate"},
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

func mergedYearsRead(t *testing.T, d *model.Dataset, problems *diag.List) {
	t.Helper()
	noErrors(t, problems)
	var got []string
	for _, a := range d.Allocations {
		got = append(got, a.Area.Name+" "+a.Area.Code+" "+a.Year.String()+" "+money.Full(a.Amount)+" "+a.Status.String()+" "+a.Loc.Cell())
	}
	want := []string{
		"Essex E2 2023/24 £200 published C5", "Kent E1 2023/24 £100 published C4",
		"Essex E2 2024/25 £210 estimate E5", "Kent E1 2024/25 £110 estimate E4",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestLayouts(t *testing.T) {
	for _, tt := range [][2]string{
		{"allocations", `{ area = "Council", area_code = "Code" }`},
		{"grants", `{ recipient = "Council", recipient_id = "Code" }`},
	} {
		kind, columns := tt[0], tt[1]
		t.Run("years in a merged row over repeated titles, "+kind, func(t *testing.T) {
			dir := t.TempDir()
			writeMergedYears(t, filepath.Join(dir, "data", "m.xlsx"))
			d, problems := loadConfig(t, dir, `[[source]]
file = "data/m.xlsx"
kind = "`+kind+`"
constants = { fund = "F" }
columns = `+columns+`
unpivot = { field = "year" }
`)
			mergedYearsRead(t, d, problems)
		})
	}
	t.Run("two columns with one title, chosen by letter", func(t *testing.T) {
		d, problems := loadSite(t, `[[source]]
file = "a.xlsx"
columns = { amount = "column E" }
`, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", []string{"Fund", "Year", "Area", "Amount", "Amount"},
			[]any{"F", "2023/24", "Kent", 100, 150})}})
		noErrors(t, problems)
		if len(d.Allocations) != 1 || d.Allocations[0].Amount != money.Pounds(150) || d.Allocations[0].Loc.Cell() != "E2" {
			t.Errorf("read %+v, want £150 from E2", d.Allocations[0])
		}
	})
	t.Run("a row of units under the header", func(t *testing.T) {
		d, problems := loadSite(t, "[[source]]\nfile = \"a.xlsx\"\n", map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations",
			[]string{"Fund", "Year", "Area", "Amount"}, []any{nil, nil, nil, "£000s"}, []any{"F", "2023/24", "Kent", 100})}})
		noErrors(t, problems)
		if len(d.Allocations) != 1 {
			t.Errorf("%d allocations, want 1", len(d.Allocations))
		}
	})
	t.Run("years inside the column titles", func(t *testing.T) {
		d, problems := loadSite(t, `[[source]]
file = "a.xlsx"
constants = { fund = "NPO" }
columns = { area = "Applicant Name" }
unpivot = { field = "year" }
`, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("NPO", []string{"Applicant Name", "Portfolio grant 18/19 - £", "Portfolio grant 19/20 - £", "TOTAL Portfolio grant 18/20 - £", "% change between 17/18 and 18/19"},
			[]any{"1927", 217000, 217000, 434000, 0.1})}})
		noErrors(t, problems)
		if len(d.Allocations) != 2 || d.Years[0] != fyear.Of(2018) || d.Years[1] != fyear.Of(2019) {
			t.Errorf("%d allocations in %v, want 2 in 2018/19 and 2019/20", len(d.Allocations), d.Years)
		}
	})
}

func TestMeasuresRoundingAndMissingWords(t *testing.T) {
	header := []string{"Fund", "Year", "Area", "Amount"}
	load := func(toml string, rows ...[]any) (*model.Dataset, *diag.List) {
		return loadSite(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", header, rows...)}})
	}
	t.Run("a count is held as a count", func(t *testing.T) {
		d, problems := load("[[source]]\nfile = \"a.xlsx\"\nmeasure = \"count\"\nnoun = { many = \"contracts\" }\n", []any{"Contracts", "2023/24", "Angus", 15})
		noErrors(t, problems)
		f := d.Funds[0]
		if !f.Measure.Count || f.Measure.Noun != (model.Noun{One: "contract", Many: "contracts"}) || f.Measure.Full(d.Allocations[0].Amount) != "15 contracts" {
			t.Errorf("measure %+v, amount %d", f.Measure, d.Allocations[0].Amount)
		}
	})
	t.Run("sub-penny amounts rounded when asked", func(t *testing.T) {
		d, problems := load("[[source]]\nfile = \"a.xlsx\"\nround = \"penny\"\n", []any{"F", "2023/24", "Kent", 162905.481732}, []any{"F", "2023/24", "Essex", 10})
		noErrors(t, problems)
		a := d.Allocations[1]
		if a.Area.Name != "Kent" || a.Amount != 16290548 || !a.Rounded || d.Allocations[0].Rounded {
			t.Errorf("read %s %d rounded %v", a.Area.Name, a.Amount, a.Rounded)
		}
	})
	t.Run("words for a missing figure from site.toml", func(t *testing.T) {
		d, problems := load("missing_values = [\"Not held\"]\n[[source]]\nfile = \"a.xlsx\"\n", []any{"F", "2023/24", "Kent", "Not held"}, []any{"F", "2023/24", "Essex", 10})
		noErrors(t, problems)
		if len(d.Missing) != 1 || len(d.Allocations) != 1 {
			t.Errorf("%d missing, %d allocations", len(d.Missing), len(d.Allocations))
		}
	})
	t.Run("a fractional count needs a rounding rule", func(t *testing.T) {
		_, problems := load("[[source]]\nfile = \"a.xlsx\"\nmeasure = \"count\"\n", []any{"F", "2023/24", "Kent", 9715.25})
		wantReport(t, problems, `a.xlsx: Allocations!D2: amount "9715.25" is not a whole number; if the workbook shows it rounded, add round = "whole" to its [[source]] in site.toml`)
		d, problems := load("[[source]]\nfile = \"a.xlsx\"\nmeasure = \"count\"\nround = \"whole\"\n", []any{"F", "2023/24", "Kent", 9715.5})
		noErrors(t, problems)
		if d.Allocations[0].Amount != 971600 {
			t.Errorf("9715.5 rounded to %d hundredths, want 971600", d.Allocations[0].Amount)
		}
	})
	t.Run("one fund is one measure", func(t *testing.T) {
		_, problems := loadSite(t, "[[source]]\nfile = \"a.xlsx\"\nsheet = \"A\"\n[[source]]\nfile = \"a.xlsx\"\nsheet = \"B\"\nmeasure = \"count\"\n",
			map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("A", header, []any{"F", "2023/24", "Kent", 1}), sheetOf("B", header, []any{"F", "2024/25", "Kent", 1})}})
		wantReport(t, problems, `a.xlsx: B!A2: fund "F" is a count here but money at a.xlsx: A!A2`)
	})
}

var grantHeader = []string{"Recipient", "Activity name", "Award amount", "Award date"}

func TestGrantLists(t *testing.T) {
	t.Run("many grants to one recipient", func(t *testing.T) {
		d, problems := loadSite(t, grantsTOML, map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", grantHeader,
			[]any{"Ryde Arts", "Threads", 14697, 43200},
			[]any{"Ryde Arts", "Threads II", 5000, 43551},
			[]any{"Noctium Theatre", "Tour", 11437, "13/03/2019"},
		)}})
		noErrors(t, problems)
		if len(d.Areas) != 2 || len(d.Allocations) != 3 || d.Units != model.RecipientUnits {
			t.Fatalf("%d recipients, %d grants, units %v", len(d.Areas), len(d.Allocations), d.Units)
		}
		var ryde []string
		for _, a := range d.Allocations {
			if a.Area.Name == "Ryde Arts" {
				ryde = append(ryde, a.Grant.Title+" "+a.Grant.AwardDate+" "+a.Year.String()+" "+a.Loc.Cell())
			}
		}
		if want := []string{"Threads 2018-04-10 2018/19 C2", "Threads II 2019-03-27 2018/19 C3"}; !slices.Equal(ryde, want) {
			t.Errorf("Ryde Arts' grants %q, want %q", ryde, want)
		}
	})
	t.Run("a grant that names no recipient still counts", func(t *testing.T) {
		d, problems := loadSite(t, grantsTOML, map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", grantHeader,
			[]any{"Ryde Arts", "Threads", 100, 43200}, []any{"-", "Angel Faced Manuscript", 6160, 43222},
		)}})
		noErrors(t, problems)
		wantReport(t, problems, `data/g.xlsx: Awards!A3: warning: 1 grant names no recipient (a blank or a word such as "-" where the name should be); it is counted under "Recipient not named"`)
		if len(d.Allocations) != 2 || d.AreaByName(NotNamed) == nil {
			t.Errorf("%d grants, recipients %v", len(d.Allocations), d.AreaNames())
		}
	})
	t.Run("rows the same in every column are a warning, both counted", func(t *testing.T) {
		d, problems := loadSite(t, grantsTOML, map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", grantHeader,
			[]any{"Ryde Arts", "Threads", 100, 43200}, []any{"Halo", "Tour", 5, 43200}, []any{"Ryde Arts", "Threads", 100, 43200},
		)}})
		noErrors(t, problems)
		wantReport(t, problems, `data/g.xlsx: Awards!C4: warning: rows 2 and 4 are the same in every column read; both are counted`)
		if len(d.Allocations) != 3 {
			t.Errorf("%d grants, want 3", len(d.Allocations))
		}
	})
	t.Run("an identifier given twice is one grant listed twice", func(t *testing.T) {
		_, problems := loadSite(t, grantsTOML, map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", append([]string{"Identifier"}, grantHeader...),
			[]any{"G-1", "Ryde Arts", "Threads", 100, 43200}, []any{"G-1", "Halo", "Tour", 5, 43200},
		)}})
		wantReport(t, problems, `data/g.xlsx: Awards!D3: grant G-1 is listed twice (also at D2)`)
	})
	t.Run("one name, two identifiers: two recipients, and the lines that would join them", func(t *testing.T) {
		header := []string{"Recipient", "Recipient identifier", "Amount", "Award date"}
		d, problems := loadSite(t, grantsTOML, map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", header,
			[]any{"St Mary's Church", "GB-CHC-111", 100, "2019-05-01"},
			[]any{"St Mary's Church", "GB-CHC-222", 200, "2021-05-01"},
			[]any{"Halo", "", 5, "2021-05-01"},
		)}})
		noErrors(t, problems)
		wantReport(t, problems, `data/g.xlsx: Awards!A3: warning: 2 recipients are called "St Mary's Church", with the identifiers GB-CHC-111, GB-CHC-222, so each has its own page. If they are one organisation that changed its number, add to site.toml:
[areas.old_codes]
"GB-CHC-111" = "GB-CHC-222"`)
		var slugs []string
		for _, a := range d.Areas {
			slugs = append(slugs, a.Slug)
		}
		if want := []string{"halo", "st-marys-church-gb-chc-111", "st-marys-church-gb-chc-222"}; !slices.Equal(slugs, want) {
			t.Errorf("addresses %q, want %q", slugs, want)
		}
	})
	t.Run("grants by local authority, with units named in site.toml", func(t *testing.T) {
		d, problems := loadSite(t, `[[source]]
file = "data/g.xlsx"
kind = "grants"
constants = { fund = "CRF" }
columns = { area = "Local Authority", award_date = "Award date" }
[units]
one = "local authority"
`, map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", []string{"Organisation", "£ Awarded", "Local Authority", "Award date"},
			[]any{"100 Club", 491486, "Westminster", 44100}, []any{"Halo", 5, "Westminster", 44100}, []any{"Dance Co", 7, "Kent", 44100},
		)}})
		noErrors(t, problems)
		if len(d.Areas) != 2 || d.Units != (model.Noun{One: "local authority", Many: "local authorities"}) || d.Allocations[0].Grant.RecipientName == "" {
			t.Errorf("%v, units %v, first grant %+v", d.AreaNames(), d.Units, d.Allocations[0].Grant)
		}
	})
}

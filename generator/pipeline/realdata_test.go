package pipeline

import (
	"context"
	"fmt"
	"html"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Each real workbook, copied unedited into ../ingest/testdata, is built
// into a site with site.toml alone, and the site is held to what the
// workbook's cells say, read here with excelize rather than fundsite's
// reader: the total, the totals by financial year and by fund (from the
// site's allocations download), the number of area (or recipient) pages,
// and, for a live figure summing several rows, that its note cites every
// one of their cells.

const realData = "../ingest/testdata"

// expected is what a workbook's cells say a site built from it must show.
type expected struct {
	byYear, byFund map[string]*big.Rat
	pages          int
	// figure is a live figure summing several rows, and cells are the
	// cells it must cite ("CRF 1 Grants!B4").
	figure string
	cells  []string
}

func newExpected() *expected {
	return &expected{byYear: map[string]*big.Rat{}, byFund: map[string]*big.Rat{}}
}

// add counts one cell's amount in its year and fund.
func (e *expected) add(year, fund string, amount *big.Rat) {
	for _, m := range []struct {
		m map[string]*big.Rat
		k string
	}{{e.byYear, year}, {e.byFund, fund}} {
		if m.m[m.k] == nil {
			m.m[m.k] = new(big.Rat)
		}
		m.m[m.k].Add(m.m[m.k], amount)
	}
}

func TestRealWorkbooksBuildWithConfigAlone(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files []string
		toml  string
		want  func(t *testing.T) *expected
	}{
		{"Culture Recovery Fund: three grant lists", []string{crfFile}, crfTOML, crfExpected},
		{"Culture Recovery Fund by local authority, with ONS populations", []string{onsFile, crfFile}, onsTOML, onsExpected},
		{"National Portfolio: years across, fractions of a penny", []string{npoFile}, npoTOML, npoExpected},
		{"Project Grants: a grant list under title rows", []string{projectFile}, projectTOML, projectExpected},
		{"Indices of Deprivation: counts of people", []string{iodFile}, iodTOML, iodExpected},
		{"a foundation's 360Giving file", []string{alwfFile}, "[[source]]\nfile = \"data/" + alwfFile + "\"\n", alwfExpected},
		{"the 360Giving template", []string{templateFile}, "[[source]]\nfile = \"data/" + templateFile + "\"\n", func(*testing.T) *expected { return newExpected() }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := tt.want(t)
			out := buildReal(t, tt.files, tt.toml, want.figure)
			byYear, byFund := downloadTotals(t, out)
			sameTotals(t, "year", byYear, want.byYear)
			sameTotals(t, "fund", byFund, want.byFund)
			if got := areaPages(t, out); got != want.pages {
				t.Errorf("%d area pages, the workbook has %d", got, want.pages)
			}
			if want.figure != "" {
				checkCitation(t, out, want)
			}
		})
	}
}

// buildReal builds a project of the workbooks, site.toml and a home page
// holding figure, and returns the output folder.
func buildReal(t *testing.T, files []string, toml, figure string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(realData, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"Real\"\nbase_url = \"https://real.example/\"\ndata_as_at = \"2021-07-31\"\n"+toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if figure != "" {
		if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		page := "+++\ntitle = \"Home\"\n+++\n\nThe figure: {{ " + figure + " }}.\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: out, DefaultTheme: os.DirFS("../../themes/default")}
	if res, err := Build(context.Background(), opts); err != nil {
		t.Fatalf("the unedited workbook does not build: %v", err)
	} else if res.Problems.HasErrors() {
		t.Fatal(res.Problems.Report(20))
	}
	return out
}

// downloadTotals adds up the site's allocations download by year and fund.
func downloadTotals(t *testing.T, out string) (byYear, byFund map[string]*big.Rat) {
	t.Helper()
	e := newExpected()
	for _, r := range downloadAmounts(t, out) {
		e.add(r.row["Financial year"], r.row["Fund"], r.amount)
	}
	return e.byYear, e.byFund
}

// downloadAmount is a row of the site's allocations download with an
// amount, and the amount, exactly.
type downloadAmount struct {
	row    map[string]string
	amount *big.Rat
}

// downloadAmounts reads the rows of the site's allocations download that
// give an amount: a figure the workbook does not give is in no total.
func downloadAmounts(t *testing.T, out string) []downloadAmount {
	t.Helper()
	var rows []downloadAmount
	for _, r := range csvRows(t, filepath.Join(out, "data", "allocations.csv")) {
		text := r["Amount (£)"]
		if text == "" {
			continue
		}
		v, ok := new(big.Rat).SetString(text)
		if !ok {
			t.Fatalf("amount %q in the download", text)
		}
		rows = append(rows, downloadAmount{r, v})
	}
	return rows
}

func sameTotals(t *testing.T, by string, got, want map[string]*big.Rat) {
	t.Helper()
	total := func(m map[string]*big.Rat) *big.Rat {
		s := new(big.Rat)
		for _, v := range m {
			s.Add(s, v)
		}
		return s
	}
	if g, w := total(got), total(want); g.Cmp(w) != 0 {
		t.Errorf("total %s, the workbook's cells add up to %s", g.FloatString(2), w.FloatString(2))
	}
	for k, w := range want {
		if g := got[k]; g == nil || g.Cmp(w) != 0 {
			t.Errorf("%s %s: %v, the workbook says %s", by, k, g, w.FloatString(2))
		}
	}
	for k := range got {
		if want[k] == nil {
			t.Errorf("%s %s is in the site but not in the workbook", by, k)
		}
	}
}

// areaPages counts the pages under /areas/.
func areaPages(t *testing.T, out string) int {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(out, "areas"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(out, "areas", e.Name(), "index.html")); e.IsDir() && err == nil {
			n++
		}
	}
	return n
}

var (
	noteSources = regexp.MustCompile(`(?s)<li id="fig-[^"]*-how">.*? From (.*?)\.</li>`)
	cellRun     = regexp.MustCompile(`^([A-Z]+)(\d+)(?:–([A-Z]+)(\d+))?$`)
)

// checkCitation holds the home page figure's note to citing every cell
// of the figure's rows: all of them, or the first few and how many more,
// when the download lists the rest.
func checkCitation(t *testing.T, out string, want *expected) {
	t.Helper()
	got, more := citedCells(t, out)
	slices.Sort(want.cells)
	if more == 0 {
		if !slices.Equal(got, want.cells) {
			t.Errorf("%s cites %q, its rows are %q", want.figure, got, want.cells)
		}
		return
	}
	for _, c := range got {
		if !slices.Contains(want.cells, c) {
			t.Errorf("%s cites %s, which is not one of its rows", want.figure, c)
		}
	}
	if len(got)+more != len(want.cells) {
		t.Errorf("%s cites %d cells and %d more, its rows are %d", want.figure, len(got), more, len(want.cells))
	}
}

// citedCells reads the home page figure's note and lists every cell it
// cites, runs expanded, as "Sheet!B4", and how many more cells it says
// there are.
func citedCells(t *testing.T, out string) (cells []string, more int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := noteSources.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatal("the home page has no figure note")
	}
	for _, part := range strings.Split(html.UnescapeString(m[1]), "; ") {
		if strings.HasPrefix(part, "all ") && strings.HasSuffix(part, "in the download") {
			continue
		}
		_, sheetCells, _ := strings.Cut(part, ": ")
		sheet, runs, ok := strings.Cut(sheetCells, "!")
		if !ok {
			t.Fatalf("note cites %q", part)
		}
		if r, n, ok := strings.Cut(runs, " and "); ok {
			runs = r
			count, err := strconv.Atoi(strings.ReplaceAll(strings.Fields(n)[0], ",", ""))
			if err != nil {
				t.Fatalf("note cites %q", part)
			}
			more += count
		}
		for _, run := range strings.Split(runs, ", ") {
			r := cellRun.FindStringSubmatch(run)
			if r == nil {
				t.Fatalf("note cites %q, not a cell or run of cells", run)
			}
			first, _ := strconv.Atoi(r[2])
			last := first
			if r[4] != "" {
				last, _ = strconv.Atoi(r[4])
			}
			for row := first; row <= last; row++ {
				cells = append(cells, fmt.Sprintf("%s!%s%d", sheet, r[1], row))
			}
		}
	}
	slices.Sort(cells)
	return cells, more
}

// sheetRows reads a sheet's cells as stored, with excelize.
func sheetRows(t *testing.T, file, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(realData, file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column finds a header's column in a header row, spacing aside.
func column(t *testing.T, header []string, title string) int {
	t.Helper()
	for i, h := range header {
		if strings.Join(strings.Fields(h), " ") == title {
			return i
		}
	}
	t.Fatalf("no column %q in %q", title, header)
	return -1
}

func cell(r []string, i int) string {
	if i < len(r) {
		return strings.TrimSpace(r[i])
	}
	return ""
}

// pounds reads a stored number as exact pounds, rounded half away from
// zero to the penny (or, with whole, to the unit), as a workbook shows it.
func pounds(t *testing.T, s string, whole bool) *big.Rat {
	t.Helper()
	v, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("%q is not a number", s)
	}
	scale := big.NewRat(100, 1)
	if whole {
		scale = big.NewRat(1, 1)
	}
	v.Mul(v, scale)
	q, r := new(big.Int).QuoRem(v.Num(), v.Denom(), new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2)).Cmp(v.Denom()) >= 0 {
		q.Add(q, big.NewInt(int64(v.Sign())))
	}
	return new(big.Rat).SetFrac(q, scale.Num())
}

// nameKey tells names apart as web addresses do: case and punctuation
// aside, "&" as "and".
func nameKey(name string) string {
	s := strings.NewReplacer("&", " and ", "'", "", "’", "").Replace(strings.ToLower(name))
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-"), "-")
}

// most is the key with the most cells, the first by name among equals.
func most(cells map[string][]string) string {
	best := ""
	for k, c := range cells {
		if best == "" || len(c) > len(cells[best]) || len(c) == len(cells[best]) && k < best {
			best = k
		}
	}
	return best
}

// financialYear is the UK financial year a date falls in, "2020/21".
func financialYear(d time.Time) string {
	start := d.Year()
	if d.Month() < time.April {
		start--
	}
	return fmt.Sprintf("%d/%02d", start, (start+1)%100)
}

func serialYear(t *testing.T, s string) string {
	t.Helper()
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return financialYear(d)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("award date %q", s)
	}
	d, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		t.Fatal(err)
	}
	return financialYear(d)
}

const (
	crfFile      = "ace-culture-recovery-fund-investment-2021-04-02.xlsx"
	onsFile      = "ons-population-mid2020-local-authorities.xlsx"
	npoFile      = "ace-national-portfolio-2018-22.xlsx"
	projectFile  = "ace-project-grants-2018-19.xlsx"
	iodFile      = "mhclg-iod2019-local-authority-summaries.xlsx"
	alwfFile     = "360giving-andrew-lloyd-webber-foundation.xlsx"
	templateFile = "360giving-template-2023.xlsx"
)

// crfSheets are the Culture Recovery Fund's grant lists: sheet, fund, year.
var crfSheets = [][3]string{
	{"CRF 1 Grants", "Culture Recovery Fund: Grants (round 1)", "2020/21"},
	{"CRF 1 Capital Kickstart", "Culture Recovery Fund: Capital Kickstart", "2020/21"},
	{"CRF 2 Grants", "Culture Recovery Fund: Grants (round 2)", "2021/22"},
}

var crfTOML = func() string {
	var b strings.Builder
	for _, s := range crfSheets {
		fmt.Fprintf(&b, "[[source]]\nfile = \"data/%s\"\nsheet = %q\nkind = \"grants\"\nconstants = { fund = %q, year = %q }\n\n", crfFile, s[0], s[1], s[2])
	}
	return b.String()
}()

func crfExpected(t *testing.T) *expected {
	e := newExpected()
	cells := map[string][]string{}
	names := map[string]string{}
	for _, s := range crfSheets {
		rows := sheetRows(t, crfFile, s[0])
		org, amount := column(t, rows[0], "Organisation"), column(t, rows[0], "£ Awarded")
		for i, r := range rows[1:] {
			if cell(r, org) == "" {
				continue
			}
			e.add(s[2], s[1], pounds(t, cell(r, amount), false))
			k := nameKey(cell(r, org))
			cells[k] = append(cells[k], fmt.Sprintf("%s!%s%d", s[0], excelCol(amount), i+2))
			names[k] = cell(r, org)
		}
	}
	e.pages = len(cells)
	top := most(cells)
	e.figure, e.cells = fmt.Sprintf("sum area=%q", names[top]), cells[top]
	return e
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func excelCol(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// onsAliases are Northamptonshire's districts, which became two unitary
// authorities in April 2021: the grants name the districts, the ONS
// populations the new authorities.
var onsAliases = map[string]string{
	"Northampton": "West Northamptonshire", "South Northamptonshire": "West Northamptonshire", "Daventry": "West Northamptonshire",
	"Corby": "North Northamptonshire", "East Northamptonshire": "North Northamptonshire",
	"Kettering": "North Northamptonshire", "Wellingborough": "North Northamptonshire",
}

var onsTOML = func() string {
	var b strings.Builder
	fmt.Fprintf(&b, `[[source]]
file = "data/%s"
kind = "areas"
columns = { type = "Geography", "population 2020/21" = "All ages" }

[[source]]
file = "data/%s"
sheet = "CRF 1 Grants"
kind = "grants"
constants = { fund = "Culture Recovery Fund", year = "2020/21" }
columns = { area = "Local Authority" }

[units]
one = "local authority"

[areas.aliases]
`, onsFile, crfFile)
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range onsAliases {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "%q = %q\n", k, onsAliases[k])
	}
	return b.String()
}()

// onsExpected: the grants by local authority, each authority with grants
// a page; "City of London" is the City, not the region LONDON.
func onsExpected(t *testing.T) *expected {
	e := newExpected()
	rows := sheetRows(t, crfFile, "CRF 1 Grants")
	la, amount := column(t, rows[0], "Local Authority"), column(t, rows[0], "£ Awarded")
	cells := map[string][]string{}
	for i, r := range rows[1:] {
		name := cell(r, la)
		if name == "" {
			continue
		}
		if to, ok := onsAliases[name]; ok {
			name = to
		}
		e.add("2020/21", "Culture Recovery Fund", pounds(t, cell(r, amount), false))
		cells[name] = append(cells[name], fmt.Sprintf("CRF 1 Grants!%s%d", excelCol(amount), i+2))
	}
	e.pages = len(cells)
	if len(cells["City of London"]) < 2 {
		t.Fatal("the City of London has fewer than two grants; pick another figure")
	}
	e.figure, e.cells = `sum area="City of London"`, cells["City of London"]
	return e
}

const npoTOML = `[[source]]
file = "data/` + npoFile + `"
kind = "grants"
constants = { fund = "National Portfolio" }
columns = { recipient = "Applicant Name" }
unpivot = { field = "year" }
round = "penny"

[units]
one = "organisation"
`

// npoExpected: one column per financial year ("Portfolio grant 18/19 - £"),
// sub-penny amounts rounded to the penny; the totals and the change
// column are not years.
func npoExpected(t *testing.T) *expected {
	e := newExpected()
	rows := sheetRows(t, npoFile, "NPO 2018_2022")
	name := column(t, rows[0], "Applicant Name")
	years := map[int]string{}
	yearIn := regexp.MustCompile(`(?:funding|grant) +(\d\d)/(\d\d) - £`)
	for i, h := range rows[0] {
		m := yearIn.FindStringSubmatch(strings.Join(strings.Fields(h), " "))
		if m == nil {
			continue
		}
		if start, end := atoi(t, m[1]), atoi(t, m[2]); end == start+1 { // not a total over years, "15/18"
			years[i] = "20" + m[1] + "/" + m[2]
		}
	}
	if len(years) != 7 {
		t.Fatalf("found %d year columns, want 7 (2015/16 to 2021/22)", len(years))
	}
	cells := map[string][]string{}
	names := map[string]string{}
	for i, r := range rows[1:] {
		k := nameKey(cell(r, name))
		names[k] = cell(r, name)
		for c, y := range years {
			e.add(y, "National Portfolio", pounds(t, cell(r, c), false))
			cells[k] = append(cells[k], fmt.Sprintf("NPO 2018_2022!%s%d", excelCol(c), i+2))
		}
	}
	e.pages = len(cells)
	top := most(cells) // an organisation with two portfolio grants
	e.figure, e.cells = fmt.Sprintf("sum area=%q", names[top]), cells[top]
	return e
}

const projectTOML = `[[source]]
file = "data/` + projectFile + `"
sheet = "Project Grants Awards"
kind = "grants"
constants = { fund = "National Lottery Project Grants" }
`

// projectExpected: the header is row 3, under two title rows; the award
// date gives the year; a recipient written "-" is not named.
func projectExpected(t *testing.T) *expected {
	e := newExpected()
	rows := sheetRows(t, projectFile, "Project Grants Awards")
	header := rows[2]
	rec, amount, date := column(t, header, "Recipient"), column(t, header, "Award amount"), column(t, header, "Award date")
	cells := map[string][]string{}
	names := map[string]string{}
	for i, r := range rows[3:] {
		if cell(r, amount) == "" {
			continue
		}
		e.add(serialYear(t, cell(r, date)), "National Lottery Project Grants", pounds(t, cell(r, amount), false))
		k := nameKey(cell(r, rec))
		if k == "" {
			k = "not named"
		}
		cells[k] = append(cells[k], fmt.Sprintf("Project Grants Awards!%s%d", excelCol(amount), i+4))
		names[k] = cell(r, rec)
	}
	e.pages = len(cells)
	top := most(cells)
	e.figure, e.cells = fmt.Sprintf("sum area=%q", names[top]), cells[top]
	return e
}

const iodTOML = `[[source]]
file = "data/` + iodFile + `"
sheet = "Income"
measure = "count"
noun = { one = "person", many = "people" }
constants = { fund = "Income-deprived people", year = "2019/20" }
columns = { area = "Local Authority District name (2019)", area_code = "Local Authority District code (2019)", amount = "Income scale" }

[[source]]
file = "data/` + iodFile + `"
sheet = "Employment"
measure = "count"
noun = { one = "person", many = "people" }
round = "whole"
constants = { fund = "Employment-deprived people", year = "2019/20" }
columns = { area = "Local Authority District name (2019)", area_code = "Local Authority District code (2019)", amount = "Employment scale" }

[units]
one = "local authority"
`

// iodExpected: people counted in two sheets, the Employment scale's
// quarters rounded to whole people; one figure adds a council's two.
func iodExpected(t *testing.T) *expected {
	e := newExpected()
	cells := map[string][]string{}
	for _, s := range []struct{ sheet, title, fund string }{
		{"Income", "Income scale", "Income-deprived people"},
		{"Employment", "Employment scale", "Employment-deprived people"},
	} {
		rows := sheetRows(t, iodFile, s.sheet)
		name, amount := column(t, rows[0], "Local Authority District name (2019)"), column(t, rows[0], s.title)
		for i, r := range rows[1:] {
			e.add("2019/20", s.fund, pounds(t, cell(r, amount), true))
			cells[cell(r, name)] = append(cells[cell(r, name)], fmt.Sprintf("%s!%s%d", s.sheet, excelCol(amount), i+2))
		}
	}
	e.pages = len(cells)
	e.figure, e.cells = `sum area="Hartlepool"`, cells["Hartlepool"]
	return e
}

// alwfExpected: a recipient is its identifier, so the same name under two
// identifiers is two pages.
func alwfExpected(t *testing.T) *expected {
	e := newExpected()
	rows := sheetRows(t, alwfFile, "Sheet1")
	h := rows[0]
	id, name, amount, date, funder := column(t, h, "Recipient Org:Identifier"), column(t, h, "Recipient Org:Name"),
		column(t, h, "Amount Awarded"), column(t, h, "Award Date"), column(t, h, "Funding Org:Name")
	cells := map[string][]string{}
	for i, r := range rows[1:] {
		e.add(serialYear(t, cell(r, date)), cell(r, funder), pounds(t, cell(r, amount), false))
		k := cell(r, id)
		if k == "" {
			k = "name:" + nameKey(cell(r, name))
		}
		cells[k] = append(cells[k], fmt.Sprintf("Sheet1!%s%d", excelCol(amount), i+2))
	}
	e.pages = len(cells)
	top := most(cells)
	e.figure, e.cells = fmt.Sprintf("sum area=%q", top), cells[top]
	return e
}

// TestRealWorkbookPages reads the pages residents see: counts are never
// money, a grant list's recipients are called recipients, and a
// recipient of several grants lists each one and cites every cell.
func TestRealWorkbookPages(t *testing.T) {
	t.Run("counts of people", func(t *testing.T) {
		t.Parallel()
		out := buildReal(t, []string{iodFile}, iodTOML, "")
		for _, page := range []string{"index.html", "areas/barnet/index.html", "funds/income-deprived-people/index.html"} {
			text := readText(t, out, page)
			if strings.Contains(text, "£") {
				i := strings.Index(text, "£")
				t.Errorf("%s prints a count as money: …%s…", page, text[max(0, i-60):min(len(text), i+60)])
			}
			if !strings.Contains(text, "people") {
				t.Errorf("%s never says what it counts", page)
			}
		}
	})
	t.Run("a 360Giving file's recipients and their grants", func(t *testing.T) {
		t.Parallel()
		out := buildReal(t, []string{alwfFile}, "[[source]]\nfile = \"data/"+alwfFile+"\"\n", "")
		home := readText(t, out, "index.html")
		if !strings.Contains(home, "Find a recipient") || strings.Contains(home, " areas") {
			t.Errorf("the home page of a grant list speaks of areas:\n%s", home)
		}
		// The recipient with most grants in the file.
		rows := sheetRows(t, alwfFile, "Sheet1")
		name, id := column(t, rows[0], "Recipient Org:Name"), column(t, rows[0], "Identifier")
		grants := map[string][]string{}
		for _, r := range rows[1:] {
			grants[cell(r, name)] = append(grants[cell(r, name)], cell(r, id))
		}
		most := ""
		for n, ids := range grants {
			if len(ids) > len(grants[most]) || len(ids) == len(grants[most]) && n < most {
				most = n
			}
		}
		pages, _ := filepath.Glob(filepath.Join(out, "areas", "*", "index.html"))
		var page string
		for _, p := range pages {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "<h1>"+html.EscapeString(most)+"</h1>") {
				page = string(b)
			}
		}
		if page == "" {
			t.Fatalf("no page for %s, the recipient of %d grants", most, len(grants[most]))
		}
		for _, want := range grants[most] {
			if !strings.Contains(page, ">"+want+"<") {
				t.Errorf("%s's page does not list grant %s", most, want)
			}
		}
		if n := strings.Count(page, "<tr><td>"); n != len(grants[most]) {
			t.Errorf("%s's page lists %d grants, the file has %d", most, n, len(grants[most]))
		}
	})
}

func readText(t *testing.T, out, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(b), " ")), " ")
}

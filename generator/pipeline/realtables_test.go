package pipeline

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Two workbooks published with more under their data than a table: NHS
// England's ICB allocations (a regional table and an ENGLAND total under
// the 42 boards, amounts in £k with fractions) and MHCLG's revenue
// outturn (the unit in a title, code rows over the header, an England
// total, class subtotals and notes under the data). Each is built with
// site.toml alone, rows = "…" saying which rows form each table, and the
// site is held to sums worked out here from the cells as stored, with
// big.Rat: the total to the penny, by year, by fund and by area, the
// number of area pages, and every area's figures citing all their cells
// in figures.json.

const (
	nhseFile  = "nhse-icb-allocations-2023-24-2024-25.xlsx"
	mhclgFile = "mhclg-revenue-outturn-rs-2017-18.xlsx"
)

// tableSource is one [[source]] reading one amount column of a sheet's
// rows, and what the test needs to add its cells up.
type tableSource struct {
	sheet, fund, year, amount string
	// columns are the other columns = { … } it names.
	columns     string
	rows        string // rows = "…", header included
	first, last int    // the data rows
	// scale is the amounts' unit as a power of ten of pounds: 3 for £k.
	scale int
}

// nhseBoards are the columns naming a board: the ODS code names it, as
// the names differ from sheet to sheet.
const nhseBoards = `area = "System Name", area_code = "ICB23", region = "Region"`

var nhseSources = []tableSource{
	{"ICB Core Allocations 2023-24", "ICB core services", "2023/24", "2023/24 Total allocation (£k)", nhseBoards, "3:46", 5, 46, 3},
	{"ICB Core Allocations 2024-25", "ICB core services", "2024/25", "2024/25 Total allocation (£k)", nhseBoards, "3:46", 5, 46, 3},
	{"PMC Allocations 2023-24", "Primary medical care", "2023/24", "2023/24 Recurrent allocation (£k)", nhseBoards, "3:46", 5, 46, 3},
	{"PMC Allocations 2024-25", "Primary medical care", "2024/25", "2024/25 Recurrent allocation (£k)", nhseBoards, "3:46", 5, 46, 3},
	// NHS England's own rows (Eng, by region) follow the boards with no
	// gap, and the regional table comes after two blank rows: rows =
	// "3:46" leaves both out.
	{"Other Primary Care", "Other primary care", "2023/24", "2023/24 Recurrent allocation £k", `area = "Integrated Care Board", area_code = "ICB23"`, "3:46", 5, 46, 3},
	{"Other Primary Care", "Other primary care", "2024/25", "2024/25 Recurrent allocation £k", `area = "Integrated Care Board", area_code = "ICB23"`, "3:46", 5, 46, 3},
}

var nhseTOML = func() string {
	var b strings.Builder
	for _, s := range nhseSources {
		fmt.Fprintf(&b, `[[source]]
file = "data/%s"
sheet = %q
constants = { fund = %q, year = %q }
columns = { amount = %q, %s }
round = "penny"
rows = %q

`, nhseFile, s.sheet, s.fund, s.year, s.amount, s.columns, s.rows)
	}
	return b.String() + `[[source]]
file = "data/` + nhseFile + `"
sheet = "ICB running cost allowance"
constants = { fund = "ICB running cost allowance" }
columns = { area = "System Name", area_code = "ICB23", region = "Region" }
unpivot = { field = "year" }
rows = "3:46"
`
}()

func TestRealTablesBuildWithConfigAlone(t *testing.T) {
	for _, tt := range []struct {
		name string
		file string
		toml string
		want func(t *testing.T) *tableTotals
	}{
		{"NHS England's ICB allocations: a regional table under the boards", nhseFile, nhseTOML, nhseExpected},
		{"MHCLG's revenue outturn: England and class totals under the councils", mhclgFile, mhclgTOML, mhclgExpected},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := tt.want(t)
			out := buildReal(t, []string{tt.file}, tt.toml, "")
			got := siteTotals(t, out)
			sameTotals(t, "year", got.byYear, want.byYear)
			sameTotals(t, "fund", got.byFund, want.byFund)
			sameTotals(t, "area", got.byArea, want.byArea)
			if n := areaPages(t, out); n != len(want.pages) {
				t.Errorf("%d area pages, the workbook has %d areas", n, len(want.pages))
			}
			checkAreaCells(t, out, want)
		})
	}
}

// tableTotals are sums by year, fund and area code, and each area's
// cells ("Sheet!Q5").
type tableTotals struct {
	byYear, byFund, byArea map[string]*big.Rat
	// cells are each area's cells, and each fund's ("fund:F") and each
	// fund's in a year ("fund:F|2023/24").
	cells map[string][]string
	// pages are the areas with a row, a figure marked not available
	// ("…") included.
	pages map[string]bool
}

func newTableTotals() *tableTotals {
	return &tableTotals{byYear: map[string]*big.Rat{}, byFund: map[string]*big.Rat{}, byArea: map[string]*big.Rat{}, cells: map[string][]string{}, pages: map[string]bool{}}
}

func (e *tableTotals) add(year, fund, area string, amount *big.Rat) {
	for _, m := range []struct {
		m map[string]*big.Rat
		k string
	}{{e.byYear, year}, {e.byFund, fund}, {e.byArea, area}} {
		if m.m[m.k] == nil {
			m.m[m.k] = new(big.Rat)
		}
		m.m[m.k].Add(m.m[m.k], amount)
	}
}

// scaled reads a stored number in 10^pow10 pounds as exact pounds,
// rounded half away from zero to the penny.
func scaled(t *testing.T, s string, pow10 int) *big.Rat {
	t.Helper()
	v, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("%q is not a number", s)
	}
	v.Mul(v, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(pow10)), nil)))
	return pounds(t, v.RatString(), false)
}

// addSheet adds up one source's amount column, keyed by the area code in
// column codeCol, reading the cells with excelize.
func (e *tableTotals) addSheet(t *testing.T, f *excelize.File, s tableSource, headerRow int, codeCol string, missing string) {
	t.Helper()
	rows, err := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := column(t, rows[headerRow-1], strings.Join(strings.Fields(s.amount), " "))
	code := column(t, rows[headerRow-1], codeCol)
	for n := s.first; n <= s.last; n++ {
		r := rows[n-1]
		text := cell(r, col)
		if text == "" {
			continue
		}
		e.pages[cell(r, code)] = true
		if text == missing {
			continue
		}
		e.add(s.year, s.fund, cell(r, code), scaled(t, text, s.scale))
		at := fmt.Sprintf("%s!%s%d", s.sheet, excelCol(col), n)
		for _, k := range []string{cell(r, code), "fund:" + s.fund, "fund:" + s.fund + "|" + s.year} {
			e.cells[k] = append(e.cells[k], at)
		}
	}
}

func nhseExpected(t *testing.T) *tableTotals {
	f, err := excelize.OpenFile(filepath.Join(realData, nhseFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e := newTableTotals()
	for _, s := range nhseSources {
		e.addSheet(t, f, s, 3, "ICB23", "")
	}
	for _, y := range [][2]string{{"2023/24 £k", "2023/24"}, {"2024/25 £k", "2024/25"}, {"2025/26 £k", "2025/26"}} {
		e.addSheet(t, f, tableSource{"ICB running cost allowance", "ICB running cost allowance", y[1], y[0], "", "3:46", 5, 46, 3}, 3, "ICB23", "")
	}
	if len(e.byArea) != 42 {
		t.Fatalf("the sheets have %d boards, want 42", len(e.byArea))
	}
	return e
}

// mhclgServices are the outturn's service columns, one fund each.
var mhclgServices = []string{"Education services", "Children Social Care", "Police services", "Fire and rescue services"}

var mhclgTOML = func() string {
	var b strings.Builder
	for _, s := range mhclgServices {
		fmt.Fprintf(&b, `[[source]]
file = "data/%s"
sheet = "RS LA Data 2017-18"
constants = { fund = %q, year = "2017/18" }
columns = { amount = %q, area = "Local authority", area_code = "E-code" }
round = "penny"
missing_values = ["…"]
rows = "7:452"

`, mhclgFile, s, s)
	}
	return b.String()
}()

// mhclgExpected: rows 8–452 are the authorities; "…" is not available.
// Every authority is a page, whether or not it spends on a service.
func mhclgExpected(t *testing.T) *tableTotals {
	f, err := excelize.OpenFile(filepath.Join(realData, mhclgFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e := newTableTotals()
	for _, s := range mhclgServices {
		e.addSheet(t, f, tableSource{"RS LA Data 2017-18", s, "2017/18", s, "", "7:452", 8, 452, 3}, 7, "E-code", "…")
	}
	return e
}

// siteTotals adds up the site's allocations download by year, fund and
// area code.
func siteTotals(t *testing.T, out string) *tableTotals {
	t.Helper()
	e := newTableTotals()
	for _, r := range downloadAmounts(t, out) {
		e.add(r.row["Financial year"], r.row["Fund"], r.row["Area code"], r.amount)
	}
	return e
}

// checkAreaCells holds every area's figures in figures.json to citing
// exactly that area's cells, every one, between them; and each fund's
// total, and its total in each year, on the home page to citing every
// cell of the fund (in the year).
func checkAreaCells(t *testing.T, out string, want *tableTotals) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "data", "figures.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Figures []struct {
			Key   string   `json:"key"`
			Cells []string `json:"cells"`
		} `json:"figures"`
		Areas []struct{ Code, Slug string } `json:"areas"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	slugs := map[string]string{}
	for _, a := range m.Areas {
		slugs[a.Slug] = a.Code
	}
	// The home page's totals: "/#fig-icb-core-services-total" and
	// "/#fig-icb-core-services-2023-24-total".
	for k := range want.cells {
		fund, ok := strings.CutPrefix(k, "fund:")
		if !ok {
			continue
		}
		fund, year, _ := strings.Cut(fund, "|")
		key := "/#fig-" + nameKey(fund)
		if year != "" {
			key += "-" + strings.ReplaceAll(year, "/", "-")
		}
		slugs[key+"-total"] = k
	}
	cited := map[string]map[string]bool{}
	for _, f := range m.Figures {
		code, home := slugs[f.Key]
		slug, ok := strings.CutPrefix(f.Key, "/areas/")
		if !ok && !home {
			continue
		}
		if !home {
			slug, _, _ = strings.Cut(slug, "/")
			code = slugs[slug]
		}
		if cited[code] == nil {
			cited[code] = map[string]bool{}
		}
		for _, c := range f.Cells {
			for _, cc := range expandCells(t, c) {
				cited[code][cc] = true
			}
		}
	}
	for code, cells := range want.cells {
		got := slices.Sorted(func(yield func(string) bool) {
			for c := range cited[code] {
				if !yield(c) {
					return
				}
			}
		})
		slices.Sort(cells)
		if !slices.Equal(got, cells) {
			t.Errorf("%s: its figures cite %d cells, %.3q…, its cells are %d, %.3q…", code, len(got), got, len(cells), cells)
		}
	}
}

// expandCells reads "data/x.xlsx: Sheet!Q5–Q7, K9" as the cells it names.
func expandCells(t *testing.T, cited string) []string {
	t.Helper()
	_, sheetCells, _ := strings.Cut(cited, ": ")
	i := strings.LastIndex(sheetCells, "!")
	if i < 0 {
		t.Fatalf("figure cites %q", cited)
	}
	sheet, runs := sheetCells[:i], sheetCells[i+1:]
	var out []string
	for _, run := range strings.Split(runs, ", ") {
		r := cellRun.FindStringSubmatch(run)
		if r == nil {
			t.Fatalf("figure cites %q, not a cell or run of cells", run)
		}
		first, last := atoi(t, r[2]), atoi(t, r[2])
		if r[4] != "" {
			last = atoi(t, r[4])
		}
		for row := first; row <= last; row++ {
			out = append(out, fmt.Sprintf("%s!%s%d", sheet, r[1], row))
		}
	}
	return out
}

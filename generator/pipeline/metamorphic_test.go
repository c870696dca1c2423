package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"fundsite/generator/history"
	"fundsite/generator/pages"
	"fundsite/generator/workbook"
)

// The metamorphic tests: a workbook laid out another way that means the
// same must publish the same figures. Each workbook below (the example
// site's and every real one in ../ingest/testdata) is built as it is, then
// changed on a copy in each way that must not change a single published
// figure (title rows above the header, a blank row inside the data, the
// columns in another order, amounts written as text, amounts in thousands
// under a units row, rows hidden, a sheet renamed and found by position),
// and every figure of figures.json is held to the unchanged build's. Cases
// find the misreads someone thought of; this finds the shapes nobody
// listed. Cell references move with inserted rows, so figures are compared
// by their address, text and status, not by the cells they cite.

// subject is a project to transform: its workbooks, site.toml and the
// sheets its sources read.
type subject struct {
	name   string
	from   string   // folder the workbooks are copied from
	files  []string // workbook names, copied into data/
	toml   string   // site.toml
	sheets []metaSheet
}

// metaSheet is a sheet a source reads, and where its data is.
type metaSheet struct {
	file, sheet string
	header      int // 1-based row of the header
	// data is the first data row, when it is not the row under the
	// header (a units row read with skip_rows comes between).
	data int
	// amounts picks the columns holding the figures by their title; nil
	// for a sheet of areas or funds.
	amounts *regexp.Regexp
	// count: the amounts are counts of people, not money.
	count bool
	// inThousands: the sheet gives its amounts in £000s already, so a
	// thousandth of each is in £m.
	inThousands bool
	// titleUnit is the cell of a title above the header that gives the
	// whole sheet's unit ("Net current expenditure (£ thousand)"), if any.
	titleUnit string
}

func (s metaSheet) firstData() int {
	if s.data > 0 {
		return s.data
	}
	return s.header + 1
}

var exampleTOML = func() string {
	b, err := os.ReadFile("../../site.toml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

var metaSubjects = []subject{
	{"the example site", "../../data", []string{"adult-social-care.xlsx", "council-grants.xlsx"}, strings.ReplaceAll(exampleTOML, `"data/`, `"data/`), []metaSheet{
		{file: "adult-social-care.xlsx", sheet: "Allocations", header: 3, amounts: regexp.MustCompile(`^Amount \(£\)$`)},
		{file: "adult-social-care.xlsx", sheet: "Areas", header: 2},
		{file: "adult-social-care.xlsx", sheet: "Funds", header: 1},
		{file: "council-grants.xlsx", sheet: "iBCF", header: 3, data: 5, amounts: regexp.MustCompile(`^20\d\d/\d\d$`)},
		{file: "council-grants.xlsx", sheet: "Other grants 2023-24", header: 2, amounts: regexp.MustCompile(`^(Adult Social Care Discharge Fund|LA Urgent and Emergency Care Support Fund)$`)},
		{file: "council-grants.xlsx", sheet: "Councils", header: 2},
		{file: "council-grants.xlsx", sheet: "Funds", header: 1},
	}},
	{"Culture Recovery Fund", realData, []string{crfFile}, crfTOML, []metaSheet{
		{file: crfFile, sheet: "CRF 1 Grants", header: 1, amounts: regexp.MustCompile(`^£ Awarded$`)},
		{file: crfFile, sheet: "CRF 1 Capital Kickstart", header: 1, amounts: regexp.MustCompile(`^£ Awarded$`)},
		{file: crfFile, sheet: "CRF 2 Grants", header: 1, amounts: regexp.MustCompile(`^£ Awarded$`)},
	}},
	{"ONS populations", realData, []string{onsFile, crfFile}, onsTOML, []metaSheet{
		{file: onsFile, sheet: "ukpopestimatesmid2020on2021geog", header: 1},
	}},
	{"National Portfolio", realData, []string{npoFile}, npoTOML, []metaSheet{
		{file: npoFile, sheet: "NPO 2018_2022", header: 1, amounts: regexp.MustCompile(`(funding|grant) +\d\d/\d\d - £`)},
	}},
	{"Project Grants", realData, []string{projectFile}, projectTOML, []metaSheet{
		{file: projectFile, sheet: "Project Grants Awards", header: 3, amounts: regexp.MustCompile(`^Award amount$`)},
	}},
	{"Indices of Deprivation", realData, []string{iodFile}, iodTOML, []metaSheet{
		{file: iodFile, sheet: "Income", header: 1, amounts: regexp.MustCompile(`^Income scale$`), count: true},
		{file: iodFile, sheet: "Employment", header: 1, amounts: regexp.MustCompile(`^Employment scale$`), count: true},
	}},
	{"NHS England's ICB allocations", realData, []string{nhseFile}, nhseAllocationsTOML, []metaSheet{
		{file: nhseFile, sheet: "ICB running cost allowance", header: 3, data: 5, amounts: regexp.MustCompile(`^\s*20\d\d/\d\d £k\s*$`), inThousands: true},
	}},
	{"MHCLG's revenue outturn", realData, []string{mhclgFile}, mhclgTOML, []metaSheet{
		{file: mhclgFile, sheet: "RS LA Data 2017-18", header: 7, amounts: regexp.MustCompile(`^(Education services|Children Social Care|Police services|Fire and rescue services)$`), inThousands: true, titleUnit: "A2"},
	}},
	{"a foundation's 360Giving file", realData, []string{alwfFile}, "[[source]]\nfile = \"data/" + alwfFile + "\"\n", []metaSheet{
		{file: alwfFile, sheet: "Sheet1", header: 1, amounts: regexp.MustCompile(`^Amount Awarded$`)},
	}},
}

// NHS England's running cost allowances, read as its ingest test reads
// them; MHCLG's outturn as TestRealTablesBuildWithConfigAlone does.
const nhseAllocationsTOML = `[[source]]
file = "data/` + nhseFile + `"
sheet = "ICB running cost allowance"
constants = { fund = "ICB running cost allowance" }
columns = { area = "System Name", area_code = "ICB23" }
unpivot = { field = "year" }
skip_rows = [47]
`

// metaLeftOut are the real workbooks in testdata that publish no figure
// with the settings their tests use, so there is nothing to compare.
var metaLeftOut = map[string]string{
	templateFile: "the 360Giving template has no grants",
	"nhse-gp-practice-weighted-population-2023-2025.xlsx": "its test reads it as areas only (GP practices), which publishes no figure",
}

// transform changes one sheet of an open workbook. It returns where each
// old row now is (nil: rows did not move), or why it does not apply.
type transform struct {
	name  string
	sheet func(f *excelize.File, s metaSheet) (moved func(int) int, skip string, err error)
	// file changes a saved workbook (for what excelize cannot do).
	file func(path string, s metaSheet) (skip string, err error)
	// config changes the sources reading the sheet.
	config func(src map[string]any, f *excelize.File, s metaSheet)
}

var transforms = []transform{
	{name: "two title rows inserted above the header", sheet: insertTitleRows},
	{name: "a blank row inside the data", sheet: insertBlankRow},
	{name: "the columns in another order", file: rotateColumns},
	{name: "amounts written as text, £1,234.00", sheet: amountsAsText},
	{name: "amounts in thousands under a £000s units row", sheet: amountsInThousands},
	{name: "rows hidden", sheet: hideRows},
	{name: "each sheet renamed and read by its number", sheet: renameSheet, config: bySheetNumber},
}

func TestMetamorphicWorkbooks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(realData, "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if why, ok := metaLeftOut[name]; ok {
			t.Logf("%s: not transformed: %s", name, why)
			continue
		}
		if !slices.ContainsFunc(metaSubjects, func(s subject) bool { return slices.Contains(s.files, name) }) {
			t.Errorf("%s is a real workbook in testdata with no metamorphic subject: add one, or say in metaLeftOut why not", name)
		}
	}
	for _, sub := range metaSubjects {
		t.Run(sub.name, func(t *testing.T) {
			t.Parallel()
			want := metaFigures(t, stageSubject(t, sub))
			if len(want) == 0 {
				t.Fatal("the unchanged workbooks publish no figure")
			}
			for _, tr := range transforms {
				t.Run(tr.name, func(t *testing.T) {
					dir, ok := stageTransformed(t, sub, tr)
					if !ok {
						return
					}
					sameFigures(t, want, metaFigures(t, dir))
				})
			}
		})
	}
}

// stageSubject copies the subject's workbooks and site.toml into a new
// project folder.
func stageSubject(t *testing.T, sub subject) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range sub.files {
		b, err := os.ReadFile(filepath.Join(sub.from, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	toml := sub.toml
	if !strings.Contains(toml, "base_url") {
		toml = "title = \"Metamorphic\"\nbase_url = \"https://meta.example/\"\ndata_as_at = \"2021-07-31\"\n" + toml
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// stageTransformed stages the subject with tr applied to each of its
// sheets, and site.toml changed to match; false when tr applies to none.
func stageTransformed(t *testing.T, sub subject, tr transform) (string, bool) {
	t.Helper()
	dir := stageSubject(t, sub)
	cfg := readTOML(t, filepath.Join(dir, "site.toml"))
	applied := 0
	for _, file := range sub.files {
		p := filepath.Join(dir, "data", file)
		var sheets []metaSheet
		for _, s := range sub.sheets {
			if s.file == file {
				sheets = append(sheets, s)
			}
		}
		if len(sheets) == 0 {
			continue
		}
		if tr.file != nil {
			for _, s := range sheets {
				skip, err := tr.file(p, s)
				if err != nil {
					t.Fatalf("%s %s: %v", file, s.sheet, err)
				}
				if skip != "" {
					t.Logf("%s %s: does not apply: %s", file, s.sheet, skip)
					continue
				}
				applied++
			}
			continue
		}
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sheets {
			sources := sourcesOf(cfg, s)
			if tr.config != nil {
				for _, src := range sources {
					tr.config(src, f, s) // before the sheet changes
				}
			}
			moved, skip, err := tr.sheet(f, s)
			if err != nil {
				t.Fatalf("%s %s: %v", file, s.sheet, err)
			}
			if skip != "" {
				t.Logf("%s %s: does not apply: %s", file, s.sheet, skip)
				continue
			}
			applied++
			for _, src := range sources {
				if moved != nil {
					moveRows(src, moved)
				}
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if applied == 0 {
		t.Logf("%s: applies to no sheet of %s, so not tested", tr.name, sub.name)
		return "", false
	}
	writeTOML(t, filepath.Join(dir, "site.toml"), cfg)
	return dir, true
}

// metaFigures builds the project as far as its figures (every page's, not
// rendered) and returns what figures.json would list, by address.
func metaFigures(t *testing.T, dir string) map[string]history.Figure {
	t.Helper()
	ctx := context.Background()
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	res, pl, err := prepare(ctx, opts, time.Now())
	defer res.done()
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Problems.Report(3))
	}
	err = pl.site.Stream(func(n int, job func(int) error) error { return inParallel(ctx, n, job) }, func(*pages.Page) error { return nil })
	if err == nil {
		err = res.Problems.Err()
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Problems.Report(3))
	}
	if report := res.Problems.Report(5); report != "" {
		t.Logf("the build warned (shown if the figures differ):\n%s", report)
	}
	m, err := pl.remember()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]history.Figure{}
	for _, f := range m.Figures {
		out[f.Key] = f
	}
	return out
}

// sameFigures fails for every figure that changed, appeared or went.
func sameFigures(t *testing.T, want, got map[string]history.Figure) {
	t.Helper()
	bad := 0
	for _, k := range slices.Sorted(maps.Keys(want)) {
		w, g := want[k], got[k]
		switch {
		case g.Key == "":
			t.Errorf("%s (%s, %s from %s) is gone", k, w.Label, w.Text, cellsOf(w))
		case g.Text != w.Text || g.Status != w.Status:
			t.Errorf("%s (%s, from %s): %s %s, unchanged workbook %s %s", k, w.Label, cellsOf(w), g.Text, g.Status, w.Text, w.Status)
		default:
			continue
		}
		if bad++; bad == 10 {
			t.Fatalf("and perhaps more: %d figures in all", len(want))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("%s (%s, %s from %s) is new", k, got[k].Label, got[k].Text, cellsOf(got[k]))
		}
	}
}

func cellsOf(f history.Figure) string {
	if len(f.Cells) == 0 {
		return "no cell"
	}
	return strings.Join(f.Cells, "; ")
}

// The transformations.

func insertTitleRows(f *excelize.File, s metaSheet) (func(int) int, string, error) {
	if err := f.InsertRows(s.sheet, 1, 2); err != nil {
		return nil, "", err
	}
	if err := f.SetCellStr(s.sheet, "A1", "Funding allocations (published figures)"); err != nil {
		return nil, "", err
	}
	return func(r int) int { return r + 2 }, "", f.SetCellStr(s.sheet, "A2", "Source: the department's announcement; see the notes sheet.")
}

func insertBlankRow(f *excelize.File, s metaSheet) (func(int) int, string, error) {
	at := s.firstData() + 1 // after the first row of data
	if last := lastRow(f, s); last < at {
		return nil, fmt.Sprintf("the data has one row (row %d)", last), nil
	}
	return shiftFrom(at, 1), "", f.InsertRows(s.sheet, at, 1)
}

func hideRows(f *excelize.File, s metaSheet) (func(int) int, string, error) {
	last := lastRow(f, s)
	for _, r := range []int{s.firstData(), last} {
		if err := f.SetRowVisible(s.sheet, r, false); err != nil {
			return nil, "", err
		}
	}
	return nil, "", nil
}

func renameSheet(f *excelize.File, s metaSheet) (func(int) int, string, error) {
	return nil, "", f.SetSheetName(s.sheet, "Renamed "+strconv.Itoa(slices.Index(f.GetSheetList(), s.sheet)+1))
}

// bySheetNumber names the sheet by its position instead (before it is
// renamed).
func bySheetNumber(src map[string]any, f *excelize.File, s metaSheet) {
	delete(src, "sheet")
	src["sheet_number"] = int64(slices.Index(f.GetSheetList(), s.sheet) + 1)
}

// amountsAsText writes each amount as text as a person types it:
// "£1,234.00", "-£5.50"; a count of people as "1,234".
func amountsAsText(f *excelize.File, s metaSheet) (func(int) int, string, error) {
	if s.amounts == nil {
		return nil, "no amounts in the sheet", nil
	}
	_, err := eachAmount(f, s, func(ref, v string) error {
		return f.SetCellStr(s.sheet, ref, typed(v, s.count))
	})
	return nil, "", err
}

// amountsInThousands divides each amount by 1,000, exactly, and says so
// in a units row under the header.
func amountsInThousands(f *excelize.File, s metaSheet) (func(int) int, string, error) {
	if s.amounts == nil {
		return nil, "no amounts in the sheet", nil
	}
	cols, err := eachAmount(f, s, func(ref, v string) error {
		return f.SetCellDefault(s.sheet, ref, thousandth(v))
	})
	if err != nil {
		return nil, "", err
	}
	if s.titleUnit != "" {
		// The sheet says its unit once, in a title: the publisher says
		// "million" there instead.
		title, err := f.GetCellValue(s.sheet, s.titleUnit)
		if err != nil || !strings.Contains(title, "£ thousand") {
			return nil, "", fmt.Errorf("%s!%s is %q, not a title in £ thousand (%v)", s.sheet, s.titleUnit, title, err)
		}
		return nil, "", f.SetCellStr(s.sheet, s.titleUnit, strings.Replace(title, "£ thousand", "£ million", 1))
	}
	if err := f.InsertRows(s.sheet, s.header+1, 1); err != nil {
		return nil, "", err
	}
	unit := "£000s"
	switch {
	case s.count:
		unit = "000s"
	case s.inThousands:
		unit = "£m"
	}
	for _, c := range cols {
		// A publisher who moves to thousands says so once: the header
		// loses its "(£)", and the units row says "£000s".
		head, _ := excelize.CoordinatesToCellName(c, s.header)
		title, err := f.GetCellValue(s.sheet, head)
		if err != nil {
			return nil, "", err
		}
		if bare, was := workbook.SplitUnit(title); was != "" {
			if err := f.SetCellStr(s.sheet, head, bare); err != nil {
				return nil, "", err
			}
		}
		ref, _ := excelize.CoordinatesToCellName(c, s.header+1)
		if err := f.SetCellStr(s.sheet, ref, unit); err != nil {
			return nil, "", err
		}
	}
	return shiftFrom(s.header+1, 1), "", nil
}

// eachAmount calls change for every number in the sheet's amount columns
// below the header, with its cell and stored value, and returns the
// columns.
func eachAmount(f *excelize.File, s metaSheet, change func(ref, v string) error) ([]int, error) {
	cols, rows, err := amountColumns(f, s)
	if err != nil {
		return nil, err
	}
	for i := s.firstData() - 1; i < len(rows); i++ {
		for _, c := range cols {
			if c > len(rows[i]) {
				continue
			}
			v := strings.TrimSpace(rows[i][c-1])
			if _, ok := new(big.Rat).SetString(v); !ok || v == "" {
				continue // a blank, or words for a missing figure: left as they are
			}
			ref, _ := excelize.CoordinatesToCellName(c, i+1)
			if err := change(ref, v); err != nil {
				return nil, err
			}
		}
	}
	return cols, nil
}

// amountColumns are the 1-based columns whose title amounts picks, with
// the sheet's cells as stored.
func amountColumns(f *excelize.File, s metaSheet) ([]int, [][]string, error) {
	if s.amounts == nil {
		return nil, nil, nil
	}
	rows, err := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, err
	}
	var cols []int
	for i, h := range rows[s.header-1] {
		if s.amounts.MatchString(strings.Join(strings.Fields(h), " ")) {
			cols = append(cols, i+1)
		}
	}
	if len(cols) == 0 {
		return nil, nil, fmt.Errorf("no column of row %d matches %s", s.header, s.amounts)
	}
	return cols, rows, nil
}

// typed is a stored number as a person types it: thousands separated, at
// least two decimal places (for pounds), every digit kept.
func typed(v string, count bool) string {
	r, _ := new(big.Rat).SetString(v)
	neg := r.Sign() < 0
	digits := strings.TrimPrefix(exactDecimal(r.Abs(r)), "-")
	whole, frac, _ := strings.Cut(digits, ".")
	for !count && len(frac) < 2 {
		frac += "0"
	}
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if !count {
		out = "£" + out
	}
	if neg {
		out = "-" + out
	}
	return out
}

// thousandth is v divided by 1,000, exactly, as a decimal.
func thousandth(v string) string {
	r, _ := new(big.Rat).SetString(v)
	return exactDecimal(r.Quo(r, big.NewRat(1000, 1)))
}

// exactDecimal writes a terminating decimal with every digit it has.
func exactDecimal(r *big.Rat) string {
	for places := 0; ; places++ {
		if s := r.FloatString(places); places >= 30 || mustRat(s).Cmp(r) == 0 {
			return s
		}
	}
}

func mustRat(s string) *big.Rat {
	r, _ := new(big.Rat).SetString(s)
	return r
}

// lastRow is the sheet's last row with a value.
func lastRow(f *excelize.File, s metaSheet) int {
	rows, _ := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
	return len(rows)
}

func shiftFrom(at, n int) func(int) int {
	return func(r int) int {
		if r >= at {
			return r + n
		}
		return r
	}
}

// rotateColumns moves the first column of every row from the header down
// to the end, so each column is one place to the left of where it was.
// It rewrites the sheet's XML, moving each cell whole (its value, type,
// style and any formula with its saved result), which excelize's cell
// functions would not.
func rotateColumns(p string, s metaSheet) (string, error) {
	part, err := sheetPart(p, s.sheet)
	if err != nil {
		return "", err
	}
	widest := 0
	skip := ""
	err = rewritePart(p, part, func(xml []byte) []byte {
		rows := rowElement.FindAllSubmatchIndex(xml, -1)
		for _, m := range rows {
			for _, c := range cellElement.FindAllSubmatch(xml[m[0]:m[1]], -1) {
				col, _, err := excelize.CellNameToCoordinates(string(c[1]))
				if err != nil {
					skip = "a cell with no reference"
				}
				widest = max(widest, col)
			}
		}
		var out bytes.Buffer
		last := 0
		for _, m := range rows {
			num, _ := strconv.Atoi(string(xml[m[2]:m[3]]))
			if num < s.header || m[4] < 0 {
				continue
			}
			out.Write(xml[last:m[4]])
			out.Write(rotated(xml[m[4]:m[5]], widest))
			last = m[5]
		}
		out.Write(xml[last:])
		return out.Bytes()
	})
	if skip != "" {
		return skip, nil
	}
	return "", err
}

var (
	rowElement  = regexp.MustCompile(`(?s)<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>(.*?)</row>)`)
	cellElement = regexp.MustCompile(`(?s)<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:/>|>.*?</c>)`)
)

// rotated is a row's cells with each one column to the left, the first
// last, in column order.
func rotated(cells []byte, widest int) []byte {
	type moved struct {
		col  int
		cell []byte
	}
	var out []moved
	for _, c := range cellElement.FindAllSubmatchIndex(cells, -1) {
		ref := string(cells[c[2]:c[3]])
		col, row, _ := excelize.CellNameToCoordinates(ref)
		to := col - 1
		if to == 0 {
			to = widest
		}
		name, _ := excelize.CoordinatesToCellName(to, row)
		cell := slices.Concat(cells[c[0]:c[2]], []byte(name), cells[c[3]:c[1]])
		out = append(out, moved{to, cell})
	}
	slices.SortFunc(out, func(a, b moved) int { return a.col - b.col })
	var b bytes.Buffer
	for _, m := range out {
		b.Write(m.cell)
	}
	return b.Bytes()
}

// sheetPart is the zip part holding a sheet, from the workbook's
// relationships.
func sheetPart(p, sheet string) (string, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeZipPart(&zr.Reader, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := decodeZipPart(&zr.Reader, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("no part for sheet %q", sheet)
}

func decodeZipPart(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}

// rewritePart replaces one part of a zip file with change(part).
func rewritePart(p, part string, change func([]byte) []byte) error {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			zr.Close()
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			zr.Close()
			return err
		}
		if f.Name == part {
			data = change(data)
		}
		fw, err := w.Create(f.Name)
		if err == nil {
			_, err = fw.Write(data)
		}
		if err != nil {
			zr.Close()
			return err
		}
	}
	zr.Close()
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(p, out.Bytes(), 0o644)
}

// site.toml, read and written as plain values.

func readTOML(t *testing.T, p string) map[string]any {
	t.Helper()
	var cfg map[string]any
	if _, err := toml.DecodeFile(p, &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func writeTOML(t *testing.T, p string, cfg map[string]any) {
	t.Helper()
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(cfg); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sourcesOf are the [[source]] tables reading sheet s: named, or the only
// sheet its source can mean.
func sourcesOf(cfg map[string]any, s metaSheet) []map[string]any {
	var out []map[string]any
	list, _ := cfg["source"].([]map[string]any)
	for _, src := range list {
		if src["file"] != "data/"+s.file {
			continue
		}
		if name, ok := src["sheet"].(string); ok && name != s.sheet {
			continue
		}
		if _, ok := src["sheet_number"]; ok {
			continue // one this test has already renumbered
		}
		out = append(out, src)
	}
	return out
}

// moveRows renumbers the rows a source names (skip_rows, header_row, rows) as
// the transformation moved them.
func moveRows(src map[string]any, moved func(int) int) {
	if rows, ok := src["skip_rows"].([]any); ok {
		for i, r := range rows {
			if n, ok := r.(int64); ok {
				rows[i] = int64(moved(int(n)))
			}
		}
	}
	if n, ok := src["header_row"].(int64); ok {
		src["header_row"] = int64(moved(int(n)))
	}
	if r, ok := src["rows"].(string); ok {
		first, last, _ := strings.Cut(r, ":")
		a, _ := strconv.Atoi(first)
		r = strconv.Itoa(moved(a)) + ":"
		if b, err := strconv.Atoi(last); err == nil {
			r += strconv.Itoa(moved(b))
		}
		src["rows"] = r
	}
}

// TestMetamorphicFiguresAreFiguresJSON: the figures the metamorphic tests
// compare, worked out without rendering a page, are every figure a build
// publishes in data/figures.json, as it publishes them.
func TestMetamorphicFiguresAreFiguresJSON(t *testing.T) {
	t.Parallel()
	dir := stageSubject(t, metaSubjects[0])
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	published, err := history.Read(filepath.Join(opts.OutDir, "data", "figures.json"))
	if err != nil || published == nil {
		t.Fatalf("figures.json: %v", err)
	}
	want := map[string]history.Figure{}
	for _, f := range published.Figures {
		want[f.Key] = f
	}
	if err := os.RemoveAll(opts.OutDir); err != nil {
		t.Fatal(err)
	}
	sameFigures(t, want, metaFigures(t, dir))
}

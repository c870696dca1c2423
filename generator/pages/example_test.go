package pages_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
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

// copyExample is a copy of the example project for a test that changes it.
func copyExample(t *testing.T) string { return sitetest.Example(t) }

// buildExample builds the project in dir into out.
func buildExample(t *testing.T, dir, out string) {
	t.Helper()
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
}

func readPage(t *testing.T, out, page string) string {
	t.Helper()
	return sitetest.ReadPage(t, out, page)
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

func TestExampleSite(t *testing.T) {
	out := builtExample(t)

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

func TestLiveFiguresInExample(t *testing.T) {
	out := builtExample(t)

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
	out := builtExample(t)
	ids := regexp.MustCompile(` id="([^"]+)"`)
	anchors := regexp.MustCompile(` href="#([^"]+)"`)
	for name, data := range sitetest.Snapshot(t, out) {
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

// TestCouncilExample checks the second example, read from a wide workbook
// through the mapping in site.toml: councils sit under their integrated
// care system, each figure cites its determination and cell, and figures
// the workbook leaves blank are shown as not given, never as £0.
func TestCouncilExample(t *testing.T) {
	out := builtExample(t)

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

// TestJSONLDAndSitemap checks what search engines read: a Dataset on the
// data and fund pages, and a sitemap entry for every page.
func TestJSONLDAndSitemap(t *testing.T) {
	out := builtExample(t)

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
	for name := range sitetest.Snapshot(t, out) {
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

// TestRenamedAreaRedirects renames an area: its old address and its code
// redirect to the new page, and the record in data/ keeps the old address
// even for a build that starts without the previous site.
func TestRenamedAreaRedirects(t *testing.T) {
	dir := t.TempDir()
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 530000, "")
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), filepath.Join(dir, "public"))
	sitetest.AreaCodesProject(t, dir, "Essex and Southend", 530000, "")
	fresh := filepath.Join(dir, "fresh") // no previous site, as on Netlify
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), fresh)
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

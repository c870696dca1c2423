package site_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"

	"fundsite/generator/browsertest"
	"fundsite/generator/sitetest"
	"fundsite/generator/workbook"
)

// The accessibility tests load built sites in Chromium under the strict CSP
// and check what WCAG 2.2 AA asks of every page. README.md, "Accessibility",
// says how to run them.

// TestExampleSiteIsAccessible checks every page of the example site, and
// the page a missing address shows.
func TestExampleSiteIsAccessible(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	checkPages(t, b, servedExample(t), append(sitePages(t, builtExample(t)), "/404.html"))
}

// TestLargeSiteIsAccessible checks a sample of a site with 200 areas, long
// names and many years: what breaks layouts is more data than the example has.
func TestLargeSiteIsAccessible(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	dir := largeProject(t, 200)
	out := filepath.Join(dir, "public")
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
	pages := sitePages(t, out)
	if len(pages) < 200 {
		t.Fatalf("only %d pages built", len(pages))
	}
	// The example has audited every kind of page; these check what more
	// data does to them (long names, 200 rows, five years). Each fund page
	// and each area page is much the same as the next, and a fund page
	// here takes tens of seconds, so: home, the areas list, data, updates,
	// the fund with the longest name, and the first and the middle area.
	var sample []string
	for _, p := range pages {
		switch {
		case strings.HasPrefix(p, "/funds/") && p != "/funds/market-sustainability-and-improvement-fund-workforce-fund/":
		case strings.HasPrefix(p, "/areas/") && p != "/areas/" && !strings.HasPrefix(p, "/areas/area-001-") && !strings.HasPrefix(p, "/areas/area-100-"):
		default:
			sample = append(sample, p)
		}
	}
	if len(sample) != 7 {
		t.Fatalf("sampled %d pages: %v", len(sample), sample)
	}
	checkPages(t, b, browsertest.Serve(t, out), sample)
}

// checkPages audits each page of the site at base, in tabs side by side.
func checkPages(t *testing.T, b *browsertest.Browser, base string, pages []string) {
	for _, path := range pages {
		t.Run(pageName(path), func(t *testing.T) {
			t.Parallel() // one tab per page; CI's two cores run two at once
			p := b.Visit(t, base+path)
			for _, v := range p.Axe(t, browsertest.WCAG22AA...) {
				t.Errorf("axe: %s", v)
			}
			if errs := p.ConsoleErrors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
			if v := p.CSPViolations(t); len(v) > 0 {
				t.Errorf("CSP violations:\n%s", strings.Join(v, "\n"))
			}
			checkTargets(t, p)
			checkReflow(t, p, 640) // 200% zoom of a 1280px window
			checkReflow(t, p, 320) // 400% zoom
		})
	}
}

// checkReflow asserts that at width CSS pixels (400% zoom of a 1280px
// window) nothing scrolls sideways but a data table inside its own
// labelled, focusable scrolling region, and that table's caption stays
// on screen.
func checkReflow(t testing.TB, p *browsertest.Page, width int64) {
	t.Helper()
	p.SetViewport(t, width, 640)
	var r struct {
		Width     int      `json:"width"`
		Offenders []string `json:"offenders"`
	}
	p.Eval(t, `(() => {
  const vw = document.documentElement.clientWidth;
  const inRegion = el => {
    const r = el.closest(".table-scroll");
    return r && r.getAttribute("role") === "region" && r.getAttribute("tabindex") === "0" &&
      document.getElementById(r.getAttribute("aria-labelledby") || "") !== null && r.getBoundingClientRect().right <= vw;
  };
  const offenders = [];
  // A table may scroll, but its caption says what the table is and must
  // be read without scrolling.
  for (const c of document.querySelectorAll(".table-scroll caption")) {
    const box = c.getBoundingClientRect();
    if (box.width > 0 && box.right > vw + 1) {
      offenders.push("caption right=" + Math.round(box.right));
    }
  }
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > vw + 1 && !inRegion(el) && !el.closest(".visually-hidden, .skip-link")) {
      offenders.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " right=" + Math.round(box.right));
    }
  }
  return {width: document.documentElement.scrollWidth, offenders: offenders.slice(0, 5)};
})()`, &r)
	if r.Width > int(width) || len(r.Offenders) > 0 {
		t.Errorf("at %dpx the page is %dpx wide; outside a labelled table region: %v", width, r.Width, r.Offenders)
	}
}

// checkTargets asserts WCAG 2.2's 24px minimum target size for the
// controls a thumb aims at: navigation links, buttons, form fields and
// scrolling table regions. Links inside sentences are exempt by the rule.
func checkTargets(t testing.TB, p *browsertest.Page) {
	t.Helper()
	var small []string
	p.Eval(t, `Array.from(document.querySelectorAll("nav a, .site-title, button, input, select, summary, .anchor, [tabindex='0']"))
  .filter(el => { const b = el.getBoundingClientRect(); return b.width > 0 && (b.width < 24 || b.height < 24); })
  .map(el => el.outerHTML.slice(0, 80) + " " + Math.round(el.getBoundingClientRect().width) + "x" + Math.round(el.getBoundingClientRect().height))`, &small)
	for _, s := range small {
		t.Errorf("target smaller than 24x24px: %s", s)
	}
}

// TestKeyboard tabs through each kind of page as a keyboard user: the skip
// link comes first and takes focus to the main content, every control is
// reached in order with a visible focus indicator, and nothing traps focus.
func TestKeyboard(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	base := servedExample(t)
	for _, path := range []string{"/", "/funds/accelerating-reform-fund/", "/areas/mid-and-south-essex/", "/data/"} {
		t.Run(pageName(path), func(t *testing.T) {
			t.Parallel()
			p := b.Visit(t, base+path)
			checkSkipLink(t, p)
			p.Navigate(t, base+path)
			checkTabOrder(t, p)
		})
	}
}

// checkSkipLink: the first Tab reaches the skip link, Enter moves focus to
// <main>, and the next Tab stays inside it.
func checkSkipLink(t *testing.T, p *browsertest.Page) {
	t.Helper()
	p.Key(t, kb.Tab)
	first := focused(t, p)
	if first.Class != "skip-link" || first.Href != "#main" {
		t.Fatalf("first Tab focused %+v, want the skip link", first)
	}
	checkFocusVisible(t, first)
	p.Key(t, kb.Enter)
	if f := focused(t, p); f.ID != "main" {
		t.Fatalf("after the skip link focus is on %+v, want <main id=main>", f)
	}
	p.Key(t, kb.Tab)
	if f := focused(t, p); !f.InMain {
		t.Errorf("Tab after the skip link went to %+v, outside the main content", f)
	}
}

// checkTabOrder tabs from the top of a freshly loaded page: every focusable
// element, in document order, once, each visibly focused, then out.
func checkTabOrder(t *testing.T, p *browsertest.Page) {
	t.Helper()
	var want []string
	p.Eval(t, `Array.from(document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]"))
  .filter(el => el.tabIndex >= 0 && el.checkVisibility() || el.classList.contains("skip-link"))
  .map(el => el.outerHTML.slice(0, 60))`, &want)
	if len(want) == 0 {
		t.Fatal("nothing on the page takes focus")
	}
	// The page notes each focus as it happens, so a page of a hundred
	// controls needs no round trip to ask after each Tab.
	p.Eval(t, `window.__focused = []; document.addEventListener("focusin", () => window.__focused.push(`+describeFocus+`)); true`, nil)
	for range want {
		p.Key(t, kb.Tab)
	}
	var got []focus
	p.Eval(t, `window.__focused`, &got)
	for i, w := range want {
		if i >= len(got) || got[i].HTML != w {
			var f focus
			if i < len(got) {
				f = got[i]
			}
			t.Fatalf("Tab %d focused %s, want %s", i+1, f.HTML, w)
		}
		checkFocusVisible(t, got[i])
	}
	p.Key(t, kb.Tab)
	if f := focused(t, p); f.HTML == want[len(want)-1] {
		t.Errorf("focus is trapped on %s", f.HTML)
	}
}

// focus describes the focused element and how its focus indicator looks.
type focus struct {
	HTML   string  `json:"html"`
	ID     string  `json:"id"`
	Class  string  `json:"class"`
	Href   string  `json:"href"`
	InMain bool    `json:"inMain"`
	Width  float64 `json:"outlineWidth"`
	// Contrast is the best contrast of the indicator (outline, or the
	// focus background) against the colour around the element.
	Contrast float64 `json:"contrast"`
}

func focused(t testing.TB, p *browsertest.Page) focus {
	t.Helper()
	var f focus
	p.Eval(t, describeFocus, &f)
	return f
}

// describeFocus is a focus, as JSON, of document.activeElement.
const describeFocus = `(() => {
  const el = document.activeElement;
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const opaque = c => c.length === 3 || c[3] > 0;
  let around = [255, 255, 255];
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (opaque(c)) { around = c; break; }
  }
  const s = getComputedStyle(el);
  let contrast = 0;
  if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) contrast = ratio(rgb(s.outlineColor), around);
  const bg = rgb(s.backgroundColor);
  if (opaque(bg)) contrast = Math.max(contrast, ratio(bg, around));
  return {html: el.outerHTML.slice(0, 60), id: el.id, class: el.getAttribute("class") || "", href: el.getAttribute("href") || "",
    inMain: !!el.closest("main") && el.tagName !== "MAIN", outlineWidth: s.outlineStyle === "none" ? 0 : parseFloat(s.outlineWidth), contrast: contrast};
})()`

// checkFocusVisible asserts WCAG 2.4.7 and 2.4.11: a focus indicator at
// least 2px thick with 3:1 contrast against what surrounds it.
func checkFocusVisible(t testing.TB, f focus) {
	t.Helper()
	if f.Width < 2 || f.Contrast < 3 {
		t.Errorf("focus on %s is hard to see: outline %.0fpx, contrast %.2f:1", f.HTML, f.Width, f.Contrast)
	}
}

// pageName names a subtest after a page's address.
func pageName(path string) string {
	if path == "/" {
		return "home"
	}
	return strings.Trim(path, "/")
}

// sitePages lists the address of every page of a built site.
func sitePages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		rel, err := filepath.Rel(out, filepath.Dir(p))
		if err != nil {
			return err
		}
		if rel == "." {
			pages = append(pages, "/")
		} else {
			pages = append(pages, "/"+filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// largeProject writes a project with n areas, several funds and five years,
// with the long names and large amounts real data has.
func largeProject(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	funds := []string{"Accelerating Reform Fund", "Market Sustainability and Improvement Fund – Workforce Fund", "Discharge Fund"}
	years := []string{"2020/21", "2021/22", "2022/23", "2023/24", "2024/25"}
	var rows [][]any
	for i := range n {
		area := fmt.Sprintf("Area %03d of the Integrated Care Board for Longer Name Shire and Somewhere-upon-Thames", i+1)
		region := []string{"North East and Yorkshire", "Midlands", "London", "South West"}[i%4]
		for f, fund := range funds {
			for y, year := range years {
				rows = append(rows, []any{fund, year, area, "Integrated care system", region, int64(1_234_567_891 + i*1000 + f*100 + y)})
			}
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "large.xlsx"), []workbook.SheetSpec{{
		Name:         "Allocations",
		Header:       []string{"Fund", "Financial year", "Area", "Area type", "Region", "Amount"},
		Rows:         rows,
		MoneyColumns: []int{5},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// Every area of the type is in the data, so ranks and rankings are true.
	config := "title = \"Large test site\"\nbase_url = \"https://example.org/\"\npublisher = \"Test\"\n[areas]\ncomplete = [\"Integrated care system\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The checks above are only worth something if they can fail: a page that
// breaks each rule must be caught by it.
func TestAccessibilityChecksSeeProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := `<!doctype html><html lang="en"><title>bad</title><link rel="stylesheet" href="/bad.css">
<nav><a href="/x/">x</a></nav>
<main><pre>` + strings.Repeat("wide ", 200) + `</pre>
<div class="table-scroll"><table><caption>` + strings.Repeat("what the table is ", 20) + `</caption><tr><td>` + strings.Repeat("cell ", 200) + `</td></tr></table></div></main>`
	css := `nav a { font-size: 8px; } pre, td { white-space: pre; } a:focus { outline: none; }`
	for name, data := range map[string]string{"index.html": page, "bad.css": css} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := browsertest.New(t).Visit(t, browsertest.Serve(t, dir)+"/")
	tests := []struct {
		name  string
		check func(testing.TB)
		want  string
	}{
		{"target size", func(tb testing.TB) { checkTargets(tb, p) }, "smaller than 24x24px"},
		{"reflow", func(tb testing.TB) { checkReflow(tb, p, 320) }, "at 320px the page is"},
		{"unlabelled scrolling table", func(tb testing.TB) { checkReflow(tb, p, 320) }, "table right="},
		{"caption off screen", func(tb testing.TB) { checkReflow(tb, p, 320) }, "caption right="},
		{"focus", func(tb testing.TB) { p.Key(tb, kb.Tab); checkFocusVisible(tb, focused(tb, p)) }, "hard to see"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			tt.check(rec)
			if !strings.Contains(rec.errors, tt.want) {
				t.Errorf("check did not report %q; reported:\n%s", tt.want, rec.errors)
			}
		})
	}
}

// recorder keeps the errors a check reports instead of failing the test.
type recorder struct {
	testing.TB
	errors string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors += fmt.Sprintf(format, args...) + "\n"
}

// TestPagesLeadInPlainEnglish: the first thing a resident reads on the home
// and area pages is one sentence saying who got how much, when, from what.
func TestPagesLeadInPlainEnglish(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	lead := regexp.MustCompile(`<h1>[^<]*</h1>\s*<p class="lead">([^<]*)</p>`)
	tests := []struct{ page, want string }{
		{"index.html", "Between 2023/24 and 2024/25, the Accelerating Reform Fund gave £42.6m (£40.5m of it estimated) to 42 integrated care systems. This site shows 3 more funds, each on its own page."},
		{"areas/mid-and-south-essex/index.html", "Mid and South Essex received at least £530,000 from the Accelerating Reform Fund in 2023/24."},
	}
	for _, tt := range tests {
		m := lead.FindStringSubmatch(readPage(t, out, tt.page))
		if m == nil || m[1] != tt.want {
			t.Errorf("%s: lead after the heading is %q, want %q", tt.page, m, tt.want)
		}
	}
}

// TestAccessibilityStatement: the statement the regulations require is
// built from site.toml and linked from every page; a site without one is
// warned about.
func TestAccessibilityStatement(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	statement := text(readPage(t, out, "accessibility/index.html"))
	for _, want := range []string{
		"This statement applies to Adult social care funding in England at https://fundsite-example.netlify.app/",
		"email accessibility@example.org", "call 020 7946 0000", "get back to you in 5 working days",
		"This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
		"not yet tested by people using screen readers",
		"This statement was prepared on 31 July 2024.",
	} {
		if !strings.Contains(statement, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	if !strings.Contains(readPage(t, out, "sitemap.xml"), "/accessibility/</loc>") {
		t.Error("the sitemap does not list the statement")
	}
	link := regexp.MustCompile(`<a href="([^"]*)">Accessibility statement</a>`)
	for _, page := range sitePages(t, out) {
		m := link.FindStringSubmatch(readPage(t, out, page+"index.html"))
		if m == nil || resolveLink(page, m[1]) != "/accessibility/" {
			t.Errorf("%s does not link to the accessibility statement: %q", page, m)
		}
	}

	bare := largeProject(t, 2)
	res, err := sitetest.BuildOut(filepath.Join(bare, "site.toml"), filepath.Join(bare, "public"))
	if err != nil || !strings.Contains(sitetest.Warnings(res), "site.toml: warning: no accessibility statement") {
		t.Errorf("a site without [accessibility] built with %v and no warning:\n%s", err, sitetest.Warnings(res))
	}
	if _, err := os.Stat(filepath.Join(bare, "public", "accessibility")); err == nil {
		t.Error("a statement was published without the publisher's details")
	}
}

// TestBrandColoursInTheBrowser: colours set in site.toml reach the page through a
// stylesheet (no inline style under the CSP), and the build warns about
// colours that fail contrast, naming the line.
func TestBrandColoursInTheBrowser(t *testing.T) {
	t.Parallel()
	dir := copyExample(t)
	appendConfig(t, dir, "\n[colours]\naccent = \"#00703c\"\n")
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	p := browsertest.New(t).Visit(t, browsertest.Serve(t, out)+"/")
	var header string
	p.Eval(t, `getComputedStyle(document.querySelector(".site-header")).backgroundColor`, &header)
	if header != "rgb(0, 112, 60)" {
		t.Errorf("header background %s, want the configured #00703c", header)
	}
	for _, v := range p.Axe(t, browsertest.WCAG22AA...) {
		t.Errorf("axe: %s", v)
	}
	if v := p.CSPViolations(t); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}

	appendConfig(t, dir, "background = \"#ffffff\"\ntext = \"#999999\"\n")
	res, err := sitetest.CheckOut(filepath.Join(dir, "site.toml"))
	if err != nil || !regexp.MustCompile(`site\.toml:\d+: warning: \[colours\] text: text #999999 on background #ffffff has contrast 2\.85:1`).MatchString(sitetest.Warnings(res)) {
		t.Errorf("pale text: %v, warnings:\n%s", err, sitetest.Warnings(res))
	}
}

func appendConfig(t *testing.T, dir, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// TestPagesWorkWithoutJavaScript: with scripts off, each kind of page still
// shows its heading, lead, figures and full tables, and still reflows.
func TestPagesWorkWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	base := servedExample(t)
	for _, path := range []string{"/", "/areas/", "/funds/accelerating-reform-fund/", "/areas/mid-and-south-essex/", "/about/", "/accessibility/"} {
		t.Run(pageName(path), func(t *testing.T) {
			t.Parallel()
			p := b.Visit(t, base+path)
			p.DisableScripts(t)
			var missing []string
			p.Eval(t, `(() => {
  const shown = el => el && el.getClientRects().length > 0 && el.offsetHeight > 0;
  const missing = [];
  if (!shown(document.querySelector("main h1"))) missing.push("h1");
  if (!shown(document.querySelector("main .lead"))) missing.push("lead");
  for (const el of document.querySelectorAll("main [id^='fig-']")) if (!shown(el)) missing.push("#" + el.id);
  for (const table of document.querySelectorAll("main table")) {
    if (!shown(table) || !table.caption || table.tBodies[0].rows.length === 0) missing.push("table " + (table.caption ? table.caption.textContent : ""));
  }
  return missing;
})()`, &missing)
			if len(missing) > 0 {
				t.Errorf("with JavaScript off, not shown: %v", missing)
			}
			checkTargets(t, p)
			checkReflow(t, p, 320)
		})
	}
}

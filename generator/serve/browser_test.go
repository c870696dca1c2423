package serve

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"fundsite/generator/browsertest"
)

// waitUntil waits for js to be true in the page, across the reloads the
// preview causes.
func waitUntil(t *testing.T, page *browsertest.Page, js string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(page.Ctx(), wait)
	defer cancel()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(0)))
		if err == nil && ok {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("waiting for %s: %v", js, err)
		}
		// The page reloaded while polling; poll the new one.
	}
}

// In a real browser under the strict CSP, an open page reloads itself on a
// save, shows a broken workbook's problems styled over the page, lets
// Escape hide them, and loses them when the workbook is fixed.
func TestPreviewInBrowser(t *testing.T) {
	if csp != browsertest.CSP {
		t.Errorf("the preview's CSP %q is not the published one %q", csp, browsertest.CSP)
	}
	b := browsertest.New(t)
	dir := newProject(t)
	p := start(t, dir)
	page := b.Visit(t, p.url+"/about/")
	waitUntil(t, page, `document.body.innerText.includes("First words.")`)

	writeFile(t, filepath.Join(dir, "content", "about.md"), aboutPage("Second words."))
	waitUntil(t, page, `document.body.innerText.includes("Second words.")`)

	writeWorkbook(t, dir, 1000, "lots")
	// Escape works once the deferred reload script has run, by "complete".
	waitUntil(t, page, `!!document.getElementById("fundsite-problems") && document.readyState === "complete"`)
	var shown struct {
		Open     bool
		Text     string
		Position string
	}
	page.Eval(t, `(() => { const d = document.getElementById("fundsite-problems");
		return {open: d.open, text: d.innerText, position: getComputedStyle(d).position}; })()`, &shown)
	if !shown.Open || !strings.Contains(shown.Text, "data/funds.xlsx: Allocations!D3") || shown.Position != "fixed" {
		t.Errorf("problems are not shown styled over the page: %+v", shown)
	}
	page.SetViewport(t, 320, 640)
	var wide bool
	page.Eval(t, `document.documentElement.scrollWidth > 320`, &wide)
	if wide {
		t.Error("the problems make the page scroll sideways at 320px")
	}
	if err := chromedp.Do(page.Ctx(), chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, page, `!document.getElementById("fundsite-problems").open`)

	writeWorkbook(t, dir, 1000, 3000)
	waitUntil(t, page, `!document.getElementById("fundsite-problems") && document.body.innerText.includes("Second words.")`)
	if v := page.CSPViolations(t); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	for _, e := range page.ConsoleErrors() {
		// The site has no favicon.ico yet, so Chromium's request for it
		// fails; the preview's own files are checked in TestServesTheBuild.
		if !strings.Contains(e, "Failed to load resource: the server responded with a status of 404") {
			t.Errorf("console error: %s", e)
		}
	}
}

package site_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"fundsite/generator/browsertest"
)

// printedPages are area pages a councillor might print: an integrated care
// system ranked among 42, a council with three funds, and the example's
// longest briefing (a narrative with five live-figure notes), which printed
// on three pages until the quotes and the citation's notes left paper.
var printedPages = []string{"/areas/kent-and-medway/", "/areas/barking-and-dagenham/", "/areas/mid-and-south-essex/"}

// TestPrintedAreaBriefing prints area pages to PDF in Chromium on A4, as a
// reader's "Print" would, and reads the text back with pdftotext: at most
// two pages, with the headline, every figure with its status and source,
// every figure of the tables behind the charts (which sit in closed "Show
// the data as a table" boxes on screen), and the page's address once.
// Pages are printed after the reader has scrolled through them (charts
// drawn), and again with JavaScript off.
func TestPrintedAreaBriefing(t *testing.T) {
	pdftotext := pdfToTextPath(t)
	b := browsertest.New(t)
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	base := browsertest.Serve(t, out)
	for _, path := range printedPages {
		for _, scripts := range []bool{true, false} {
			name := pageName(path)
			if !scripts {
				name += "-without-javascript"
			}
			t.Run(name, func(t *testing.T) {
				p := b.Visit(t, base+path)
				if scripts {
					// Scroll through as a reader would, so the charts are drawn.
					p.Eval(t, `(async function () {
						for (const el of document.querySelectorAll('.chart')) {
							el.scrollIntoView();
							for (let waited = 0; waited < 10000 && !el.querySelector('svg'); waited += 50) {
								await new Promise(r => setTimeout(r, 50));
							}
						}
					})()`, nil)
					// Browsers that cannot show a closed box's content on paper
					// (no ::details-content) print the boxes charts.js opens
					// for printing, and closed again after.
					var closed struct{ During, After, All int }
					p.Eval(t, `(() => {
						const closed = () => document.querySelectorAll('details.chart-data:not([open])').length;
						const all = closed();
						window.dispatchEvent(new Event('beforeprint'));
						const during = closed();
						window.dispatchEvent(new Event('afterprint'));
						return {during: during, after: closed(), all: all};
					})()`, &closed)
					if closed.During != 0 || closed.After != closed.All {
						t.Errorf("of %d closed tables, %d stayed closed for printing and %d were closed after, want 0 and %d", closed.All, closed.During, closed.After, closed.All)
					}
				} else {
					p.DisableScripts(t)
				}
				var want briefing
				// What the page shows (not what only screen readers hear).
				p.Eval(t, `(() => {
					const shown = el => {
						const c = el.cloneNode(true);
						c.querySelectorAll('.visually-hidden, .anchor').forEach(e => e.remove());
						return c.textContent;
					};
					return {
						heading: shown(document.querySelector('main h1')),
						lead: shown(document.querySelector('main .lead')),
						// Each figure's fund, year, amount, status, share, rank,
						// per-person figure and cell; the source's link is
						// checked by its address below.
						figures: Array.from(document.querySelectorAll('table.figures tbody tr > *')).map(c => shown(c).replace(/\s*source$/, '')).filter(s => s.trim()),
						sources: Array.from(document.querySelectorAll('table.figures a[href^="http"]')).map(a => a.href),
						cells: Array.from(document.querySelectorAll('.chart-data tbody th, .chart-data tbody td')).map(shown),
						canonical: document.querySelector('link[rel=canonical]').href
					};
				})()`, &want)
				if len(want.Figures) == 0 {
					t.Fatal("the page has no table of figures")
				}
				pages, text := printA4(t, p, pdftotext)
				if pages > 2 {
					t.Errorf("printed on %d A4 pages, want at most 2", pages)
				}
				// Lines break anywhere on paper (at a hyphen, in an address):
				// compare without any spaces.
				bare := strings.Join(strings.Fields(text), "")
				for _, s := range append(append([]string{want.Heading, want.Lead}, want.Figures...), want.Cells...) {
					if !strings.Contains(bare, strings.Join(strings.Fields(s), "")) {
						t.Errorf("the printed page lacks %q", strings.Join(strings.Fields(s), " "))
					}
				}
				for _, src := range want.Sources {
					if !strings.Contains(bare, "("+src+")") {
						t.Errorf("the printed page does not give the source's address %s", src)
					}
				}
				// A figure's own address (the page's, with #fig-…) is another.
				if n := strings.Count(bare, want.Canonical) - strings.Count(bare, want.Canonical+"#"); n != 1 {
					t.Errorf("the page's address %s is printed %d times, want once", want.Canonical, n)
				}
				if strings.Contains(bare, "Showthedataasatable") {
					t.Error("the printed page shows the on-screen button \"Show the data as a table\"")
				}
			})
		}
	}
}

type briefing struct {
	Heading, Lead string
	// Figures are each figure's heading, status and provenance.
	Figures, Sources []string
	// Cells are every label and amount of the charts' tables.
	Cells     []string
	Canonical string
}

// printA4 prints the page as Chromium's Print does on A4 paper (default
// margins, no browser header or footer) and returns the number of pages
// and the text.
func printA4(t *testing.T, p *browsertest.Page, pdftotext string) (pages int, text string) {
	t.Helper()
	pdf, err := chromedp.Call(p.Ctx(), page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	file := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(file, pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	// -raw keeps the text in the order it is drawn: a table's cells row
	// by row, column after column, rather than guessing at the layout.
	got, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	// pdftotext ends every page with a form feed.
	return strings.Count(string(got), "\f"), string(got)
}

// pdfToTextPath finds poppler's pdftotext, the reference reader of PDF
// text (fonts, encodings and all); like Chromium it must be there in CI.
func pdfToTextPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is not installed; .ci/run installs it (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils); the print test runs in CI")
	}
	return path
}

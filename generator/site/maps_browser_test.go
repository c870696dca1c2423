package site_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"fundsite/generator/browsertest"
)

// mapPages are the example's pages with maps: a fund's four maps of the
// 42 ICBs (two years, each in total and per person, sharing one set of
// outlines), and a county council's locator.
var mapPages = []string{"/funds/accelerating-reform-fund/", "/areas/devon-county-council/"}

// TestMapsInTheBrowser loads the pages with maps in Chromium under the
// site's strict CSP and checks that every map is drawn (each area of a
// choropleth a link with a box on screen, the outlines shared by <use>
// drawn too), the focused area turns the site's focus yellow, nothing is
// blocked, and axe finds nothing at 1280 and 320 px wide; then that the
// maps are there with JavaScript off, and that a fund page's map prints
// with its legend.
func TestMapsInTheBrowser(t *testing.T) {
	b := browsertest.New(t)
	base := servedExample(t)
	for _, path := range mapPages {
		t.Run(pageName(path), func(t *testing.T) {
			p := b.Visit(t, base+path)
			checkMapsDrawn(t, p, path)
			if v := p.CSPViolations(t); len(v) > 0 {
				t.Errorf("CSP violations:\n%s", strings.Join(v, "\n"))
			}
			if errs := p.ConsoleErrors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
			for _, width := range []int64{1280, 320} {
				p.SetViewport(t, width, 900)
				for _, v := range p.Axe(t, browsertest.WCAG22AA...) {
					t.Errorf("axe at %d px: %s", width, v)
				}
				checkMapsDrawn(t, p, path)
			}
			checkReflow(t, p, 320)
		})
	}
	t.Run("focus", func(t *testing.T) {
		p := b.Visit(t, base+mapPages[0])
		var fill string
		p.Eval(t, `(() => { const a = document.querySelector(".map-svg a"); a.focus(); return getComputedStyle(a.querySelector("use, path")).fill; })()`, &fill)
		if fill != "rgb(255, 221, 0)" {
			t.Errorf("a focused area is filled %s, want the site's focus yellow", fill)
		}
	})
	t.Run("without JavaScript", func(t *testing.T) {
		for _, path := range mapPages {
			p := b.Visit(t, base+path)
			p.DisableScripts(t)
			checkMapsDrawn(t, p, path)
		}
	})
	t.Run("print", func(t *testing.T) {
		pdftotext := pdfToTextPath(t)
		p := b.Visit(t, base+mapPages[0])
		_, text := printA4(t, p, pdftotext)
		text = strings.Join(strings.Fields(text), " ")
		for _, want := range []string{"Accelerating Reform Fund, 2023/24: allocation to each integrated care system", "Quantiles: each shade holds about the same number of areas", "£367,754 to under £398,732 (8 areas)", "Source: Office for National Statistics"} {
			if !strings.Contains(text, want) {
				t.Errorf("the printed page lacks %q", want)
			}
		}
		// The print stylesheet keeps the drawings, not only their legends.
		if _, err := chromedp.Call(p.Ctx(), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		checkMapsDrawn(t, p, mapPages[0])
	})
}

// checkMapsDrawn asserts the page's maps are on screen: a choropleth's
// every area a link with a box (so a <use> of shared outlines drew), or a
// locator's image.
func checkMapsDrawn(t *testing.T, p *browsertest.Page, path string) {
	t.Helper()
	var r struct {
		Maps, Areas, Drawn, Locators int
		Names                        []string
	}
	p.Eval(t, `(() => {
  const box = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const maps = [...document.querySelectorAll(".map-svg")].filter(box);
  const areas = [...document.querySelectorAll(".map-svg a")];
  return {
    Maps: maps.length, Areas: areas.length, Drawn: areas.filter(box).length,
    Locators: [...document.querySelectorAll(".map-locator-svg")].filter(box).length,
    Names: areas.slice(0, 2).map(a => a.getAttribute("aria-label")),
  };
})()`, &r)
	if strings.HasPrefix(path, "/funds/") {
		if r.Maps != 4 || r.Areas != 4*42 || r.Drawn != r.Areas {
			t.Errorf("%d maps drawn with %d of %d areas on screen; want 4 maps of 42 areas each", r.Maps, r.Drawn, r.Areas)
		}
		for _, n := range r.Names {
			if name, value, ok := strings.Cut(n, ": £"); !ok || name == "" || value == "" {
				t.Errorf("an area is named %q, want \"Name: £value\"", n)
			}
		}
		return
	}
	if r.Locators != 1 {
		t.Errorf("%d locator maps on screen, want 1", r.Locators)
	}
}

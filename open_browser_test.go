package main

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"fundsite/generator/browsertest"
)

// TestCitationPagesInBrowser loads pages with JSON-LD under the strict CSP
// (JSON-LD is data, so nothing is blocked), and prints one: the print
// stylesheet hides the navigation and "link to this" chrome but keeps the
// citation.
func TestCitationPagesInBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	base := servedExample(t)

	for _, page := range []string{"/data/", "/funds/accelerating-reform-fund/", "/updates/"} {
		p := b.Visit(t, base+page)
		if v := p.CSPViolations(t); len(v) > 0 {
			t.Errorf("%s: CSP violations: %v", page, v)
		}
		if e := p.ConsoleErrors(); len(e) > 0 {
			t.Errorf("%s: console errors: %v", page, e)
		}
	}

	p := b.Visit(t, base+"/areas/mid-and-south-essex/")
	if _, err := chromedp.Call(p.Ctx(), emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	var shown struct{ Nav, Anchor, Cite string }
	p.Eval(t, `({
		Nav: getComputedStyle(document.querySelector('.site-header nav')).display,
		Anchor: getComputedStyle(document.querySelector('a.anchor')).display,
		Cite: getComputedStyle(document.querySelector('.cite')).display,
	})`, &shown)
	if shown.Nav != "none" || shown.Anchor != "none" || shown.Cite == "none" {
		t.Errorf("in print, nav is %q, link-to-this is %q, citation is %q", shown.Nav, shown.Anchor, shown.Cite)
	}
}

package site_test

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"fundsite/generator/browsertest"
)

// TestCitationPagesInBrowser prints a page: the print stylesheet hides the
// navigation and "link to this" chrome but keeps the citation. (That pages
// with JSON-LD load under the strict CSP with no console error is checked
// for every page by TestExampleSiteIsAccessible.)
func TestCitationPagesInBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	p := b.Visit(t, servedExample(t)+"/areas/mid-and-south-essex/")
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

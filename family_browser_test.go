package main

import (
	"testing"

	"fundsite/generator/browsertest"
)

// TestFamilyPagesOnAPhone opens an ICS page listing its councils and a
// council page linking up, at 320px under the strict CSP: nothing may
// widen the page beyond the screen, and the parent link must work.
func TestFamilyPagesOnAPhone(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	base := servedExample(t)

	for _, page := range []string{"/areas/greater-manchester/", "/areas/bolton/"} {
		p := b.Visit(t, base+page)
		p.SetViewport(t, 320, 640)
		var width int
		p.Eval(t, `document.documentElement.scrollWidth`, &width)
		if width > 320 {
			t.Errorf("%s is %dpx wide at 320px", page, width)
		}
		if v := p.CSPViolations(t); len(v) > 0 {
			t.Errorf("%s: CSP violations %v", page, v)
		}
	}
	p := b.Visit(t, base+"/areas/bolton/")
	var parent string
	p.Eval(t, `document.querySelector(".facts a[href='../greater-manchester/']").textContent`, &parent)
	if parent != "Greater Manchester" {
		t.Errorf("Bolton's parent link reads %q", parent)
	}
}

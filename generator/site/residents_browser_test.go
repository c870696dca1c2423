package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"fundsite/generator/browsertest"
	"fundsite/generator/sitetest"
)

// The pages residents and councillors read, as they read them in Chromium:
// the home page's headline figures, an area without a true rank, a
// sentence to quote, and the area finder with and without JavaScript.
func TestPagesForResidents(t *testing.T) {
	b := browsertest.New(t)
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	base := browsertest.Serve(t, out)

	t.Run("home page leads with each fund's own figures", func(t *testing.T) {
		p := b.Visit(t, base+"/")
		var lead string
		var cards []string
		p.Eval(t, `document.querySelector(".lead").textContent`, &lead)
		p.Eval(t, `Array.from(document.querySelectorAll(".headline")).map(h => h.innerText.replace(/\s+/g, " "))`, &cards)
		if want := "Between 2023/24 and 2024/25, the Accelerating Reform Fund gave £42.6m"; !strings.HasPrefix(lead, want) || strings.Contains(lead, "63 areas") {
			t.Errorf("lead %q, want it to start %q and never add funds paid to different kinds of area", lead, want)
		}
		joined := strings.Join(cards, " | ")
		for _, want := range []string{"Total £42.6m (£42,600,000) 2023/24 to 2024/25", "2023/24 £20m (£20,000,000) across 42 integrated care systems"} {
			if !strings.Contains(joined, want) {
				t.Errorf("headline cards lack %q: %s", want, joined)
			}
		}
	})

	t.Run("no rank or average where the data covers some councils", func(t *testing.T) {
		p := b.Visit(t, base+"/areas/barnet/")
		var row, page string
		p.Eval(t, `document.getElementById("fig-ibcf-2023-24-total").innerText`, &row)
		p.Eval(t, `document.querySelector("main").innerText`, &page)
		if strings.Contains(row, "%") || strings.Contains(row, " of ") || strings.Contains(page, "average") && !strings.Contains(page, "no rank, share or average") {
			t.Errorf("Barnet's figure gives a share, rank or average among 15 councils: %q", row)
		}
		if !strings.Contains(page, "figures for 15 councils, not every one") {
			t.Error("Barnet's page does not say why it gives no rank")
		}
	})

	t.Run("a sentence to quote, and a button to copy it", func(t *testing.T) {
		p := b.Visit(t, base+"/areas/mid-and-south-essex/")
		var quote string
		p.Eval(t, `document.getElementById("quote-fig-arf-2023-24-total").textContent`, &quote)
		want := "Mid and South Essex received at least £530,000 from the Accelerating Reform Fund in 2023/24 (Department of Health and Social Care, figures as at 31 July 2024, https://fundsite-example.netlify.app/areas/mid-and-south-essex/#fig-arf-2023-24-total)"
		if quote != want {
			t.Errorf("quote\n got %q\nwant %q", quote, want)
		}
		var buttons int
		p.Eval(t, `document.querySelectorAll(".quotes button.copy").length`, &buttons)
		if buttons != 2 {
			t.Errorf("%d copy buttons, want one for each of the 2 figures", buttons)
		}
	})

	t.Run("the finder narrows the list by typing and by filter", func(t *testing.T) {
		p := b.Visit(t, base+"/areas/?q=essex")
		visible := func() []string {
			var names []string
			p.Eval(t, `Array.from(document.querySelectorAll("tr[data-search]")).filter(tr => !tr.hidden).map(tr => tr.querySelector("th a").textContent)`, &names)
			return names
		}
		if got := visible(); fmt.Sprint(got) != "[Hertfordshire and West Essex Mid and South Essex Suffolk and North East Essex]" {
			t.Errorf("?q=essex shows %v", got)
		}
		p.Eval(t, `(() => { document.getElementById("finder-q").value = ""; const type = document.getElementById("finder-type"); type.value = "Council"; type.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, nil)
		if got := visible(); len(got) != 21 {
			t.Errorf("type Council shows %d areas, want the 21 councils: %v", len(got), got)
		}
		if err := chromedp.Do(p.Ctx(), chromedp.SendKeys(chromedp.CSS("#finder-q"), "bo")); err != nil {
			t.Fatal(err)
		}
		if got := visible(); fmt.Sprint(got) != "[Bolton Bournemouth, Christchurch and Poole]" {
			t.Errorf("councils with \"bo\" in their name or code: %v", got)
		}
		var status string
		p.Eval(t, `document.querySelector(".finder-count").textContent`, &status)
		if status != "Showing 2 of 63 areas." {
			t.Errorf("finder says %q", status)
		}
	})

	t.Run("without JavaScript the finder is every area", func(t *testing.T) {
		p := b.Visit(t, base+"/areas/")
		p.DisableScripts(t)
		var rows, hiddenForm int
		p.Eval(t, `document.querySelectorAll("tr[data-search]").length`, &rows)
		p.Eval(t, `document.querySelector(".finder").hidden ? 1 : 0`, &hiddenForm)
		if rows != 63 || hiddenForm != 1 {
			t.Errorf("without scripts the list has %d areas (want 63) and the search form shown=%v", rows, hiddenForm == 0)
		}
	})
}

// TestFinderSearchesASplitList: past a page's worth of areas the list is
// split by first letters, and the search loads every area from the index.
func TestFinderSearchesASplitList(t *testing.T) {
	b := browsertest.New(t)
	dir := largeProject(t, 450)
	out := filepath.Join(dir, "public")
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
	// Every name starts "Area": the A's are split into pages of 400.
	for _, part := range []string{"a-1", "a-2"} {
		if _, err := os.Stat(filepath.Join(out, "areas", "letter", part, "index.html")); err != nil {
			t.Fatalf("no page %s of the list of 450 areas: %v", part, err)
		}
	}
	p := b.Visit(t, browsertest.Serve(t, out)+"/areas/")
	if err := chromedp.Do(p.Ctx(), chromedp.SendKeys(chromedp.CSS("#finder-q"), "Area 123")); err != nil {
		t.Fatal(err)
	}
	var results []string
	p.Eval(t, `new Promise(done => { const look = () => { const r = Array.from(document.querySelectorAll(".finder-results a")).map(a => a.getAttribute("href")); r.length ? done(r) : setTimeout(look, 50); }; look(); })`, &results)
	if len(results) != 1 || !strings.HasSuffix(results[0], "/areas/area-123-of-the-integrated-care-board-for-longer-name-shire-and-somewhere-upon-thames/") {
		t.Errorf("searching a split list for Area 123 found %v", results)
	}
}

package site_test

import (
	"cmp"
	stdhtml "html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"fundsite/generator/browsertest"
	"fundsite/generator/sitetest"
)

// chartPages are example pages with each kind of chart.
var chartPages = []string{"/funds/accelerating-reform-fund/", "/areas/kent-and-medway/", "/areas/mid-and-south-essex/"}

// TestChartsDrawUnderStrictCSP loads pages with charts in Chromium, under
// the CSP the site is published with, at a phone's width and a desktop's.
// ECharts is fetched only when a chart comes near the screen, so the test
// first checks nothing was fetched while every chart is far below, then
// scrolls to each chart as a reader would.
func TestChartsDrawUnderStrictCSP(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	base := servedExample(t)
	var lazy atomic.Int32
	// The pages are checked side by side, in a group, so their count of
	// lazy pages is read once they have all finished.
	t.Run("pages", func(t *testing.T) {
		for _, page := range chartPages {
			t.Run(page, func(t *testing.T) {
				t.Parallel()
				p := b.Visit(t, base+page)
				p.SetViewport(t, 320, 640)
				var before struct {
					Far, Fetched, Drawn bool
				}
				// Scripts are deferred and wait for the load event; a while
				// after it, with every chart well below the screen, nothing has
				// drawn and ECharts has not even been requested.
				p.Eval(t, `new Promise(function (done) {
				function check() {
					done({
						far: Array.from(document.querySelectorAll('.chart')).every(function (el) {
							return el.getBoundingClientRect().top > 2 * window.innerHeight;
						}),
						fetched: !!document.querySelector('script[src*="echarts"]') || !!window.echarts ||
							performance.getEntriesByType('resource').some(function (r) { return /echarts/.test(r.name); }),
						drawn: !!document.querySelector('.chart svg')
					});
				}
				if (document.readyState === 'complete') { setTimeout(check, 500); } else { window.addEventListener('load', function () { setTimeout(check, 500); }); }
			})`, &before)
				if before.Far {
					lazy.Add(1)
					if before.Fetched || before.Drawn {
						t.Errorf("with every chart far below the screen, ECharts was fetched (%v) or a chart drawn (%v)", before.Fetched, before.Drawn)
					}
				}
				var charts struct {
					Count, Drawn int
					Labelled     int
					Overflow     int
				}
				// Each chart in turn is scrolled to, and drawn within a few seconds.
				p.Eval(t, `(async function () {
				var els = Array.from(document.querySelectorAll('.chart'));
				for (var i = 0; i < els.length; i++) {
					els[i].scrollIntoView();
					for (var waited = 0; waited < 10000 && !els[i].querySelector('svg path'); waited += 50) {
						await new Promise(function (r) { setTimeout(r, 50); });
					}
				}
				window.scrollTo(0, 0);
				await new Promise(function (r) { setTimeout(r, 300); });
				return {
					count: els.length,
					drawn: els.filter(function (el) { var s = el.querySelector('svg'); return s && s.querySelectorAll('path').length > 0; }).length,
					labelled: els.filter(function (el) {
						var d = document.getElementById(el.id.replace(/$/, '') + '-description');
						return d && (el.getAttribute('aria-label') || '').indexOf(d.textContent.trim()) >= 0;
					}).length,
					// How far any chart reaches past the screen's edge; a table
					// scrolls inside its own region, which must fit.
					overflow: Math.max.apply(null, Array.from(document.querySelectorAll('.chart-block, .chart-block *')).filter(function (e) {
						return !e.parentElement.closest('.table-scroll');
					}).map(function (e) {
						return Math.ceil(e.getBoundingClientRect().right) - document.documentElement.clientWidth;
					}).concat([0]))
				};
			})()`, &charts)
				if charts.Count == 0 {
					t.Fatal("no .chart on the page")
				}
				if charts.Drawn != charts.Count {
					t.Errorf("%d of %d charts drew an SVG", charts.Drawn, charts.Count)
				}
				if charts.Labelled != charts.Count {
					t.Errorf("%d of %d charts carry their description as their accessible label", charts.Labelled, charts.Count)
				}
				if charts.Overflow > 0 {
					t.Errorf("a chart reaches %dpx past a 320px-wide screen", charts.Overflow)
				}
				// An area's own bar in a ranking is named down the side in bold,
				// and its amounts are in one unit along the axis.
				if page == "/areas/kent-and-medway/" {
					var ranking struct {
						Bold  []string
						Ticks []string
					}
					p.Eval(t, `(() => {
					const svg = document.querySelector('#chart-arf-2023-24-areas svg');
					const texts = Array.from(svg.querySelectorAll('text'));
					return {
						bold: texts.filter(t => /bold/.test(t.getAttribute('style') || '') || t.getAttribute('font-weight') === 'bold').map(t => t.textContent),
						ticks: texts.map(t => t.textContent).filter(t => t.startsWith('£'))
					};
				})()`, &ranking)
					// A long name wraps onto lines of its own.
					if bold := strings.Join(strings.Fields(strings.Join(ranking.Bold, " ")), " "); bold != "Kent and Medway" {
						t.Errorf("the ranking does not pick out Kent and Medway in bold; bold labels %q", ranking.Bold)
					}
					units := map[bool]int{}
					for _, tick := range ranking.Ticks {
						units[strings.HasSuffix(tick, "m")]++
					}
					if len(units) > 1 {
						t.Errorf("the ranking's axis mixes units: %q", ranking.Ticks)
					}
				}
				// A tooltip must draw under the CSP too (rich text, inside the SVG).
				var tips int
				p.Eval(t, `Array.from(document.querySelectorAll('.chart')).filter(function (el) {
				var c = window.echarts.getInstanceByDom(el);
				c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
				return true;
			}).length`, &tips)
				if tips != charts.Count {
					t.Errorf("showed %d tooltips, want %d", tips, charts.Count)
				}
				if v := p.CSPViolations(t); len(v) > 0 {
					t.Errorf("CSP violations:\n%s", strings.Join(v, "\n"))
				}
				if errs := p.ConsoleErrors(); len(errs) > 0 {
					t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
				}
				// The page-wide accessibility test sees charts undrawn, as they
				// wait for the reader to scroll: check them drawn here.
				for _, v := range p.Axe(t, browsertest.WCAG22AA...) {
					t.Errorf("axe, with every chart drawn: %s", v)
				}
			})
		}
	})
	if lazy.Load() == 0 {
		t.Error("no page had all its charts below the first screen, so none showed that ECharts waits to be needed")
	}
}

var (
	inlineScript = regexp.MustCompile(`<script(?:\s[^>]*)?>`)
	otherHost    = regexp.MustCompile(`(?:src|href)="(?:https?:)?//`)
)

// TestPagesLoadNothingFromElsewhere checks every page of the example: no
// script runs inline (only JSON data sits in a script element), no style=,
// and nothing is loaded from another host. Links to other sites are fine.
func TestPagesLoadNothingFromElsewhere(t *testing.T) {
	out := builtExample(t)
	pages, _ := filepath.Glob(filepath.Join(out, "*", "*", "index.html"))
	pages = append(pages, filepath.Join(out, "index.html"), filepath.Join(out, "areas", "index.html"))
	withCharts := 0
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		for _, tag := range inlineScript.FindAllString(html, -1) {
			// JSON (a chart's option, JSON-LD) is data: the CSP does not run it.
			if !strings.Contains(tag, ` src="`) && !strings.Contains(tag, `type="application/json"`) && !strings.Contains(tag, `type="application/ld+json"`) {
				t.Errorf("%s: inline script %s", page, tag)
			}
		}
		if strings.Contains(html, " style=") || strings.Contains(html, "<style") {
			t.Errorf("%s: inline style", page)
		}
		for _, tag := range regexp.MustCompile(`<(?:script|link|img)\s[^>]*>`).FindAllString(html, -1) {
			// A canonical link names the page's public address; it loads nothing.
			if otherHost.MatchString(tag) && !strings.Contains(tag, `rel="canonical"`) {
				t.Errorf("%s: loads from another host: %s", page, tag)
			}
		}
		if strings.Contains(html, `class="chart"`) {
			withCharts++
			if !strings.Contains(html, `data-echarts="/assets/vendor/echarts/echarts.bar.min.`) {
				t.Errorf("%s: has charts but does not give charts.js the vendored ECharts", page)
			}
		} else if strings.Contains(html, "echarts") || regexp.MustCompile(`<script[^>]*src="[^"]*charts\.`).MatchString(html) {
			// Every page loads the few lines of file-links.js; only pages
			// with charts load the chart scripts.
			t.Errorf("%s: loads the chart scripts but has no charts", page)
		}
	}
	if withCharts < 43 { // the fund, 42 areas
		t.Errorf("%d pages have charts, want at least 43", withCharts)
	}
}

// TestChartsInExample reads the charts back from built pages: the sentence
// is written from the data, the table is there without JavaScript, and the
// chart's CSV holds the same rows.
func TestChartsInExample(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	tests := []struct {
		page, id string
		want     []string // in the chart's text
		rows     int      // in its table, and its CSV unless csvRows says
		csv      string   // where the chart's data is, when not beside the page
		csvRows  int
	}{
		{"funds/accelerating-reform-fund/index.html", "chart-arf-areas", []string{"Of 42 integrated care systems,", "Download this data (CSV)"}, 42, "", 0},
		// An area's place in its fund's ranking for the year its page leads
		// with links the fund page's CSV of the whole ranking.
		{"areas/kent-and-medway/index.html", "chart-arf-2023-24-areas", []string{"Kent and Medway was", "Download this data (CSV)"}, 42, "funds/accelerating-reform-fund/chart-arf-2023-24-areas.csv", 0},
		{"areas/mid-and-south-essex/index.html", "chart-arf-2023-24-areas", []string{"Accelerating Reform Fund, 2023/24: allocation to each integrated care system", "Mid and South Essex was"}, 42, "funds/accelerating-reform-fund/chart-arf-2023-24-areas.csv", 0},
		// An area's funds by year are the figures of its table, which the
		// chart points to rather than repeat; its download is the area's.
		{"areas/kent-and-medway/index.html", "chart-funds-by-year", []string{"Kent and Medway received", "The figures are in the table above"}, 0, "areas/kent-and-medway/allocations.csv", 2},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			html := readPage(t, out, tt.page)
			start := strings.Index(html, `<section class="chart-block" aria-labelledby="`+tt.id+`-heading">`)
			if start < 0 {
				t.Fatalf("%s has no chart %s", tt.page, tt.id)
			}
			block := html[start:]
			block = block[:strings.Index(block, "</section>")]
			for _, w := range tt.want {
				if !strings.Contains(text(block), w) {
					t.Errorf("chart lacks %q:\n%s", w, text(block))
				}
			}
			if !strings.Contains(block, `<div class="chart" id="`+tt.id+`"`) || !strings.Contains(block, `<script type="application/json" id="`+tt.id+`-option">{`) {
				t.Errorf("chart lacks its container or option:\n%s", block)
			}
			csvPath := path.Join(path.Dir(tt.page), tt.id+".csv")
			if tt.csv != "" {
				csvPath = tt.csv
			}
			if href := regexp.MustCompile(`<a href="([^"]*)" download>`).FindStringSubmatch(block); href == nil || resolveLink("/"+tt.page, href[1]) != "/"+csvPath {
				t.Errorf("chart links %q, want %s", href, csvPath)
			}
			csvRows := cmp.Or(tt.csvRows, tt.rows)
			csv := readPage(t, out, csvPath)
			if lines := strings.Count(csv, "\r\n"); lines != csvRows+1 {
				t.Errorf("%s has %d lines, want a header and %d rows", csvPath, lines, csvRows)
			}
			if rows := strings.Count(block, `<tr><th scope="row">`); rows != tt.rows {
				t.Errorf("table has %d rows, want %d", rows, tt.rows)
			}
			// Every row of the table is in the CSV, amounts in pounds and pence.
			for _, m := range regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td class="num">£([0-9,.]+)</td>`).FindAllStringSubmatch(block, -1) {
				amount := strings.ReplaceAll(m[2], ",", "")
				if !strings.Contains(amount, ".") {
					amount += ".00"
				}
				if !strings.Contains(csv, stdhtml.UnescapeString(m[1])) || !strings.Contains(csv, ","+amount) {
					t.Errorf("%s lacks the table's row %s, £%s", csvPath, m[1], m[2])
				}
			}
		})
	}
	// Kent had nothing from the discharge fund, so its page does not chart it.
	if kent := readPage(t, out, "areas/kent-and-medway/index.html"); strings.Contains(kent, "chart-discharge-fund") {
		t.Error("Kent and Medway's page charts a fund that gave it nothing")
	}
}

// TestAreaRankingLinksWholeRanking: with more areas than an area page
// charts, the page shows its place among those ranked nearest it, for the
// fund it leads with only (two charts at most, whatever the funds), and
// its download is the fund page's CSV of every area, said as much, rather
// than a file per area.
func TestAreaRankingLinksWholeRanking(t *testing.T) {
	dir := largeProject(t, 80)
	out := filepath.Join(dir, "public")
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
	slug := "area-040-of-the-integrated-care-board-for-longer-name-shire-and-somewhere-upon-thames"
	html := readPage(t, out, "areas/"+slug+"/index.html")
	blocks := strings.Split(html, `<section class="chart-block"`)[1:]
	if len(blocks) != 2 {
		t.Errorf("%d charts on an area page of 3 funds, want 2", len(blocks))
	}
	rankings := 0
	for _, block := range blocks {
		block = block[:strings.Index(block, "</section>")]
		if !strings.Contains(block, "ranked nearest to it") {
			continue
		}
		rankings++
		if rows := strings.Count(block, `<tr><th scope="row">`); rows != 15 {
			t.Errorf("the ranking's table shows %d areas, want the 15 nearest", rows)
		}
		if !strings.Contains(text(block), "Download the figures for all 80 integrated care systems (CSV)") {
			t.Errorf("the download does not say it holds every area:\n%s", text(block))
		}
		href := block[strings.Index(block, `<p class="chart-download"><a href="`)+len(`<p class="chart-download"><a href="`):]
		href = href[:strings.Index(href, `"`)]
		href = resolveLink("/areas/"+slug+"/", href)
		if !strings.HasPrefix(href, "/funds/") {
			t.Errorf("the ranking links %s, want the fund page's CSV", href)
			continue
		}
		if lines := strings.Count(readPage(t, out, strings.TrimPrefix(href, "/")), "\r\n"); lines != 81 {
			t.Errorf("%s has %d lines, want a header and 80 areas", href, lines)
		}
	}
	if rankings != 1 {
		t.Errorf("%d rankings on the area page, want 1, for the fund it leads with", rankings)
	}
	files, err := filepath.Glob(filepath.Join(out, "areas", slug, "chart-*.csv"))
	if err != nil || len(files) > 0 {
		t.Errorf("area page writes its own chart CSVs %v (%v)", files, err)
	}
}

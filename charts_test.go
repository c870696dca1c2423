package main

import (
	"cmp"
	stdhtml "html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/browsertest"
)

// chartPages are example pages with each kind of chart.
var chartPages = []string{"/", "/funds/accelerating-reform-fund/", "/areas/kent-and-medway/"}

// TestChartsDrawUnderStrictCSP loads pages with charts in Chromium, under
// the CSP the site is published with, at a phone's width and a desktop's.
func TestChartsDrawUnderStrictCSP(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	base := servedExample(t)
	for _, page := range chartPages {
		t.Run(page, func(t *testing.T) {
			t.Parallel()
			p := b.Visit(t, base+page)
			p.SetViewport(t, 320, 640)
			var charts struct {
				Count, Drawn int
				Labelled     int
				Overflow     int
			}
			// Scripts are deferred; by the load event they have run.
			p.Eval(t, `new Promise(function (done) {
				function check() {
					var els = Array.from(document.querySelectorAll('.chart'));
					done({
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
					});
				}
				if (document.readyState === 'complete') { setTimeout(check, 300); } else { window.addEventListener('load', function () { setTimeout(check, 300); }); }
			})`, &charts)
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
			// An area's own bar in a ranking is labelled with its name (before
			// any tooltip, which names a bar too).
			if page == "/areas/kent-and-medway/" {
				var label string
				p.Eval(t, `document.querySelector('#chart-arf-areas svg').textContent`, &label)
				if !strings.Contains(label, "Kent and Medway") {
					t.Errorf("the ranking does not label Kent and Medway's bar; its text is %q", label)
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
		})
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
			if !strings.Contains(html, `assets/vendor/echarts/echarts.common.min.`) {
				t.Errorf("%s: has charts but does not load the vendored ECharts", page)
			}
		} else if regexp.MustCompile(`<script[^>]*src="[^"]*charts\.`).MatchString(html) {
			// Every page loads the few lines of file-links.js; only pages
			// with charts load the chart scripts.
			t.Errorf("%s: loads the chart scripts but has no charts", page)
		}
	}
	if withCharts < 44 { // home, the fund, 42 areas
		t.Errorf("%d pages have charts, want at least 44", withCharts)
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
		{"index.html", "chart-by-year", []string{"Total by financial year", "The allocations came to £", " in 2023/24 and £", "2023/24 £"}, 2, "", 0},
		{"funds/accelerating-reform-fund/index.html", "chart-arf-by-year", []string{"The Accelerating Reform Fund came to £20m in 2023/24 and £22.6m in 2024/25.", "2023/24 £20,000,000"}, 2, "", 0},
		{"funds/accelerating-reform-fund/index.html", "chart-arf-areas", []string{"Of 42 integrated care systems,", "Download this data (CSV)"}, 42, "", 0},
		// The home page ranks councils and care systems apart, never together.
		{"index.html", "chart-areas-integrated-care-system", []string{"Allocation to each integrated care system", "Of 42 integrated care systems,"}, 42, "", 0},
		{"index.html", "chart-areas-council", []string{"Allocation to each council", "Of 21 councils,"}, 21, "", 0},
		// An area's comparison links one CSV of every area's comparison.
		{"areas/kent-and-medway/index.html", "chart-arf-compare", []string{"Kent and Medway beside the average area", "against an average of", "South East region", "Download the figures for all 42 integrated care systems (CSV)"}, 2, "funds/accelerating-reform-fund/chart-arf-compare.csv", 84},
		// An area's place in a ranking links to the fund page's CSV of the whole ranking.
		{"areas/kent-and-medway/index.html", "chart-arf-areas", []string{"Kent and Medway was", "Download this data (CSV)"}, 42, "funds/accelerating-reform-fund/chart-arf-areas.csv", 0},
		// Placed by {{ chart "areas" fund="ARF" year="2023/24" }} in the area's narrative.
		{"areas/mid-and-south-essex/index.html", "chart-arf-2023-24-areas", []string{"Accelerating Reform Fund, 2023/24: allocation to each integrated care system", "Mid and South Essex was"}, 42, "", 0},
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
// charts, the page shows those ranked nearest it, and its download is the
// fund page's CSV of every area, said as much, rather than a file per area;
// so is its comparison's.
func TestAreaRankingLinksWholeRanking(t *testing.T) {
	dir := largeProject(t, 80)
	out := filepath.Join(dir, "public")
	if code, stdout, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out); code != 0 {
		t.Fatalf("build exit %d\n%s%s", code, stdout, stderr)
	}
	slug := "area-040-of-the-integrated-care-board-for-longer-name-shire-and-somewhere-upon-thames"
	html := readPage(t, out, "areas/"+slug+"/index.html")
	rankings := 0
	for _, block := range strings.Split(html, `<section class="chart-block"`)[1:] {
		block = block[:strings.Index(block, "</section>")]
		if !strings.Contains(block, "ranked nearest to it") {
			continue
		}
		rankings++
		if rows := strings.Count(block, `<tr><th scope="row">`); rows != 51 {
			t.Errorf("the ranking's table shows %d areas, want the 51 nearest", rows)
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
	if rankings != 3 { // one for each fund
		t.Errorf("%d rankings on the area page, want 3", rankings)
	}
	if n := strings.Count(html, "Download the figures for all 80 integrated care systems (CSV)"); n != 6 {
		t.Errorf("%d downloads of all 80 areas' figures, want a ranking and a comparison for each of 3 funds", n)
	}
	files, err := filepath.Glob(filepath.Join(out, "areas", slug, "chart-*.csv"))
	if err != nil || len(files) > 0 {
		t.Errorf("area page writes its own chart CSVs %v (%v)", files, err)
	}
}

// TestThemeWithoutChartRow: a project's own theme, written before the
// default theme rendered a ranking's rows once with "chart-row", still
// gets every row of its tables, exactly as the default theme writes them.
func TestThemeWithoutChartRow(t *testing.T) {
	build := func(dir string) string {
		out := filepath.Join(dir, "public")
		if code, stdout, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out); code != 0 {
			t.Fatalf("build exit %d\n%s%s", code, stdout, stderr)
		}
		return readPage(t, out, "areas/area-040-of-the-integrated-care-board-for-longer-name-shire-and-somewhere-upon-thames/index.html")
	}
	want := build(largeProject(t, 80))

	dir := largeProject(t, 80)
	theme := filepath.Join(dir, "themes", "default")
	if err := os.CopyFS(theme, os.DirFS(filepath.Join("themes", "default"))); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(theme, "layouts", "charts.html")
	old, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	charts := regexp.MustCompile(`(?s)\{\{/\* One row.*?\{\{end\}\}\n`).ReplaceAllString(string(old), "")
	charts = strings.Replace(charts, `{{- with .RowsHTML}}{{.}}{{else}}{{range .Spec.Rows}}
{{template "chart-row" .}}{{end}}{{end}}`, `{{- range .Spec.Rows}}
<tr><th scope="row">{{.Label}}</th>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
{{- end}}`, 1)
	if strings.Contains(charts, "chart-row") {
		t.Fatalf("the theme still has chart-row:\n%s", charts)
	}
	if err := os.WriteFile(layout, []byte(charts), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := build(dir); got != want {
		t.Errorf("an area page differs under a theme without chart-row")
	}
}

package pages

import (
	"fmt"
	"html/template"
	"strings"

	"fundsite/generator/charts"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/parallel"
)

// ChartView is a chart on a page: its spec, the address of its CSV file,
// and (Option) the ECharts option for the page's
// <script type="application/json">.
type ChartView struct {
	Spec charts.Spec
	CSV  string
	// Whole, when set, says the CSV holds more than the table: a fund's
	// every area ("all 10,000 councils"), written once for all their pages.
	Whole string
	// Table, when set, is the id of a table on the page that already
	// gives the chart's figures: each figure is shown once, and the chart
	// points to it rather than repeat it in a table of its own.
	Table string
}

// Option is the chart's ECharts option, made as the page is rendered. It
// is JSON from encoding/json, which escapes <, > and &, so it cannot end
// the <script> it sits in.
func (c ChartView) Option() template.JS {
	return template.JS(c.Spec.Option()) //nolint:gosec // see above
}

// pageCharts are the charts of one page: each gets an id not yet used on
// the page, and a CSV file written next to it. Each page has its own, so
// pages can render in parallel.
type pageCharts struct {
	url   string
	ids   map[string]bool
	files []File
}

func newPageCharts(url string) *pageCharts {
	return &pageCharts{url: url, ids: map[string]bool{}}
}

// place puts s on the page. Its data goes in a CSV file beside the page,
// unless s shares one already written.
func (pc *pageCharts) place(s spec) ChartView {
	spec := s.Spec
	base := spec.ID
	for n := 2; pc.ids[spec.ID]; n++ {
		spec.ID = fmt.Sprintf("%s-%d", base, n)
	}
	pc.ids[spec.ID] = true
	csv := s.sharedCSV
	if s.file != nil {
		pc.files = append(pc.files, *s.file)
	}
	if csv == "" {
		csv = pc.url + spec.CSVName()
		pc.files = append(pc.files, File{Path: strings.TrimPrefix(csv, "/"), Digest: digestOf(spec.Digest), make: func() ([]byte, error) { return spec.CSV(), nil }})
	}
	return ChartView{Spec: spec, CSV: csv, Whole: s.whole, Table: s.table}
}

// placeAll puts each spec that could be drawn (ok) on the page.
func (pc *pageCharts) placeAll(specs ...spec) []ChartView {
	var out []ChartView
	for _, s := range specs {
		if s.ok {
			out = append(out, pc.place(s))
		}
	}
	return out
}

// spec is a chart builder's result.
type spec struct {
	charts.Spec
	ok bool
	// sharedCSV is the address of a CSV already written with all the
	// chart's data, and whole names all of it when it holds more than the
	// chart; "" writes one beside the page.
	sharedCSV, whole string
	// file, when set, is the shared CSV, which this page writes.
	file *File
	// table is the id of the page's table that gives the chart's figures.
	table string
}

// fundCharts are the charts of a fund's page: its areas ranked by what
// they received over the fund's years, one chart per type of area (ranking
// a council against a whole care system misleads), when the data covers
// every area of the type in each year.
func (b *builder) fundCharts(f *model.Fund, years []fyear.Year) []spec {
	d := b.in.Data
	s := charts.FundScope(f, b.style)
	var out []spec
	for _, t := range areaTypes(d.Select(s.Filter)) {
		if !b.coveredEveryYear(f, years, t) {
			continue
		}
		s.AreaType = t
		if len(areaTypes(d.Select(s.Filter))) == 1 {
			s.AreaType = "" // one type: no need to say which in the chart's id
		}
		rk, ok := charts.NewRanking(d, s)
		if !ok {
			continue
		}
		sp := spec{Spec: rk.Areas(nil), ok: true}
		if from, to := rk.Window(nil); to-from < len(rk.Rows()) {
			sp.sharedCSV, sp.whole = fundURL(f)+rk.CSVName(), rk.Whole()
			sp.file = &File{Path: strings.TrimPrefix(sp.sharedCSV, "/"), Digest: digestOf(rk.Digest), make: func() ([]byte, error) { return rk.CSV(), nil }}
		}
		out = append(out, sp)
	}
	return out
}

// coveredEveryYear reports whether the data covers every area of a type
// in each of the years.
func (b *builder) coveredEveryYear(f *model.Fund, years []fyear.Year, areaType string) bool {
	for _, y := range years {
		if !b.coverageOf(f, y, areaType).full {
			return false
		}
	}
	return len(years) > 0
}

// rankAreas ranks the areas of each type for each fund and year the data
// covers in full, once, for the charts of every area page, and writes the
// whole of each ranking beside its fund's page for those charts to link.
func (b *builder) rankAreas() {
	d := b.in.Data
	type job struct {
		key   coverageKey
		scope charts.Scope
		rk    *charts.Ranking
		ok    bool
	}
	var jobs []job
	for _, f := range d.Funds {
		rows := d.Select(model.Filter{Fund: f})
		for _, y := range model.Years(rows) {
			types := areaTypes(model.Filter{Years: []fyear.Year{y}}.Pick(rows))
			for _, t := range types {
				if !b.coverageOf(f, y, t).full {
					continue
				}
				s := charts.FilterScope(model.Filter{Fund: f, Years: []fyear.Year{y}}, b.style)
				if len(types) > 1 {
					s.AreaType = t // one type: no need to say which in the chart's id
				}
				jobs = append(jobs, job{key: coverageKey{f, y, strings.ToLower(t)}, scope: s})
			}
		}
	}
	// Each ranking sorts a fund's areas for a year: on every core.
	parallel.For(len(jobs), func(i int) { jobs[i].rk, jobs[i].ok = charts.NewRanking(d, jobs[i].scope) })
	b.rankings = map[coverageKey]*charts.Ranking{}
	for _, j := range jobs {
		if !j.ok {
			continue
		}
		rk := j.rk
		b.rankings[j.key] = rk
		b.addFiles(File{Path: strings.TrimPrefix(fundURL(j.key.fund)+rk.CSVName(), "/"), Digest: digestOf(rk.Digest), make: func() ([]byte, error) { return rk.CSV(), nil }})
	}
}

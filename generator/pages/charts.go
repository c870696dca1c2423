package pages

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/charts"
	"fundsite/generator/model"
)

// ChartView is a chart on a page: its spec, its option for the page's
// <script type="application/json"> and the address of its CSV file.
type ChartView struct {
	Spec   charts.Spec
	Option template.JS
	CSV    string
	// Whole, when set, says the CSV holds more than the table: a fund's
	// every area ("all 10,000 councils"), written once for all their pages.
	Whole string
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
	if csv == "" {
		csv = pc.url + spec.CSVName()
		pc.files = append(pc.files, File{Path: strings.TrimPrefix(csv, "/"), make: func() ([]byte, error) { return spec.CSV(), nil }})
	}
	// The option is JSON from encoding/json, which escapes <, > and &.
	return ChartView{Spec: spec, Option: template.JS(spec.Option), CSV: csv, Whole: s.whole} //nolint:gosec // see above
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
}

func built(s charts.Spec, ok bool) spec { return spec{Spec: s, ok: ok} }

// fundCharts are the charts of a fund's page, or of the home page (f nil).
// Areas of different types (councils, integrated care systems) get a
// chart each: ranking a council against a whole care system misleads.
func fundCharts(d *model.Dataset, f *model.Fund) []spec {
	s := charts.FundScope(f)
	out := []spec{built(charts.ByYear(d, s)), built(charts.ByRegion(d, s))}
	types := areaTypes(d.Select(s.Filter))
	if len(types) < 2 {
		return append(out, built(charts.Areas(d, s, nil)))
	}
	for _, t := range types {
		s.AreaType = t
		out = append(out, built(charts.Areas(d, s, nil)))
	}
	return out
}

// areaTypes lists the types of the areas rows go to, in the order met.
func areaTypes(rows []*model.Allocation) []string {
	var types []string
	for _, a := range rows {
		if !slices.ContainsFunc(types, func(t string) bool { return strings.EqualFold(t, a.Area.Type) }) {
			types = append(types, a.Area.Type)
		}
	}
	return types
}

// rankings rank each fund's areas once for the charts of all the area
// pages: one ranking per area type when a fund went to areas of more than
// one type (keyed by the type in lower case), otherwise one keyed "".
type rankings map[*model.Fund]map[string]*charts.Ranking

// rankFunds ranks each fund's areas once, for the charts of all the area
// pages, and writes beside each fund's page the CSV of every area's
// comparison that their pages link to.
func (b *builder) rankFunds() rankings {
	d := b.in.Data
	out := rankings{}
	for _, f := range d.Funds {
		s := charts.FundScope(f)
		types := areaTypes(d.Select(s.Filter))
		if len(types) < 2 {
			types = []string{""}
		}
		out[f] = map[string]*charts.Ranking{}
		for _, t := range types {
			s.AreaType = t
			rk, ok := charts.NewRanking(d, s)
			if !ok {
				continue
			}
			out[f][strings.ToLower(t)] = rk
			b.addFiles(File{Path: strings.TrimPrefix(fundURL(f)+rk.CompareCSVName(), "/"), make: func() ([]byte, error) { return rk.CompareCSV(), nil }})
		}
	}
	return out
}

// areaCharts are the charts of an area's page: for each fund the area
// received from (a fund that passed it by has nothing to say about it),
// the area beside the average area, and its place among all areas. The
// ranking's data is the fund page's chart of areas, so its CSV is linked,
// not written again for each of thousands of areas.
func (rk rankings) areaCharts(d *model.Dataset, a *model.Area) []spec {
	var out []spec
	for _, f := range d.Funds {
		r := rk[f][""]
		if r == nil {
			r = rk[f][strings.ToLower(a.Type)]
		}
		if r == nil {
			continue
		}
		compare, ok := r.Compare(a)
		if !ok {
			continue
		}
		ranking := spec{Spec: r.Areas(a), ok: true}
		ranking.sharedCSV = fundURL(f) + ranking.CSVName()
		from, to := r.Window(a)
		if to-from < len(r.Rows()) {
			ranking.whole = r.Whole()
		}
		out = append(out, spec{Spec: compare, ok: true, sharedCSV: fundURL(f) + r.CompareCSVName(), whole: r.Whole()}, ranking)
	}
	return out
}

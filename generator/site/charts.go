package site

import (
	"bytes"
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
}

// pageCharts tracks the charts of the page being rendered, so the page
// loads the chart scripts only when it has a chart and no two charts on
// it share an id.
type pageCharts struct {
	ids map[string]bool
}

// chart places spec on the page at url: it gets an id not yet used there,
// and its CSV file is written next to the page.
func (r *renderer) chart(url string, spec charts.Spec) ChartView {
	if r.charts.ids == nil {
		r.charts.ids = map[string]bool{}
	}
	base := spec.ID
	for n := 2; r.charts.ids[spec.ID]; n++ {
		spec.ID = fmt.Sprintf("%s-%d", base, n)
	}
	r.charts.ids[spec.ID] = true
	csv := url + spec.CSVName()
	r.out = append(r.out, Output{Path: strings.TrimPrefix(csv, "/"), Data: spec.CSV()})
	// The option is JSON from encoding/json, which escapes <, > and &.
	return ChartView{Spec: spec, Option: template.JS(spec.Option), CSV: csv} //nolint:gosec // see above
}

// charts places each spec that could be drawn (ok) on the page at url.
func (r *renderer) chartsFor(url string, specs ...spec) []ChartView {
	var out []ChartView
	for _, s := range specs {
		if s.ok {
			out = append(out, r.chart(url, s.Spec))
		}
	}
	return out
}

// spec is a chart builder's result.
type spec struct {
	charts.Spec
	ok bool
}

func built(s charts.Spec, ok bool) spec { return spec{s, ok} }

// chartHTML renders a chart a narrative places, with the theme's markup.
func (r *renderer) chartHTML(url string) func(charts.Spec) (template.HTML, error) {
	return func(s charts.Spec) (template.HTML, error) {
		var buf bytes.Buffer
		if err := r.templates["page"].ExecuteTemplate(&buf, "chart", r.chart(url, s)); err != nil {
			return "", fmt.Errorf("chart %s: %w", s.ID, err)
		}
		return template.HTML(buf.String()), nil //nolint:gosec // rendered by html/template
	}
}

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

func areaCharts(d *model.Dataset, a *model.Area) []spec {
	var out []spec
	for _, f := range d.Funds {
		s := charts.FundScope(f)
		// Only the funds the area received from: a fund that passed it by
		// has nothing to say about it.
		if compare, ok := charts.Compare(d, s, a); ok {
			if len(areaTypes(d.Select(s.Filter))) > 1 {
				s.AreaType = a.Type
			}
			out = append(out, built(compare, ok), built(charts.Areas(d, s, a)))
		}
	}
	return out
}

package narrative

import (
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/charts"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/model"
)

// chartKinds are the charts a narrative can place, by the word after
// chart: {{ chart "by-year" fund="ARF" }}.
var chartKinds = []string{"areas", "by-region", "by-year"}

// Charts is the chart shortcode. Its settings are the live figures'
// filters (fund=, year=, area=, region=, status=), read by set, with the
// same page defaults.
func Charts(set *figures.Set, d *model.Dataset) Shortcode { return chartCode{set, d} }

type chartCode struct {
	set  *figures.Set
	data *model.Dataset
}

func (chartCode) Names() []string { return []string{"chart"} }

// Block: a chart is a section of its own, never inside a sentence.
func (chartCode) Block() bool { return true }

func (c chartCode) Page(ctx Context) PageShortcode { return chartPage{c, ctx} }

type chartPage struct {
	chartCode
	ctx Context
}

func (p chartPage) Render(call figures.Call, problems *diag.List) (template.HTML, bool) {
	if len(call.Positional) != 1 || !slices.Contains(chartKinds, call.Positional[0].Value) {
		problems.Errorf(call.Loc, `write which chart once, as in {{ chart "by-year" fund="ARF" }}: one of %s`, strings.Join(chartKinds, ", "))
		return "", false
	}
	kind := call.Positional[0]
	f, ok := p.set.Select(call, p.ctx.Context, problems)
	if !ok {
		return "", false
	}
	if p.ctx.Chart == nil {
		problems.Errorf(call.Loc, "charts cannot be shown here")
		return "", false
	}
	var spec charts.Spec
	switch kind.Value {
	case "by-year":
		spec, ok = charts.ByYear(p.data, charts.FilterScope(f, p.set.Style()))
	case "by-region":
		spec, ok = charts.ByRegion(p.data, charts.FilterScope(f, p.set.Style()))
	case "areas":
		// The area, if any, is the one to pick out among all of them.
		highlight := f.Area
		f.Area = nil
		spec, ok = charts.Areas(p.data, charts.FilterScope(f, p.set.Style()), highlight)
	}
	if !ok {
		problems.Errorf(call.Loc, "no allocations match this chart")
		return "", false
	}
	html, err := p.ctx.Chart(spec)
	if err != nil {
		problems.Errorf(call.Loc, "%v", err)
		return "", false
	}
	return html, true
}

func (chartPage) End(*diag.List) template.HTML { return "" }

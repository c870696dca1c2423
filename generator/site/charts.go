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
	// RowsHTML, when set, are the table's rows already rendered by the
	// theme's "chart-row"; otherwise the theme renders Spec.Rows.
	RowsHTML template.HTML
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
	files []Output
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
		pc.files = append(pc.files, Output{Path: strings.TrimPrefix(csv, "/"), Data: spec.CSV()})
	}
	// The option is JSON from encoding/json, which escapes <, > and &.
	return ChartView{Spec: spec, Option: template.JS(spec.Option), CSV: csv, RowsHTML: s.rowsHTML, Whole: s.whole} //nolint:gosec // see above
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
	// rowsHTML are the table's rows, if already rendered.
	rowsHTML template.HTML
}

func built(s charts.Spec, ok bool) spec { return spec{Spec: s, ok: ok} }

// chartHTML renders a chart a narrative places on pc's page, with the
// theme's markup.
func (r *renderer) chartHTML(pc *pageCharts) func(charts.Spec) (template.HTML, error) {
	return func(s charts.Spec) (template.HTML, error) {
		var buf bytes.Buffer
		if err := r.templates["page"].ExecuteTemplate(&buf, "chart", pc.place(spec{Spec: s, ok: true})); err != nil {
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

// rankings rank each fund's areas once for the charts of all the area
// pages: one ranking per area type when a fund went to areas of more than
// one type (keyed by the type in lower case), otherwise one keyed "".
type rankings map[*model.Fund]map[string]*ranked

// ranked is a ranking with its table's rows rendered once: with many
// areas each row is on the pages of the 51 ranked nearest it, and
// rendering those rows again on each was most of an area page's time.
type ranked struct {
	*charts.Ranking
	rowsHTML []string // each of Rows, by "chart-row"; nil without it
}

// rankFunds ranks each fund's areas, and writes beside each fund's page
// the CSV of every area's comparison that their pages link to.
func (r *renderer) rankFunds() (rankings, error) {
	d := r.in.Data
	out := rankings{}
	for _, f := range d.Funds {
		s := charts.FundScope(f)
		types := areaTypes(d.Select(s.Filter))
		if len(types) < 2 {
			types = []string{""}
		}
		out[f] = map[string]*ranked{}
		for _, t := range types {
			s.AreaType = t
			rk, ok := charts.NewRanking(d, s)
			if !ok {
				continue
			}
			rows, err := r.chartRows(rk.Rows())
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			out[f][strings.ToLower(t)] = &ranked{rk, rows}
			r.keep(Output{Path: strings.TrimPrefix(fundURL(f)+rk.CompareCSVName(), "/"), Data: rk.CompareCSV()})
		}
	}
	return out, nil
}

// chartRows renders each row with the theme's "chart-row", each after a
// line break, as the theme's "chart" would; none when a theme's own charts
// have no "chart-row", and its "chart" renders them.
func (r *renderer) chartRows(rows []charts.Row) ([]string, error) {
	if r.templates["page"].Lookup("chart-row") == nil {
		return nil, nil
	}
	out := make([]string, len(rows))
	var buf bytes.Buffer
	for i, row := range rows {
		buf.Reset()
		buf.WriteByte('\n')
		if err := r.templates["page"].ExecuteTemplate(&buf, "chart-row", row); err != nil {
			return nil, err
		}
		out[i] = buf.String()
	}
	return out, nil
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
		if r.rowsHTML != nil {
			ranking.rowsHTML = template.HTML(strings.Join(r.rowsHTML[from:to], "")) //nolint:gosec // rendered by html/template
		}
		out = append(out, spec{Spec: compare, ok: true, sharedCSV: fundURL(f) + r.CompareCSVName(), whole: r.Whole()}, ranking)
	}
	return out
}

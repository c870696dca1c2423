package charts

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// Scope is the slice of the data a chart shows, and how to name it.
type Scope struct {
	Filter model.Filter
	// Key starts the chart's ID ("arf", "arf-2023-24"); "" for all data.
	Key string
	// Name starts the heading ("Accelerating Reform Fund"); "" for all funds.
	Name string
	// AreaType keeps only areas of one type ("Council") in a chart of
	// areas, so councils are not ranked against integrated care systems.
	AreaType string
	// Style is the house style for amounts and percentages in the
	// chart's sentence.
	Style money.Style
}

// FundScope is everything one fund gave (every fund when f is nil).
func FundScope(f *model.Fund, style money.Style) Scope {
	if f == nil {
		return Scope{Style: style}
	}
	return Scope{Filter: model.Filter{Fund: f}, Key: f.Key(), Name: f.Name, Style: style}
}

// rows are the allocations s takes in.
func (s Scope) rows(d *model.Dataset) []*model.Allocation {
	f := s.Filter
	f.AreaType = s.AreaType
	return d.Whole(f)
}

func (s Scope) id(kind string) string {
	if s.Key == "" {
		return kind
	}
	return s.Key + "-" + kind
}

func (s Scope) heading(what string) string {
	if s.Name == "" {
		return upperFirst(what)
	}
	return s.Name + ": " + what
}

// ByYear is the total for each financial year.
func ByYear(d *model.Dataset, s Scope) (Spec, bool) {
	rows := s.rows(d)
	if len(rows) == 0 {
		return Spec{}, false
	}
	spec := Spec{ID: s.id("by-year"), Heading: s.heading("total by financial year"), Columns: []string{"Financial year", "Total"}, Format: formatOf(rows)}
	short := shortIn(rows, s.Style)
	var parts []string
	for _, y := range model.Years(rows) {
		total := model.Sum(model.Filter{Years: []fyear.Year{y}}.Pick(rows))
		spec.Rows = append(spec.Rows, Row{Label: y.String(), Values: []money.Pence{total}})
		parts = append(parts, short(total)+" in "+y.String())
	}
	who := "The allocations"
	if s.Name != "" {
		who = "The " + s.Name
	}
	spec.Description = fmt.Sprintf("%s came to %s.", who, andList(parts))
	spec.series, spec.layout = []series{{name: "Total", colour: colourMain, highlight: -1}}, layout{labels: true}
	return spec, true
}

// ByRegion is the total for each region, largest first.
func ByRegion(d *model.Dataset, s Scope) (Spec, bool) {
	rows := s.rows(d)
	if len(rows) == 0 {
		return Spec{}, false
	}
	spec := Spec{ID: s.id("by-region"), Heading: s.heading("total by region"), Columns: []string{"Region", "Total"}, Format: formatOf(rows)}
	short := shortIn(rows, s.Style)
	groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Region })
	sortByTotal(groups)
	for _, g := range groups {
		name := g.Key
		if name == "" {
			name = "No region given"
		}
		spec.Rows = append(spec.Rows, Row{Label: name, Values: []money.Pence{g.Total}})
	}
	most, least := spec.Rows[0], spec.Rows[len(spec.Rows)-1]
	total := model.Sum(rows)
	if len(spec.Rows) == 1 {
		spec.Description = fmt.Sprintf("All of it, %s, went to %s.", short(total), most.Label)
	} else {
		spec.Description = fmt.Sprintf("%s received the most, %s (%s of the total); %s the least, %s (%s).",
			most.Label, short(most.Values[0]), s.Style.Percent(model.Share(most.Values[0], total).Percent()),
			least.Label, short(least.Values[0]), s.Style.Percent(model.Share(least.Values[0], total).Percent()))
	}
	spec.series, spec.layout = []series{{name: "Total", colour: colourMain, highlight: -1}}, layout{horizontal: true}
	return spec, true
}

// Areas is what each area received, largest first. With highlight set, that
// area's bar stands out and the description gives its rank.
func Areas(d *model.Dataset, s Scope, highlight *model.Area) (Spec, bool) {
	r, ok := NewRanking(d, s)
	if !ok {
		return Spec{}, false
	}
	return r.Areas(highlight), true
}

// AreaFunds is what one area received from each fund, year by year: one
// series per fund, so funds are set side by side and never added up.
func AreaFunds(d *model.Dataset, area *model.Area, style money.Style) (Spec, bool) {
	rows := d.Select(model.Filter{Area: area})
	if len(rows) == 0 {
		return Spec{}, false
	}
	years := model.Years(rows)
	funds := model.GroupBy(rows, func(a *model.Allocation) string { return a.Fund.Name })
	spec := Spec{ID: "funds-by-year", Heading: area.Name + ": what each fund gave, by financial year", Columns: []string{"Financial year"}, Format: formatOf(rows)}
	short := shortIn(rows, style)
	var ss []series
	palette := []string{colourMain, colourRegion, colourNational, colourHighlight}
	for i, g := range funds {
		spec.Columns = append(spec.Columns, g.Key)
		ss = append(ss, series{name: g.Key, colour: palette[i%len(palette)], highlight: -1})
	}
	for _, y := range years {
		row := Row{Label: y.String()}
		for _, g := range funds {
			picked := model.Filter{Years: []fyear.Year{y}}.Pick(g.Rows)
			row.Values = append(row.Values, model.Sum(picked))
			row.None = append(row.None, len(picked) == 0)
		}
		spec.Rows = append(spec.Rows, row)
	}
	// The largest single figure, the first among equals.
	var most model.Group
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Fund.Name + "|" + a.Year.String() }) {
		if most.Rows == nil || g.Total > most.Total {
			most = g
		}
	}
	what := fmt.Sprintf("from %s funds", figures.Number(int64(len(funds))))
	if len(funds) == 1 {
		what = "from the " + funds[0].Key
	}
	spec.Description = fmt.Sprintf("%s received %s %s over %s; the most in one year was %s from the %s in %s.",
		area.Name, short(model.Sum(rows)), what, fyear.Span(years[0], years[len(years)-1]), short(most.Total), most.Rows[0].Fund.Name, most.Rows[0].Year)
	spec.series, spec.layout = ss, layout{decals: len(ss) > 1}
	return spec, true
}

// formatOf is how charts.js prints rows' values: as money, or as counts
// (never with £).
func formatOf(rows []*model.Allocation) string {
	if len(rows) > 0 && rows[0].Fund.Measure.Count {
		return "count"
	}
	return "money"
}

// shortIn prints rows' amounts in a sentence: money in the house style,
// counts with their noun.
func shortIn(rows []*model.Allocation, style money.Style) func(money.Pence) string {
	m := model.Money
	if len(rows) > 0 {
		m = rows[0].Fund.Measure
	}
	return func(p money.Pence) string { return m.ShortIn(p, style) }
}

// sortByTotal puts the largest first; equal totals go by name, so the
// order is the same in every build.
func sortByTotal(groups []model.Group) {
	slices.SortStableFunc(groups, func(a, b model.Group) int {
		if a.Total != b.Total {
			if a.Total > b.Total {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// FilterScope names a filter a narrative gives: the key and heading say
// which fund, years, region, area and statuses the chart shows.
func FilterScope(f model.Filter, style money.Style) Scope {
	var keys, names []string
	if f.Fund != nil {
		keys, names = append(keys, f.Fund.Key()), append(names, f.Fund.Name)
	}
	var years []string
	for _, y := range f.Years {
		keys, years = append(keys, y.Slug()), append(years, y.String())
	}
	if len(years) > 0 {
		names = append(names, andList(years))
	}
	if f.Region != "" {
		keys, names = append(keys, "region", model.PageSlug(f.Region)), append(names, f.Region+" region")
	}
	if f.Area != nil {
		keys, names = append(keys, f.Area.Slug), append(names, f.Area.Name)
	}
	var statuses []string
	for _, s := range f.Statuses {
		keys, statuses = append(keys, s.Slug()), append(statuses, s.String())
	}
	if len(statuses) > 0 {
		names = append(names, strings.Join(statuses, " or ")+" figures")
	}
	return Scope{Filter: f, Key: strings.Join(keys, "-"), Name: strings.Join(names, ", "), Style: style}
}

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
}

// FundScope is everything one fund gave (every fund when f is nil).
func FundScope(f *model.Fund) Scope {
	if f == nil {
		return Scope{}
	}
	return Scope{Filter: model.Filter{Fund: f}, Key: f.Key(), Name: f.Name}
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
	rows := d.Select(s.Filter)
	if len(rows) == 0 {
		return Spec{}, false
	}
	spec := Spec{ID: s.id("by-year"), Heading: s.heading("total by financial year"), Columns: []string{"Financial year", "Total"}}
	var parts []string
	for _, y := range model.Years(rows) {
		total := model.Sum(model.Filter{Years: []fyear.Year{y}}.Pick(rows))
		spec.Rows = append(spec.Rows, Row{Label: y.String(), Values: []money.Pence{total}})
		parts = append(parts, money.Short(total)+" in "+y.String())
	}
	who := "The allocations"
	if s.Name != "" {
		who = "The " + s.Name
	}
	spec.Description = fmt.Sprintf("%s came to %s.", who, andList(parts))
	spec.Option = option(spec, []series{{name: "Total", colour: colourMain, highlight: -1}}, layout{labels: true})
	return spec, true
}

// ByRegion is the total for each region, largest first.
func ByRegion(d *model.Dataset, s Scope) (Spec, bool) {
	rows := d.Select(s.Filter)
	if len(rows) == 0 {
		return Spec{}, false
	}
	spec := Spec{ID: s.id("by-region"), Heading: s.heading("total by region"), Columns: []string{"Region", "Total"}}
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
		spec.Description = fmt.Sprintf("All of it, %s, went to %s.", money.Short(total), most.Label)
	} else {
		spec.Description = fmt.Sprintf("%s received the most, %s (%s of the total); %s the least, %s (%s).",
			most.Label, money.Short(most.Values[0]), model.Share(most.Values[0], total).Percent(),
			least.Label, money.Short(least.Values[0]), model.Share(least.Values[0], total).Percent())
	}
	spec.Option = option(spec, []series{{name: "Total", colour: colourMain, highlight: -1}}, layout{horizontal: true})
	return spec, true
}

// Areas is what each area received, largest first. With highlight set, that
// area's bar stands out and the description gives its rank.
func Areas(d *model.Dataset, s Scope, highlight *model.Area) (Spec, bool) {
	rows := d.Select(s.Filter)
	if s.AreaType != "" {
		var ofType []*model.Allocation
		for _, a := range rows {
			if strings.EqualFold(a.Area.Type, s.AreaType) {
				ofType = append(ofType, a)
			}
		}
		rows = ofType
	}
	if len(rows) == 0 {
		return Spec{}, false
	}
	groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name })
	areas := make([]*model.Area, len(groups))
	for i, g := range groups {
		areas[i] = g.Rows[0].Area
	}
	id := s.id("areas")
	if s.AreaType != "" {
		id += "-" + model.Slugify(s.AreaType)
	}
	spec := Spec{ID: id, Heading: s.heading("allocation to each " + model.AreaNoun(areas, 1)), Columns: []string{"Area", "Total"}}
	sortByTotal(groups)
	at := -1
	for i, g := range groups {
		if g.Rows[0].Area == highlight {
			at = i
		}
		spec.Rows = append(spec.Rows, Row{Label: g.Key, Values: []money.Pence{g.Total}})
	}
	most, least := spec.Rows[0], spec.Rows[len(spec.Rows)-1]
	spec.Description = fmt.Sprintf("Of %d %s, %s received the most, %s, and %s the least, %s",
		len(spec.Rows), model.AreaNoun(areas, len(areas)), most.Label, money.Short(most.Values[0]), least.Label, money.Short(least.Values[0]))
	if len(spec.Rows) == 1 {
		spec.Description = fmt.Sprintf("Only %s received an allocation, %s", most.Label, money.Short(most.Values[0]))
	}
	if at >= 0 && len(spec.Rows) > 1 {
		rank, of := model.Rank(rows, highlight)
		spec.Description += fmt.Sprintf("; %s was %s of %d, with %s", highlight.Name, figures.Ordinal(int64(rank)), of, money.Short(spec.Rows[at].Values[0]))
	}
	spec.Description += "."
	spec.Option = option(spec, []series{{name: "Total", colour: colourMain, highlight: at}}, layout{hideCategories: true})
	return spec, true
}

// Compare sets an area's allocation in each year beside the average area's
// across the scope and in the area's region.
func Compare(d *model.Dataset, s Scope, area *model.Area) (Spec, bool) {
	mine := model.Filter{Area: area}.Pick(d.Select(s.Filter))
	if len(mine) == 0 {
		return Spec{}, false
	}
	regionName := area.Region
	spec := Spec{ID: s.id("compare"), Heading: s.heading(area.Name + " beside the average area"),
		Columns: []string{"Financial year", area.Name, "Average, all areas"}}
	ss := []series{{name: area.Name, colour: colourMain, highlight: -1}, {name: "Average, all areas", colour: colourNational, highlight: -1}}
	if regionName != "" {
		spec.Columns = append(spec.Columns, "Average, "+regionName)
		ss = append(ss, series{name: "Average, " + regionName, colour: colourRegion, highlight: -1})
	}
	var last Row
	for _, y := range model.Years(mine) {
		f := s.Filter
		f.Years = []fyear.Year{y}
		row := Row{Label: y.String(), Values: []money.Pence{model.Sum(model.Filter{Years: f.Years}.Pick(mine)), average(d.Select(f))}}
		if regionName != "" {
			f.Region = regionName
			row.Values = append(row.Values, average(d.Select(f)))
		}
		spec.Rows = append(spec.Rows, row)
		last = row
	}
	spec.Description = fmt.Sprintf("In %s %s received %s, against an average of %s across all areas", last.Label, area.Name, money.Short(last.Values[0]), money.Short(last.Values[1]))
	if regionName != "" {
		spec.Description += fmt.Sprintf(" and %s in the %s region", money.Short(last.Values[2]), regionName)
	}
	spec.Description += "."
	spec.Option = option(spec, ss, layout{decals: true})
	return spec, true
}

// average is the total shared equally among the areas, to the nearest
// penny, as the live figure {{ average }} works it out.
func average(rows []*model.Allocation) money.Pence {
	return model.PerHead(model.Sum(rows), int64(len(model.AreasOf(rows))))
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
func FilterScope(f model.Filter) Scope {
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
		keys, names = append(keys, "region", model.Slugify(f.Region)), append(names, f.Region+" region")
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
	return Scope{Filter: f, Key: strings.Join(keys, "-"), Name: strings.Join(names, ", ")}
}

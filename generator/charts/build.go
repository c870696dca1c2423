package charts

import (
	"fmt"
	"slices"
	"strings"

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
	r, ok := NewRanking(d, s)
	if !ok {
		return Spec{}, false
	}
	return r.Areas(highlight), true
}

// Compare sets an area's allocation in each year beside the average area's
// across the scope and in the area's region.
func Compare(d *model.Dataset, s Scope, area *model.Area) (Spec, bool) {
	r, ok := NewRanking(d, s)
	if !ok {
		return Spec{}, false
	}
	return r.Compare(area)
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

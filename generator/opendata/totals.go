package opendata

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// The tables below are the ones the pages show, so each can be downloaded
// as it reads on the page.

// YearTotals is a total per financial year: a fund page's "By financial year".
func YearTotals(name, title string, rows []*model.Allocation) Table {
	t := Table{
		Name: name, Title: title,
		Description: "The total for each financial year, how many areas it went to, and the least certain status among its allocations.",
		Columns: []Column{
			{"Financial year", "financial_year", Text}, {"Total (£)", "total", Money},
			{"Areas", "areas", Number}, {"Status", "status", Text},
		},
	}
	var out [][]string
	for _, y := range model.Years(rows) {
		in := model.Filter{Years: []fyear.Year{y}}.Pick(rows)
		out = append(out, []string{y.String(), model.Sum(in).Decimal(), fmt.Sprint(len(model.AreasOf(in))), model.WorstStatus(in).String()})
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

// RegionTotals is a total per region with its share: a fund page's "By region".
func RegionTotals(name, title string, rows []*model.Allocation) Table {
	t := Table{
		Name: name, Title: title,
		Description: "The total for each region, its share of the whole, and how many areas it went to.",
		Columns: []Column{
			{"Region", "region", Text}, {"Total (£)", "total", Money},
			{"Share (%)", "share_percent", Number}, {"Areas", "areas", Number},
		},
	}
	total := model.Sum(rows)
	groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Region })
	slices.SortFunc(groups, func(a, b model.Group) int { return strings.Compare(a.Key, b.Key) })
	var out [][]string
	for _, g := range groups {
		share := strings.TrimSuffix(model.Share(g.Total, total).Percent(), "%")
		if !number.MatchString(share) {
			share = ""
		}
		out = append(out, []string{g.Key, g.Total.Decimal(), share, fmt.Sprint(len(model.AreasOf(g.Rows)))})
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

// AreaTotals is a row per area with a column per financial year: the
// "by area" table of the home, areas and fund pages.
func AreaTotals(name, title string, rows []*model.Allocation) Table {
	years := model.Years(rows)
	t := Table{
		Name: name, Title: title,
		Description: "Each area's allocation in each financial year and in total, with the least certain status among its allocations.",
		Columns:     []Column{{"Area code", "area_code", Text}, {"Area", "area", Text}, {"Region", "region", Text}},
	}
	for _, y := range years {
		t.Columns = append(t.Columns, Column{y.String() + " (£)", "amount_" + strings.ReplaceAll(y.Slug(), "-", "_"), Money})
	}
	t.Columns = append(t.Columns, Column{"Total (£)", "total", Money}, Column{"Status", "status", Text})
	// One pass groups the rows by area: picking each area's rows from all
	// of them was O(areas × rows), an eighth of a national build.
	byArea := map[*model.Area][]*model.Allocation{}
	for _, a := range rows {
		byArea[a.Area] = append(byArea[a.Area], a)
	}
	var out [][]string
	for _, area := range model.AreasOf(rows) {
		mine := byArea[area]
		row := []string{area.Code, area.Name, area.Region}
		for _, y := range years {
			row = append(row, model.Sum(model.Filter{Years: []fyear.Year{y}}.Pick(mine)).Decimal())
		}
		out = append(out, append(row, model.Sum(mine).Decimal(), model.WorstStatus(mine).String()))
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

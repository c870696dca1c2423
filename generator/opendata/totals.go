package opendata

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// The tables below are the ones the pages show, so each can be downloaded
// as it reads on the page. Each takes the figures a workbook marks as not
// known (missing) beside the known ones (rows): a total over no known
// figure is empty (null in JSON), never 0.00, and every total says how
// many figures it leaves out because they are not given.

// notGiven is the column that says so.
var notGiven = Column{"Figures not given", "figures_not_given", Number}

const notGivenNote = " A total leaves out the figures not given, counted in the last column; a total with no known figure is empty."

// total is the sum of rows, or "" when there are none to add up.
func total(rows []*model.Allocation) string {
	if len(rows) == 0 {
		return ""
	}
	return model.Sum(rows).Decimal()
}

// worstStatus is the least certain status of rows, or "" for none.
func worstStatus(rows []*model.Allocation) string {
	if len(rows) == 0 {
		return ""
	}
	return model.WorstStatus(rows).String()
}

func inYear(rows []*model.Allocation, y fyear.Year) []*model.Allocation {
	return model.Filter{Years: []fyear.Year{y}}.Pick(rows)
}

// YearTotals is a total per financial year: a fund page's "By financial year".
func YearTotals(name, title string, rows, missing []*model.Allocation) Table {
	t := Table{
		Name: name, Title: title,
		Description: "The total for each financial year, how many areas it went to, and the least certain status among its allocations." + notGivenNote,
		Columns: []Column{
			{"Financial year", "financial_year", Text}, {"Total (£)", "total", Money},
			{"Areas", "areas", Number}, {"Status", "status", Text}, notGiven,
		},
	}
	var out [][]string
	for _, y := range model.Years(slices.Concat(rows, missing)) {
		in := inYear(rows, y)
		out = append(out, []string{y.String(), total(in), fmt.Sprint(len(model.AreasOf(in))), worstStatus(in), fmt.Sprint(len(inYear(missing, y)))})
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

// RegionTotals is a total per region with its share: a fund page's "By region".
func RegionTotals(name, title string, rows, missing []*model.Allocation) Table {
	t := Table{
		Name: name, Title: title,
		Description: "The total for each region, its share of the whole, and how many areas it went to." + notGivenNote,
		Columns: []Column{
			{"Region", "region", Text}, {"Total (£)", "total", Money},
			{"Share (%)", "share_percent", Number}, {"Areas", "areas", Number}, notGiven,
		},
	}
	whole := model.Sum(rows)
	region := func(a *model.Allocation) string { return a.Area.Region }
	known, unknown := map[string][]*model.Allocation{}, map[string][]*model.Allocation{}
	for _, g := range model.GroupBy(rows, region) {
		known[g.Key] = g.Rows
	}
	for _, g := range model.GroupBy(missing, region) {
		unknown[g.Key] = g.Rows
	}
	var regions []string
	for _, m := range []map[string][]*model.Allocation{known, unknown} {
		for r := range m {
			if !slices.Contains(regions, r) {
				regions = append(regions, r)
			}
		}
	}
	slices.Sort(regions)
	var out [][]string
	for _, r := range regions {
		in := known[r]
		share := ""
		if len(in) > 0 {
			share = strings.TrimSuffix(model.Share(model.Sum(in), whole).Percent(), "%")
			if !number.MatchString(share) {
				share = ""
			}
		}
		out = append(out, []string{r, total(in), share, fmt.Sprint(len(model.AreasOf(in))), fmt.Sprint(len(unknown[r]))})
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

// AreaTotals is a row per area with a column per financial year: the
// "by area" table of the home, areas and fund pages. A year with no known
// figure for the area is empty, as the page says "no figure", not £0.
func AreaTotals(name, title string, rows, missing []*model.Allocation) Table {
	all := slices.Concat(rows, missing)
	years := model.Years(all)
	t := Table{
		Name: name, Title: title,
		Description: "Each area's allocation in each financial year and in total, with the least certain status among its allocations." + notGivenNote,
		Columns:     []Column{{"Area code", "area_code", Text}, {"Area", "area", Text}, {"Region", "region", Text}},
	}
	for _, y := range years {
		t.Columns = append(t.Columns, Column{y.String() + " (£)", "amount_" + strings.ReplaceAll(y.Slug(), "-", "_"), Money})
	}
	t.Columns = append(t.Columns, Column{"Total (£)", "total", Money}, Column{"Status", "status", Text}, notGiven)
	// One pass groups the rows by area: picking each area's rows from all
	// of them was O(areas × rows), an eighth of a national build.
	byArea, missingOf := map[*model.Area][]*model.Allocation{}, map[*model.Area]int{}
	for _, a := range rows {
		byArea[a.Area] = append(byArea[a.Area], a)
	}
	for _, a := range missing {
		missingOf[a.Area]++
	}
	var out [][]string
	for _, area := range model.AreasOf(all) {
		mine := byArea[area]
		row := []string{area.Code, area.Name, area.Region}
		for _, y := range years {
			row = append(row, total(inYear(mine, y)))
		}
		out = append(out, append(row, total(mine), worstStatus(mine), fmt.Sprint(missingOf[area])))
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

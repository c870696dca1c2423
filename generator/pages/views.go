package pages

import (
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/narrative"
)

// Headline is a figure shown large at the top of a page, with its anchor.
type Headline struct {
	ID     string
	Label  string
	Value  template.HTML
	Detail string
	// Exact is the figure in full ("£20,000,000"), for the list of
	// published figures that each build compares with the last; cited
	// are the cells it is made from, for that list.
	Exact string
	cited []string
}

// AreaRow is one area's line in a table of areas.
type AreaRow struct {
	Name   string
	URL    string
	Region string
	ByYear []YearCell // aligned with the table's years
	Total  Amount
	Status StatusView
}

// AreaTable is a table of areas with a column per financial year.
type AreaTable struct {
	ID      string
	Caption string
	// Unit heads the column of names: "Area", "Council".
	Unit  string
	Years []string
	Areas []AreaRow
}

// AreaLink is a link to an area's page.
type AreaLink struct {
	Name string
	URL  string
}

// YearCell is one year's figure in a table of areas: an amount, or "no
// figure" where the data has none for the area that year. Never £0: the
// area may well have received money the data does not give.
type YearCell struct {
	Amount
	None bool
}

// Full is the exact amount, or "no figure".
func (c YearCell) Full() string {
	if c.None {
		return "no figure"
	}
	return c.Amount.Full()
}

// PageView is a plain narrative page such as /about/.
type PageView struct {
	Page *narrative.Page
	Body template.HTML
}

func fundURL(f *model.Fund) string { return "/funds/" + f.Slug + "/" }
func areaURL(a *model.Area) string { return "/areas/" + a.Slug + "/" }

func yearStrings(ys []fyear.Year) []string {
	out := make([]string, len(ys))
	for i, y := range ys {
		out[i] = y.String()
	}
	return out
}

// areaRows are the rows of a table of areas, by name.
func areaRows(rows []*model.Allocation, years []fyear.Year, style money.Style) []AreaRow {
	var out []AreaRow
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name }) {
		area := g.Rows[0].Area
		r := AreaRow{Name: area.Name, URL: areaURL(area), Region: area.Region, Total: Amount{g.Total, style, measureOf(g.Rows)}, Status: statusView(model.WorstStatus(g.Rows))}
		for _, y := range years {
			picked := model.Filter{Years: []fyear.Year{y}}.Pick(g.Rows)
			r.ByYear = append(r.ByYear, YearCell{Amount: Amount{model.Sum(picked), style, measureOf(g.Rows)}, None: len(picked) == 0})
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b AreaRow) int { return strings.Compare(a.Name, b.Name) })
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

// headlineIDs are the anchors of a page's headline figures.
func headlineIDs(hs []Headline) map[string]bool {
	ids := map[string]bool{}
	for _, h := range hs {
		ids[h.ID] = true
	}
	return ids
}

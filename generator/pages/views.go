package pages

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/figures"
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
	// published figures that each build compares with the last.
	Exact string
}

// YearRow is one financial year's total for a fund.
type YearRow struct {
	Year   string
	Total  Amount
	Areas  int
	Status StatusView
}

// RegionRow is one region's total for a fund.
type RegionRow struct {
	ID     string
	Region string
	Total  Amount
	Share  string
	Areas  int
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

// FundView is a fund's page.
type FundView struct {
	Fund      *model.Fund
	Key       string
	URL       string
	Lead      string
	Total     Amount
	Span      string
	Headlines []Headline
	Years     []string
	ByYear    []YearRow
	ByRegion  []RegionRow
	AreaTable AreaTable
	Body      template.HTML
	Estimates int
	Charts    []ChartView
}

// AreaTable is a table of areas with a column per financial year.
type AreaTable struct {
	ID      string
	Caption string
	Years   []string
	Areas   []AreaRow
}

// AreaFigure is one fund-year figure for an area, with its context.
type AreaFigure struct {
	ID        string
	Year      string
	Amount    Amount
	Status    StatusView
	Basis     string
	SourceURL string
	Ref       SourceRef
	Share     string
	Rank      string
	PerHead   string
}

// AreaFund is everything one fund gave one area.
type AreaFund struct {
	Fund    *model.Fund
	URL     string
	Figures []AreaFigure
	Total   Amount
}

// AreaView is an area's page.
type AreaView struct {
	Area       *model.Area
	URL        string
	Lead       string
	Funds      []AreaFund
	Population []PopulationRow
	Family     FamilyView
	Missing    []MissingView
	Body       template.HTML
	Charts     []ChartView
}

// PopulationRow is an area's population in one year.
type PopulationRow struct {
	Year   string
	People string
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

func buildFund(d *model.Dataset, f *model.Fund) FundView {
	rows := d.Select(model.Filter{Fund: f})
	years := model.Years(rows)
	total := model.Sum(rows)
	v := FundView{Fund: f, Key: f.Key(), URL: fundURL(f), Total: Amount{total}, Years: yearStrings(years)}
	if len(years) > 0 {
		v.Span = fyear.Span(years[0], years[len(years)-1])
	}
	areas := model.AreasOf(rows)
	v.Lead = fmt.Sprintf("The %s provides %s across %s to %d %s.", f.Name, money.Words(total), v.Span, len(areas), model.AreaNoun(areas, len(areas)))
	v.Headlines = append(v.Headlines, Headline{ID: "fig-" + v.Key + "-total", Label: "Total", Value: Amount{total}.HTML(), Detail: v.Span, Exact: Amount{total}.Full()})
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Year.String() }) {
		y := g.Rows[0].Year
		n := len(model.AreasOf(g.Rows))
		id := "fig-" + v.Key + "-" + y.Slug() + "-total"
		v.ByYear = append(v.ByYear, YearRow{Year: g.Key, Total: Amount{g.Total}, Areas: n, Status: statusView(model.WorstStatus(g.Rows))})
		v.Headlines = append(v.Headlines, Headline{ID: id, Label: g.Key, Value: Amount{g.Total}.HTML(), Detail: fmt.Sprintf("across %d %s", n, model.AreaNoun(areas, n)), Exact: Amount{g.Total}.Full()})
	}
	regions := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Region })
	slices.SortFunc(regions, func(a, b model.Group) int { return strings.Compare(a.Key, b.Key) })
	for _, g := range regions {
		name := g.Key
		if name == "" {
			name = "No region given"
		}
		v.ByRegion = append(v.ByRegion, RegionRow{ID: "fig-" + v.Key + "-region-" + model.Slugify(name), Region: name,
			Total: Amount{g.Total}, Share: model.Share(g.Total, total).Percent(), Areas: len(model.AreasOf(g.Rows))})
	}
	v.AreaTable = AreaTable{ID: "by-area", Caption: f.Name + ": allocation to each area", Years: v.Years, Areas: areaRows(rows, years)}
	for _, a := range rows {
		if a.Status == model.Estimate {
			v.Estimates++
		}
	}
	return v
}

func areaRows(rows []*model.Allocation, years []fyear.Year) []AreaRow {
	var out []AreaRow
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name }) {
		area := g.Rows[0].Area
		r := AreaRow{Name: area.Name, URL: areaURL(area), Region: area.Region, Total: Amount{g.Total}, Status: statusView(model.WorstStatus(g.Rows))}
		for _, y := range years {
			r.ByYear = append(r.ByYear, yearCell(g.Rows, y))
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b AreaRow) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func buildArea(d *model.Dataset, area *model.Area) AreaView {
	v := AreaView{Area: area, URL: areaURL(area)}
	mine := d.Select(model.Filter{Area: area})
	for _, y := range sortedYears(area.Population) {
		v.Population = append(v.Population, PopulationRow{Year: y.String(), People: figures.Number(area.Population[y])})
	}
	for _, g := range model.GroupBy(mine, func(a *model.Allocation) string { return a.Fund.Name }) {
		f := g.Rows[0].Fund
		af := AreaFund{Fund: f, URL: fundURL(f), Total: Amount{g.Total}}
		for _, yg := range model.GroupBy(g.Rows, func(a *model.Allocation) string { return a.Year.String() }) {
			af.Figures = append(af.Figures, areaFigure(d, area, f, yg))
		}
		v.Funds = append(v.Funds, af)
	}
	v.Lead = areaLead(area, v.Funds)
	v.Family = buildFamily(d, area)
	v.Missing = missingFigures(d, area)
	return v
}

// figureIDs are the anchors of the area's figures.
func (v AreaView) figureIDs() map[string]bool {
	ids := map[string]bool{}
	for _, f := range v.Funds {
		for _, fig := range f.Figures {
			ids[fig.ID] = true
		}
	}
	return ids
}

// figureIDs are the anchors of the fund's figures.
func (v FundView) figureIDs() map[string]bool {
	ids := headlineIDs(v.Headlines)
	for _, r := range v.ByRegion {
		ids[r.ID] = true
	}
	return ids
}

// headlineIDs are the anchors of a page's headline figures.
func headlineIDs(hs []Headline) map[string]bool {
	ids := map[string]bool{}
	for _, h := range hs {
		ids[h.ID] = true
	}
	return ids
}

func areaFigure(d *model.Dataset, area *model.Area, f *model.Fund, g model.Group) AreaFigure {
	first := g.Rows[0]
	year := first.Year
	national := model.Filter{Fund: f, Years: []fyear.Year{year}}
	rank, of := d.RankOf(national, area)
	fig := AreaFigure{
		ID:     "fig-" + f.Key() + "-" + year.Slug() + "-total",
		Year:   year.String(),
		Amount: Amount{g.Total},
		Status: statusView(model.WorstStatus(g.Rows)),
		Basis:  first.Basis,
		Ref:    sourceRef(first.Loc),
		Share:  model.Share(g.Total, d.SumOf(national)).Percent(),
		Rank:   fmt.Sprintf("%s of %d", figures.Ordinal(int64(rank)), of),
	}
	if strings.HasPrefix(first.Source, "https://") || strings.HasPrefix(first.Source, "http://") {
		fig.SourceURL = first.Source
	}
	if !f.HasAnnounced {
		// Without an announced total the data may list only some areas:
		// a share or rank among them is not one among all.
		fig.Share, fig.Rank = "", ""
	}
	if pop, ok := area.Population[year]; ok {
		fig.PerHead = money.Full(model.PerHead(g.Total, pop))
	}
	return fig
}

// areaLead is the first sentence a resident reads.
func areaLead(area *model.Area, funds []AreaFund) string {
	if len(funds) == 0 || len(funds[0].Figures) == 0 {
		return area.Name + " has no allocations in this data."
	}
	fig := funds[0].Figures[0]
	amount := fig.Amount.Short()
	if fig.Status.Slug == model.PublishedLowerBound.Slug() {
		amount = "at least " + amount
	}
	s := fmt.Sprintf("%s received %s in %s from the %s", area.Name, amount, fig.Year, funds[0].Fund.Name)
	if fig.Status.Slug == model.Estimate.Slug() {
		s = fmt.Sprintf("%s is estimated to have received %s in %s from the %s", area.Name, amount, fig.Year, funds[0].Fund.Name)
	}
	return s + "."
}

func sortedYears(m map[fyear.Year]int64) []fyear.Year {
	var ys []fyear.Year
	for y := range m {
		ys = append(ys, y)
	}
	slices.SortFunc(ys, func(a, b fyear.Year) int { return a.Start - b.Start })
	return ys
}

// HomeView is the home page.
type HomeView struct {
	Lead      string
	Headlines []Headline
	Funds     []FundView
	AreaTable AreaTable
	Body      template.HTML
	Charts    []ChartView
}

func buildHome(d *model.Dataset, funds []FundView) HomeView {
	v := HomeView{Funds: funds}
	all := d.Allocations
	total := model.Sum(all)
	span := ""
	if len(d.Years) > 0 {
		span = fyear.Span(d.Years[0], d.Years[len(d.Years)-1])
	}
	areas := model.AreasOf(all)
	v.Lead = homeLead(d)
	v.Headlines = append(v.Headlines, Headline{ID: "fig-total", Label: "Total", Value: Amount{total}.HTML(), Detail: "across " + span, Exact: Amount{total}.Full()})
	if len(d.Years) > 0 {
		first := d.Select(model.Filter{Years: d.Years[:1]})
		n := len(model.AreasOf(first))
		v.Headlines = append(v.Headlines,
			Headline{ID: "fig-" + d.Years[0].Slug() + "-total", Label: d.Years[0].String(), Value: Amount{model.Sum(first)}.HTML(),
				Detail: fmt.Sprintf("across %d %s", n, model.AreaNoun(areas, n)), Exact: Amount{model.Sum(first)}.Full()},
			Headline{ID: "fig-areas", Label: "Areas", Value: template.HTML(fmt.Sprint(len(areas))), Detail: model.AreaNoun(areas, len(areas)) + " with an allocation", Exact: fmt.Sprint(len(areas))})
	}
	v.AreaTable = AreaTable{ID: "all-areas", Caption: "Allocations by area and financial year", Years: yearStrings(d.Years), Areas: areaRows(all, d.Years)}
	return v
}

// PageView is a plain narrative page such as /about/.
type PageView struct {
	Page *narrative.Page
	Body template.HTML
}

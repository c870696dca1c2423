package pages

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// tableAreas is the most areas a fund's page lists in its table of areas;
// beyond it the page links the finder and the download of every area, so
// a national fund's page stays light enough for a phone.
const tableAreas = 150

// FundView is a fund's page: its headline figures, each year's total (each
// figure once, in one form), its regions' totals and its areas' ranking
// where the data covers every area, and the table of its areas.
type FundView struct {
	Fund      *model.Fund
	Key       string
	URL       string
	Lead      string
	Total     Amount
	Span      string
	Headlines []Headline
	// Notes say where no rank, share or region total is given, and why.
	Notes    []string
	Years    []string
	ByYear   []YearRow
	ByRegion []RegionRow
	// ByProgramme is the fund's total in each of its programmes, when
	// its rows name programmes; Counted says what its rows count.
	ByProgramme []ProgrammeRow
	Counted     string
	AreaTable   *AreaTable
	// Areas is how many areas the fund gave to, and AreaNoun names them,
	// for the link to the finder when the table would be too long.
	Areas     Count
	AreaNoun  string
	Body      template.HTML
	Estimates Count
	Charts    []ChartView
	// Maps are the fund's figures on maps of its places (see maps.go).
	Maps []MapView
	// Grants are a grant list's grants by size and largest recipients.
	Grants *GrantPictures
}

// YearRow is one financial year's total for a fund, with its anchor.
type YearRow struct {
	ID     string
	Year   string
	Total  Amount
	Areas  string // "42 integrated care systems"
	Status StatusView
	Quote  string
	cited  []string
}

// RegionRow is one region's total for a fund.
type RegionRow struct {
	ID     string
	Region string
	Total  Amount
	Share  string
	Areas  Count
	cited  []string
}

// ProgrammeRow is one programme's total for a fund: how many grants (or
// allocations), their total and its share of the fund's.
type ProgrammeRow struct {
	ID        string
	Programme string
	Count     string
	Total     Amount
	Share     string
	cited     []string
}

// noProgramme names the rows of a fund with programmes that name none.
const noProgramme = "No programme given"

// programmeRows are a fund's total in each programme, by name; none when
// no row names a programme.
func programmeRows(rows []*model.Allocation, key string, total money.Pence, style money.Style) []ProgrammeRow {
	if !slices.ContainsFunc(rows, func(a *model.Allocation) bool { return a.Programme != "" }) {
		return nil
	}
	groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Programme })
	slices.SortFunc(groups, func(a, b model.Group) int { return strings.Compare(a.Key, b.Key) })
	var out []ProgrammeRow
	for _, g := range groups {
		name := cmp.Or(g.Key, noProgramme)
		out = append(out, ProgrammeRow{ID: "fig-" + key + "-programme-" + model.PageSlug(name), Programme: name,
			Count: model.CountNumber(money.Pence(len(g.Rows) * 100)), Total: Amount{g.Total, style, measureOf(g.Rows)},
			Share: style.Percent(model.Share(g.Total, total).Percent()), cited: diag.Cite(rowLocs(g.Rows), diag.CiteRuns)})
	}
	return out
}

// counted says what a fund's rows are, for the programme table's heading.
func counted(rows []*model.Allocation) string {
	if slices.ContainsFunc(rows, func(a *model.Allocation) bool { return a.Grant == nil }) {
		return "Allocations"
	}
	return "Grants"
}

func (b *builder) buildFund(f *model.Fund, problems *diag.List) FundView {
	d, style := b.in.Data, b.style
	rows := d.Select(model.Filter{Fund: f})
	years := model.Years(rows)
	total := model.Sum(rows)
	v := FundView{Fund: f, Key: f.Key(), URL: fundURL(f), Total: Amount{total, style, f.Measure}, Years: yearStrings(years)}
	if len(years) > 0 {
		v.Span = fyear.Span(years[0], years[len(years)-1])
	}
	areas := model.AreasOf(rows)
	v.Areas, v.AreaNoun = Count(len(areas)), d.Noun(areas, len(areas))
	v.Grants = b.grantPictures(f, rows)
	v.Lead = fmt.Sprintf("The %s provides %s across %s to %s %s.", f.Name, qualified(rows, style), v.Span, v.Areas, v.AreaNoun)
	if f.Measure.Count {
		v.Lead = fmt.Sprintf("%s: %s across %s %s, %s.", f.Name, qualified(rows, style), v.Areas, v.AreaNoun, v.Span)
	}
	v.Headlines = []Headline{{ID: "fig-" + v.Key + "-total", Label: "Total", Value: b.amountHTML(v.Total, problems), Detail: v.Span, Exact: v.Total.Full(), cited: diag.Cite(rowLocs(rows), diag.CiteRuns)}}
	notes := map[string]bool{}
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Year.String() }) {
		y := g.Rows[0].Year
		yr := YearRow{ID: figureID(f, y), Year: g.Key, Total: Amount{g.Total, style, f.Measure}, Areas: b.areaCount(g.Rows), Status: statusView(model.WorstStatus(g.Rows)),
			cited: diag.Cite(rowLocs(g.Rows), diag.CiteRuns)}
		what := fmt.Sprintf("The %s gave %s to %s in %s", f.Name, qualified(g.Rows, style), yr.Areas, g.Key)
		if f.Measure.Count {
			what = fmt.Sprintf("%s in %s: %s across %s", f.Name, g.Key, qualified(g.Rows, style), yr.Areas)
		}
		yr.Quote = fmt.Sprintf("%s (%s, %s)", what, b.citations[f], b.site.View.Absolute(v.URL)+"#"+yr.ID)
		v.ByYear = append(v.ByYear, yr)
		for _, t := range areaTypes(g.Rows) {
			if c := b.coverageOf(f, y, t); !c.full && !notes[c.note()] {
				notes[c.note()] = true
				v.Notes = append(v.Notes, c.note())
			}
		}
	}
	if len(v.Notes) == 0 {
		v.ByRegion = regionRows(rows, v.Key, total, style)
	}
	v.ByProgramme, v.Counted = programmeRows(rows, v.Key, total, style), counted(rows)
	if len(areas) <= tableAreas {
		v.AreaTable = &AreaTable{ID: "by-area", Caption: f.Name + ": allocation to each " + d.Noun(areas, 1), Unit: upperFirst(d.Noun(areas, 1)), Years: v.Years, Areas: areaRows(rows, years, style)}
	}
	for _, a := range rows {
		if a.Status == model.Estimate {
			v.Estimates++
		}
	}
	return v
}

// areaCount says how many areas of which types rows went to: "42
// integrated care systems", "21 councils and 42 integrated care systems".
func (b *builder) areaCount(rows []*model.Allocation) string {
	var parts []string
	for _, t := range areaTypes(rows) {
		areas := model.AreasOf(model.Filter{AreaType: t}.Pick(rows))
		parts = append(parts, fmt.Sprintf("%s %s", Count(len(areas)), b.in.Data.Noun(areas, len(areas))))
	}
	return andJoin(parts)
}

// regionRows are a fund's total in each region, by name.
func regionRows(rows []*model.Allocation, key string, total money.Pence, style money.Style) []RegionRow {
	regions := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Region })
	if len(regions) == 1 && regions[0].Key == "" {
		return nil // no region given for any: a table of one "no region" row says nothing
	}
	slices.SortFunc(regions, func(a, b model.Group) int { return strings.Compare(a.Key, b.Key) })
	var out []RegionRow
	for _, g := range regions {
		name := g.Key
		if name == "" {
			name = "No region given"
		}
		out = append(out, RegionRow{ID: "fig-" + key + "-region-" + model.PageSlug(name), Region: name,
			Total: Amount{g.Total, style, measureOf(g.Rows)}, Share: style.Percent(model.Share(g.Total, total).Percent()), Areas: Count(len(model.AreasOf(g.Rows))),
			cited: diag.Cite(rowLocs(g.Rows), diag.CiteRuns)})
	}
	return out
}

// figureIDs are the anchors of the fund's figures.
func (v FundView) figureIDs() map[string]bool {
	ids := headlineIDs(v.Headlines)
	for _, r := range v.ByYear {
		ids[r.ID] = true
	}
	for _, r := range v.ByRegion {
		ids[r.ID] = true
	}
	for _, r := range v.ByProgramme {
		ids[r.ID] = true
	}
	return ids
}

// andJoin joins "a", "b" and "c" as "a, b and c".
func andJoin(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

package pages

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/charts"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// AreaView is an area's page: one table of what each fund gave it each
// year, with each figure's status, share, rank and per-person amount, at
// most two charts whatever the number of funds, its narrative, and where
// every figure came from. One design from a dozen figures to a national
// site's hundred per page.
type AreaView struct {
	Area *model.Area
	URL  string
	Lead string
	// Population is the latest year's, with its year.
	Population     string
	PopulationYear string
	Parents        []AreaLink // nearest first
	// Places are the places its figures name (its local authority,
	// constituency, region), linked to their pages.
	Places  []PlaceLink
	Figures []FigureRow
	// FigureCols and GrantCols say which columns of the figures and the
	// grants have a value in some row; the others are not printed.
	FigureCols, GrantCols Filled
	// Statuses explain, once each, the statuses the figures have.
	Statuses []StatusView
	// Notes say where no rank or share is given, and why.
	Notes []string
	// Workbook names the workbook every figure's cell is in, when they
	// are all in one; the table then names only sheet and cell.
	Workbook string
	// Bases say how figures were worked out, each basis once.
	Bases []BasisNote
	// Grants list each award, when the figures are grants: a recipient
	// of many sees each one, with its date, purpose and identifier.
	Grants []GrantRow
	// GrantsShown says the page lists the first of more grants than a
	// page holds; the download has them all.
	GrantsShown string
	// Children is the table of the areas within this one, if any.
	Children *AreaTable
	Heading  string // the children's heading
	Charts   []ChartView
	Body     template.HTML
	// Locator shows where the area is, when it is on the map (maps.go).
	Locator MapView
}

// GrantRow is one grant to an area.
type GrantRow struct {
	Date       string // YYYY-MM-DD, or the financial year
	Title      string
	Fund       string
	Programme  string
	Amount     Amount
	Identifier string
	Cell       string
}

// pageGrants is the most grants an area's page lists.
const pageGrants = 200

// BasisNote is how some of the figures were worked out.
type BasisNote struct {
	Text    string
	Figures []AreaLink // to the figures' rows
}

// FigureRow is one fund's figure for the area in one year: a row of the
// area's table, with an anchor that stays the same from build to build.
type FigureRow struct {
	ID string // "fig-arf-2023-24-total"
	// Fund is the fund; a page shows only its name and address, so only
	// those are in the page's digest (a changed announced total must not
	// render every area page again).
	Fund     *model.Fund `json:"-"`
	FundName string
	FundURL  string
	Year     string
	Amount   Amount
	// None says the data marks the figure as not given: it is shown as
	// such, never as £0, and counted in no total.
	None    bool
	Status  *StatusView
	Share   string
	Rank    string
	PerHead string
	Basis   string
	// SourceURL is the funder's published source, when the data gives one.
	SourceURL string
	// Cells are the workbook cells the figure is made from.
	Cells string
	// Said is what the area received, said as surely as the figure
	// allows ("received at least £530,000"), and Citation who published
	// it and when: with the page's address, a sentence to quote.
	Said     string
	Citation string
	year     fyear.Year
	// locs are the figure's cells, until the page knows how to cite them;
	// cited cites them in full, for the record of published figures.
	locs  []diag.Loc
	cited []string
}

func (b *builder) buildArea(a *model.Area) AreaView {
	d := b.in.Data
	v := AreaView{Area: a, URL: areaURL(a)}
	if ys := sortedYears(a.Population); len(ys) > 0 {
		y := ys[len(ys)-1]
		v.Population, v.PopulationYear = figures.Number(a.Population[y]), y.String()
	}
	for p := a.Parent; p != nil; p = p.Parent {
		v.Parents = append(v.Parents, AreaLink{Name: p.Name, URL: areaURL(p)})
	}
	var groups []model.Group
	for _, g := range model.GroupBy(d.Select(model.Filter{Area: a}), func(r *model.Allocation) string { return r.Fund.Name }) {
		groups = append(groups, model.GroupBy(g.Rows, func(r *model.Allocation) string { return r.Year.String() })...)
	}
	missing := b.missing[a]
	// Sized exactly: a national site holds ten of these for each of
	// 10,000 areas, and doubling its way up held half as many again.
	v.Figures = make([]FigureRow, 0, len(groups)+len(missing))
	notes := map[string]bool{}
	statuses := map[string]bool{}
	for _, g := range groups {
		row := b.figureRow(a, g.Rows)
		if c := b.coverageOf(row.Fund, row.year, a.Type); !c.full && !notes[c.note()] {
			notes[c.note()] = true
			v.Notes = append(v.Notes, c.note())
		}
		if !statuses[row.Status.Slug] {
			statuses[row.Status.Slug] = true
			v.Statuses = append(v.Statuses, *row.Status)
		}
		v.Figures = append(v.Figures, row)
	}
	for _, m := range missing {
		l := b.label(m.Fund, m.Year)
		v.Figures = append(v.Figures, FigureRow{ID: l.id, Fund: m.Fund, FundName: m.Fund.Name, FundURL: l.url,
			Year: l.year, None: true, Basis: m.Basis, year: m.Year, locs: []diag.Loc{m.Loc}})
	}
	slices.SortStableFunc(v.Figures, func(x, y FigureRow) int {
		if c := strings.Compare(x.Fund.Name, y.Fund.Name); c != 0 {
			return c
		}
		return strings.Compare(x.Year, y.Year)
	})
	v.Grants, v.GrantsShown = b.grants(d.Select(model.Filter{Area: a}))
	v.Lead = areaLead(a, v.Figures)
	v.Workbook, v.Bases = provenance(v.Figures)
	v.FigureCols, v.GrantCols = filledColumns(v.Figures), filledColumns(v.Grants)
	v.Places = b.placeLinks(a)
	b.family(&v)
	return v
}

// grants lists rows that are grants, by date, with how many are shown
// when there are more than a page lists.
func (b *builder) grants(rows []*model.Allocation) ([]GrantRow, string) {
	var out []GrantRow
	n := 0
	for _, a := range rows {
		if a.Grant == nil {
			continue
		}
		n++
		if len(out) == pageGrants {
			continue
		}
		g := GrantRow{Date: a.Grant.AwardDate, Title: a.Grant.Title, Fund: a.Fund.Name, Programme: a.Programme, Amount: Amount{a.Amount, b.style, a.Fund.Measure},
			Identifier: a.Grant.Identifier, Cell: a.Loc.String()}
		if g.Date == "" {
			g.Date = a.Year.String()
		}
		if g.Title == "" {
			g.Title = a.Grant.Description
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(x, y GrantRow) int { return strings.Compare(x.Date, y.Date) })
	if n > len(out) {
		return out, fmt.Sprintf("The first %s of %s grants; the download below lists every one.", Count(len(out)), Count(n))
	}
	return out, ""
}

// provenance names the one workbook the figures' cells are in, if they are
// all in one (the table then gives just sheet and cell), and gathers the
// figures' bases, each once.
func provenance(rows []FigureRow) (string, []BasisNote) {
	files := map[string]bool{}
	for _, r := range rows {
		for _, l := range r.locs {
			files[l.File] = true
		}
	}
	file := ""
	if len(files) == 1 {
		for f := range files {
			file = f
		}
	}
	var notes []BasisNote
	for i := range rows {
		r := &rows[i]
		r.cited = diag.Cite(r.locs, diag.CiteRuns)
		if file != "" {
			r.Cells = cells(sheetOnly(r.locs))
		} else {
			r.Cells = strings.Join(r.cited, "; ")
		}
		r.locs = nil // cited: no longer needed, and a national site has a million
		if r.Basis == "" {
			continue
		}
		link := AreaLink{Name: r.FundName + ", " + r.Year, URL: "#" + r.ID}
		if n := slices.IndexFunc(notes, func(b BasisNote) bool { return b.Text == r.Basis }); n >= 0 {
			notes[n].Figures = append(notes[n].Figures, link)
		} else {
			notes = append(notes, BasisNote{Text: r.Basis, Figures: []AreaLink{link}})
		}
	}
	return file, notes
}

// sheetOnly leaves the workbook out of cell references.
func sheetOnly(locs []diag.Loc) []diag.Loc {
	out := make([]diag.Loc, len(locs))
	for i, l := range locs {
		l.File = ""
		out[i] = l
	}
	return out
}

func figureID(f *model.Fund, y fyear.Year) string {
	return "fig-" + f.Key() + "-" + y.Slug() + "-total"
}

// fundYear names a fund's figure for a year, the same on every area page:
// made once, not for each of a national site's million figures.
type fundYear struct {
	id, url, year string
}

type fundYearKey struct {
	fund *model.Fund
	year fyear.Year
}

// labels names every fund's figure for every year.
func labels(d *model.Dataset) map[fundYearKey]fundYear {
	out := map[fundYearKey]fundYear{}
	for _, f := range d.Funds {
		for _, y := range d.Years {
			out[fundYearKey{f, y}] = fundYear{id: figureID(f, y), url: fundURL(f), year: y.String()}
		}
	}
	return out
}

func (b *builder) label(f *model.Fund, y fyear.Year) fundYear {
	if l, ok := b.labels[fundYearKey{f, y}]; ok {
		return l
	}
	return fundYear{id: figureID(f, y), url: fundURL(f), year: y.String()}
}

// figureRow is what one fund gave an area in one year.
func (b *builder) figureRow(a *model.Area, rows []*model.Allocation) FigureRow {
	d, style := b.in.Data, b.style
	first := rows[0]
	f, year := first.Fund, first.Year
	total := model.Sum(rows)
	l := b.label(f, year)
	row := FigureRow{
		ID: l.id, Fund: f, FundName: f.Name, FundURL: l.url, Year: l.year,
		Amount: Amount{total, style, f.Measure}, Status: statusOf(model.WorstStatus(rows)),
		Basis: first.Basis, SourceURL: sourceURL(first.Source), year: year, locs: rowLocs(rows),
	}
	if b.coverageOf(f, year, a.Type).full {
		peers := model.Filter{Fund: f, Years: []fyear.Year{year}, AreaType: a.Type}
		rank, of := d.RankOf(peers, a)
		row.Share = style.Percent(model.Share(total, d.SumOf(peers)).Percent())
		row.Rank = fmt.Sprintf("%s of %s", figures.Ordinal(int64(rank)), Count(of))
	}
	if pop, ok := a.Population[year]; ok && !f.Measure.Count {
		row.PerHead = Amount{Pence: model.PerHead(total, pop), Style: style}.Full()
	}
	row.Said = said(a, f, l.year, rows, style)
	row.Citation = b.citations[f]
	return row
}

// said is a figure in a plain sentence, as surely as the data allows:
// "Mid and South Essex received at least £530,000 from the Accelerating
// Reform Fund in 2023/24"; a count is no money received: "Employment-
// deprived people in Barnet in 2019/20: 16,661 people".
func said(a *model.Area, f *model.Fund, year string, rows []*model.Allocation, style money.Style) string {
	if f.Measure.Count {
		return fmt.Sprintf("%s in %s in %s: %s", f.Name, a.Name, year, qualified(rows, style))
	}
	if model.WorstStatus(rows) == model.Estimate {
		return fmt.Sprintf("%s is estimated to have received %s from the %s in %s", a.Name, f.Measure.ShortIn(model.Sum(rows), style), f.Name, year)
	}
	return fmt.Sprintf("%s received %s from the %s in %s", a.Name, qualified(rows, style), f.Name, year)
}

// areaLead is the first sentence a resident reads: what the area received
// from the first fund, in its first year, said as surely as the data allows.
func areaLead(a *model.Area, rows []FigureRow) string {
	for _, r := range rows {
		if !r.None {
			return r.Said + "."
		}
	}
	return a.Name + " has no allocations in this data."
}

// family places an area among the areas it is part of and contains: a
// council links up to its integrated care system, which lists its councils.
func (b *builder) family(v *AreaView) {
	d := b.in.Data
	children := d.Children(v.Area)
	if len(children) == 0 {
		return
	}
	kind := d.Noun(children, len(children))
	var rows []*model.Allocation
	for _, c := range children {
		rows = append(rows, d.Select(model.Filter{Area: c})...)
	}
	years := model.Years(rows)
	v.Heading = fmt.Sprintf("The %s %s within %s", Count(len(children)), kind, v.Area.Name)
	caption := "What each of the " + kind + " within " + v.Area.Name + " received"
	if len(children) == 1 {
		v.Heading = fmt.Sprintf("The %s within %s", kind, v.Area.Name)
		caption = "What the " + kind + " within " + v.Area.Name + " received"
	}
	v.Children = &AreaTable{ID: "parts", Caption: caption, Unit: upperFirst(d.Noun(children, 1)), Years: yearStrings(years), Areas: areaRows(rows, years, b.style)}
}

// areaCharts are an area's charts, two at most whatever the number of
// funds: what each fund gave it year by year, and its place among the
// areas of its type for the fund and year the page leads with, when the
// data covers all of them. The ranking's data is its fund page's file of
// every area, linked rather than written again for each of thousands of
// areas.
func (b *builder) areaCharts(v AreaView) []spec {
	var out []spec
	if s, ok := charts.AreaFunds(b.in.Data, v.Area, b.style); ok && (len(s.Rows) > 1 || len(s.Columns) > 2) {
		// The page's table of figures gives these figures, and its
		// download every one of them.
		out = append(out, spec{Spec: s, ok: true, table: "figures", sharedCSV: v.URL + "allocations.csv"})
	}
	for _, r := range v.Figures {
		if r.None {
			continue
		}
		rk := b.rankings[coverageKey{r.Fund, r.year, strings.ToLower(v.Area.Type)}]
		if rk == nil {
			break
		}
		ranking := spec{Spec: rk.Areas(v.Area), ok: true, sharedCSV: fundURL(r.Fund) + rk.CSVName()}
		if from, to := rk.Window(v.Area); to-from < len(rk.Rows()) {
			ranking.whole = rk.Whole()
		}
		out = append(out, ranking)
		break
	}
	return out
}

// figureIDs are the anchors of the area's figures.
func (v AreaView) figureIDs() map[string]bool {
	ids := map[string]bool{}
	for _, f := range v.Figures {
		ids[f.ID] = true
	}
	return ids
}

func sortedYears(m map[fyear.Year]int64) []fyear.Year {
	var ys []fyear.Year
	for y := range m {
		ys = append(ys, y)
	}
	slices.SortFunc(ys, func(a, b fyear.Year) int { return a.Start - b.Start })
	return ys
}

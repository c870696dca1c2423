package charts

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"fundsite/generator/csvout"
	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// allBars is the most areas a chart on an area's page shows; beyond it the
// page shows the area among those ranked nearest to it (windowBars of them),
// so a national dataset's 10,000 area pages are not 10,000 bars each.
const (
	allBars    = 60
	windowBars = 51
)

// Ranking is every area of a scope ranked by what it received, with the
// average area's allocation in each year, nationally and by region: what
// the charts on every area page of the scope share. Worked out once, it
// draws those charts for thousands of area pages without reading the data
// once per page. It is never changed after NewRanking, so pages can use it
// in parallel.
type Ranking struct {
	scope  Scope
	groups []model.Group // largest first
	rows   []Row         // groups as the table's rows
	place  map[*model.Area]int
	// noun and nouns name one area and all of them ("integrated care
	// system", "integrated care systems").
	noun, nouns string
	national    map[fyear.Year]money.Pence
	regional    map[regionYear]money.Pence
}

type regionYear struct {
	region string // lower case
	year   fyear.Year
}

// NewRanking ranks the areas in s; ok is false when s has no allocations.
func NewRanking(d *model.Dataset, s Scope) (r *Ranking, ok bool) {
	rows := scopeRows(d, s)
	if len(rows) == 0 {
		return nil, false
	}
	r = &Ranking{scope: s, groups: model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name })}
	sortByTotal(r.groups)
	r.place = make(map[*model.Area]int, len(r.groups))
	areas := make([]*model.Area, len(r.groups))
	r.rows = make([]Row, len(r.groups))
	for i, g := range r.groups {
		areas[i] = g.Rows[0].Area
		r.place[g.Rows[0].Area] = i
		r.rows[i] = Row{Label: g.Key, Values: []money.Pence{g.Total}}
	}
	// Once here, not on each of thousands of area pages: naming compares
	// every area's type.
	r.noun, r.nouns = model.AreaNoun(areas, 1), model.AreaNoun(areas, len(areas))
	r.national, r.regional = averages(rows)
	return r, true
}

// scopeRows are the allocations s takes in.
func scopeRows(d *model.Dataset, s Scope) []*model.Allocation {
	rows := d.Select(s.Filter)
	if s.AreaType == "" {
		return rows
	}
	var ofType []*model.Allocation
	for _, a := range rows {
		if strings.EqualFold(a.Area.Type, s.AreaType) {
			ofType = append(ofType, a)
		}
	}
	return ofType
}

// averages shares each year's total equally among the areas that had an
// allocation that year, to the nearest penny (as {{ average }} does),
// across all rows and within each region.
func averages(rows []*model.Allocation) (map[fyear.Year]money.Pence, map[regionYear]money.Pence) {
	type pot struct {
		total money.Pence
		areas map[*model.Area]bool
	}
	add := func(p *pot, a *model.Allocation) {
		if p.areas == nil {
			p.areas = map[*model.Area]bool{}
		}
		p.total += a.Amount
		p.areas[a.Area] = true
	}
	years, regions := map[fyear.Year]*pot{}, map[regionYear]*pot{}
	for _, a := range rows {
		if years[a.Year] == nil {
			years[a.Year] = &pot{}
		}
		add(years[a.Year], a)
		if a.Area.Region == "" {
			continue
		}
		k := regionYear{strings.ToLower(a.Area.Region), a.Year}
		if regions[k] == nil {
			regions[k] = &pot{}
		}
		add(regions[k], a)
	}
	national, regional := map[fyear.Year]money.Pence{}, map[regionYear]money.Pence{}
	for y, p := range years {
		national[y] = model.PerHead(p.total, int64(len(p.areas)))
	}
	for k, p := range regions {
		regional[k] = model.PerHead(p.total, int64(len(p.areas)))
	}
	return national, regional
}

// Rows are every area's row of the ranking's table, largest first. They
// are shared by every chart of the ranking: never change them.
func (r *Ranking) Rows() []Row { return r.rows }

// Window is the part of Rows an area's chart shows: all of them, unless
// there are more than allBars and highlight is among them.
func (r *Ranking) Window(highlight *model.Area) (from, to int) {
	n := len(r.groups)
	at, ranked := r.place[highlight]
	if !ranked || n <= allBars {
		return 0, n
	}
	from = min(max(0, at-windowBars/2), n-windowBars)
	return from, from + windowBars
}

// Areas is what each area received, largest first. With highlight set, that
// area's bar stands out and the description gives its rank; when there are
// more than allBars areas, the chart shows the highlighted area among the
// areas ranked nearest to it, and the description still speaks of all.
func (r *Ranking) Areas(highlight *model.Area) Spec {
	s, n := r.scope, len(r.groups)
	noun, nouns := r.noun, r.nouns
	spec := Spec{ID: r.typedID("areas"), Heading: s.heading("allocation to each " + noun), Columns: []string{"Area", "Total"}}
	at, ranked := r.place[highlight]
	from, to := r.Window(highlight)
	if to-from < n {
		spec.Heading = s.heading(fmt.Sprintf("%s and the %s ranked nearest to it", highlight.Name, nouns))
	}
	spec.Rows = r.rows[from:to:to]
	most, least := r.groups[0], r.groups[n-1]
	spec.Description = fmt.Sprintf("Of %d %s, %s received the most, %s, and %s the least, %s",
		n, nouns, most.Key, money.Short(most.Total), least.Key, money.Short(least.Total))
	if n == 1 {
		spec.Description = fmt.Sprintf("Only %s received an allocation, %s", most.Key, money.Short(most.Total))
	}
	highlightBar := -1
	if ranked {
		highlightBar = at - from
	}
	if ranked && n > 1 {
		mine := r.groups[at].Total
		// Ties share the better rank: count the areas that received more.
		rank := 1 + sort.Search(n, func(i int) bool { return r.groups[i].Total <= mine })
		spec.Description += fmt.Sprintf("; %s was %s of %d, with %s", highlight.Name, figures.Ordinal(int64(rank)), n, money.Short(mine))
	}
	if to-from < n {
		spec.Description += fmt.Sprintf(". The chart shows the %d ranked nearest to it", to-from)
	}
	spec.Description += "."
	spec.Option = option(spec, []series{{name: "Total", colour: colourMain, highlight: highlightBar}}, layout{hideCategories: true})
	return spec
}

// Compare sets an area's allocation in each year beside the average area's
// across the scope and in the area's region; ok is false when the area had
// nothing in the scope.
func (r *Ranking) Compare(area *model.Area) (Spec, bool) {
	at, ok := r.place[area]
	if !ok {
		return Spec{}, false
	}
	mine := r.groups[at].Rows
	s, regionName := r.scope, area.Region
	spec := Spec{ID: s.id("compare"), Heading: s.heading(area.Name + " beside the average area"),
		Columns: []string{"Financial year", area.Name, "Average, all areas"}}
	ss := []series{{name: area.Name, colour: colourMain, highlight: -1}, {name: "Average, all areas", colour: colourNational, highlight: -1}}
	if regionName != "" {
		spec.Columns = append(spec.Columns, "Average, "+regionName)
		ss = append(ss, series{name: "Average, " + regionName, colour: colourRegion, highlight: -1})
	}
	spec.Rows = r.compareRows(area, mine)
	last := spec.Rows[len(spec.Rows)-1]
	spec.Description = fmt.Sprintf("In %s %s received %s, against an average of %s across all areas", last.Label, area.Name, money.Short(last.Values[0]), money.Short(last.Values[1]))
	if regionName != "" {
		spec.Description += fmt.Sprintf(" and %s in the %s region", money.Short(last.Values[2]), regionName)
	}
	spec.Description += "."
	spec.Option = option(spec, ss, layout{decals: true})
	return spec, true
}

// Whole names every area of the ranking: "all 42 integrated care systems".
func (r *Ranking) Whole() string { return fmt.Sprintf("all %d %s", len(r.groups), r.nouns) }

// typedID is the ID of a chart of kind, with the area type when the scope
// has one: a fund's councils and care systems are ranked apart.
func (r *Ranking) typedID(kind string) string {
	id := r.scope.id(kind)
	if r.scope.AreaType != "" {
		id += "-" + model.Slugify(r.scope.AreaType)
	}
	return id
}

// CompareCSVName is the file CompareCSV is written to, beside the fund's
// page; each area page's comparison links it.
func (r *Ranking) CompareCSVName() string { return Spec{ID: r.typedID("compare")}.CSVName() }

// CompareCSV is every area's comparison, the rows of each area page's
// Compare, in one file: one file per fund rather than one per area page,
// which at national scale was tens of thousands of files.
func (r *Ranking) CompareCSV() []byte {
	header := []string{"Area", "Financial year", "Allocation (£)", "Average, all areas (£)", "Average, the area's region (£)", "Region"}
	var rows [][]string
	for _, g := range r.groups {
		area := g.Rows[0].Area
		for _, row := range r.compareRows(area, g.Rows) {
			regional := ""
			if len(row.Values) > 2 {
				regional = row.Values[2].Decimal()
			}
			rows = append(rows, []string{area.Name, row.Label, row.Values[0].Decimal(), row.Values[1].Decimal(), regional, area.Region})
		}
	}
	return csvout.Bytes(header, slices.Values(rows))
}

// compareRows are an area's allocation in each year beside the average
// area's across the scope and, when the area has a region, in its region.
func (r *Ranking) compareRows(area *model.Area, mine []*model.Allocation) []Row {
	var rows []Row
	for _, y := range model.Years(mine) {
		row := Row{Label: y.String(), Values: []money.Pence{model.Sum(model.Filter{Years: []fyear.Year{y}}.Pick(mine)), r.national[y]}}
		if area.Region != "" {
			row.Values = append(row.Values, r.regional[regionYear{strings.ToLower(area.Region), y}])
		}
		rows = append(rows, row)
	}
	return rows
}

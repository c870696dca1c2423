package charts

import (
	"fmt"
	"io"
	"sort"

	"fundsite/generator/figures"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// allBars is the most areas a ranking shows with every name readable; beyond
// it an area's page shows the area among those ranked nearest to it
// (windowBars of them) and a fund's page the largest (topBars), so a
// national dataset's 10,000 area pages are not 10,000 bars each.
const (
	allBars    = 60
	windowBars = 15
	topBars    = 30
)

// Ranking is every area of a scope ranked by what it received: what the
// ranking charts on every area page of the scope share. Worked out once, it
// draws those charts for thousands of area pages without reading the data
// once per page. It is never changed after NewRanking, so pages can use it
// in parallel.
type Ranking struct {
	scope Scope
	// format and short print the ranking's amounts: money or counts.
	format string
	short  func(money.Pence) string
	rows   []Row // each area's total, largest first
	place  map[*model.Area]int
	// noun and nouns name one area and all of them ("integrated care
	// system", "integrated care systems").
	noun, nouns string
}

// NewRanking ranks the areas in s; ok is false when s has no allocations.
func NewRanking(d *model.Dataset, s Scope) (r *Ranking, ok bool) {
	rows := s.rows(d)
	if len(rows) == 0 {
		return nil, false
	}
	groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name })
	sortByTotal(groups)
	// The groups' rows are not kept: a national site ranks 10,000 areas
	// for each fund and year, for as long as its pages are being built.
	r = &Ranking{scope: s, place: make(map[*model.Area]int, len(groups)), rows: make([]Row, len(groups)),
		format: formatOf(rows), short: shortIn(rows, s.Style)}
	areas := make([]*model.Area, len(groups))
	totals := make([]money.Pence, len(groups))
	for i, g := range groups {
		areas[i] = g.Rows[0].Area
		r.place[g.Rows[0].Area] = i
		totals[i] = g.Total
		r.rows[i] = Row{Label: g.Key, Values: totals[i : i+1 : i+1]}
	}
	// Once here, not on each of thousands of area pages: naming compares
	// every area's type.
	r.noun, r.nouns = d.Noun(areas, 1), d.Noun(areas, len(areas))
	return r, true
}

// Rows are every area's row of the ranking's table, largest first. They
// are shared by every chart of the ranking: never change them.
func (r *Ranking) Rows() []Row { return r.rows }

// Window is the part of Rows a chart shows: all of them up to allBars;
// beyond that the highlighted area among those ranked nearest to it, or
// with none highlighted the largest.
func (r *Ranking) Window(highlight *model.Area) (from, to int) {
	n := len(r.rows)
	at, ranked := r.place[highlight]
	switch {
	case n <= allBars:
		return 0, n
	case !ranked:
		return 0, topBars
	}
	from = min(max(0, at-windowBars/2), n-windowBars)
	return from, from + windowBars
}

// Areas is what each area received, largest first, as horizontal bars
// with every area named. With highlight set, that area's bar stands out
// and the description gives its rank; when there are more than allBars
// areas, the chart shows part of the ranking (see Window) and the
// description still speaks of all.
func (r *Ranking) Areas(highlight *model.Area) Spec {
	s, n := r.scope, len(r.rows)
	noun, nouns := r.noun, r.nouns
	spec := Spec{ID: r.typedID("areas"), Heading: s.heading("allocation to each " + noun), Columns: []string{upperFirst(noun), "Total"}, Format: r.format}
	at, ranked := r.place[highlight]
	from, to := r.Window(highlight)
	switch {
	case to-from < n && ranked:
		spec.Heading = s.heading(fmt.Sprintf("%s and the %s ranked nearest to it", highlight.Name, nouns))
	case to-from < n:
		spec.Heading = s.heading(fmt.Sprintf("the %s %s that received the most", figures.Number(int64(to-from)), nouns))
	}
	spec.Rows = r.rows[from:to:to]
	most, least := r.rows[0], r.rows[n-1]
	spec.Description = fmt.Sprintf("Of %s %s, %s received the most, %s, and %s the least, %s",
		figures.Number(int64(n)), nouns, most.Label, r.short(most.Values[0]), least.Label, r.short(least.Values[0]))
	if n == 1 {
		spec.Description = fmt.Sprintf("Only %s received an allocation, %s", most.Label, r.short(most.Values[0]))
	}
	highlightBar := -1
	if ranked {
		highlightBar = at - from
	}
	if ranked && n > 1 {
		mine := r.rows[at].Values[0]
		// Ties share the better rank: count the areas that received more.
		rank := 1 + sort.Search(n, func(i int) bool { return r.rows[i].Values[0] <= mine })
		spec.Description += fmt.Sprintf("; %s was %s of %s, with %s", highlight.Name, figures.Ordinal(int64(rank)), figures.Number(int64(n)), r.short(mine))
	}
	if to-from < n {
		spec.Description += fmt.Sprintf(". The chart shows %s of them", figures.Number(int64(to-from)))
	}
	spec.Description += "."
	spec.series, spec.layout = []series{{name: "Total", colour: colourMain, highlight: highlightBar}}, layout{horizontal: true}
	return spec
}

// Whole names every area of the ranking: "all 42 integrated care systems".
func (r *Ranking) Whole() string {
	return fmt.Sprintf("all %s %s", figures.Number(int64(len(r.rows))), r.nouns)
}

// CSV is the whole ranking, every area, for the charts that show part.
func (r *Ranking) CSV() []byte { return r.whole().CSV() }

// Digest writes what CSV is made from to h.
func (r *Ranking) Digest(h io.Writer) { r.whole().Digest(h) }

func (r *Ranking) whole() Spec {
	return Spec{ID: r.typedID("areas"), Columns: []string{upperFirst(r.noun), "Total"}, Rows: r.rows}
}

// typedID is the ID of a chart of kind, with the area type when the scope
// has one: a fund's councils and care systems are ranked apart.
func (r *Ranking) typedID(kind string) string {
	id := r.scope.id(kind)
	if r.scope.AreaType != "" {
		id += "-" + model.Slugify(r.scope.AreaType)
	}
	return id
}

// CSVName is the file the whole ranking is written to, beside its fund's
// page; every chart of the ranking links it.
func (r *Ranking) CSVName() string { return Spec{ID: r.typedID("areas")}.CSVName() }

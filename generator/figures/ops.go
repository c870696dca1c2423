package figures

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// operation is one thing a figure can work out.
type operation struct {
	// words are what it takes after its name (count areas); nil for none.
	words []string
	// keys are settings it takes beyond the filters, format and expect.
	keys []string
	// noYear: it takes from= and to= instead of year=.
	noYear bool
	eval   func(e *evaluation, format string) (result, bool)
}

// result is a worked-out figure before formatting.
type result struct {
	value  value
	rows   []*model.Allocation
	method string
	// suffix ends the anchor: "total" in fig-arf-2023-24-total.
	suffix string
}

var ops = map[string]operation{
	"sum":      {eval: evalSum},
	"count":    {words: []string{"areas", "rows", "years"}, eval: evalCount},
	"min":      {eval: evalExtreme(false)},
	"max":      {eval: evalExtreme(true)},
	"average":  {eval: evalAverage},
	"share":    {eval: evalShare},
	"per-head": {eval: evalPerHead},
	"change":   {keys: []string{"from", "to"}, noYear: true, eval: evalChange},
	"rank":     {eval: evalRank},
	"years":    {eval: evalYears},
}

func (e *evaluation) picked() ([]*model.Allocation, bool) {
	return e.rows(e.filter, strings.Join(e.scope, ", "))
}

func evalSum(e *evaluation, _ string) (result, bool) {
	rows, ok := e.picked()
	if !ok {
		return result{}, false
	}
	m, ok := e.measure(rows)
	if !ok {
		return result{}, false
	}
	one, many := rowNouns(rows)
	return result{value: amountValue(model.Sum(rows), m), rows: rows, suffix: "total",
		method: "the total of " + plural(len(rows), one, many)}, true
}

// measure is the one measure of a figure's rows; money and counts (or
// counts of different things) cannot be added up, so a figure that picks
// both is an error.
func (e *evaluation) measure(rows []*model.Allocation) (model.Measure, bool) {
	m, ok := e.data.MeasureOf(rows)
	if !ok {
		e.errorf(e.call.Loc, "this figure picks rows of money and of counts (or counts of different things), which cannot be added up; pick one fund with fund=\"…\"")
	}
	return m, ok
}

// units names n of the areas: "3 areas", "1 recipient".
func (e *evaluation) units(n int) string { return plural(n, e.data.Units.One, e.data.Units.Many) }

func evalCount(e *evaluation, _ string) (result, bool) {
	rows, ok := e.picked()
	if !ok {
		return result{}, false
	}
	r := result{rows: rows}
	one, many := rowNouns(rows)
	switch e.word() {
	case "areas":
		r.value = countValue(len(model.AreasOf(rows)))
		r.method, r.suffix = fmt.Sprintf("the number of %s with %s %s", e.data.Units.Many, an(one), one), "areas"
	case "rows":
		r.value = countValue(len(rows))
		r.method, r.suffix = "the number of "+many, "rows"
	case "years":
		r.value = countValue(len(model.Years(rows)))
		r.method, r.suffix = fmt.Sprintf("the number of financial years with %s %s", an(one), one), "year-count"
	}
	return r, true
}

// evalExtreme is the largest (or smallest) total any one area received.
// Equal totals go to the area first by name, so the figure is stable.
func evalExtreme(largest bool) func(*evaluation, string) (result, bool) {
	return func(e *evaluation, _ string) (result, bool) {
		rows, ok := e.picked()
		if !ok {
			return result{}, false
		}
		m, ok := e.measure(rows)
		if !ok {
			return result{}, false
		}
		groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name })
		slices.SortFunc(groups, func(a, b model.Group) int { return strings.Compare(a.Key, b.Key) })
		best := groups[0]
		for _, g := range groups[1:] {
			if largest && g.Total > best.Total || !largest && g.Total < best.Total {
				best = g
			}
		}
		word, suffix := "smallest", "min"
		if largest {
			word, suffix = "largest", "max"
		}
		return result{value: amountValue(best.Total, m), rows: best.Rows, suffix: suffix,
			method: fmt.Sprintf("the %s total for one %s (%s) among %s", word, e.data.Units.One, best.Key, e.units(len(groups)))}, true
	}
}

func evalAverage(e *evaluation, _ string) (result, bool) {
	rows, ok := e.picked()
	if !ok {
		return result{}, false
	}
	m, ok := e.measure(rows)
	if !ok {
		return result{}, false
	}
	total, areas := model.Sum(rows), len(model.AreasOf(rows))
	nearest := "penny"
	if m.Count {
		nearest = "hundredth"
	}
	// PerHead is exact division to the nearest penny; here the heads are areas.
	return result{value: amountValue(model.PerHead(total, int64(areas)), m), rows: rows, suffix: "average",
		method: fmt.Sprintf("%s shared equally among %s, to the nearest %s", m.Full(total), e.units(areas), nearest)}, true
}

// evalShare is the picked allocations' share of the same fund and years
// across all areas, regions and statuses.
func evalShare(e *evaluation, _ string) (result, bool) {
	f := e.filter
	if f.Area == nil && f.Region == "" && len(f.Statuses) == 0 {
		e.errorf(e.call.Loc, `share needs area=, region= or status= to say whose share it is (on an area page, the area is the page's)`)
		return result{}, false
	}
	part, ok := e.picked()
	if !ok {
		return result{}, false
	}
	m, ok := e.measure(part)
	if !ok {
		return result{}, false
	}
	all := model.Filter{Fund: f.Fund, Years: f.Years}
	whole, mine, total := e.data.Whole(all), model.Sum(part), e.data.SumOf(all)
	var names []string
	if f.Fund != nil {
		names = append(names, f.Fund.Name)
	}
	if len(f.Years) > 0 {
		names = append(names, yearList(f.Years))
	}
	names = append(names, "all "+e.data.Units.Many)
	return result{value: value{kind: kindPercent, ratio: model.Share(mine, total)}, rows: whole, suffix: "share",
		method: fmt.Sprintf("%s out of %s, the total for %s", m.Full(mine), m.Full(total), strings.Join(names, ", "))}, true
}

func evalPerHead(e *evaluation, _ string) (result, bool) {
	if len(e.filter.Years) != 1 {
		e.errorf(e.call.Loc, `per-head needs one year, as in year="2023/24": population differs from year to year`)
		return result{}, false
	}
	rows, ok := e.picked()
	if !ok {
		return result{}, false
	}
	year := e.filter.Years[0]
	var people int64
	for _, a := range model.AreasOf(rows) {
		n, ok := a.Population[year]
		if !ok {
			e.errorf(e.call.Loc, "%s has no population for %s; add a \"Population %s\" column to the Areas sheet", a.Name, year, year)
			continue
		}
		people += n
	}
	if e.failed {
		return result{}, false
	}
	m, ok := e.measure(rows)
	if !ok {
		return result{}, false
	}
	total := model.Sum(rows)
	v := amountValue(model.PerHead(total, people), m)
	v.exact = true
	return result{value: v, rows: rows, suffix: "per-head",
		method: fmt.Sprintf("%s divided by a population of %s in %s", m.Full(total), Number(people), year)}, true
}

// evalChange compares two years: an amount (negative for a fall), or with
// format="percent" the change as a percentage of the first year.
func evalChange(e *evaluation, format string) (result, bool) {
	from, hasFrom := e.setting("from")
	to, hasTo := e.setting("to")
	if !hasFrom || !hasTo {
		e.errorf(e.call.Loc, `change needs from= and to=, as in change from="2023/24" to="2024/25"`)
		return result{}, false
	}
	y1, ok1 := e.year(from)
	y2, ok2 := e.year(to)
	if !ok1 || !ok2 {
		return result{}, false
	}
	if y1 == y2 {
		e.errorf(to.Loc, "from and to are both %s; a change needs two different years", y1)
		return result{}, false
	}
	e.compare = []fyear.Year{y1, y2}
	before, after := e.filter, e.filter
	before.Years, after.Years = []fyear.Year{y1}, []fyear.Year{y2}
	scope := strings.Join(e.scope, ", ")
	rows1, ok1 := e.rows(before, strings.Trim(scope+", "+y1.String(), ", "))
	rows2, ok2 := e.rows(after, strings.Trim(scope+", "+y2.String(), ", "))
	if !ok1 || !ok2 {
		return result{}, false
	}
	m, ok := e.measure(slices.Concat(rows1, rows2))
	if !ok {
		return result{}, false
	}
	a, b := model.Sum(rows1), model.Sum(rows2)
	r := result{value: amountValue(b-a, m), rows: slices.Concat(rows1, rows2), suffix: "change",
		method: fmt.Sprintf("the change from %s in %s to %s in %s", m.Full(a), y1, m.Full(b), y2)}
	if strings.EqualFold(strings.TrimSpace(format), "percent") {
		if a == 0 {
			e.errorf(from.Loc, "no percentage change from %s in %s", m.Full(0), y1)
			return result{}, false
		}
		r.value = value{kind: kindPercent, ratio: model.Share(b-a, a)}
		r.suffix = "change-percent"
		r.method += ", as a percentage of " + y1.String()
	}
	return r, true
}

// evalRank is an area's place among all areas (in the same fund, years,
// region and status) by total, largest first.
func evalRank(e *evaluation, _ string) (result, bool) {
	area := e.filter.Area
	if area == nil {
		e.errorf(e.call.Loc, `rank needs an area, as in area="Kent and Medway" (on an area page, the area is the page's)`)
		return result{}, false
	}
	if _, ok := e.picked(); !ok {
		return result{}, false
	}
	field := e.filter
	field.Area = nil
	all := e.data.Whole(field)
	rank, of := e.data.RankOf(field, area)
	return result{value: value{kind: kindRank, n: int64(rank)}, rows: all, suffix: "rank",
		method: fmt.Sprintf("%s's place among %s by total, largest first (equal totals share a place)", area.Name, e.units(of))}, true
}

func evalYears(e *evaluation, _ string) (result, bool) {
	rows, ok := e.picked()
	if !ok {
		return result{}, false
	}
	ys := model.Years(rows)
	one, _ := rowNouns(rows)
	return result{value: value{kind: kindSpan, text: fyear.Span(ys[0], ys[len(ys)-1])}, rows: rows, suffix: "years",
		method: fmt.Sprintf("the first and last financial years with %s %s", an(one), one)}, true
}

// an is the article before a row's noun: "an allocation", "a grant".
func an(noun string) string {
	if strings.ContainsAny(noun[:1], "aeiou") {
		return "an"
	}
	return "a"
}

package model

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/fyear"
	"fundsite/generator/money"
)

// Filter picks allocations. Zero fields match everything.
type Filter struct {
	Fund     *Fund
	Years    []fyear.Year
	Area     *Area
	Region   string
	Statuses []Status
	// AreaType keeps areas of one type: councils are ranked among
	// councils, never against the care systems they are part of.
	AreaType string
}

// Match reports whether a passes the filter.
func (f Filter) Match(a *Allocation) bool {
	return (f.Fund == nil || a.Fund == f.Fund) &&
		(len(f.Years) == 0 || slices.Contains(f.Years, a.Year)) &&
		(f.Area == nil || a.Area == f.Area) &&
		(f.Region == "" || strings.EqualFold(a.Area.Region, f.Region)) &&
		(f.AreaType == "" || strings.EqualFold(a.Area.Type, f.AreaType)) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, a.Status))
}

// Select returns the allocations that pass f, in dataset order.
func (d *Dataset) Select(f Filter) []*Allocation { return f.Pick(d.candidates(f)) }

// Sum adds amounts exactly.
func Sum(rows []*Allocation) money.Pence {
	var total money.Pence
	for _, a := range rows {
		total += a.Amount
	}
	return total
}

// Years lists the distinct years of rows, oldest first.
func Years(rows []*Allocation) []fyear.Year {
	var ys []fyear.Year
	for _, a := range rows {
		if !slices.Contains(ys, a.Year) {
			ys = append(ys, a.Year)
		}
	}
	slices.SortFunc(ys, func(a, b fyear.Year) int { return a.Start - b.Start })
	return ys
}

// AreasOf lists the distinct areas of rows, in name order.
func AreasOf(rows []*Allocation) []*Area {
	var out []*Area
	seen := map[*Area]bool{} // a scan of out was O(rows × areas)
	for _, a := range rows {
		if !seen[a.Area] {
			seen[a.Area] = true
			out = append(out, a.Area)
		}
	}
	slices.SortFunc(out, func(a, b *Area) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// WorstStatus is the least certain status among rows: a total built from
// any estimate is itself an estimate.
func WorstStatus(rows []*Allocation) Status {
	worst := Published
	for _, a := range rows {
		worst = max(worst, a.Status)
	}
	return worst
}

// Group is a labelled subtotal.
type Group struct {
	Key   string
	Rows  []*Allocation
	Total money.Pence
}

// GroupBy splits rows by key, keeping groups in the order keyOrder gives
// (or first appearance when keyOrder is nil).
func GroupBy(rows []*Allocation, key func(*Allocation) string) []Group {
	index := map[string]int{}
	var groups []Group
	for _, a := range rows {
		k := key(a)
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, Group{Key: k})
		}
		groups[i].Rows = append(groups[i].Rows, a)
		groups[i].Total += a.Amount
	}
	return groups
}

// Ratio is an exact fraction, printed as a percentage.
type Ratio struct{ Num, Den int64 }

// Percent prints the ratio as a percentage with one decimal place, rounded
// half away from zero: "2.7%".
func (r Ratio) Percent() string {
	if r.Den == 0 {
		return "–"
	}
	num, den, sign := r.Num, r.Den, ""
	if (num < 0) != (den < 0) && num != 0 {
		sign = "-"
	}
	num, den = abs(num), abs(den)
	tenths := (num*1000 + den/2) / den
	if tenths == 0 {
		sign = "" // never "-0.0%"
	}
	return fmt.Sprintf("%s%d.%d%%", sign, tenths/10, tenths%10)
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Share is part's share of whole.
func Share(part, whole money.Pence) Ratio { return Ratio{int64(part), int64(whole)} }

// PerHead divides an amount by a population, to the nearest penny.
func PerHead(amount money.Pence, population int64) money.Pence {
	if population <= 0 {
		return 0
	}
	return money.Pence((int64(amount) + population/2) / population)
}

// Rank returns area's position (1 = most) among the areas of rows by their
// total, and how many areas there are. Ties share the better rank.
func Rank(rows []*Allocation, area *Area) (rank, of int) {
	return newRanking(rows).place(area)
}

// Pick returns the rows that pass f.
func (f Filter) Pick(rows []*Allocation) []*Allocation {
	var out []*Allocation
	for _, a := range rows {
		if f.Match(a) {
			out = append(out, a)
		}
	}
	return out
}

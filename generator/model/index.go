package model

import (
	"slices"
	"strings"
	"sync"

	"fundsite/generator/fyear"
	"fundsite/generator/money"
)

// index lists each area's and each fund-and-year's allocations, in dataset
// order, so Select reads the few rows a page needs instead of every row:
// without it an area page's figures cost O(rows) each and a national site
// O(areas × rows). Rankings are kept too, since every area page ranks its
// area among the same national totals.
type index struct {
	rows     int // len(Allocations) when built; a different length means stale
	byArea   map[*Area][]*Allocation
	byFundYr map[fundYear][]*Allocation
	byFund   map[*Fund][]*Allocation

	// areas is len(Areas) when built; the maps hold each area's place in
	// Areas under the three keys AreaByName matches, so looking up every
	// area page's narrative is not O(areas²).
	areas                 int
	byCode, byKey, bySlug map[string]int
	byName                map[string]int // ExactName: a name as written
	children              map[*Area][]*Area

	all []*Area

	mu       sync.Mutex
	rankings map[string]*ranking
}

type fundYear struct {
	fund *Fund
	year fyear.Year
}

// buildIndex indexes the allocations; Load calls it once the data is final.
func (d *Dataset) buildIndex() {
	ix := &index{rows: len(d.Allocations), byArea: map[*Area][]*Allocation{},
		byFundYr: map[fundYear][]*Allocation{}, byFund: map[*Fund][]*Allocation{}, rankings: map[string]*ranking{}}
	for _, a := range d.Allocations {
		ix.byArea[a.Area] = append(ix.byArea[a.Area], a)
		ix.byFund[a.Fund] = append(ix.byFund[a.Fund], a)
		k := fundYear{a.Fund, a.Year}
		ix.byFundYr[k] = append(ix.byFundYr[k], a)
	}
	ix.areas, ix.byCode, ix.byKey, ix.bySlug = len(d.Areas), map[string]int{}, map[string]int{}, map[string]int{}
	ix.byName = map[string]int{}
	ix.children = map[*Area][]*Area{}
	for i, a := range d.Areas {
		if a.Parent != nil {
			ix.children[a.Parent] = append(ix.children[a.Parent], a)
		}
		first := func(m map[string]int, k string) {
			if _, ok := m[k]; !ok {
				m[k] = i
			}
		}
		first(ix.byName, ExactName(a.Name))
		first(ix.byCode, strings.ToLower(a.Code))
		first(ix.byKey, areaKey(a.Name))
		first(ix.bySlug, a.Slug)
	}
	ix.all = d.Areas
	d.index = ix
}

// areaByName is AreaByName's answer from the maps: the area of exactly
// that name, or else the first area, in Areas order, that any of the
// three keys matches.
func (ix *index) areaByName(name string) *Area {
	if i, ok := ix.byName[ExactName(name)]; ok {
		return ix.all[i]
	}
	best := -1
	for _, hit := range []struct {
		m map[string]int
		k string
	}{{ix.byCode, strings.ToLower(strings.TrimSpace(name))}, {ix.byKey, areaKey(name)}, {ix.bySlug, matchKey(name)}} {
		if i, ok := hit.m[hit.k]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return ix.all[best]
}

// candidates is the smallest indexed list holding every row f can pick.
func (d *Dataset) candidates(f Filter) []*Allocation {
	ix := d.index
	switch {
	case ix == nil || ix.rows != len(d.Allocations):
		return d.Allocations
	case f.Area != nil:
		return ix.byArea[f.Area]
	case f.Fund != nil && len(f.Years) == 1:
		return ix.byFundYr[fundYear{f.Fund, f.Years[0]}]
	case f.Fund != nil:
		return ix.byFund[f.Fund]
	}
	return d.Allocations
}

// SumOf is the total of the rows f picks, worked out once per filter.
func (d *Dataset) SumOf(f Filter) money.Pence {
	if ix := d.index; ix != nil && ix.rows == len(d.Allocations) && f.Area == nil {
		return d.rankingOf(f).total
	}
	return Sum(d.Select(f))
}

// Whole is the rows f picks, as Select gives them, but worked out once per
// filter and shared: callers must not change it. Every area page's share
// and rank use the same national rows.
func (d *Dataset) Whole(f Filter) []*Allocation {
	if ix := d.index; ix != nil && ix.rows == len(d.Allocations) && f.Area == nil {
		return d.rankingOf(f).rows
	}
	return d.Select(f)
}

// RankOf is area's place among the areas f picks (f's own Area is
// ignored) by total, largest first, equal totals sharing a place, as Rank
// does; the ranking is worked out once per filter and kept.
func (d *Dataset) RankOf(f Filter, area *Area) (rank, of int) {
	f.Area = nil
	ix := d.index
	if ix == nil || ix.rows != len(d.Allocations) {
		return Rank(d.Select(f), area)
	}
	return d.rankingOf(f).place(area)
}

// rankingOf is the kept ranking of the rows f picks; the index must be current.
func (d *Dataset) rankingOf(f Filter) *ranking {
	ix := d.index
	key := f.key()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	r, ok := ix.rankings[key]
	if !ok {
		rows := d.Select(f)
		r = newRanking(rows)
		r.rows = rows
		ix.rankings[key] = r
	}
	return r
}

// key identifies a filter by value, for the rankings kept.
func (f Filter) key() string {
	var b strings.Builder
	if f.Fund != nil {
		b.WriteString(f.Fund.Slug)
	}
	for _, y := range f.Years {
		b.WriteString("|" + y.Slug())
	}
	b.WriteString("|r:" + strings.ToLower(f.Region))
	b.WriteString("|t:" + strings.ToLower(f.AreaType))
	for _, s := range f.Statuses {
		b.WriteString("|" + s.Slug())
	}
	if f.Area != nil {
		b.WriteString("|a:" + f.Area.Slug)
	}
	return b.String()
}

// ranking is every area's total among some rows, largest first.
type ranking struct {
	totals map[*Area]money.Pence
	sorted []money.Pence // descending
	total  money.Pence
	rows   []*Allocation // for Whole
}

func newRanking(rows []*Allocation) *ranking {
	r := &ranking{totals: map[*Area]money.Pence{}}
	for _, a := range rows {
		r.totals[a.Area] += a.Amount
		r.total += a.Amount
	}
	for _, t := range r.totals {
		r.sorted = append(r.sorted, t)
	}
	slices.SortFunc(r.sorted, func(a, b money.Pence) int {
		switch {
		case a > b:
			return -1
		case a < b:
			return 1
		}
		return 0
	})
	return r
}

// place is 1 + how many areas have a larger total; 0 when area has no rows.
func (r *ranking) place(area *Area) (rank, of int) {
	mine, ok := r.totals[area]
	if !ok {
		return 0, len(r.totals)
	}
	larger, _ := slices.BinarySearchFunc(r.sorted, mine, func(e, t money.Pence) int {
		switch {
		case e > t:
			return -1
		case e < t:
			return 1
		}
		return 0
	})
	return larger + 1, len(r.totals)
}

// Children are the areas whose parent is a, in Areas order: a care
// system's councils. Looked up in the index, or every area page of a
// national site would look through every area.
func (d *Dataset) Children(a *Area) []*Area {
	if ix := d.index; ix != nil && ix.areas == len(d.Areas) {
		return ix.children[a]
	}
	var out []*Area
	for _, c := range d.Areas {
		if c.Parent == a {
			out = append(out, c)
		}
	}
	return out
}

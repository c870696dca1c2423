package pages

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// coverage says whether the data has a fund's figure, in one year, for
// every area of one type. Only then is a rank, a share of the national
// total, an average or a region's total among those areas true: with
// figures for 15 of England's councils, "9th of 15" says nothing about the
// other 138.
//
// fundsite knows the data is complete in three ways: the fund's allocations
// add up to the total the funder announced (the funds sheet's announced
// total, checked when the data is read); the fund's figures are a grant
// list, which lists every grant of its fund, so every recipient is in it;
// or site.toml's [areas] complete names the type, saying the areas sheets
// list every area of it, and every one of those areas has a figure (or a
// figure marked not given).
type coverage struct {
	full bool
	// areas is how many areas of the type have a figure; noun names them.
	areas int
	noun  string
}

// note says in a sentence what the coverage allows.
func (c coverage) note() string {
	if c.full {
		return ""
	}
	return fmt.Sprintf("The data has figures for %s %s, not every one, so no rank, share or average is given among them.", figures.Number(int64(c.areas)), c.noun)
}

type coverageKey struct {
	fund *model.Fund
	year fyear.Year
	typ  string // lower case
}

// coverages works out the coverage of every fund, year and area type in
// the data, once.
func coverages(d *model.Dataset, complete []string) map[coverageKey]coverage {
	listed := map[string]int{} // areas of each complete type in the areas sheets
	for _, a := range d.Areas {
		t := strings.ToLower(a.Type)
		if slices.ContainsFunc(complete, func(c string) bool { return strings.EqualFold(c, t) }) {
			listed[t]++
		}
	}
	given := map[coverageKey]map[*model.Area]bool{}
	note := func(rows []*model.Allocation) {
		for _, a := range rows {
			k := coverageKey{a.Fund, a.Year, strings.ToLower(a.Area.Type)}
			if given[k] == nil {
				given[k] = map[*model.Area]bool{}
			}
			given[k][a.Area] = true
		}
	}
	note(d.Allocations)
	counted := map[coverageKey]int{}
	for k, areas := range given {
		counted[k] = len(areas)
	}
	note(d.Missing) // a figure marked not given still says the area was counted
	grantLists := grantListFunds(d)
	out := map[coverageKey]coverage{}
	for k, areas := range given {
		n := counted[k]
		noun := d.Noun([]*model.Area{{Type: k.typ}}, n)
		full := k.fund.HasAnnounced || grantLists[k.fund] || (listed[k.typ] > 0 && len(areas) == listed[k.typ])
		out[k] = coverage{full: full, areas: n, noun: noun}
	}
	return out
}

// grantListFunds are the funds whose every figure is a grant list's row.
func grantListFunds(d *model.Dataset) map[*model.Fund]bool {
	out := map[*model.Fund]bool{}
	for _, rows := range [][]*model.Allocation{d.Allocations, d.Missing} {
		for _, a := range rows {
			all, seen := out[a.Fund]
			out[a.Fund] = (all || !seen) && a.Grant != nil
		}
	}
	return out
}

// coverageOf is the coverage of a fund's figures for areas of a type in a year.
func (b *builder) coverageOf(f *model.Fund, y fyear.Year, areaType string) coverage {
	return b.coverage[coverageKey{f, y, strings.ToLower(areaType)}]
}

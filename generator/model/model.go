// Package model is the domain: funds, areas and allocations (records the
// ingest package reads from workbooks), and the questions asked of them
// (totals, shares, ranks, per-head figures) in exact pence. It knows
// nothing about workbooks.
package model

import (
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/money"
)

// Status says how far a reader can rely on a figure.
type Status int

const (
	Published Status = iota
	PublishedLowerBound
	Estimate
)

var statusNames = map[Status]string{
	Published:           "published",
	PublishedLowerBound: "published lower bound",
	Estimate:            "estimate",
}

func (s Status) String() string { return statusNames[s] }

// Slug is the id-safe form: "published-lower-bound".
func (s Status) Slug() string { return strings.ReplaceAll(s.String(), " ", "-") }

// ParseStatus reads a status cell. Blank means published: a funder's own
// workbook states what it has published.
func ParseStatus(s string) (Status, bool) {
	switch strings.Join(strings.Fields(strings.ToLower(s)), " ") {
	case "", "published", "actual", "confirmed", "final":
		return Published, true
	case "published lower bound", "lower bound", "at least", "over", "published (lower bound)":
		return PublishedLowerBound, true
	case "estimate", "estimated", "provisional", "indicative":
		return Estimate, true
	}
	return 0, false
}

// Fund is a funding programme.
type Fund struct {
	Name        string
	Short       string
	Slug        string
	Department  string
	Description string
	SourceURL   string
	// Announced is the total the funder announced, if the funds sheet gives
	// one; allocations must add up to it.
	Announced    money.Pence
	HasAnnounced bool
	Loc          diag.Loc
	// Measure says whether the fund's amounts are money or a count.
	Measure Measure
}

// Key is the fund's short, stable name in figure anchors: "arf" in
// #fig-arf-2023-24-total. Pages and narratives must agree on it.
func (f *Fund) Key() string {
	if f.Short != "" {
		return Slugify(f.Short)
	}
	return f.Slug
}

// Area is a place that receives money: an integrated care system, a council.
type Area struct {
	Code   string
	Name   string
	Slug   string
	Type   string
	Region string
	// Parent is the larger area this one is part of (a council's
	// integrated care system), or nil.
	Parent *Area
	// Population by financial year, for per-head figures.
	Population map[fyear.Year]int64
	Loc        diag.Loc
}

// Allocation is one amount, to one area, from one fund, for one year.
type Allocation struct {
	Fund    *Fund
	Area    *Area
	Year    fyear.Year
	Tranche string
	Amount  money.Pence
	Status  Status
	Basis   string
	Source  string
	Notes   string
	// Loc is the amount's cell: where a reader can check the figure.
	Loc diag.Loc
	// Grant is what a grant list says about this award; nil for an
	// allocation from an allocations sheet.
	Grant *Grant
	// Rounded says the workbook's amount had more decimal places than the
	// measure keeps, and was rounded as the source asked.
	Rounded bool
	// Scale is the unit the workbook gives the amount in when it is not
	// pounds (or ones, for a count): "£000s", "£m", "£bn", "thousands".
	// Amount is already multiplied out; Scale is for the figure's note.
	Scale string
	// Programme is the part of the fund the row is in, when a fund has
	// several ("Capital Kickstart" of the Culture Recovery Fund); "" when
	// the source names none.
	Programme string
	// Places are the places the row names beside its area or recipient
	// (its local authority, constituency, region), one of each kind at
	// most; see places.go.
	Places []*Place
}

// Dataset is everything the site is built from, in a stable order.
type Dataset struct {
	Funds       []*Fund
	Areas       []*Area
	Allocations []*Allocation
	// Missing are figures a workbook marks as not known ("NA", "Not
	// given", blank). They are shown as missing and never summed.
	Missing []*Allocation
	Years   []fyear.Year
	Regions []string
	// Files are the workbooks read, for the data version in citations.
	Files []string
	// Units is what the site calls the Areas: "area", "recipient",
	// "local authority", for every sentence, heading and download.
	Units Noun
	// Places are the places the figures name, by kind; nil when no
	// source names any. See places.go.
	Places *Places
	// ShowEmpty is site.toml's [areas] show_empty: Areas then holds every
	// area an areas sheet lists, with figures or not. Otherwise it holds
	// only areas that have figures (or parts that do), so every area in
	// Areas deserves a page.
	ShowEmpty bool
	index     *index // built by Finish; see index.go
	counts    bool   // some fund's amounts are counts: see MeasureOf
}

// FundByName finds a fund by name, short name or slug, ignoring case.
func (d *Dataset) FundByName(name string) *Fund {
	key := matchKey(name)
	for _, f := range d.Funds {
		if matchKey(f.Name) == key || (f.Short != "" && matchKey(f.Short) == key) || f.Slug == key {
			return f
		}
	}
	return nil
}

// AreaByName finds an area by code, name or slug, ignoring case and punctuation.
func (d *Dataset) AreaByName(name string) *Area {
	if ix := d.index; ix != nil && ix.areas == len(d.Areas) {
		return ix.areaByName(name)
	}
	for _, a := range d.Areas {
		if ExactName(a.Name) == ExactName(name) {
			return a
		}
	}
	key := matchKey(name)
	for _, a := range d.Areas {
		if strings.EqualFold(a.Code, strings.TrimSpace(name)) || areaKey(a.Name) == areaKey(name) || a.Slug == key {
			return a
		}
	}
	return nil
}

// AreaNames and FundNames list names for "did you mean" suggestions.
func (d *Dataset) AreaNames() []string {
	var out []string
	for _, a := range d.Areas {
		out = append(out, a.Name)
	}
	return out
}

func (d *Dataset) FundNames() []string {
	var out []string
	for _, f := range d.Funds {
		out = append(out, f.Name)
		if f.Short != "" {
			out = append(out, f.Short)
		}
	}
	return out
}

// AreaNoun names n areas the way a reader would, by their common type:
// "integrated care systems", "council"; "areas" when the types differ.
func AreaNoun(areas []*Area, n int) string { return nounFor(areas, n, AreaUnits) }

// Noun names n of the dataset's areas the way a reader would: by their
// common type ("integrated care systems"), or when the types differ or
// are not given by the site's units ("recipients").
func (d *Dataset) Noun(areas []*Area, n int) string {
	units := d.Units
	if units.Many == "" {
		units = AreaUnits
	}
	return nounFor(areas, n, units)
}

func nounFor(areas []*Area, n int, units Noun) string {
	kind := ""
	for _, a := range areas {
		if kind == "" {
			kind = a.Type
		} else if !strings.EqualFold(kind, a.Type) {
			kind = ""
			break
		}
	}
	if kind == "" {
		return units.For(int64(n))
	}
	kind = strings.ToLower(kind)
	if n == 1 {
		return kind
	}
	if strings.HasSuffix(kind, "y") && !strings.HasSuffix(kind, "ay") {
		return kind[:len(kind)-1] + "ies"
	}
	return kind + "s"
}

// matchKey compares names loosely: case, punctuation and "&" versus "and".
func matchKey(name string) string { return Slugify(name) }

func (d *Dataset) finish() {
	years := map[fyear.Year]bool{}
	regions := map[string]bool{}
	for _, a := range d.Allocations {
		years[a.Year] = true
	}
	for _, a := range d.Areas {
		if a.Region != "" {
			regions[a.Region] = true
		}
	}
	d.Years = sortedKeys(years, func(a, b fyear.Year) int { return a.Start - b.Start })
	d.Regions = sortedKeys(regions, strings.Compare)
	slices.SortStableFunc(d.Areas, func(a, b *Area) int { return strings.Compare(a.Name, b.Name) })
	slices.SortStableFunc(d.Funds, func(a, b *Fund) int { return strings.Compare(a.Name, b.Name) })
	slices.SortStableFunc(d.Allocations, CompareAllocations)
}

// CompareAllocations is the order a Dataset keeps its allocations in: by
// fund, year, area and tranche.
func CompareAllocations(a, b *Allocation) int {
	if c := strings.Compare(a.Fund.Name, b.Fund.Name); c != 0 {
		return c
	}
	if c := a.Year.Start - b.Year.Start; c != 0 {
		return c
	}
	if c := strings.Compare(a.Area.Name, b.Area.Name); c != 0 {
		return c
	}
	return strings.Compare(a.Tranche, b.Tranche)
}

func sortedKeys[K comparable](m map[K]bool, cmp func(a, b K) int) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, cmp)
	return out
}

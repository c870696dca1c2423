package model

import (
	"slices"
	"strings"
	"sync"

	"fundsite/generator/fyear"
)

// PlaceKind is a kind of place a grant list or allocations sheet can name
// beside each figure's recipient or area: the local authority it is in,
// its constituency, its region. The site has a page for each place of the
// kind that has a figure, and an index of them.
type PlaceKind struct {
	// Key is the kind as site.toml names it: "local_authority".
	Key string
	// Noun names the places: "local authority", "local authorities".
	Noun Noun
	// Path is the first part of the places' addresses: "local-authorities".
	Path string
	// Known is how many places of the kind there are in England (the
	// reference geography's count, for the set the data uses), so that
	// coverage is a fact: figures for 296 of 296 local authorities.
	Known int
	// Set says which set of places, when a kind has several: the
	// constituencies "of 2010 to 2024" or "from 2024"; "" otherwise.
	Set string
	// Geography is the reference geography's name for the set the places
	// were matched in ("constituency-2010"), which their maps are drawn
	// from.
	Geography string
	// Places are the places of the kind that have a figure, by name.
	Places []*Place
}

// Place is one place of a kind: a local authority, a constituency.
type Place struct {
	Kind *PlaceKind
	// Code is its GSS code (E06000001); Name as ONS publishes it.
	Code, Name string
	Slug       string
	// Region is the region it lies in, by name; "" for a region.
	Region string
	// Population by financial year, when an areas sheet gives it by the
	// place's code; never estimated.
	Population map[fyear.Year]int64
}

// Places are the places the data's figures name, by kind, and each
// place's figures.
type Places struct {
	// Kinds are the kinds of place the data names, in a fixed order.
	Kinds []*PlaceKind
	once  sync.Once
	rows  map[*Place][]*Allocation
}

// PlaceKinds lists the kinds of place the data names; none when it names
// none.
func (d *Dataset) PlaceKinds() []*PlaceKind {
	if d.Places == nil {
		return nil
	}
	return d.Places.Kinds
}

// PlaceRows are the allocations that name p among their places, in
// dataset order.
func (d *Dataset) PlaceRows(p *Place) []*Allocation {
	ps := d.Places
	if ps == nil {
		return nil
	}
	ps.once.Do(func() {
		ps.rows = map[*Place][]*Allocation{}
		for _, a := range d.Allocations {
			for _, at := range a.Places {
				ps.rows[at] = append(ps.rows[at], a)
			}
		}
	})
	return ps.rows[p]
}

// PlaceOf is the place of kind k an allocation names, or nil.
func (a *Allocation) PlaceOf(k *PlaceKind) *Place {
	for _, p := range a.Places {
		if p.Kind == k {
			return p
		}
	}
	return nil
}

// SortPlaces puts each kind's places in name order, and gives places of a
// kind whose names make one address an address each, by their codes.
func (ps *Places) SortPlaces() {
	for _, k := range ps.Kinds {
		slices.SortFunc(k.Places, func(a, b *Place) int {
			if c := strings.Compare(a.Name, b.Name); c != 0 {
				return c
			}
			return strings.Compare(a.Code, b.Code)
		})
		bySlug := map[string][]*Place{}
		for _, p := range k.Places {
			p.Slug = PageSlug(p.Name)
			bySlug[p.Slug] = append(bySlug[p.Slug], p)
		}
		for _, group := range bySlug {
			if len(group) > 1 {
				for _, p := range group {
					p.Slug = PageSlugWith(p.Name, p.Code)
				}
			}
		}
	}
}

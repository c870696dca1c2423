package config

import (
	"maps"
	"slices"
	"strings"

	"fundsite/generator/diag"
)

// Kinds of place a source's places setting can name, as site.toml writes
// them. A constituency column is read against the 2024 set or the 2010
// one, whichever its names and codes match; constituency_2010 and
// constituency_2024 say which.
const (
	PlaceLocalAuthority = "local_authority"
	PlaceUpperTier      = "upper_tier_authority"
	PlaceRegion         = "region"
	PlaceICB            = "icb"
	PlaceConstituency   = "constituency"
	PlaceConstituency10 = "constituency_2010"
	PlaceConstituency24 = "constituency_2024"
)

// PlaceKinds are the kinds of place, in the order their pages are listed.
var PlaceKinds = []string{PlaceLocalAuthority, PlaceUpperTier, PlaceRegion, PlaceICB, PlaceConstituency, PlaceConstituency10, PlaceConstituency24}

// validatePlaces checks a source's places: each a kind fundsite knows,
// naming a column, in a sheet of figures.
func (c *Config) validatePlaces(problems *diag.List, where string, s Source) {
	if len(s.Places) == 0 {
		return
	}
	if s.Kind != KindAllocations && s.Kind != KindGrants {
		problems.Errorf(c.SourceLoc(s, "places"), "%s: places is for allocations and grants sheets, which give each figure's places; a %s sheet has no figures", where, s.Kind)
		return
	}
	constituencies := 0
	for _, kind := range slices.Sorted(maps.Keys(s.Places)) {
		at := c.SourceLoc(s, "places."+kind)
		switch {
		case !slices.Contains(PlaceKinds, kind):
			problems.Errorf(at, "%s: places: %q is not a kind of place fundsite knows; it knows %s%s", where, kind,
				strings.Join(PlaceKinds, ", "), diag.DidYouMean(kind, PlaceKinds))
		case strings.TrimSpace(s.Places[kind]) == "":
			problems.Errorf(at, "%s: places: %s names no column; give the column's title, as in %s = \"Local Authority\", or its letter, \"column F\"", where, kind, kind)
		}
		if strings.HasPrefix(kind, PlaceConstituency) {
			constituencies++
		}
	}
	if constituencies > 1 {
		problems.Errorf(c.SourceLoc(s, "places"), "%s: places names constituencies twice; a sheet's constituencies are one set: give constituency (the set its names match), constituency_2010 or constituency_2024", where)
	}
}

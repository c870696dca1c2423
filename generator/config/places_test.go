package config

import (
	"strings"
	"testing"
)

// TestPlacesSetting: a source's places map kinds of place to columns; a
// kind fundsite does not know is an error at its line with the closest,
// as are places in a sheet without figures and two constituency columns.
func TestPlacesSetting(t *testing.T) {
	cfg, err := Load(writeConfig(t, `[[source]]
file = "data/crf.xlsx"
kind = "grants"
places = { local_authority = "Local Authority", constituency = "Constituency", region = "Region ONS" }
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Sources[0].Places; len(got) != 3 || got["constituency"] != "Constituency" {
		t.Errorf("places %v", got)
	}
	for _, tt := range []struct{ toml, want string }{
		{"kind = \"grants\"\nplaces = { local_authorty = \"LA\" }", `site.toml:4: [[source]] number 1: places: "local_authorty" is not a kind of place fundsite knows; it knows local_authority, upper_tier_authority, region, icb, constituency, constituency_2010, constituency_2024 (did you mean "local_authority"?)`},
		{"kind = \"areas\"\nplaces = { region = \"Region\" }", "places is for allocations and grants sheets"},
		{"kind = \"grants\"\nplaces = { constituency = \"A\", constituency_2024 = \"B\" }", "places names constituencies twice"},
		{"kind = \"grants\"\nplaces = { region = \" \" }", "places: region names no column"},
	} {
		_, err := Load(writeConfig(t, "[[source]]\nfile = \"data/x.xlsx\"\n"+tt.toml+"\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %q", tt.toml, err, tt.want)
		}
	}
}

package ingest

import (
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// placeGrants is a grant list with a local authority, a constituency and
// a region column, rows as given.
func placeGrants(rows ...[]any) map[string][]workbook.SheetSpec {
	return map[string][]workbook.SheetSpec{"data/grants.xlsx": {{
		Name:   "Grants",
		Header: []string{"Organisation", "Amount", "Local Authority", "Constituency", "Region ONS"},
		Rows:   rows,
	}}}
}

const placeTOML = `[[source]]
file = "data/grants.xlsx"
kind = "grants"
constants = { fund = "Arts Fund", year = "2020/21" }
columns = { recipient = "Organisation" }
places = { local_authority = "Local Authority", constituency = "Constituency", region = "Region ONS" }
`

// TestPlaceColumnsMatchTheReferenceGeography: each row's places are
// matched by name as published or by code, whatever spelling the list
// uses, and the dataset knows each kind's places, how many there are in
// England, and which constituency set the list uses.
func TestPlaceColumnsMatchTheReferenceGeography(t *testing.T) {
	d := mustLoad(t, placeTOML, placeGrants(
		[]any{"Bristol Old Vic", 1000, "Bristol", "Bristol West", "South West"},
		[]any{"Watershed", 2000, "Bristol, City of", "Bristol West", "E12000009"},
		[]any{"Hull Truck", 500, "E06000010", "Kingston upon Hull North", "Yorkshire and the Humber"},
	))
	kinds := d.PlaceKinds()
	if len(kinds) != 3 {
		t.Fatalf("%d kinds of place, want 3", len(kinds))
	}
	want := []struct {
		key, set    string
		known       int
		places      []string
		firstAmount int64 // pence, of the first place
	}{
		{"local_authority", "", 296, []string{"Bristol, City of", "Kingston upon Hull, City of"}, 300000},
		{"region", "", 9, []string{"South West", "Yorkshire and The Humber"}, 300000},
		{"constituency", "of 2010 to 2024", 533, []string{"Bristol West", "Kingston upon Hull North"}, 300000},
	}
	for i, w := range want {
		k := kinds[i]
		var names []string
		for _, p := range k.Places {
			names = append(names, p.Name)
		}
		if k.Key != w.key || k.Set != w.set || k.Known != w.known || strings.Join(names, "|") != strings.Join(w.places, "|") {
			t.Errorf("kind %d: %s %q, %d known, places %q; want %s %q, %d, %q", i, k.Key, k.Set, k.Known, names, w.key, w.set, w.known, w.places)
			continue
		}
		var sum int64
		for _, a := range d.PlaceRows(k.Places[0]) {
			sum += int64(a.Amount)
		}
		if sum != w.firstAmount {
			t.Errorf("%s: %s has %d pence, want %d", w.key, k.Places[0].Name, sum, w.firstAmount)
		}
	}
}

// TestPlaceNamesThatDoNotMatch: a name that matches no place is an error
// at its cell with the closest name, once however many rows repeat it; a
// council merged into a larger one counts there, with a warning that says
// so; one split in two is an error; a row in Wales or Scotland is on no
// place's page, with a warning; constituencies of two sets in one sheet
// are refused.
func TestPlaceNamesThatDoNotMatch(t *testing.T) {
	for _, tt := range []struct {
		name     string
		rows     [][]any
		errors   []string
		warnings []string
	}{
		{"misspelt", [][]any{
			{"A", 1, "Brsitol", "Bristol West", "South West"},
			{"B", 1, "Brsitol", "Bristol West", "South West"},
		}, []string{`Grants!C2: local authority "Brsitol" is not one fundsite knows (did you mean "Bristol, City of"?)`, "(and 1 more row)"}, nil},
		{"merged", [][]any{
			{"A", 1, "Corby", "Corby", "East Midlands"},
		}, nil, []string{`Grants!C2: warning: 1 local authority named here no longer exists; its figures are counted in the local authority that covers it now: Corby (until 2021, 1 row) in North Northamptonshire`}},
		{"split", [][]any{
			{"A", 1, "E10000021", "Corby", "East Midlands"},
		}, []string{`Grants!C2: local authority "E10000021" ended in 2021, when it was split into`}, nil},
		{"outside England", [][]any{
			{"A", 1, "Cardiff", "Cardiff Central", "Wales"},
			{"B", 1, "Bristol", "Bristol West", "South West"},
		}, nil, []string{"Grants row 2: warning: 1 row is outside England (Wales)"}},
		{"two constituency sets", [][]any{
			{"A", 1, "Bristol", "Bristol West", "South West"},
			{"B", 1, "Bristol", "Bristol Central", "South West"},
			{"C", 1, "Wakefield", "Wakefield", "Yorkshire and the Humber"},
			{"D", 1, "Wakefield", "Wakefield and Rothwell", "Yorkshire and the Humber"},
		}, []string{"constituencies in data/grants.xlsx: Grants are only in the set of 2010 and 2 only in the set of 2024"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loadSite(t, placeTOML, placeGrants(tt.rows...))
			report := problems.Report(50)
			for _, want := range append(tt.errors, tt.warnings...) {
				if !strings.Contains(report, want) {
					t.Errorf("no %q in:\n%s", want, report)
				}
			}
			if got := len(problems.Errors()) > 0; got != (len(tt.errors) > 0) {
				t.Errorf("errors: %v, want %v:\n%s", got, len(tt.errors) > 0, report)
			}
		})
	}
}

// TestPlacePopulationsComeFromTheAreasSheet: a place's population is the
// one an areas sheet gives the area of its code, and no other.
func TestPlacePopulationsComeFromTheAreasSheet(t *testing.T) {
	books := map[string][]workbook.SheetSpec{"data/funding.xlsx": {
		{Name: "Areas", Header: []string{"Area code", "Name", "Population 2023/24"}, Rows: [][]any{
			{"E06000023", "Bristol", 472400},
			{"E06000010", "Hull", 267000},
		}},
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area code", "Area", "Amount"}, Rows: [][]any{
			{"Arts Fund", "2023/24", "E06000023", "Bristol", 1000},
		}},
	}}
	toml := `[[source]]
file = "data/funding.xlsx"
sheet = "Areas"
kind = "areas"

[[source]]
file = "data/funding.xlsx"
sheet = "Allocations"
places = { local_authority = "Area code" }
`
	d := mustLoad(t, toml, books)
	ps := d.PlaceKinds()[0].Places
	if len(ps) != 1 || ps[0].Name != "Bristol, City of" || len(ps[0].Population) != 1 {
		t.Fatalf("places %+v", ps)
	}
	for y, n := range ps[0].Population {
		if y.String() != "2023/24" || n != 472400 {
			t.Errorf("population %s: %d", y, n)
		}
	}
}

package pages

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/geo"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

func area(typ, code, name string) *model.Area {
	return &model.Area{Type: typ, Code: code, Name: name, Slug: model.Slugify(name)}
}

// TestMatchPlaces: each type of area is the kind of place most of its
// areas are found among, by code and name together or by name alone;
// an area that cannot surely be placed is left off the map.
func TestMatchPlaces(t *testing.T) {
	tests := []struct {
		name  string
		areas []*model.Area
		kind  geo.Kind // "" for no map
		found []string // the codes of the places found, in area order
	}{
		{"ICSs by name and code", []*model.Area{area("ICS", "E54000032", "Kent and Medway"), area("ICS", "", "NHS Devon Integrated Care Board"), area("ICS", "QT6", "Cornwall and the Isles of Scilly")},
			geo.ICB, []string{"E54000032", "E54000037", "E54000036"}},
		{"a code and a name that disagree are left off", []*model.Area{area("ICS", "E54000032", "Devon"), area("ICS", "", "Somerset"), area("ICS", "", "Kent and Medway")},
			geo.ICB, []string{"", "E54000038", "E54000032"}},
		{"a county makes councils upper tier", []*model.Area{area("Council", "", "Barnet"), area("Council", "", "Devon County Council"), area("Council", "", "Bristol, City of")},
			geo.UpperTierAuthority, []string{"E09000003", "E10000008", "E06000023"}},
		{"unitary councils alone are drawn as hexes", []*model.Area{area("Council", "", "Barnet"), area("Council", "E06000023", "City of Bristol")},
			geo.LocalAuthority, []string{"E09000003", "E06000023"}},
		{"a stray council's name makes no map", []*model.Area{area("Recipient", "", "Ashford"), area("Recipient", "", "Ashby and Thornbury"), area("Recipient", "", "Wickham Players")},
			"", []string{"", "", ""}},
		{"made-up names with real codes make no map", []*model.Area{area("Local authority", "E06000001", "Ashby and Thornbury"), area("Local authority", "E08000003", "Glenford")},
			"", []string{"", ""}},
		{"two areas at one place are both left off", []*model.Area{area("Council", "", "Barnet"), area("Council", "", "London Borough of Barnet"), area("Council", "", "Bexley"), area("Council", "", "Brent")},
			geo.LocalAuthority, []string{"", "", "E09000004", "E09000005"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := matchPlaces(&model.Dataset{Areas: tt.areas})
			if k := m.kinds[strings.ToLower(tt.areas[0].Type)]; k != tt.kind {
				t.Errorf("kind %q, want %q", k, tt.kind)
			}
			var found []string
			for _, a := range tt.areas {
				found = append(found, m.places[a].Code)
			}
			if !slices.Equal(found, tt.found) {
				t.Errorf("places %q, want %q", found, tt.found)
			}
		})
	}
}

// mapsDataset is three ICSs (two with populations), one made-up ICS, and
// two years of a fund.
func mapsDataset() *model.Dataset {
	y23, y24 := fyear.Year{Start: 2023}, fyear.Year{Start: 2024}
	f := &model.Fund{Name: "Accelerating Reform Fund", Short: "ARF", Slug: "accelerating-reform-fund"}
	kent, devon := area("Integrated care system", "E54000032", "Kent and Medway"), area("Integrated care system", "", "Devon")
	somerset, made := area("Integrated care system", "", "Somerset"), area("Integrated care system", "", "Wessex Vale")
	kent.Population = map[fyear.Year]int64{y23: 1_900_000}
	devon.Population = map[fyear.Year]int64{y23: 1_200_000}
	d := &model.Dataset{Funds: []*model.Fund{f}, Areas: []*model.Area{kent, devon, somerset, made}, Years: []fyear.Year{y23, y24}}
	add := func(a *model.Area, y fyear.Year, pounds int64, s model.Status) {
		d.Allocations = append(d.Allocations, &model.Allocation{Fund: f, Area: a, Year: y, Amount: money.Pence(pounds * 100), Status: s})
	}
	add(kent, y23, 1_000_000, model.Published)
	add(devon, y23, 600_000, model.PublishedLowerBound)
	add(somerset, y23, 400_000, model.Published)
	add(made, y23, 900_000, model.Published)
	add(kent, y24, 1_100_000, model.Published)
	d.Finish()
	return d
}

// TestFundMaps: a fund's page has a map of each year, and per person
// where populations are known; every area with a figure links to its page
// named "Name: value"; an area the geography does not know is on no map;
// the maps of one kind share their outlines, written once.
func TestFundMaps(t *testing.T) {
	d := mapsDataset()
	b := &builder{in: Input{Data: d}, places: matchPlaces(d)}
	var problems diag.List
	views := b.fundMaps(d.Funds[0], &problems)
	if problems.Len() != 0 {
		t.Fatalf("problems: %v", problems.Sorted())
	}
	var ids []string
	for _, v := range views {
		ids = append(ids, v.ID)
	}
	want := []string{"map-arf-2023-24-integrated-care-system", "map-arf-2023-24-integrated-care-system-per-person", "map-arf-2024-25-integrated-care-system"}
	if !slices.Equal(ids, want) {
		t.Fatalf("maps %q, want %q", ids, want)
	}
	labels := func(html string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<a href="([^"]*)" aria-label="([^"]*)"`).FindAllStringSubmatch(html, -1) {
			out = append(out, m[1]+" "+m[2])
		}
		return out
	}
	wantLabels := [][]string{
		{"/areas/somerset/ Somerset: £400,000", "/areas/devon/ Devon: at least £600,000", "/areas/kent-and-medway/ Kent and Medway: £1,000,000"},
		{"/areas/devon/ Devon: £0.50 per person", "/areas/kent-and-medway/ Kent and Medway: £0.53 per person", "/areas/somerset/ Somerset: no data"},
		{"/areas/kent-and-medway/ Kent and Medway: £1,100,000"},
	}
	for i, v := range views {
		got := labels(string(v.HTML))
		slices.Sort(got)
		slices.Sort(wantLabels[i])
		if !slices.Equal(got, wantLabels[i]) {
			t.Errorf("%s links %q, want %q", v.ID, got, wantLabels[i])
		}
		if strings.Contains(string(v.HTML), "Wessex") {
			t.Errorf("%s draws the area the geography does not know", v.ID)
		}
		if (v.Defs != "") != (i == 0) || strings.Contains(string(v.HTML), "<path fill=") || !strings.Contains(string(v.HTML), "<use") {
			t.Errorf("%s: outlines written %v; want them once, before the first map, and used by each", v.ID, v.Defs != "")
		}
	}
	if n := strings.Count(string(views[0].Defs), "<path"); n != 42 {
		t.Errorf("shared outlines have %d paths, want the 42 ICBs", n)
	}
	for _, want := range []string{"Quantiles", "£400,000 to under £600,000", "No data <span class=\"map-count\">(39 areas)</span>", geo.AttributionONS} {
		if !strings.Contains(string(views[0].HTML), want) {
			t.Errorf("first map lacks %q", want)
		}
	}
}

// TestLocator: an area on the map has a locator naming it; one the
// geography does not know has none, and no problem.
func TestLocator(t *testing.T) {
	d := mapsDataset()
	b := &builder{in: Input{Data: d}, places: matchPlaces(d)}
	var problems diag.List
	for _, a := range d.Areas {
		v := b.locator(a, &problems)
		want := fmt.Sprintf("Where %s is, among England’s integrated care boards", a.Name)
		if a.Name == "Wessex Vale" {
			want = ""
		}
		if got := string(v.HTML); (want == "") != (got == "") || !strings.Contains(strings.ReplaceAll(got, "&rsquo;", "’"), want) {
			t.Errorf("%s: locator %.120q, want one titled %q", a.Name, got, want)
		}
	}
	if problems.Len() != 0 {
		t.Errorf("problems: %v", problems.Sorted())
	}
}

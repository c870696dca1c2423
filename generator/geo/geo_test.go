package geo

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The counts are what a coverage statement ("figures for 296 of 296
// local authorities") rests on: England's areas as they were in 2023.
func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		kind          Kind
		n             int
		shapes, hexes bool
	}{
		{LocalAuthority, 296, true, true},
		{UpperTierAuthority, 153, true, false},
		{Region, 9, true, false},
		{ICB, 42, true, true},
		{Constituency2010, 533, false, true},
		{Constituency2024, 543, false, true},
	} {
		places := Places(tc.kind)
		if len(places) != tc.n {
			t.Errorf("%s: %d places, want %d", tc.kind, len(places), tc.n)
		}
		if !slices.IsSortedFunc(places, func(a, b Place) int { return strings.Compare(a.Code, b.Code) }) {
			t.Errorf("%s: places not sorted by code", tc.kind)
		}
		if got := len(Shapes(tc.kind)); tc.shapes && got != tc.n || !tc.shapes && Shapes(tc.kind) != nil {
			t.Errorf("%s: %d shapes (nil: %v), want shapes: %v", tc.kind, got, Shapes(tc.kind) == nil, tc.shapes)
		}
		if got := len(Hexes(tc.kind)); tc.hexes && got != tc.n || !tc.hexes && Hexes(tc.kind) != nil {
			t.Errorf("%s: %d hexes (nil: %v), want hexes: %v", tc.kind, got, Hexes(tc.kind) == nil, tc.hexes)
		}
		for _, p := range places {
			if p.Kind != tc.kind || !strings.HasPrefix(p.Code, "E") || p.Name == "" {
				t.Errorf("%s: bad place %+v", tc.kind, p)
			}
		}
	}
	if Places("ward") != nil || Shapes("ward") != nil || Hexes("ward") != nil {
		t.Error("an unknown kind has places")
	}
}

func TestLookupSpellings(t *testing.T) {
	for _, tc := range []struct {
		kind  Kind
		query string
		want  string // "" when nothing should match
	}{
		{LocalAuthority, "Herefordshire, County of", "E06000019"},
		{LocalAuthority, "County of Herefordshire", "E06000019"},
		{LocalAuthority, "Herefordshire", "E06000019"},
		{LocalAuthority, "Herefordshire Council", "E06000019"},
		{LocalAuthority, "Bristol, City of", "E06000023"},
		{LocalAuthority, "City of Bristol", "E06000023"},
		{LocalAuthority, "Bristol City Council", "E06000023"},
		{LocalAuthority, "Kingston upon Hull, City of", "E06000010"},
		{LocalAuthority, "Kingston-upon-Hull", "E06000010"},
		{LocalAuthority, "City of Kingston upon Hull", "E06000010"},
		{LocalAuthority, "Hull", "E06000010"},
		{LocalAuthority, "Hull City Council", "E06000010"},
		{LocalAuthority, "Telford & Wrekin", "E06000020"},
		{LocalAuthority, "Telford and the Wrekin", "E06000020"},
		{LocalAuthority, "Brighton & Hove", "E06000043"},
		{LocalAuthority, "St. Helens", "E08000013"},
		{LocalAuthority, "St Helens", "E08000013"},
		{LocalAuthority, "Saint Helens", "E08000013"},
		{LocalAuthority, "St. Albans", "E07000240"},
		{LocalAuthority, "County Durham", "E06000047"},
		{LocalAuthority, "Durham County Council", "E06000047"},
		{LocalAuthority, "City of Westminster", "E09000033"},
		{LocalAuthority, "City of London", "E09000001"},
		{LocalAuthority, "City of London Corporation", "E09000001"},
		{LocalAuthority, "London", ""}, // a region, not the City
		{LocalAuthority, "  harlow  district council ", "E07000073"},
		{LocalAuthority, "e06000001", "E06000001"},
		{LocalAuthority, "Tewkesbury", "E07000083"},            // the 2023 name; ONS now says North Gloucestershire
		{LocalAuthority, "North Gloucestershire", "E07000083"}, // same code
		{LocalAuthority, "Shepway", "E07000112"},
		{LocalAuthority, "E08000038", "E08000016"}, // Barnsley's 2025 code
		{LocalAuthority, "Kent", ""},               // upper tier only
		{LocalAuthority, "Northamptonshire", ""},   // gone: LookupFormer
		{LocalAuthority, "Corby", ""},              // gone: LookupFormer
		{UpperTierAuthority, "Kent County Council", "E10000016"},
		{UpperTierAuthority, "Bristol, City of", "E06000023"},
		{Region, "Yorkshire and The Humber", "E12000003"},
		{Region, "Yorkshire & the Humber", "E12000003"},
		{Region, "Yorkshire and Humber", "E12000003"},
		{Region, "East of England", "E12000006"},
		{Region, "East", "E12000006"},
		{Region, "London", "E12000007"},
		{ICB, "NHS Surrey Heartlands Integrated Care Board", "E54000063"},
		{ICB, "Surrey Heartlands ICB", "E54000063"},
		{ICB, "QXU", "E54000063"},       // ODS code
		{ICB, "E54000052", "E54000063"}, // 2021 code
		{ICB, "NHS Shropshire and Telford and Wrekin", "E54000011"},
		{ICB, "NHS Shropshire, Telford and Wrekin ICB", "E54000011"},
		{ICB, "NHS Hampshire and the Isle of Wight", "E54000042"},
		{ICB, "Staffordshire and Stoke on Trent", "E54000010"},
		{ICB, "Cornwall and Isles of Scilly", "E54000036"},
		{Constituency2010, "South Thanet", "E14000948"},
		{Constituency2010, "Brighton Kemptown", "E14000597"},
		{Constituency2010, "Richmond (Yorks)", "E14000895"},
		{Constituency2024, "Barnsley North", "E14001074"},
		{Constituency2024, "South Thanet", ""}, // abolished in 2024
	} {
		got, ok := Lookup(tc.kind, tc.query)
		if tc.want == "" {
			if ok {
				t.Errorf("Lookup(%s, %q) = %s %q, want nothing", tc.kind, tc.query, got.Code, got.Name)
			}
			continue
		}
		if !ok || got.Code != tc.want || got.Kind != tc.kind {
			t.Errorf("Lookup(%s, %q) = %q %q %v, want %s", tc.kind, tc.query, got.Code, got.Name, ok, tc.want)
		}
	}
}

func TestLookupFormer(t *testing.T) {
	for _, tc := range []struct {
		kind  Kind
		query string
		want  []string // successors; nil when nothing should match
		until int
	}{
		{LocalAuthority, "Northamptonshire", []string{"E06000061", "E06000062"}, 2020},
		{LocalAuthority, "Northamptonshire County Council", []string{"E06000061", "E06000062"}, 2020},
		{UpperTierAuthority, "E10000021", []string{"E06000061", "E06000062"}, 2020},
		{LocalAuthority, "Corby", []string{"E06000061"}, 2020},
		{LocalAuthority, "E07000154", []string{"E06000062"}, 2020}, // Northampton
		{LocalAuthority, "Cumbria", []string{"E06000063", "E06000064"}, 2022},
		{UpperTierAuthority, "Cumbria County Council", []string{"E06000063", "E06000064"}, 2022},
		{LocalAuthority, "Carlisle", []string{"E06000063"}, 2022},
		{LocalAuthority, "Barrow-in-Furness", []string{"E06000064"}, 2022},
		{LocalAuthority, "Harrogate", []string{"E06000065"}, 2022},
		{LocalAuthority, "E10000023", []string{"E06000065"}, 2022}, // North Yorkshire county
		{UpperTierAuthority, "E10000023", []string{"E06000065"}, 2022},
		{LocalAuthority, "Mendip", []string{"E06000066"}, 2022},
		{LocalAuthority, "Somerset West and Taunton", []string{"E06000066"}, 2022},
		{LocalAuthority, "Taunton Deane", []string{"E06000066"}, 2018},
		{UpperTierAuthority, "E10000027", []string{"E06000066"}, 2022},
		{LocalAuthority, "Aylesbury Vale", []string{"E06000060"}, 2019},
		{LocalAuthority, "Christchurch", []string{"E06000058"}, 2018},
		{LocalAuthority, "E10000009", []string{"E06000058", "E06000059"}, 2018}, // Dorset county lost Christchurch to BCP
		{LocalAuthority, "St. Edmundsbury", []string{"E07000245"}, 2018},
		{UpperTierAuthority, "Poole", []string{"E06000058"}, 2018},
		{LocalAuthority, "North Yorkshire", nil, 0}, // a current name means the current area
		{LocalAuthority, "Somerset", nil, 0},
		{LocalAuthority, "Harlow", nil, 0},
		{UpperTierAuthority, "Corby", nil, 0}, // a district, never upper tier
	} {
		f, ok := LookupFormer(tc.kind, tc.query)
		if tc.want == nil {
			if ok {
				t.Errorf("LookupFormer(%s, %q) = %s %q, want nothing", tc.kind, tc.query, f.Code, f.Name)
			}
			continue
		}
		var got []string
		for _, s := range f.Successors {
			got = append(got, s.Code)
			if s.Kind != tc.kind {
				t.Errorf("LookupFormer(%s, %q): successor %s is a %s", tc.kind, tc.query, s.Code, s.Kind)
			}
		}
		if !ok || !slices.Equal(got, tc.want) || f.Until != tc.until || f.Split() != (len(tc.want) > 1) {
			t.Errorf("LookupFormer(%s, %q) = %s until %d, successors %v (ok %v), want %v until %d",
				tc.kind, tc.query, f.Code, f.Until, got, ok, tc.want, tc.until)
		}
	}
}

// Every place is found by its own code and name, and its parents exist.
func TestPlacesFindThemselvesAndNest(t *testing.T) {
	regions := map[string]bool{}
	for _, r := range Places(Region) {
		regions[r.Code] = true
	}
	counties := map[string]bool{}
	for _, u := range Places(UpperTierAuthority) {
		if strings.HasPrefix(u.Code, "E10") {
			counties[u.Code] = true
		}
	}
	for _, k := range Kinds() {
		for _, p := range Places(k) {
			for _, q := range []string{p.Code, p.Name, strings.ToUpper(p.Name)} {
				if got, ok := Lookup(k, q); !ok || got != p {
					t.Errorf("Lookup(%s, %q) = %+v, %v", k, q, got, ok)
				}
			}
			switch {
			case k == Region:
				if p.Parent != "" || p.Region != "" {
					t.Errorf("region %s has a parent", p.Code)
				}
			case k == ICB:
				if !strings.HasPrefix(p.Parent, "E40") || p.Region != p.Parent || len(p.ODS) != 3 {
					t.Errorf("ICB %+v: want an E40 parent and an ODS code", p)
				}
			case !regions[p.Region]:
				t.Errorf("%s %s: region %q", k, p.Code, p.Region)
			case k == LocalAuthority && strings.HasPrefix(p.Code, "E07"):
				if !counties[p.Parent] {
					t.Errorf("district %s %s: parent %q is not a county", p.Code, p.Name, p.Parent)
				}
			case p.Parent != p.Region:
				t.Errorf("%s %s: parent %q, region %q", k, p.Code, p.Parent, p.Region)
			}
		}
		for _, h := range Hexes(k) {
			if p, _ := Lookup(k, h.Code); p.Region != h.Region || p.Name != h.Name {
				t.Errorf("hex %+v differs from its place %+v", h, p)
			}
		}
	}
	if p, _ := Lookup(LocalAuthority, "Harlow"); p.Parent != "E10000012" || p.Region != "E12000006" {
		t.Errorf("Harlow: %+v, want Essex in the East of England", p)
	}
}

// readPath is a small reader for the path data geo writes: one "M", then
// "l", "m" and "z", integers only. It returns the rings in absolute
// coordinates.
func readPath(d string) ([][][2]int, error) {
	var rings [][][2]int
	var at, start [2]int
	i := 0
	number := func() (int, error) {
		j := i
		if j < len(d) && d[j] == '-' {
			j++
		}
		for j < len(d) && d[j] >= '0' && d[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(d[i:j])
		if err != nil {
			return 0, fmt.Errorf("at %d: %w", i, err)
		}
		i = j
		if i < len(d) && d[i] == ' ' {
			i++
		}
		return n, nil
	}
	pair := func() ([2]int, error) {
		x, err := number()
		if err != nil {
			return [2]int{}, err
		}
		y, err := number()
		return [2]int{x, y}, err
	}
	for i < len(d) {
		c := d[i]
		i++
		switch {
		case c == 'M' && i == 1, c == 'm' && i > 1:
			p, err := pair()
			if err != nil {
				return nil, err
			}
			if c == 'm' {
				p = [2]int{at[0] + p[0], at[1] + p[1]}
			}
			at, start = p, p
			rings = append(rings, [][2]int{p})
			if i >= len(d) || d[i] != 'l' {
				return nil, fmt.Errorf("at %d: want l after a move", i)
			}
			i++
			for i < len(d) && d[i] != 'z' {
				p, err := pair()
				if err != nil {
					return nil, err
				}
				at = [2]int{at[0] + p[0], at[1] + p[1]}
				rings[len(rings)-1] = append(rings[len(rings)-1], at)
			}
			if i >= len(d) {
				return nil, fmt.Errorf("ring not closed")
			}
			i++ // z
			at = start
		default:
			return nil, fmt.Errorf("at %d: unexpected %q", i-1, c)
		}
	}
	return rings, nil
}

func TestShapesAreValidPaths(t *testing.T) {
	w, h := ViewBox()
	if w != 1000 || h < 1000 || h > 1300 {
		t.Fatalf("viewBox 0 0 %d %d", w, h)
	}
	for _, k := range Kinds() {
		for _, s := range Shapes(k) {
			rings, err := readPath(s.D)
			if err != nil {
				t.Errorf("%s %s: %v", k, s.Code, err)
				continue
			}
			total := 0.0
			for _, r := range rings {
				if len(r) < 3 {
					t.Errorf("%s %s: a ring of %d points", k, s.Code, len(r))
				}
				for _, p := range r {
					if p[0] < 0 || p[1] < 0 || p[0] > w || p[1] > h {
						t.Errorf("%s %s: point %v outside the viewBox", k, s.Code, p)
						break
					}
				}
				total += math.Abs(shoelace(r))
			}
			if total == 0 {
				t.Errorf("%s %s: no area", k, s.Code)
			}
		}
	}
}

func shoelace(r [][2]int) float64 {
	var s float64
	for i, p := range r {
		q := r[(i+1)%len(r)]
		s += float64(p[0]*q[1] - q[0]*p[1])
	}
	return s / 2
}

// Regions are drawn from the arcs the local authorities share, so their
// borders lie exactly on local authorities' corners: a region map drawn
// over a council map matches it.
func TestRegionsShareLocalAuthorityVertices(t *testing.T) {
	corners := map[[2]int]bool{}
	for _, s := range Shapes(LocalAuthority) {
		rings, _ := readPath(s.D)
		for _, r := range rings {
			for _, p := range r {
				corners[p] = true
			}
		}
	}
	for _, s := range Shapes(Region) {
		rings, _ := readPath(s.D)
		for _, r := range rings {
			for _, p := range r {
				if !corners[p] {
					t.Fatalf("region %s's point %v is no local authority's", s.Code, p)
				}
			}
		}
	}
}

// The budget: a map of 300 areas adds at most 40 KB, compressed,
// to its page. The bare paths must leave room within it for links, names
// and fills.
func TestShapesWithinBudget(t *testing.T) {
	for _, tc := range []struct {
		kind   Kind
		budget int
	}{
		{LocalAuthority, 40 << 10},
		{UpperTierAuthority, 30 << 10},
		{ICB, 15 << 10},
		{Region, 10 << 10},
	} {
		var svg bytes.Buffer
		for _, s := range Shapes(tc.kind) {
			fmt.Fprintf(&svg, "<path d=\"%s\"/>\n", s.D)
		}
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(svg.Bytes())
		zw.Close()
		t.Logf("%s: %d B of paths, %d B gzipped", tc.kind, svg.Len(), z.Len())
		if z.Len() > tc.budget {
			t.Errorf("%s: %d B gzipped, over the budget of %d B", tc.kind, z.Len(), tc.budget)
		}
	}
}

// Shapes and Hexes hand out copies: a caller cannot change the data.
func TestResultsAreCopies(t *testing.T) {
	Places(Region)[0].Name = "changed"
	Shapes(Region)[0].D = "changed"
	Hexes(ICB)[0].Q = 99
	f, _ := LookupFormer(LocalAuthority, "Cumbria")
	f.Successors[0].Name = "changed"
	if Places(Region)[0].Name == "changed" || Shapes(Region)[0].D == "changed" || Hexes(ICB)[0].Q == 99 {
		t.Error("a caller changed the data")
	}
	if f, _ := LookupFormer(LocalAuthority, "Cumbria"); f.Successors[0].Name == "changed" {
		t.Error("a caller changed a former's successors")
	}
}

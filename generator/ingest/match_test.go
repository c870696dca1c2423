package ingest

import (
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// icsAreas is an areas sheet with the codes as they stood after April 2023.
var icsAreas = workbook.SheetSpec{
	Name:   "Areas",
	Header: []string{"Area code", "Previous code (July 2022)", "Name", "Region"},
	Rows: [][]any{
		{"E54000063", "E54000052", "Surrey Heartlands", "South East"},
		{"E54000064", "E54000053", "Sussex", "South East"},
		{"E54000029", "E54000029", "North East London", "London"},
		{"E54000027", "E54000027", "North West London", "London"},
	},
}

func allocationsNaming(rows ...[]any) workbook.SheetSpec {
	return workbook.SheetSpec{Name: "Allocations", Header: []string{"Fund", "Year", "Area code", "Area", "Amount"}, Rows: rows}
}

func TestAreaMatching(t *testing.T) {
	const aliases = `
[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"
[[source]]
file = "a.xlsx"
sheet = "Allocations"
[areas.aliases]
"NEL" = "North East London"
[areas.old_codes]
"X-OLD" = "E54000027"
[areas]
show_empty = true
`
	for _, tt := range []struct {
		name, code, area string
		want             string // area matched, or part of the error
	}{
		{"exact name", "", "Sussex", "Sussex"},
		{"NHS board name", "", "NHS Surrey Heartlands Integrated Care Board", "Surrey Heartlands"},
		{"case and ampersand", "", "north east LONDON ics", "North East London"},
		{"code wins over a loose name", "E54000064", "Sussex ICB", "Sussex"},
		{"old code from the areas sheet", "E54000052", "", "Surrey Heartlands"},
		{"old code with the current name", "E54000052", "Surrey Heartlands", "Surrey Heartlands"},
		{"old code from site.toml", "X-OLD", "", "North West London"},
		{"alias from site.toml", "", "NEL", "North East London"},
		{"unknown name names the closest", "", "North Eest London", `area "North Eest London" is not in the areas sheet; the closest are "North East London", "North West London"`},
		{"code and name disagree", "E54000064", "Surrey Heartlands", `area code E54000064 is Sussex, not "Surrey Heartlands"`},
		{"unknown code", "E54000999", "", `area "E54000999" is not in the areas sheet`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, problems := loadSite(t, aliases, map[string][]workbook.SheetSpec{"a.xlsx": {
				icsAreas, allocationsNaming([]any{"ARF", "2023/24", tt.code, tt.area, 100}),
			}})
			if strings.Contains(tt.want, " ") && strings.Contains(tt.want, `"`) {
				if report := problems.Report(10); !strings.Contains(report, tt.want) {
					t.Errorf("report lacks %q:\n%s", tt.want, report)
				}
				return
			}
			if problems.HasErrors() {
				t.Fatalf("unexpected problems:\n%s", problems.Report(10))
			}
			if len(d.Allocations) != 1 || d.Allocations[0].Area.Name != tt.want {
				t.Errorf("matched %+v, want %s", d.Allocations, tt.want)
			}
			if len(d.Areas) != 4 {
				t.Errorf("%d areas: matching made a new one", len(d.Areas))
			}
		})
	}
}

func TestAmbiguousNameIsAnError(t *testing.T) {
	_, problems := loadSite(t, "", map[string][]workbook.SheetSpec{"data/a.xlsx": {
		{Name: "Areas", Header: []string{"Code", "Name"}, Rows: [][]any{{"E1", "Durham"}, {"E2", "Durham County Council"}}},
		allocationsNaming([]any{"F", "2023/24", "", "Durham Council", 1}),
	}})
	want := `area "Durham Council" could be "Durham", "Durham County Council"`
	if report := problems.Report(10); !strings.Contains(report, want) {
		t.Errorf("report lacks %q:\n%s", want, report)
	}
}

// TestAreaTypeSettlesASharedName: "Devon" is a council and an ICS; a sheet
// of council grants says which it means with area_type.
func TestAreaTypeSettlesASharedName(t *testing.T) {
	d := mustLoad(t, `
[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"
[[source]]
file = "a.xlsx"
sheet = "Allocations"
constants = { area_type = "Council" }
`, map[string][]workbook.SheetSpec{"a.xlsx": {
		{Name: "Areas", Header: []string{"Code", "Name", "Type"}, Rows: [][]any{{"E54000037", "Devon", "ICS"}, {"E10000008", "Devon County Council", "Council"}}},
		allocationsNaming([]any{"F", "2023/24", "", "Devon", 1}),
	}})
	if got := d.Allocations[0].Area.Name; got != "Devon County Council" {
		t.Errorf("Devon in a council sheet matched %s", got)
	}
}

func TestAreaHierarchy(t *testing.T) {
	councils := workbook.SheetSpec{
		Name:   "Councils",
		Header: []string{"Name", "Part of"},
		Rows:   [][]any{{"Barking and Dagenham", "North East London ICS"}, {"Brent", "E54000027"}},
	}
	const toml = `
[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"
[[source]]
file = "a.xlsx"
sheet = "Councils"
kind = "areas"
[areas]
show_empty = true
`
	d := mustLoad(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {icsAreas, councils}})
	bd, brent := d.AreaByName("Barking and Dagenham"), d.AreaByName("Brent")
	if bd.Parent != d.AreaByName("North East London") || brent.Parent != d.AreaByName("North West London") {
		t.Fatalf("parents: %v, %v", bd.Parent, brent.Parent)
	}
	if bd.Region != "London" {
		t.Errorf("a council takes its ICS's region, got %q", bd.Region)
	}

	councils.Rows = append(councils.Rows, []any{"Bexley", "South East Londn"})
	_, problems := loadSite(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {icsAreas, councils}})
	want := `a.xlsx: Councils!B4: parent area "South East Londn" of Bexley is not a known area; the closest are "North East London"`
	if report := problems.Report(10); !strings.Contains(report, want) {
		t.Errorf("report lacks %q:\n%s", want, report)
	}

	loop := workbook.SheetSpec{Name: "Councils", Header: []string{"Name", "Parent"}, Rows: [][]any{{"A", "B"}, {"B", "A"}}}
	_, problems = loadSite(t, toml, map[string][]workbook.SheetSpec{"a.xlsx": {icsAreas, loop}})
	if report := problems.Report(10); !strings.Contains(report, "is its own parent") {
		t.Errorf("a loop of parents is not reported:\n%s", report)
	}
}

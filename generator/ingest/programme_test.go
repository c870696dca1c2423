package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// A fund's programme is a field of any grant list or allocations sheet:
// a constant, a mapped column, or a column under a header publishers
// write. A sheet whose programme column is all it says of the fund reads
// it as the fund, as before; one area's two allocations in two
// programmes of a fund are two figures, not a duplicate.
func TestProgrammes(t *testing.T) {
	grants := func(header string) map[string][]workbook.SheetSpec {
		return map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("Awards", []string{"Recipient", header, "Award amount", "Award date"},
			[]any{"Ryde Arts", "Capital", 1000, "2023-05-01"},
			[]any{"Noctium Theatre", "Revenue", 2000, "2023-06-01"},
		)}}
	}
	allocations := map[string][]workbook.SheetSpec{"data/a.xlsx": {sheetOf("Allocations", []string{"Area", "Financial year", "Strand", "Amount"},
		[]any{"Kent", "2023/24", "Capital", 1000},
		[]any{"Kent", "2023/24", "Revenue", 2000},
	)}}
	for _, tt := range []struct {
		name  string
		toml  string
		books map[string][]workbook.SheetSpec
		// want is each row's fund and programme.
		want []string
	}{
		{"a Programme column", grantsTOML, grants("Programme"), []string{"Project Grants/Capital", "Project Grants/Revenue"}},
		{"a Grant programme column", grantsTOML, grants("Grant programme"), []string{"Project Grants/Capital", "Project Grants/Revenue"}},
		{"360Giving's Grant Programme:Title", grantsTOML, grants("Grant Programme:Title"), []string{"Project Grants/Capital", "Project Grants/Revenue"}},
		{"a column named in site.toml", grantsTOML + `columns = { programme = "Strand" }`, grants("Strand"), []string{"Project Grants/Capital", "Project Grants/Revenue"}},
		{"a constant", "[[source]]\nfile = \"data/g.xlsx\"\nkind = \"grants\"\nconstants = { fund = \"Project Grants\", programme = \"Round 2\" }\n",
			grants("Activity"), []string{"Project Grants/Round 2", "Project Grants/Round 2"}},
		{"the programme as the fund, when nothing else names it", "[[source]]\nfile = \"data/g.xlsx\"\nkind = \"grants\"\n",
			grants("Programme"), []string{"Capital/", "Revenue/"}},
		{"an allocations sheet, two programmes for one area", "[[source]]\nfile = \"data/a.xlsx\"\nconstants = { fund = \"Growth Fund\" }\ncolumns = { programme = \"Strand\" }\n",
			allocations, []string{"Growth Fund/Capital", "Growth Fund/Revenue"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := mustLoad(t, tt.toml, tt.books)
			var got []string
			for _, a := range d.Allocations {
				got = append(got, a.Fund.Name+"/"+a.Programme)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("funds and programmes %q, want %q", got, tt.want)
			}
		})
	}
}

// A 360Giving file's beneficiary locations are kept on each grant, with
// the kind of area their codes name, for pages about places.
func TestGiving360LocationsAreKept(t *testing.T) {
	header := []string{"Identifier", "Title", "Recipient Org:Identifier", "Recipient Org:Name", "Amount Awarded", "Award Date",
		"Funding Org:Identifier", "Funding Org:Name", "Beneficiary Location:Name", "Beneficiary Location:Geographic Code"}
	var rows [][]any
	places := [][2]string{{"Hartlepool", "E06000001"}, {"Hartlepool", "E14000733"}, {"Abbey", "E05000026"}, {"UK Wide", ""}}
	for i, p := range places {
		rows = append(rows, []any{fmt.Sprintf("360G-x-%d", i), "Grant", "GB-CHC-1", "Trust", 100, "2023-05-01", "GB-CHC-9", "Funder", p[0], p[1]})
	}
	d := mustLoad(t, "[[source]]\nfile = \"data/g.xlsx\"\n", map[string][]workbook.SheetSpec{"data/g.xlsx": {sheetOf("grants", header, rows...)}})
	got := map[string]string{}
	for _, a := range d.Allocations {
		for _, l := range a.Grant.Locations {
			got[a.Grant.Identifier] += fmt.Sprintf("%s %s (%s)", l.Name, l.Code, l.Geography())
		}
	}
	want := map[string]string{
		"360G-x-0": "Hartlepool E06000001 (unitary authority)",
		"360G-x-1": "Hartlepool E14000733 (Westminster parliamentary constituency)",
		"360G-x-2": "Abbey E05000026 (electoral ward)",
		"360G-x-3": "UK Wide  ()",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: locations %q, want %q", id, got[id], w)
		}
	}
	if n := strings.Count(fmt.Sprint(got), "("); n != len(places) {
		t.Errorf("%d locations, want %d", n, len(places))
	}
}

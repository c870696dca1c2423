package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// testData writes a small workbook; amounts are easy to check by hand:
//
//	ARF 2023/24: Kent 400,000; Essex 530,000; Surrey 300,000; </script> 100,000
//	ARF 2024/25: Kent 600,000; Essex 450,000
func testData(t testing.TB) *model.Dataset {
	t.Helper()
	return loadSheets(t, []workbook.SheetSpec{
		{
			Name:   "Allocations",
			Header: []string{"Fund", "Financial year", "Area", "Amount", "Status"},
			Rows: [][]any{
				{"ARF", "2023/24", "Kent and Medway", 400000, "published"},
				{"ARF", "2023/24", "Mid and South Essex", 530000, "published"},
				{"ARF", "2023/24", "Surrey Heartlands", 300000, "estimate"},
				{"ARF", "2023/24", `Evil </script><script>alert(1)</script> & "Co"`, 100000, "estimate"},
				{"ARF", "2024/25", "Kent and Medway", 600000, "estimate"},
				{"ARF", "2024/25", "Mid and South Essex", 450000, "estimate"},
			},
		},
		{
			Name:   "Areas",
			Header: []string{"Area code", "Name", "Region", "Type"},
			Rows: [][]any{
				{"E1", "Kent and Medway", "South East", "Integrated care system"},
				{"E2", "Mid and South Essex", "East of England", "Integrated care system"},
				{"E3", "Surrey Heartlands", "South East", "Integrated care system"},
				{"E4", `Evil </script><script>alert(1)</script> & "Co"`, "South East", "Council"},
			},
		},
		{Name: "Funds", Header: []string{"Name", "Short name"}, Rows: [][]any{{"Accelerating Reform Fund", "ARF"}}},
	})
}

// loadSheets writes sheets as a project's one workbook and loads it.
func loadSheets(t testing.TB, sheets []workbook.SheetSpec) *model.Dataset {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := workbook.Write(filepath.Join(dir, "data", "grants.xlsx"), sheets); err != nil {
		t.Fatal(err)
	}
	d, problems := ingest.Load(&config.Config{Root: dir, File: "site.toml"})
	if problems.HasErrors() {
		t.Fatal(problems.Report(0))
	}
	return d
}

func TestSpecs(t *testing.T) {
	d := testData(t)
	arf := FundScope(d.FundByName("ARF"), money.Style{})
	kent := d.AreaByName("Kent and Medway")
	byYear, _ := ByYear(d, arf)
	byRegion, _ := ByRegion(d, arf)
	areas, _ := Areas(d, arf, nil)
	ranked, _ := Areas(d, arf, kent)
	funds, _ := AreaFunds(d, kent, money.Style{})
	all, _ := ByYear(d, FundScope(nil, money.Style{}))
	words := arf
	words.Style = money.Style{Words: true, PerCent: true}
	inWords, _ := ByRegion(d, words)
	one, _ := Areas(d, Scope{Filter: model.Filter{Area: kent}}, kent)
	systems := arf
	systems.AreaType = "integrated care system"
	ofType, _ := Areas(d, systems, nil)
	tests := []struct {
		spec        Spec
		id, heading string
		description string
		rows        string // label=cells, joined by "; "
	}{
		{byYear, "arf-by-year", "Accelerating Reform Fund: total by financial year",
			"The Accelerating Reform Fund came to £1.3m in 2023/24 and £1.1m in 2024/25.",
			"2023/24=£1,330,000; 2024/25=£1,050,000"},
		{all, "by-year", "Total by financial year",
			"The allocations came to £1.3m in 2023/24 and £1.1m in 2024/25.",
			"2023/24=£1,330,000; 2024/25=£1,050,000"},
		{byRegion, "arf-by-region", "Accelerating Reform Fund: total by region",
			"South East received the most, £1.4m (58.8% of the total); East of England the least, £980,000 (41.2%).",
			"South East=£1,400,000; East of England=£980,000"},
		{inWords, "arf-by-region", "Accelerating Reform Fund: total by region",
			"South East received the most, £1.4 million (58.8 per cent of the total); East of England the least, £980,000 (41.2 per cent).",
			"South East=£1,400,000; East of England=£980,000"},
		{areas, "arf-areas", "Accelerating Reform Fund: allocation to each area",
			`Of 4 areas, Kent and Medway received the most, £1m, and Evil </script><script>alert(1)</script> & "Co" the least, £100,000.`,
			`Kent and Medway=£1,000,000; Mid and South Essex=£980,000; Surrey Heartlands=£300,000; Evil </script><script>alert(1)</script> & "Co"=£100,000`},
		{ranked, "arf-areas", "Accelerating Reform Fund: allocation to each area",
			`Of 4 areas, Kent and Medway received the most, £1m, and Evil </script><script>alert(1)</script> & "Co" the least, £100,000; Kent and Medway was 1st of 4, with £1m.`,
			`Kent and Medway=£1,000,000; Mid and South Essex=£980,000; Surrey Heartlands=£300,000; Evil </script><script>alert(1)</script> & "Co"=£100,000`},
		// Only the areas of one type: a council is not ranked against care systems.
		{ofType, "arf-areas-integrated-care-system", "Accelerating Reform Fund: allocation to each integrated care system",
			"Of 3 integrated care systems, Kent and Medway received the most, £1m, and Surrey Heartlands the least, £300,000.",
			"Kent and Medway=£1,000,000; Mid and South Essex=£980,000; Surrey Heartlands=£300,000"},
		{one, "areas", "Allocation to each integrated care system",
			"Only Kent and Medway received an allocation, £1m.",
			"Kent and Medway=£1,000,000"},
		{funds, "funds-by-year", "Kent and Medway: what each fund gave, by financial year",
			"Kent and Medway received £1m from the Accelerating Reform Fund over 2023/24 to 2024/25; the most in one year was £600,000 from the Accelerating Reform Fund in 2024/25.",
			"2023/24=£400,000; 2024/25=£600,000"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			s := tt.spec
			if s.ID != tt.id || s.Heading != tt.heading {
				t.Errorf("id %q heading %q; want %q %q", s.ID, s.Heading, tt.id, tt.heading)
			}
			if s.Description != tt.description {
				t.Errorf("description\n got %q\nwant %q", s.Description, tt.description)
			}
			var rows []string
			for _, r := range s.Rows {
				rows = append(rows, r.Label+"="+strings.Join(r.Cells(), ","))
			}
			if got := strings.Join(rows, "; "); got != tt.rows {
				t.Errorf("rows\n got %s\nwant %s", got, tt.rows)
			}
			var opt struct {
				Aria struct {
					Label struct{ Description string }
				}
				Series []struct {
					Type string
					Data []struct {
						Name  string
						Value json.Number
					}
				}
				XAxis, YAxis []struct {
					Type string
					Data []json.RawMessage
				}
			}
			if err := json.Unmarshal(s.Option(), &opt); err != nil {
				t.Fatalf("option is not JSON: %v\n%s", err, s.Option())
			}
			if opt.Aria.Label.Description != s.Description {
				t.Errorf("aria description %q, want the chart's description", opt.Aria.Label.Description)
			}
			if len(opt.Series) != len(s.Columns)-1 || opt.Series[0].Type != "bar" || len(opt.Series[0].Data) != len(s.Rows) {
				t.Fatalf("option does not have one bar series per column with one bar per row:\n%s", s.Option())
			}
			var categories []string
			for _, axis := range append(opt.XAxis, opt.YAxis...) {
				if axis.Type == "category" {
					categories = categoryNames(t, axis.Data)
				}
			}
			if len(categories) != len(s.Rows) || categories[0] != s.Rows[0].Label {
				t.Errorf("category axis %q does not name the rows", categories)
			}
			// A bar is named by its category, not again in its data.
			if first := opt.Series[0].Data[0]; first.Name != "" || first.Value.String() != s.Rows[0].Values[0].Decimal() {
				t.Errorf("first bar %q=%s, want an unnamed bar of %s", first.Name, first.Value, s.Rows[0].Values[0].Decimal())
			}
		})
	}
}

// categoryNames reads a category axis: names, or (for the reader's own
// area, in bold) {"value": name, "textStyle": …}.
func categoryNames(t *testing.T, data []json.RawMessage) []string {
	t.Helper()
	var names []string
	for _, raw := range data {
		var name string
		if json.Unmarshal(raw, &name) != nil {
			var item struct{ Value string }
			if err := json.Unmarshal(raw, &item); err != nil {
				t.Fatalf("category %s: %v", raw, err)
			}
			name = item.Value
		}
		names = append(names, name)
	}
	return names
}

// An area name is text from a workbook cell; in the option it must not be
// able to end the <script type="application/json"> element it sits in.
func TestOptionCannotLeaveItsScript(t *testing.T) {
	d := testData(t)
	spec, _ := Areas(d, FundScope(nil, money.Style{}), nil)
	option := spec.Option()
	for _, bad := range []string{"<", ">", "&"} {
		if bytes.Contains(option, []byte(bad)) {
			t.Errorf("option contains a raw %q:\n%s", bad, option)
		}
	}
	if !bytes.Contains(option, []byte(`Evil \u003c/script\u003e`)) {
		t.Errorf("option lacks the escaped area name:\n%s", option)
	}
}

// TestHighlightedAreaStandsOut: the reader's own area is drawn in another
// colour and named in bold, so it stands out without telling colours apart.
func TestHighlightedAreaStandsOut(t *testing.T) {
	d := testData(t)
	spec, _ := Areas(d, FundScope(nil, money.Style{}), d.AreaByName("Surrey Heartlands"))
	var opt struct {
		YAxis []struct {
			Type string
			Data []json.RawMessage
		}
		Series []struct {
			Data []struct {
				ItemStyle *struct{ Color string }
			}
		}
	}
	if err := json.Unmarshal(spec.Option(), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.YAxis) != 1 || opt.YAxis[0].Type != "category" {
		t.Fatalf("ranking is not of horizontal bars named down the side: %s", spec.Option())
	}
	names := categoryNames(t, opt.YAxis[0].Data)
	if len(names) != len(opt.Series[0].Data) {
		t.Fatalf("%d categories for %d bars", len(names), len(opt.Series[0].Data))
	}
	for i, bar := range opt.Series[0].Data {
		coloured := bar.ItemStyle != nil && bar.ItemStyle.Color == colourHighlight
		bold := bytes.Contains(opt.YAxis[0].Data[i], []byte(`"fontWeight":"bold"`))
		if want := names[i] == "Surrey Heartlands"; coloured != want || bold != want {
			t.Errorf("%s: coloured=%v bold=%v", names[i], coloured, bold)
		}
	}
}

// TestCSVIsTheTable: a chart's download is its table, with an empty cell
// (never 0) where the data has no figure.
func TestCSVIsTheTable(t *testing.T) {
	d := loadSheets(t, []workbook.SheetSpec{
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: [][]any{
			{"ARF", "2023/24", "Kent", 400000}, {"ARF", "2024/25", "Kent", 600000}, {"BCF", "2024/25", "Kent", 1234.5},
		}},
	})
	spec, _ := AreaFunds(d, d.AreaByName("Kent"), money.Style{})
	want := "\uFEFFFinancial year,ARF (£),BCF (£)\r\n" +
		"2023/24,400000.00,\r\n" +
		"2024/25,600000.00,1234.50\r\n"
	if got := string(spec.CSV()); got != want {
		t.Errorf("CSV\n got %q\nwant %q", got, want)
	}
	if got := spec.Rows[0].Cells(); got[1] != "no figure" {
		t.Errorf("table cells %q, want no figure for BCF in 2023/24", got)
	}
}

func TestOptionIsTheSameEveryTime(t *testing.T) {
	d := testData(t)
	a, _ := Areas(d, FundScope(nil, money.Style{}), d.AreaByName("Kent and Medway"))
	b, _ := Areas(d, FundScope(nil, money.Style{}), d.AreaByName("Kent and Medway"))
	if !bytes.Equal(a.Option(), b.Option()) {
		t.Error("two builds of the same chart differ")
	}
}

// manyAreas is one fund's allocations to n areas, Area 001 receiving the
// most (£n,000) and Area n the least (£1,000).
func manyAreas(t *testing.T, n int) *model.Dataset {
	t.Helper()
	var rows, areas [][]any
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Area %03d", i)
		rows = append(rows, []any{"ARF", "2023/24", name, (n - i + 1) * 1000})
		areas = append(areas, []any{fmt.Sprintf("E%03d", i), name, "South East"})
	}
	return loadSheets(t, []workbook.SheetSpec{
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: rows},
		{Name: "Areas", Header: []string{"Area code", "Name", "Region"}, Rows: areas},
		{Name: "Funds", Header: []string{"Name", "Short name"}, Rows: [][]any{{"Accelerating Reform Fund", "ARF"}}},
	})
}

// TestAreasChartOnAPageOfManyAreas: with more areas than a chart can show,
// an area's page charts it among the areas ranked nearest to it, while the
// description still ranks it among them all.
func TestAreasChartOnAPageOfManyAreas(t *testing.T) {
	d := manyAreas(t, 100)
	r, ok := NewRanking(d, FundScope(d.FundByName("ARF"), money.Style{}))
	if !ok {
		t.Fatal("no ranking")
	}
	tests := []struct {
		area        string
		first, last string // the bars shown
		rank        string
	}{
		{"Area 001", "Area 001", "Area 015", "1st of 100"},
		{"Area 050", "Area 043", "Area 057", "50th of 100"},
		{"Area 100", "Area 086", "Area 100", "100th of 100"},
	}
	for _, tt := range tests {
		t.Run(tt.area, func(t *testing.T) {
			spec := r.Areas(d.AreaByName(tt.area))
			if len(spec.Rows) != windowBars || spec.Rows[0].Label != tt.first || spec.Rows[len(spec.Rows)-1].Label != tt.last {
				t.Errorf("%d bars from %s to %s; want %d from %s to %s", len(spec.Rows), spec.Rows[0].Label, spec.Rows[len(spec.Rows)-1].Label, windowBars, tt.first, tt.last)
			}
			want := "Accelerating Reform Fund: " + tt.area + " and the areas ranked nearest to it"
			if spec.Heading != want {
				t.Errorf("heading %q, want %q", spec.Heading, want)
			}
			for _, w := range []string{"Of 100 areas, Area 001 received the most", tt.area + " was " + tt.rank, "The chart shows 15 of them."} {
				if !strings.Contains(spec.Description, w) {
					t.Errorf("description %q lacks %q", spec.Description, w)
				}
			}
		})
	}
	// The fund's own page charts the largest, and says so.
	top := r.Areas(nil)
	if len(top.Rows) != topBars || top.Rows[0].Label != "Area 001" || top.Heading != "Accelerating Reform Fund: the 30 areas that received the most" {
		t.Errorf("fund chart %q has %d bars from %s, want the %d largest", top.Heading, len(top.Rows), top.Rows[0].Label, topBars)
	}
}

// TestOptionIsWhatGoEchartsBuilds: an option filled into its shape's
// skeleton is byte for byte the option go-echarts builds whole, for every
// shape of chart, with text that needs escaping in every hole.
func TestOptionIsWhatGoEchartsBuilds(t *testing.T) {
	rows := []Row{{Label: `Kent </script><b>"&"</b>`, Values: []money.Pence{12345, 100, 7}}, {Label: "Ynys Môn", Values: []money.Pence{-5, 0, 99999999}}, {Label: "Essex", Values: []money.Pence{1, 2, 3}}}
	three := []series{{name: `Kent </script>`, colour: colourMain, highlight: -1}, {name: "Average, all areas", colour: colourNational, highlight: 1}, {name: "Average, South East", colour: colourRegion, highlight: -1}}
	tests := []struct {
		name string
		ss   []series
		l    layout
	}{
		{"by year", three[:1], layout{labels: true}},
		{"by region", three[:1], layout{horizontal: true}},
		{"ranking", []series{{name: "Total", colour: colourMain, highlight: 2}}, layout{horizontal: true}},
		{"funds, no region", three[:2], layout{decals: true}},
		{"funds", three, layout{decals: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := Spec{Description: `In 2024/25 Kent </script> received "£1m" & more.`, Rows: rows}
			categories := []any{rows[0].Label, rows[1].Label, rows[2].Label}
			if h := tt.ss[0].highlight; h >= 0 {
				categories[h] = map[string]any{"value": rows[h].Label, "textStyle": map[string]string{"fontWeight": "bold"}}
			}
			p := optionParts{description: spec.Description, categories: categories}
			for i, se := range tt.ss {
				p.names = append(p.names, se.name)
				p.bars = append(p.bars, bars(rows, i, se.highlight))
			}
			want := wholeOption(tt.ss, tt.l, p)
			for range 2 { // the second from the cached skeleton
				if got := option(spec, tt.ss, tt.l); !bytes.Equal(got, want) {
					t.Fatalf("option\n%s\nwant what go-echarts builds\n%s", got, want)
				}
			}
		})
	}
}

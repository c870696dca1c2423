package ingest

import (
	"strings"
	"testing"

	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

const oneSheet = "[[source]]\nfile = \"a.xlsx\"\n"

// knownUnitsMessage is the end of every message about a unit fundsite
// does not know.
const knownUnitsMessage = `; it knows £ (or pounds), £000s, £'000, £k, £ thousands, £m, £ millions, £bn, £ billions; for a count (measure = "count"): number, 000s, thousands, millions`

// A scale in the header, in a units row under it or in a title above it
// multiplies the amounts exactly; a unit fundsite does not know is
// refused at its cell. Issue 27, item 1.
func TestUnitScales(t *testing.T) {
	row := func(amount any) []any { return []any{"F", "2023/24", "Kent", amount} }
	units := func(u string) []any { return []any{nil, nil, nil, u} }
	header := func(amount string) []string { return []string{"Fund", "Year", "Area", amount} }
	for _, tt := range []struct {
		name   string
		toml   string
		titles []string
		header []string
		rows   [][]any
		want   money.Pence // the first allocation's amount
		scale  string
		report string // an error the report must hold; then want is not checked
	}{
		{name: "units row £000s", header: header("Amount"), rows: [][]any{units("£000s"), row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "units row £'000", header: header("Amount"), rows: [][]any{units("£'000"), row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "units row £ thousands", header: header("Amount"), rows: [][]any{units("£ thousands"), row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "units row £m", header: header("Amount"), rows: [][]any{units("£m"), row(1.2345)}, want: money.Pounds(1_234_500), scale: "£m"},
		{name: "units row £ million, float noise", header: header("Amount"), rows: [][]any{units("£ million"), row("1.2344999999999999")}, want: money.Pounds(1_234_500), scale: "£m"},
		{name: "units row £bn", header: header("Amount"), rows: [][]any{units("£bn"), row(2.5)}, want: money.Pounds(2_500_000_000), scale: "£bn"},
		{name: "units row £ is pounds", header: header("Amount"), rows: [][]any{units("£"), row(120)}, want: money.Pounds(120)},
		{name: "header £000s", header: header("Amount (£000s)"), rows: [][]any{row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "header £m", header: header("Amount (£m)"), rows: [][]any{row(2)}, want: money.Pounds(2_000_000), scale: "£m"},
		{name: "header £k", header: header("Allocation £k"), rows: [][]any{row(5.5)}, want: money.Pounds(5_500), scale: "£000s"},
		{name: "header (£ thousand)", header: header("Amount (£ thousand)"), rows: [][]any{row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "header £ and a units row that agrees", header: header("Amount (£000s)"), rows: [][]any{units("£000s"), row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "title above the header", titles: []string{"Net current expenditure (£ thousand)"}, header: header("Amount"), rows: [][]any{row(120)}, want: money.Pounds(120_000), scale: "£000s"},
		{name: "a title that is not a unit", titles: []string{"Grants (£5k and over)"}, header: header("Amount"), rows: [][]any{row(120)}, want: money.Pounds(120)},
		{name: "fractions of a penny under £k, rounded as asked", toml: "round = \"penny\"\n", header: header("Amount (£k)"), rows: [][]any{row(1.2345678)}, want: 123457, scale: "£000s"},
		{name: "fractions of a penny under £k", header: header("Amount (£k)"), rows: [][]any{row(1.2345678)},
			report: `a.xlsx: Allocations!D2: amount "1.2345678" in £000s is £1,234.5678, which has a fraction of a penny; if the workbook shows it rounded, add round = "penny" to its [[source]] in site.toml`},
		{name: "a count in thousands", toml: "measure = \"count\"\n", header: header("Amount"), rows: [][]any{units("000s"), row(12.5)}, want: 1_250_000, scale: "thousands"},
		{name: "£ hundreds", header: header("Amount"), rows: [][]any{units("£ hundreds"), row(120)},
			report: `a.xlsx: Allocations!D2: amount unit "£ hundreds" is not one fundsite knows` + knownUnitsMessage},
		{name: "dollars in the header", header: header("Amount ($)"), rows: [][]any{row(120)},
			report: `a.xlsx: Allocations!D1: amount unit "$" is not one fundsite knows`},
		{name: "euros in thousands", header: header("Amount"), rows: [][]any{units("€000s"), row(120)},
			report: `a.xlsx: Allocations!D2: amount unit "€000s" is not one fundsite knows`},
		{name: "a percentage", header: header("Amount"), rows: [][]any{units("%"), row(120)},
			report: `a.xlsx: Allocations!D2: amount unit "%" is not one fundsite knows`},
		{name: "a rate per head, named as the amount", toml: "columns = { amount = \"Allocation £/head\" }\n", header: header("Allocation £/head"), rows: [][]any{row(120)},
			report: `a.xlsx: Allocations!D1: amount unit "£/head" is not one fundsite knows`},
		{name: "a count's unit in a column of money", header: header("Amount"), rows: [][]any{units("number"), row(120)},
			report: `a.xlsx: Allocations!D2: amount unit "number" is a count, but this source is money; if it counts something, add measure = "count"`},
		{name: "money in a count", toml: "measure = \"count\"\n", header: header("Amount (£000s)"), rows: [][]any{row(12)},
			report: `a.xlsx: Allocations!D1: amount unit "£000s" is money, but this source is a count`},
		{name: "header and units row disagree", header: header("Amount (£m)"), rows: [][]any{units("£000s"), row(120)},
			report: `a.xlsx: Allocations!D1: the amounts' unit is "£m" here but "£000s" at D2; say the unit once, or make them agree`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := sheetOf("Allocations", tt.header, tt.rows...)
			s.Titles = tt.titles
			d, problems := loadSite(t, oneSheet+tt.toml, map[string][]workbook.SheetSpec{"a.xlsx": {s}})
			if tt.report != "" {
				wantReport(t, problems, tt.report)
				return
			}
			noErrors(t, problems)
			if len(d.Allocations) != 1 {
				t.Fatalf("%d allocations, want 1", len(d.Allocations))
			}
			if a := d.Allocations[0]; a.Amount != tt.want || a.Scale != tt.scale {
				t.Errorf("read %d hundredths in %q, want %d in %q", a.Amount, a.Scale, tt.want, tt.scale)
			}
		})
	}
}

// The units of wide sheets: each year's column has its own header, and
// a units row gives each its unit. NHS England writes "2023/24 £k".
func TestUnitScalesInWideSheets(t *testing.T) {
	d, problems := loadSite(t, oneSheet+"constants = { fund = \"F\" }\nunpivot = { field = \"year\" }\n", map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations",
		[]string{"Area", "2023/24 £k", "2024/25"},
		[]any{nil, nil, "£m"},
		[]any{"Kent", 33523, 1.5},
	)}})
	noErrors(t, problems)
	var got []string
	for _, a := range d.Allocations {
		got = append(got, a.Year.String()+" "+money.Full(a.Amount)+" "+a.Scale)
	}
	if want := "2023/24 £33,523,000 £000s|2024/25 £1,500,000 £m"; strings.Join(got, "|") != want {
		t.Errorf("read %q, want %q", got, want)
	}
}

// A population or an announced total given in thousands or millions is
// read so; one in a unit fundsite does not know is refused.
func TestUnitScalesOfPopulationsAndAnnouncedTotals(t *testing.T) {
	const toml = `[[source]]
file = "a.xlsx"
sheet = "Areas"
kind = "areas"
[[source]]
file = "a.xlsx"
sheet = "Funds"
kind = "funds"
[[source]]
file = "a.xlsx"
sheet = "Allocations"
`
	books := func(population, announced string) map[string][]workbook.SheetSpec {
		return map[string][]workbook.SheetSpec{"a.xlsx": {
			sheetOf("Areas", []string{"Code", "Name", population}, []any{"E1", "Kent", 1576.1}),
			sheetOf("Funds", []string{"Name", announced}, []any{"F", 1.5}),
			sheetOf("Allocations", []string{"Fund", "Year", "Area", "Amount (£m)"}, []any{"F", "2023/24", "Kent", 1.5}),
		}}
	}
	d, problems := loadSite(t, toml, books("Population 2023/24 (000s)", "Announced total (£m)"))
	noErrors(t, problems)
	if p := d.Areas[0].Population; len(p) != 1 || p[d.Allocations[0].Year] != 1_576_100 {
		t.Errorf("population %v, want 1,576,100 in 2023/24", p)
	}
	if f := d.Funds[0]; f.Announced != money.Pounds(1_500_000) {
		t.Errorf("announced %s, want £1,500,000", money.Full(f.Announced))
	}
	_, problems = loadSite(t, toml, books("Population 2023/24 (hundreds)", "Announced total (€m)"))
	wantReport(t, problems,
		`a.xlsx: Areas!C1: population unit "hundreds" is not one fundsite knows`,
		`a.xlsx: Funds!B1: announced total unit "€m" is not one fundsite knows`)
}

// The first row of data is data when it names its fund and area, whatever
// its amount says: it is refused at its cell exactly as it is one row
// lower, never skipped as a row of units. Issue 27, item 2.
func TestFirstDataRowNeverVanishes(t *testing.T) {
	for _, amount := range []string{"£120,000*", "£1.2m", "120000 GBP", "c. £120,000", "£120,000 (provisional)", "£5.3k?", "thousands"} {
		t.Run(amount, func(t *testing.T) {
			_, problems := loadSite(t, oneSheet, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations",
				[]string{"Fund", "Year", "Area", "Amount"},
				[]any{"F", "2023/24", "Kent", amount},
				[]any{"F", "2023/24", "Essex", amount},
			)}})
			wantReport(t, problems,
				`a.xlsx: Allocations!D2: amount "`+amount+`" is not a number`,
				`a.xlsx: Allocations!D3: amount "`+amount+`" is not a number`)
		})
	}
}

// A TRUE or FALSE cell reads as 1 or 0; in a column read as a number it
// is refused at its cell, never published as £1.00. Issue 27, item 3.
func TestBooleansAreNotNumbers(t *testing.T) {
	header := []string{"Fund", "Year", "Area", "Amount"}
	for _, tt := range []struct {
		name  string
		toml  string
		books map[string][]workbook.SheetSpec
		want  string
	}{
		{"TRUE as an amount", oneSheet, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", header, []any{"F", "2023/24", "Kent", true})}},
			`a.xlsx: Allocations!D2: amount is TRUE, a true-or-false cell, not a number`},
		{"FALSE as an amount", oneSheet, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", header, []any{"F", "2023/24", "Kent", 5}, []any{"F", "2023/24", "Essex", false})}},
			`a.xlsx: Allocations!D3: amount is FALSE, a true-or-false cell, not a number`},
		{"TRUE as a count", oneSheet + "measure = \"count\"\n", map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", header, []any{"F", "2023/24", "Kent", true})}},
			`a.xlsx: Allocations!D2: amount is TRUE, a true-or-false cell, not a number`},
		{"TRUE in a total row", oneSheet, map[string][]workbook.SheetSpec{"a.xlsx": {sheetOf("Allocations", []string{"Area", "Fund", "Year", "Amount"}, []any{"Kent", "F", "2023/24", 1}, []any{"Total", nil, nil, true})}},
			`a.xlsx: Allocations!D3: row 3 is a total row ("Total"), so it is not counted, but its amount is TRUE, a true-or-false cell, not a number`},
		{"TRUE as a population", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Areas\"\nkind = \"areas\"\n[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\n",
			map[string][]workbook.SheetSpec{"a.xlsx": {
				sheetOf("Areas", []string{"Code", "Name", "Population 2023/24"}, []any{"E1", "Kent", true}),
				sheetOf("Allocations", header, []any{"F", "2023/24", "Kent", 1}),
			}},
			`a.xlsx: Areas!C2: population is TRUE, a true-or-false cell, not a number`},
		{"FALSE as an announced total", "[[source]]\nfile = \"a.xlsx\"\nsheet = \"Funds\"\nkind = \"funds\"\n[[source]]\nfile = \"a.xlsx\"\nsheet = \"Allocations\"\n",
			map[string][]workbook.SheetSpec{"a.xlsx": {
				sheetOf("Funds", []string{"Name", "Announced total"}, []any{"F", false}),
				sheetOf("Allocations", header, []any{"F", "2023/24", "Kent", 0}),
			}},
			`a.xlsx: Funds!B2: announced total is FALSE, a true-or-false cell, not a number`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loadSite(t, tt.toml, tt.books)
			wantReport(t, problems, tt.want)
		})
	}
}

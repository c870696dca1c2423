package ingest

import (
	"slices"
	"strings"
	"testing"

	"fundsite/generator/model"
	"fundsite/generator/money"

	"github.com/xuri/excelize/v2"
)

// row is a helper for cases that add an allocation row.
func row(fund, year, code, area string, amount any, status, tranche string) []any {
	return []any{fund, year, code, area, amount, status, tranche}
}

// TestLoadReportsBadWorkbooks feeds Load one broken workbook per case and
// holds it to every message a user would see, each naming file, sheet and
// cell, and all of them from one run.
func TestLoadReportsBadWorkbooks(t *testing.T) {
	tests := []struct {
		name string
		edit func(f *fixture)
		want []string
	}{
		{
			name: "amounts that are not numbers",
			edit: func(f *fixture) {
				f.allocations.Rows[0][4] = "TBC"
				f.allocations.Rows[1][4] = "£5.3k?"
				f.allocations.Rows[2][4] = "about 400k"
			},
			want: []string{
				`data/funding.xlsx: Allocations!E3: amount "TBC" is not a number`,
				`data/funding.xlsx: Allocations!E4: amount "£5.3k?" is not a number`,
				`data/funding.xlsx: Allocations!E5: amount "about 400k" is not a number`,
			},
		},
		{
			name: "misplaced separators, negative and too precise amounts",
			edit: func(f *fixture) {
				f.allocations.Rows[0][4] = "2,50,000"
				f.allocations.Rows[1][4] = -530000
				f.allocations.Rows[2][4] = "410000.125"
			},
			want: []string{
				`data/funding.xlsx: Allocations!E3: amount "2,50,000" is not a number`,
				`data/funding.xlsx: Allocations!E4: amount -£530,000 is negative`,
				`data/funding.xlsx: Allocations!E5: amount "410000.125" has more than 2 decimal places; if the workbook shows it rounded, add round = "penny" to its [[source]] in site.toml`,
			},
		},
		{
			name: "formula with no saved result",
			edit: func(f *fixture) {
				f.allocations.Rows[0][4] = excelize.Cell{Formula: "E4-E5"}
			},
			want: []string{
				`data/funding.xlsx: Allocations!E3: amount is a formula =E4-E5 with no saved result; open the workbook in Excel and save it so the formula is calculated, or type the amount`,
			},
		},
		{
			name: "hidden rows and a hidden sheet with data",
			edit: func(f *fixture) {
				f.allocations.HiddenRows = []int{0, 2}
				f.areas.HiddenRows = []int{1}
				f.funds.Hidden = true
			},
			want: []string{
				`data/funding.xlsx: Allocations row 3: warning: rows 3 and 5 are hidden in Excel, but used; unhide to check, or delete what should not count`,
				`data/funding.xlsx: Areas row 3: warning: row 3 is hidden in Excel, but used; unhide to check, or delete what should not count`,
				`data/funding.xlsx: Funds: warning: the sheet is hidden in Excel, but its rows are used; unhide it to check them`,
			},
		},
		{
			name: "amount far above the typical allocation",
			edit: func(f *fixture) {
				f.allocations.Rows[1][4] = "41000000"
				f.allocations.Rows = append(f.allocations.Rows, row("ARF", "2024/25", "", "Kent and Medway", "40999999.99", "", "1"))
			},
			want: []string{
				`data/funding.xlsx: Allocations!E4: warning: amount £41,000,000 is at least 100 times the typical Accelerating Reform Fund allocation (£410,000); check for a slipped decimal point`,
			},
		},
		{
			name: "spreadsheet error values",
			edit: func(f *fixture) {
				f.allocations.Rows[0][4] = "#REF!"
				f.allocations.Rows[1][4] = "#DIV/0!"
				f.allocations.Rows[2][4] = "#5000"
			},
			want: []string{
				`data/funding.xlsx: Allocations!E3: amount is the spreadsheet error #REF!; fix the formula`,
				`data/funding.xlsx: Allocations!E4: amount is the spreadsheet error #DIV/0!; fix the formula`,
				`data/funding.xlsx: Allocations!E5: amount "#5000" is not a number`,
			},
		},
		{
			name: "financial years",
			edit: func(f *fixture) {
				f.allocations.Rows[0][1] = "2023/25"
				f.allocations.Rows[1][1] = "next year"
				f.allocations.Rows[2][1] = nil
			},
			want: []string{
				`data/funding.xlsx: Allocations!B3: financial year "2023/25" must run from one year into the next, e.g. 2023/24`,
				`data/funding.xlsx: Allocations!B4: financial year "next year" is not in a form we know; write it like 2023/24`,
				`data/funding.xlsx: Allocations!B5: financial year is blank`,
			},
		},
		{
			name: "unknown area, fund and status",
			edit: func(f *fixture) {
				f.allocations.Rows[0][2] = nil
				f.allocations.Rows[0][3] = "Barking and Dagenam"
				f.allocations.Rows[1][0] = "Acelerating Reform Fund"
				f.allocations.Rows[2][5] = "draft"
			},
			want: []string{
				`data/funding.xlsx: Allocations!D3: area "Barking and Dagenam" is not in the areas sheet; the closest are "Barking and Dagenham". Add it there, or add an alias in [areas.aliases] in site.toml`,
				`data/funding.xlsx: Allocations!A4: fund "Acelerating Reform Fund" is not in the funds sheet (did you mean "Accelerating Reform Fund"?)`,
				`data/funding.xlsx: Allocations!F5: status "draft" must be published, published lower bound or estimate`,
			},
		},
		{
			name: "area code that does not match its name",
			edit: func(f *fixture) {
				f.allocations.Rows[0][2] = "E54000032"
				f.allocations.Rows[1][2] = "E99999999"
			},
			want: []string{
				`data/funding.xlsx: Allocations!C3: area code E54000032 is Kent and Medway, not "Barking and Dagenham"`,
				`data/funding.xlsx: Allocations!C4: area code E99999999 does not match Kent and Medway, whose code is E54000032`,
			},
		},
		{
			name: "duplicate row",
			edit: func(f *fixture) {
				f.allocations.Rows = append(f.allocations.Rows, row("ARF", "2023-24", "", "Kent and Medway", 1, "", "1"))
			},
			want: []string{
				`data/funding.xlsx: Allocations!E6: duplicate row: Accelerating Reform Fund, Kent and Medway, 2023/24, tranche 1 is already given at E4`,
			},
		},
		{
			name: "total row that does not add up",
			edit: func(f *fixture) {
				f.allocations.Rows = append(f.allocations.Rows, []any{"Total", nil, nil, nil, 1200000})
			},
			want: []string{
				`data/funding.xlsx: Allocations!E6: the Total row says £1,200,000 but the rows above it add up to £1,190,000 (a difference of £10,000); if it is not a total, add total_rows = false to its [[source]] in site.toml`,
			},
		},
		{
			name: "announced total that the allocations do not reach",
			edit: func(f *fixture) {
				f.funds.Rows[0][2] = 1200000
			},
			want: []string{
				`data/funding.xlsx: Funds!A2: Accelerating Reform Fund: the allocations add up to £1,190,000 but the announced total is £1,200,000 (a difference of -£10,000)`,
			},
		},
		{
			name: "areas whose web addresses collide",
			edit: func(f *fixture) {
				f.areas.Rows = append(f.areas.Rows, []any{"E06000099", "Kent & Medway", "South East"}, []any{"E06000098", "../..", ""})
			},
			want: []string{
				`data/funding.xlsx: Areas!B5: area "Kent & Medway" has the same web address (/areas/kent-and-medway/) as "Kent and Medway" at B3; area names must differ`,
				`data/funding.xlsx: Areas!B6: area name "../.." has no letters or digits to make a web address from`,
			},
		},
		{
			name: "areas that share a code, in any case, or an address and a code",
			edit: func(f *fixture) {
				f.areas.Rows = append(f.areas.Rows, []any{"e09000002", "Dagenham", "London"}, []any{"E06000099", "Barking & Dagenham", "London"},
					[]any{"E09000002", "Kent & Medway", "South East"}) // the code of the first area, the address of the second
			},
			want: []string{
				`data/funding.xlsx: Areas!B5: area code e09000002 is used by both "Dagenham" and "Barking and Dagenham" (at B2)`,
				`data/funding.xlsx: Areas!B6: area "Barking & Dagenham" has the same web address (/areas/barking-and-dagenham/) as "Barking and Dagenham" at B2; area names must differ`,
				`data/funding.xlsx: Areas!B7: area code E09000002 is used by both "Kent & Medway" and "Barking and Dagenham" (at B2)`,
			},
		},
		{
			name: "names that make no usable web address",
			edit: func(f *fixture) {
				f.funds.Rows = append(f.funds.Rows, []any{"???", "", nil})
				f.areas.Rows = append(f.areas.Rows, []any{"E06000097", "Con", ""})
			},
			want: []string{
				`data/funding.xlsx: Areas!B5: area "Con" would have the web address /areas/con/, a name Windows keeps for itself; add a word to the name`,
				`data/funding.xlsx: Funds!A3: fund name "???" has no letters or digits to make a web address from`,
			},
		},
		{
			name: "misspelt required column",
			edit: func(f *fixture) {
				f.allocations.Header[4] = "Amout (£)"
			},
			want: []string{
				`data/funding.xlsx: Allocations row 2: no column "Amount"; found "Fund", "Financial year", "Area code", "Area", "Amout (£)", "Status", "Tranche". If the amount is in "Amout (£)", say so in site.toml, in its [[source]]: columns = { amount = "Amout (£)" }`,
			},
		},
		{
			name: "duplicate column",
			edit: func(f *fixture) {
				f.allocations.Header[6] = "Amount"
			},
			want: []string{
				`data/funding.xlsx: Allocations!G2: column "Amount" appears twice (also in column E); say which to read in site.toml, as in columns = { amount = "column G" }, or rename one`,
			},
		},
		{
			name: "missing allocations sheet",
			edit: func(f *fixture) {
				f.allocations.Name = "Allocs 2023"
			},
			want: []string{
				`data/funding.xlsx: no sheet called "Allocations"; the workbook has "Allocs 2023", "Areas", "Funds". Rename the sheet, or describe it with [[source]] in site.toml`,
			},
		},
		{
			name: "sheet named in site.toml that is not there",
			edit: func(f *fixture) {
				f.config = "[[source]]\nfile = \"data/funding.xlsx\"\nsheet = \"Alocations\"\n"
			},
			want: []string{
				`data/funding.xlsx: no sheet "Alocations"; the workbook has "Allocations", "Areas", "Funds" (did you mean "Allocations"?)`,
			},
		},
		{
			name: "files in data/ that are not workbooks",
			edit: func(f *fixture) {
				f.extra = map[string][]byte{
					"empty.xlsx":  nil,
					"export.xlsx": []byte("Fund,Amount\nARF,1\n"),
					"legacy.xlsx": oleFile("Workbook"),
					"locked.xlsx": oleFile("EncryptedPackage"),
				}
			},
			want: []string{
				`data/empty.xlsx: the file is empty; save the workbook again from Excel`,
				`data/export.xlsx: this is a text file (CSV?) named .xlsx, not an Excel workbook; open it in Excel and save as .xlsx`,
				`data/legacy.xlsx: this is a legacy Excel 97-2003 .xls file; open it in Excel and save as "Excel Workbook (.xlsx)"`,
				`data/locked.xlsx: the workbook is password-protected; save a copy without a password (File > Info > Protect Workbook)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture()
			tt.edit(f)
			_, problems := f.load(t)
			got := messages(problems)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// oleFile is the start of an OLE compound file (the container of legacy .xls
// and of password-protected .xlsx) naming one stream in UTF-16, as Office does.
func oleFile(stream string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	for _, r := range stream {
		b = append(b, byte(r), 0)
	}
	return b
}

// TestLoadAcceptsWhatPeopleWrite holds Load to reading a valid workbook
// written the ways people do, and to never double-counting a Total row.
func TestLoadAcceptsWhatPeopleWrite(t *testing.T) {
	tests := []struct {
		name string
		edit func(f *fixture)
	}{
		{"as written", func(f *fixture) {}},
		{"a Total row that adds up", func(f *fixture) {
			f.allocations.Rows = append(f.allocations.Rows, []any{"Total", nil, nil, nil, 1190000})
		}},
		{"names in other case, years and amounts in other forms", func(f *fixture) {
			f.allocations.Rows[0][3] = "Barking And Dagenham"
			f.allocations.Rows[0][1] = "2023-24"
			f.allocations.Rows[1][1] = "FY24"
			f.allocations.Rows[1][4] = "£530,000.00"
			f.allocations.Rows[2][0] = "accelerating reform fund"
		}},
		{"an announced total that the allocations reach", func(f *fixture) {
			f.funds.Rows[0][2] = "1,190,000"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture()
			tt.edit(f)
			d, problems := f.load(t)
			if got := messages(problems); len(got) > 0 {
				t.Fatalf("unexpected problems:\n%s", strings.Join(got, "\n"))
			}
			if len(d.Allocations) != 3 {
				t.Fatalf("%d allocations, want 3", len(d.Allocations))
			}
			if got := model.Sum(d.Allocations); got != money.Pounds(1190000) {
				t.Errorf("total %s, want £1,190,000", money.Full(got))
			}
		})
	}
}

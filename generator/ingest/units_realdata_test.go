package ingest

import (
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/money"
)

// columnInPence reads a column's cells directly with excelize, not
// through the code under test, and multiplies each by 10^pow10 pounds,
// rounded half away from zero to the penny.
func columnInPence(t *testing.T, path, sheet, col string, from, to, pow10 int) map[int]money.Pence {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int]money.Pence{}
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(pow10+2)), nil))
	for row := from; row <= to; row++ {
		v, err := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, row))
		if err != nil {
			t.Fatal(err)
		}
		r, ok := new(big.Rat).SetString(strings.TrimSpace(v))
		if !ok {
			continue
		}
		r.Mul(r, scale)
		n, rem := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
		if new(big.Int).Mul(new(big.Int).Abs(rem), big.NewInt(2)).Cmp(r.Denom()) >= 0 {
			n.Add(n, big.NewInt(int64(r.Sign())))
		}
		out[row] = money.Pence(n.Int64())
	}
	return out
}

// NHS England gives its ICB running cost allowances in "2023/24 £k"
// columns: each year's total is the sheet's own total row (47) in
// thousands of pounds.
func TestNHSEnglandAllowancesAreInThousands(t *testing.T) {
	const file = "nhse-icb-allocations-2023-24-2024-25.xlsx"
	d, problems := loadConfig(t, copyTestdata(t, file), `
[[source]]
file = "data/`+file+`"
sheet = "ICB running cost allowance"
constants = { fund = "ICB running cost allowance" }
columns = { area = "System Name", area_code = "ICB23" }
unpivot = { field = "year" }
rows = "3:46" # the total row under it has no label
`)
	noErrors(t, problems)
	byYear := map[string]money.Pence{}
	for _, a := range d.Allocations {
		byYear[a.Year.String()] += a.Amount
		if a.Scale != "£000s" {
			t.Fatalf("%s: scale %q, want £000s", a.Loc, a.Scale)
		}
	}
	path := filepath.Join("testdata", file)
	for col, year := range map[string]string{"E": "2023/24", "F": "2024/25", "G": "2025/26"} {
		total := columnInPence(t, path, "ICB running cost allowance", col, 47, 47, 3)[47]
		if byYear[year] != total || total != sumOf(columnInPence(t, path, "ICB running cost allowance", col, 5, 46, 3)) {
			t.Errorf("%s: read %s, the sheet's total row says %s", year, money.Full(byYear[year]), money.Full(total))
		}
	}
	if len(d.Allocations) != 42*3 || len(d.Areas) != 42 {
		t.Errorf("%d allocations to %d ICBs, want 126 to 42", len(d.Allocations), len(d.Areas))
	}
	if want := money.Pounds(1_108_760_000); byYear["2023/24"] != want {
		t.Errorf("2023/24 total %s, want %s", money.Full(byYear["2023/24"]), money.Full(want))
	}
}

// MHCLG's revenue outturn gives every figure "(£ thousand)" in a title
// above the header, with fractions of a penny once in pounds, and "…"
// where a figure is not available.
func TestMHCLGOutturnIsInThousands(t *testing.T) {
	const file = "mhclg-revenue-outturn-rs-2017-18.xlsx"
	d, problems := loadConfig(t, copyTestdata(t, file), `
[[source]]
file = "data/`+file+`"
sheet = "RS LA Data 2017-18"
header_row = 7
constants = { fund = "Education services", year = "2017/18" }
columns = { amount = "Education services", area = "Local authority", area_code = "E-code" }
round = "penny"
missing_values = ["…"]
rows = "7:452" # the England total, class subtotals and notes are under it
`)
	noErrors(t, problems)
	want := columnInPence(t, filepath.Join("testdata", file), "RS LA Data 2017-18", "F", 8, 452, 3)
	var got money.Pence
	for _, a := range d.Allocations {
		got += a.Amount
		if a.Scale != "£000s" {
			t.Fatalf("%s: scale %q, want £000s", a.Loc, a.Scale)
		}
		if a.Area.Name == "Salford" && a.Amount != money.Pounds(219_385_123)+39 {
			t.Errorf("Salford %s, want £219,385,123.39 (219385.12339215004 in £ thousand)", money.Full(a.Amount))
		}
	}
	if got != sumOf(want) || len(d.Allocations) != len(want) {
		t.Errorf("read %d rows totalling %s; the sheet has %d totalling %s", len(d.Allocations), money.Full(got), len(want), money.Full(sumOf(want)))
	}
}

func sumOf(m map[int]money.Pence) money.Pence {
	var s money.Pence
	for _, p := range m {
		s += p
	}
	return s
}

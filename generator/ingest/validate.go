package ingest

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// Checks for what is legal but suspicious (warnings: the build goes on) and
// for blanks that are really formulas. They live apart from load.go so the
// rules for reading a sheet stay short.

// warnHidden says when data a reader of the workbook cannot see is used:
// a hidden sheet, or hidden rows among the data.
func (b *builder) warnHidden(t *workbook.Table, rows []workbook.Row) {
	if t.Hidden && len(rows) > 0 {
		b.problems.Warnf(diag.Loc{File: t.File, Sheet: t.Sheet}, "the sheet is hidden in Excel, but its rows are used; unhide it to check them")
	}
	var hidden []int
	for _, r := range rows {
		if r.Hidden {
			hidden = append(hidden, r.Num)
		}
	}
	if len(hidden) == 0 {
		return
	}
	b.problems.Warnf(t.Loc(hidden[0], 0), "%s hidden in Excel, but used; unhide to check, or delete what should not count", rowList(hidden))
}

// rowList words row numbers: "row 4 is", "rows 4, 7 and 9 are",
// "rows 4, 7, 9, 12, 15 and 3 more are".
func rowList(nums []int) string {
	const shown = 5
	if len(nums) == 1 {
		return fmt.Sprintf("row %d is", nums[0])
	}
	var words []string
	for _, n := range nums[:min(len(nums), shown)] {
		words = append(words, fmt.Sprint(n))
	}
	last := words[len(words)-1]
	if len(nums) > shown {
		last = fmt.Sprintf("%d more", len(nums)-shown)
	} else {
		words = words[:len(words)-1]
	}
	return fmt.Sprintf("rows %s and %s are", strings.Join(words, ", "), last)
}

// uncalculatedCells reports every cell the row is read from that holds a
// formula no program calculated (a workbook saved by a tool that does not
// calculate): it reads as blank, and a blank Status would publish the row
// as "published", a blank amount as missing. Such a row is not read.
func (b *builder) uncalculatedCells(s *sheet, r workbook.Row) bool {
	if len(r.Formulas) == 0 {
		return false
	}
	found := false
	for _, f := range s.fields {
		i, read := s.cols.index[f.name]
		if _, constant := s.constants[f.name]; constant || !read {
			continue
		}
		formula, ok := r.Formulas[i]
		if !ok {
			continue
		}
		if formula != "" {
			formula = " =" + formula
		}
		what := fieldWords(f.name)
		b.problems.Errorf(s.t.Loc(r.Num, i+1), "%s is a formula%s with no saved result; open the workbook in Excel and save it so the formula is calculated, or type the %s", what, formula, what)
		found = true
	}
	return found
}

// fieldWords names a field in a message: "financial year", "area code".
func fieldWords(name string) string {
	switch name {
	case "year":
		return "financial year"
	case "short":
		return "short name"
	case "announced":
		return "announced total"
	}
	return strings.ReplaceAll(name, "_", " ")
}

// outlierFactor is how many times a fund's median allocation an amount may
// be before it deserves a second look (a slipped decimal point, pence
// typed as pounds).
const outlierFactor = 100

// warnOutliers flags amounts far above the typical allocation of their fund.
func (b *builder) warnOutliers() {
	byFund := map[*model.Fund][]*model.Allocation{}
	for _, a := range b.d.Allocations {
		byFund[a.Fund] = append(byFund[a.Fund], a)
	}
	for _, f := range b.d.Funds {
		rows := byFund[f]
		if len(rows) < 3 {
			continue // too few for a typical amount to mean anything
		}
		median := medianAmount(rows)
		if median <= 0 {
			continue
		}
		for _, a := range rows {
			if a.Amount >= median*outlierFactor {
				b.problems.Warnf(a.Loc, "amount %s is at least %d times the typical %s allocation (%s); check for a slipped decimal point",
					money.Full(a.Amount), outlierFactor, f.Name, money.Full(median))
			}
		}
	}
}

// medianAmount is the middle amount (the lower middle of an even count, so
// it is always an amount that was given).
func medianAmount(rows []*model.Allocation) money.Pence {
	amounts := make([]money.Pence, len(rows))
	for i, a := range rows {
		amounts[i] = a.Amount
	}
	slices.Sort(amounts)
	return amounts[(len(amounts)-1)/2]
}

// windowsReserved are names Windows cannot give a folder, so a site with
// such a page could not be built or copied there.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// checkAddresses holds every fund and area to a web address that can be
// written as a folder anywhere. (Area names without letters or digits are
// refused as they are read.)
func (b *builder) checkAddresses() {
	for _, f := range b.d.Funds {
		b.checkAddress("fund", f.Name, "/funds/", f.Slug, f.Loc)
	}
	for _, a := range b.d.Areas {
		b.checkAddress("area", a.Name, "/areas/", a.Slug, a.Loc)
	}
}

func (b *builder) checkAddress(what, name, folder, slug string, loc diag.Loc) {
	switch {
	case slug == "":
		b.problems.Errorf(loc, "%s name %q has no letters or digits to make a web address from", what, name)
	case windowsReserved[slug]:
		b.problems.Errorf(loc, "%s %q would have the web address %s%s/, a name Windows keeps for itself; add a word to the name", what, name, folder, slug)
	}
}

// spreadsheetErrors are the values Excel shows for a formula that failed.
var spreadsheetErrors = []string{"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}

func isSpreadsheetError(s string) bool { return slices.Contains(spreadsheetErrors, strings.ToUpper(s)) }

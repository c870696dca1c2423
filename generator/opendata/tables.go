package opendata

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

var allocationColumns = []Column{
	{"Fund", "fund", Text},
	{"Fund short name", "fund_short_name", Text},
	{"Financial year", "financial_year", Text},
	{"Area code", "area_code", Text},
	{"Area", "area", Text},
	{"Area type", "area_type", Text},
	{"Region", "region", Text},
	{"Tranche", "tranche", Text},
	{"Amount (£)", "amount", Money},
	{"Status", "status", Text},
	{"Basis", "basis", Text},
	{"Source", "source", Text},
	{"Notes", "notes", Text},
	{"Workbook", "workbook", Text},
	{"Workbook cell", "workbook_cell", Text},
}

// Allocations is one row per allocation, with how far to rely on it and the
// workbook cell it came from, so a reader can trace every figure. The
// figures the workbook marks as not known (missing) are rows too, among
// the others in the site's order, with an empty amount (null in JSON): a
// reader of the download sees the figure is not given, as the page says.
func Allocations(name, title string, rows, missing []*model.Allocation) Table {
	t := Table{
		Name: name, Title: title, Columns: allocationColumns,
		Description: "One row per allocation: fund, financial year, area, amount in pounds, status (published, published lower bound or estimate), basis, source and the workbook cell it came from. An amount the workbook does not give is empty (null in JSON).",
	}
	// The set of missing rows, not of known ones: there are few of them.
	unknown := make(map[*model.Allocation]bool, len(missing))
	for _, a := range missing {
		unknown[a] = true
	}
	all := inRowOrder(rows, missing)
	t.Len, t.Rows = len(all), madeFrom(all, func(a *model.Allocation) []string {
		amount := ""
		if !unknown[a] {
			amount = a.Amount.Decimal()
		}
		return []string{
			a.Fund.Name, a.Fund.Short, a.Year.String(), a.Area.Code, a.Area.Name, a.Area.Type, a.Area.Region,
			a.Tranche, amount, a.Status.String(), a.Basis, a.Source, a.Notes, a.Loc.File, cellRef(a.Loc),
		}
	})
	return t
}

// inRowOrder merges the figures not given into the known rows, in the
// order the dataset keeps its rows (fund, year, area, tranche), a known
// row before a missing one of the same key. rows are in that order
// already; merging, not sorting, keeps a national table's million rows
// linear.
func inRowOrder(rows, missing []*model.Allocation) []*model.Allocation {
	if len(missing) == 0 {
		return rows
	}
	missing = slices.Clone(missing)
	slices.SortStableFunc(missing, model.CompareAllocations)
	out := make([]*model.Allocation, 0, len(rows)+len(missing))
	for len(rows) > 0 && len(missing) > 0 {
		if model.CompareAllocations(missing[0], rows[0]) < 0 {
			out, missing = append(out, missing[0]), missing[1:]
		} else {
			out, rows = append(out, rows[0]), rows[1:]
		}
	}
	return append(append(out, rows...), missing...)
}

// madeFrom makes a row from each allocation as the row is asked for.
func madeFrom(rows []*model.Allocation, row func(*model.Allocation) []string) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		for _, a := range rows {
			if !yield(row(a)) {
				return
			}
		}
	}
}

// cellRef is "Allocations!H12", the way Excel names a cell.
func cellRef(l diag.Loc) string {
	if l.Sheet == "" || l.Cell() == "" {
		return ""
	}
	return l.Sheet + "!" + l.Cell()
}

// Areas is one row per area, with its populations and what it received.
func Areas(d *model.Dataset) Table {
	years := populationYears(d.Areas)
	t := Table{
		Name: "areas", Title: "Areas",
		Description: "Every area in the data: code, name, type, region, population by financial year and the total allocated to it.",
		Columns: []Column{
			{"Area code", "area_code", Text}, {"Area", "area", Text}, {"Area type", "area_type", Text},
			{"Region", "region", Text}, {"Page", "page", Text},
		},
	}
	for _, y := range years {
		t.Columns = append(t.Columns, Column{"Population " + y.String(), "population_" + strings.ReplaceAll(y.Slug(), "-", "_"), Number})
	}
	t.Columns = append(t.Columns, Column{"Total allocated (£)", "total_allocated", Money}, notGiven)
	t.Description += notGivenNote
	missingOf := map[*model.Area]int{}
	for _, m := range d.Missing {
		missingOf[m.Area]++
	}
	var rows [][]string
	for _, a := range d.Areas {
		row := []string{a.Code, a.Name, a.Type, a.Region, "/areas/" + a.Slug + "/"}
		for _, y := range years {
			cell := ""
			if n, ok := a.Population[y]; ok {
				cell = fmt.Sprint(n)
			}
			row = append(row, cell)
		}
		rows = append(rows, append(row, total(d.Select(model.Filter{Area: a})), fmt.Sprint(missingOf[a])))
	}
	t.Len, t.Rows = len(rows), slices.Values(rows)
	return t
}

func populationYears(areas []*model.Area) []fyear.Year {
	var ys []fyear.Year
	for _, a := range areas {
		for y := range a.Population {
			if !slices.Contains(ys, y) {
				ys = append(ys, y)
			}
		}
	}
	slices.SortFunc(ys, func(a, b fyear.Year) int { return a.Start - b.Start })
	return ys
}

// Funds is one row per fund: what the funder announced and what the
// allocations add up to.
func Funds(d *model.Dataset) Table {
	t := Table{
		Name: "funds", Title: "Funds",
		Description: "Every fund: name, funder, description, the announced total where given, the total of its allocations and the years they cover.",
		Columns: []Column{
			{"Fund", "fund", Text}, {"Short name", "short_name", Text}, {"Department", "department", Text},
			{"Description", "description", Text}, {"Announced total (£)", "announced_total", Money},
			{"Total allocated (£)", "total_allocated", Money}, {"Financial years", "financial_years", Text},
			{"Areas", "areas", Number}, {"Source", "source", Text}, {"Page", "page", Text}, notGiven,
		},
	}
	t.Description += notGivenNote
	var out [][]string
	for _, f := range d.Funds {
		rows := d.Select(model.Filter{Fund: f})
		announced := ""
		if f.HasAnnounced {
			announced = f.Announced.Decimal()
		}
		var years []string
		for _, y := range model.Years(rows) {
			years = append(years, y.String())
		}
		out = append(out, []string{
			f.Name, f.Short, f.Department, f.Description, announced, total(rows),
			strings.Join(years, "; "), fmt.Sprint(len(model.AreasOf(rows))), f.SourceURL, "/funds/" + f.Slug + "/",
			fmt.Sprint(len(model.Filter{Fund: f}.Pick(d.Missing))),
		})
	}
	t.Len, t.Rows = len(out), slices.Values(out)
	return t
}

package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/workbook"
)

// field is one thing a sheet can say about a row, and the headers that say it.
type field struct {
	name     string
	headers  []string // normalised default headers
	required bool
}

var allocationFields = []field{
	{name: "fund", headers: []string{"fund", "fund name", "grant", "programme"}},
	{name: "year", headers: []string{"financial year", "year", "fy"}, required: true},
	{name: "area", headers: []string{"area", "area name", "recipient", "local authority", "council", "ics", "icb"}},
	{name: "area_code", headers: []string{"area code", "code", "ons code", "gss code"}},
	{name: "amount", headers: []string{"amount", "allocation", "value", "grant amount"}, required: true},
	{name: "area_type", headers: []string{"area type", "type"}},
	{name: "region", headers: []string{"region", "nhs region"}},
	{name: "tranche", headers: []string{"tranche", "instalment"}},
	{name: "status", headers: []string{"status"}},
	{name: "basis", headers: []string{"basis", "method"}},
	{name: "source", headers: []string{"source", "source url", "source address"}},
	{name: "notes", headers: []string{"notes", "note", "comments"}},
}

var areaFields = []field{
	{name: "code", headers: []string{"code", "area code", "ons code", "gss code"}},
	{name: "name", headers: []string{"name", "area", "area name"}, required: true},
	{name: "type", headers: []string{"type", "area type"}},
	{name: "region", headers: []string{"region", "nhs region"}},
	{name: "previous_code", headers: []string{"previous code", "previous code (july 2022)", "old code", "former code"}},
	{name: "parent", headers: []string{"parent", "parent area", "part of", "parent code"}},
}

var fundFields = []field{
	{name: "name", headers: []string{"name", "fund", "fund name"}, required: true},
	{name: "short", headers: []string{"short name", "short", "abbreviation"}},
	{name: "department", headers: []string{"department", "funder", "funding organisation"}},
	{name: "description", headers: []string{"description", "purpose"}},
	{name: "announced", headers: []string{"announced total", "total", "announced"}},
	{name: "source", headers: []string{"source", "source url", "source address"}},
}

// populationHeader matches "Population 2023/24" and "GP registered population 2023-24".
var populationHeader = regexp.MustCompile(`population.*?((?:fy ?)?\d{4}(?:\s*[/-]\s*\d{2,4})?)$`)

// columns is where each field sits in one sheet.
type columns struct {
	index      map[string]int // field name to 0-based column
	population map[int]fyear.Year
	headers    []string
}

func (c columns) has(name string) bool { _, ok := c.index[name]; return ok }

// cell returns the trimmed text of field name in row, and its place.
func (c columns) cell(t *workbook.Table, row workbook.Row, name string) (string, diag.Loc) {
	i, ok := c.index[name]
	if !ok {
		return "", t.Loc(row.Num, 0)
	}
	loc := t.Loc(row.Num, i+1)
	if i >= len(row.Cells) {
		return "", loc
	}
	return strings.TrimSpace(row.Cells[i]), loc
}

// findHeader returns the index in t.Rows of the header row: the given row
// number, or the first of the top rows that names at least two known fields
// (title and note rows above it are normal).
func findHeader(t *workbook.Table, fields []field, overrides map[string]string, rowNum int) (int, bool) {
	if rowNum > 0 {
		i := slices.IndexFunc(t.Rows, func(r workbook.Row) bool { return r.Num == rowNum })
		return i, i >= 0
	}
	known := map[string]bool{}
	for _, f := range fields {
		for _, h := range f.headers {
			known[h] = true
		}
	}
	for _, h := range overrides {
		known[workbook.NormaliseHeader(h)] = true
	}
	for i, r := range t.Rows[:min(len(t.Rows), 50)] {
		hits := 0
		for _, c := range r.Cells {
			if known[workbook.NormaliseHeader(c)] {
				hits++
			}
		}
		if hits >= 2 {
			return i, true
		}
	}
	return -1, false
}

// mapColumns works out which column holds each field, reporting missing
// required columns (with the headers found and the closest) and duplicates.
func mapColumns(t *workbook.Table, header workbook.Row, fields []field, overrides map[string]string, constants map[string]string, problems *diag.List) (columns, bool) {
	c := columns{index: map[string]int{}, population: map[int]fyear.Year{}}
	byHeader := map[string][]int{}
	for i, h := range header.Cells {
		n := workbook.NormaliseHeader(h)
		c.headers = append(c.headers, strings.TrimSpace(h))
		if n != "" {
			byHeader[n] = append(byHeader[n], i)
		}
		if m := populationHeader.FindStringSubmatch(n); m != nil {
			if y, err := fyear.Parse(m[1]); err == nil {
				c.population[i] = y
			}
		}
	}
	ok := true
	for _, f := range fields {
		wanted := f.headers
		if o, set := overrides[f.name]; set {
			wanted = []string{workbook.NormaliseHeader(o)}
		}
		for _, h := range wanted {
			cols := byHeader[h]
			if len(cols) > 1 {
				problems.Errorf(t.Loc(header.Num, cols[1]+1), "column %q appears twice (also in column %s); rename or delete one",
					strings.TrimSpace(header.Cells[cols[1]]), diag.ColumnName(cols[0]+1))
				ok = false
			}
			if len(cols) > 0 {
				c.index[f.name] = cols[0]
				break
			}
		}
		_, constant := constants[f.name]
		if f.required && !c.has(f.name) && !constant {
			problems.Errorf(t.Loc(header.Num, 0), "no column %q; found %s%s", displayHeader(wanted[0]),
				quoteList(c.headers), closestHeader(wanted, c.headers))
			ok = false
		}
	}
	return c, ok
}

func displayHeader(h string) string { return strings.ToUpper(h[:1]) + h[1:] }

func closestHeader(wanted, found []string) string {
	normal := make([]string, len(found))
	original := map[string]string{}
	for i, f := range found {
		normal[i] = workbook.NormaliseHeader(f)
		original[normal[i]] = f
	}
	for _, w := range wanted {
		if c := diag.Closest(w, normal); c != "" {
			return fmt.Sprintf(" (is %q meant to be %q?)", original[c], displayHeader(w))
		}
	}
	return ""
}

func quoteList(items []string) string {
	var q []string
	for _, s := range items {
		if s != "" {
			q = append(q, fmt.Sprintf("%q", s))
		}
	}
	if len(q) == 0 {
		return "no headers"
	}
	return strings.Join(q, ", ")
}

package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"fundsite/generator/config"
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
	{name: "fund", headers: []string{"fund", "fund name", "grant"}},
	{name: "programme", headers: programmeHeaders},
	{name: "year", headers: []string{"financial year", "year", "fy"}, required: true},
	{name: "area", headers: []string{"area", "area name", "recipient", "local authority", "council", "ics", "icb"}},
	{name: "area_code", headers: []string{"area code", "code", "ons code", "gss code"}},
	{name: "amount", headers: append([]string{"amount", "allocation", "value", "grant amount"}, amountHeaders...), required: true},
	{name: "area_type", headers: []string{"area type", "type"}},
	{name: "region", headers: []string{"region", "nhs region"}},
	{name: "tranche", headers: []string{"tranche", "instalment"}},
	{name: "status", headers: []string{"status"}},
	{name: "basis", headers: []string{"basis", "method"}},
	{name: "source", headers: []string{"source", "source url", "source address"}},
	{name: "notes", headers: []string{"notes", "note", "comments"}},
}

// amountHeaders are the amount headers publishers write, as read with
// their unit split off: "Award (£)", "Offer (£)", "£ Award offered",
// "Total allocation (£k)", "Amount Awarded". After each list's own, so a
// sheet that has both "Amount" and "Award" reads "Amount".
var amountHeaders = []string{"amount awarded", "award amount", "awarded", "award", "award offered", "amount offered",
	"offer", "offer amount", "grant awarded", "grant offered", "grant amount", "total allocation", "allocation amount", "allocation"}

// grantFields are a grant list's: one award a row. The recipient is the
// unit the site has a page for, unless area (or area_code) is mapped, as
// for a list of grants by local authority; area has no default header
// for that reason.
var grantFields = []field{
	{name: "fund", headers: []string{"fund", "fund name", "scheme", "funding stream"}},
	{name: "programme", headers: programmeHeaders},
	{name: "year", headers: []string{"financial year", "year", "fy"}},
	{name: "award_date", headers: []string{"award date", "date awarded", "date of award", "decision date", "date"}},
	{name: "recipient", headers: []string{"recipient", "recipient name", "organisation", "organisation name", "organization", "applicant", "applicant name", "grantee"}},
	{name: "recipient_id", headers: []string{"recipient identifier", "recipient id", "organisation identifier", "organisation id"}},
	{name: "identifier", headers: []string{"identifier", "grant identifier", "grant id", "grant reference", "reference"}},
	{name: "title", headers: []string{"title", "grant title", "project title", "project name", "activity name", "activity"}},
	{name: "description", headers: []string{"description", "purpose", "grant purpose"}},
	{name: "amount", headers: append([]string{"amount", "amount awarded", "award amount", "grant amount", "awarded", "value"}, amountHeaders...), required: true},
	{name: "funder", headers: []string{"funder", "funding organisation"}},
	{name: "funder_id", headers: []string{"funder identifier", "funder id"}},
	{name: "area"},
	{name: "area_code"},
	{name: "area_type"},
	{name: "region", headers: []string{"region"}},
	{name: "status", headers: []string{"status"}},
	{name: "source", headers: []string{"source", "source url", "source address"}},
	{name: "notes", headers: []string{"notes", "note", "comments"}},
}

// programmeHeaders name the part of a fund a row is in. A sheet with a
// programme column but no fund (by column or constant) reads the
// programme as the fund: see programmeAsFund.
var programmeHeaders = []string{"programme", "grant programme", "grant programme:title", "programme name", "programme title", "funding programme"}

var areaFields = []field{
	{name: "code", headers: []string{"code", "area code", "ons code", "gss code"}},
	{name: "name", headers: []string{"name", "area", "area name"}, required: true},
	{name: "type", headers: []string{"type", "area type", "geography"}},
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

// columnLetter is how site.toml names a column by its letter, for a sheet
// with two columns of the same title: amount = "column F".
var columnLetter = regexp.MustCompile(`(?i)^\s*column\s+([a-z]{1,3})\s*$`)

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

// headerSearch is how many rows from the top findHeader looks at.
const headerSearch = 50

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
	for i, r := range t.Rows[:min(len(t.Rows), headerSearch)] {
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

// mapper works out a source's columns, reporting what it cannot map at the
// sheet's header (for default headers) or at the site.toml line that
// asked for it (for columns = { … }).
type mapper struct {
	cfg      *config.Config
	src      config.Source
	problems *diag.List
	// under names the group of columns being mapped, in a sheet with
	// years merged over groups of columns; keys are the site.toml keys
	// its columns came from ("amount 2021/22" for amount).
	under string
	keys  map[string]string
}

// key is the site.toml key that mapped field name.
func (m mapper) key(name string) string {
	if k, ok := m.keys[name]; ok {
		return k
	}
	return name
}

// mapColumns works out which column holds each field, reporting missing
// required columns (with the headers found and the closest) and duplicates.
// A field given in constants needs no column.
func (m mapper) mapColumns(t *workbook.Table, header workbook.Row, fields []field, constants map[string]string) (columns, bool) {
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
		if o, set := m.src.Columns[f.name]; set {
			i, found := m.override(t, header, byHeader, c.headers, m.key(f.name), o)
			if found {
				c.index[f.name] = i
			}
			ok = ok && found
			continue
		}
		for _, h := range f.headers {
			cols := byHeader[h]
			if len(cols) > 1 {
				m.problems.Errorf(t.Loc(header.Num, cols[1]+1), "column %q appears twice (also in column %s); say which to read in site.toml, as in columns = { %s = \"column %s\" }, or rename one",
					strings.TrimSpace(header.Cells[cols[1]]), diag.ColumnName(cols[0]+1), f.name, diag.ColumnName(cols[1]+1))
				ok = false
			}
			if len(cols) > 0 {
				c.index[f.name] = cols[0]
				break
			}
		}
		_, constant := constants[f.name]
		if f.required && !c.has(f.name) && !constant {
			under := ""
			if m.under != "" {
				under = fmt.Sprintf(" under %q", m.under)
			}
			m.problems.Errorf(t.Loc(header.Num, 0), "no column %q%s; found %s%s", displayHeader(f.headers[0]), under,
				quoteList(c.headers), pasteLine(f, c.headers))
			ok = false
		}
	}
	m.populationOverrides(t, header, byHeader, &c)
	return c, ok
}

// override finds the column site.toml names for a field: by its title, or
// by its letter ("column F"). A title that two columns share, or one the
// sheet lacks, is an error at the site.toml line.
func (m mapper) override(t *workbook.Table, header workbook.Row, byHeader map[string][]int, headers []string, name, want string) (int, bool) {
	at := m.cfg.SourceLoc(m.src, "columns."+name)
	if l := columnLetter.FindStringSubmatch(want); l != nil {
		col := columnIndex(l[1])
		if col >= len(header.Cells) || strings.TrimSpace(header.Cells[col]) == "" {
			m.problems.Errorf(at, "columns: %s = %q, but %s!%s%d in the header is blank; is it the right column?", name, want, t.Sheet, strings.ToUpper(l[1]), header.Num)
			return 0, false
		}
		return col, true
	}
	cols := byHeader[workbook.NormaliseHeader(want)]
	switch {
	case len(cols) == 0:
		m.problems.Errorf(at, "columns: %s = %q, but %s: %s has no column %q; found %s%s", name, want, t.File, t.Sheet, want,
			quoteList(headers), diag.DidYouMean(want, headers))
		return 0, false
	case len(cols) > 1:
		var letters []string
		for _, i := range cols {
			letters = append(letters, diag.ColumnName(i+1))
		}
		m.problems.Errorf(at, "columns: %s = %q, but %s: %s has %d columns titled %q (%s); say which by its letter, as in %s = \"column %s\"",
			name, want, t.File, t.Sheet, len(cols), want, strings.Join(letters, ", "), name, letters[len(letters)-1])
		return 0, false
	}
	return cols[0], true
}

// populationOverrides reads columns = { "population 2020/21" = "All ages" }
// in an areas sheet: a population column whose title names no year.
func (m mapper) populationOverrides(t *workbook.Table, header workbook.Row, byHeader map[string][]int, c *columns) {
	if m.src.Kind != config.KindAreas {
		return
	}
	for key, want := range m.src.Columns {
		rest, ok := strings.CutPrefix(strings.ToLower(key), "population")
		if !ok || strings.TrimSpace(rest) == "" {
			continue
		}
		y, err := fyear.Parse(strings.Trim(rest, " _"))
		if err != nil {
			continue // reported with the other mappings
		}
		if i, found := m.override(t, header, byHeader, c.headers, key, want); found {
			c.population[i] = y
		}
	}
}

// columnIndex is the 0-based index of a column letter: "A" is 0, "AB" 27.
func columnIndex(letters string) int {
	n := 0
	for _, r := range strings.ToUpper(letters) {
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}

func displayHeader(h string) string { return strings.ToUpper(h[:1]) + h[1:] }

// pasteLine ends the message for a required column not found: the
// columns = { … } line that names it, to paste into the [[source]], with
// the likeliest of the headers found. The workbook is the publisher's: a
// message never asks for a header in it to be renamed.
func pasteLine(f field, found []string) string {
	likely := likeliestColumns(f, found)
	if len(likely) == 0 {
		return fmt.Sprintf(". Say which column holds the %s in site.toml, in its [[source]]: columns = { %s = \"…\" } with the column's title", fieldWords(f.name), f.name)
	}
	line := fmt.Sprintf(". If the %s is in %q, say so in site.toml, in its [[source]]: columns = { %s = %q }", fieldWords(f.name), likely[0], f.name, likely[0])
	if len(likely) > 1 {
		line += fmt.Sprintf(" (or name %s instead)", quoteList(likely[1:]))
	}
	return line
}

// amountWords are words an amount column's title is likely to hold.
var amountWords = []string{"amount", "award", "allocation", "grant", "offer", "value", "total", "funding", "paid", "payment", "budget", "spend", "expenditure"}

// likeliestColumns are the headers most likely to be the field's column,
// best first: for the amount, titles with a money unit or a money word
// (never a rate or a percentage); for any field, the title nearest one
// of its default headers.
func likeliestColumns(f field, found []string) []string {
	var out []string
	if f.name == "amount" {
		for _, h := range found {
			title, unit := workbook.SplitUnit(h)
			words := strings.ToLower(title)
			if h == "" || strings.Contains(unit, "/") || strings.Contains(words, " per ") || strings.Contains(unit+words, "%") {
				continue
			}
			if strings.Contains(unit, "£") || slices.ContainsFunc(amountWords, func(w string) bool { return strings.Contains(words, w) }) {
				out = append(out, h)
			}
		}
		return out[:min(len(out), 3)]
	}
	normal := make([]string, len(found))
	for i, h := range found {
		normal[i] = workbook.NormaliseHeader(h)
	}
	for _, w := range f.headers {
		if c := diag.Closest(w, normal); c != "" {
			return []string{found[slices.Index(normal, c)]}
		}
	}
	return nil
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

package ingest

import (
	"maps"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/workbook"
)

// giving360Fields are the 360Giving Data Standard's column titles: a file
// in that standard needs no mapping beyond naming it. Each grant's
// identifier stands as its tranche, so two grants to one recipient in a
// year stay two records.
var giving360Fields = []field{
	{name: "fund", headers: []string{"funding org:name", "grant programme:title"}},
	{name: "year", headers: []string{"award date"}, required: true},
	{name: "area", headers: []string{"recipient org:name", "recipient ind:name"}},
	{name: "area_code", headers: []string{"recipient org:identifier", "recipient ind:identifier"}},
	{name: "amount", headers: []string{"amount awarded"}, required: true},
	{name: "tranche", headers: []string{"identifier"}},
	{name: "source", headers: []string{"url", "data source"}},
	{name: "notes", headers: []string{"title"}},
}

// fieldsFor picks the fields a sheet is read with: a sheet headed the
// 360Giving way is read as 360Giving, whatever else is configured.
func fieldsFor(t *workbook.Table, src config.Source) []field {
	switch src.Kind {
	case config.KindFunds:
		return fundFields
	case config.KindAreas:
		return areaFields
	}
	if is360Giving(t, src.HeaderRow) {
		return giving360Fields
	}
	return allocationFields
}

// is360Giving looks for the two columns every 360Giving grants sheet has.
func is360Giving(t *workbook.Table, headerRow int) bool {
	h, ok := findHeader(t, giving360Fields, nil, headerRow)
	if !ok {
		return false
	}
	seen := map[string]bool{}
	for _, c := range t.Rows[h].Cells {
		seen[workbook.NormaliseHeader(c)] = true
	}
	return seen["amount awarded"] && seen["recipient org:name"]
}

// find360Sheet picks the grants sheet of a workbook in the 360Giving
// layout, whose other sheets repeat some of its columns (the standard's
// template has fifteen sheets).
func find360Sheet(w *workbook.Workbook, headerRow int) (string, bool) {
	for _, s := range w.Sheets() {
		if t, err := w.Read(s); err == nil && is360Giving(t, headerRow) {
			return s, true
		}
	}
	return "", false
}

// sheetByNumber picks a sheet by its 1-based position.
func sheetByNumber(w *workbook.Workbook, n int) (string, bool) {
	sheets := w.Sheets()
	if n < 1 || n > len(sheets) {
		return "", false
	}
	return sheets[n-1], true
}

// skipRows drops the rows the source says hold no figures.
func skipRows(rows []workbook.Row, skip []int) []workbook.Row {
	if len(skip) == 0 {
		return rows
	}
	return slices.DeleteFunc(slices.Clone(rows), func(r workbook.Row) bool { return slices.Contains(skip, r.Num) })
}

// findSourceHeader finds the header row. A wide sheet's header names few
// known columns, so there it is the first row naming one known column and
// one column to unpivot.
func findSourceHeader(t *workbook.Table, fields []field, src config.Source) (int, bool) {
	if src.Unpivot == nil || src.HeaderRow > 0 {
		return findHeader(t, fields, src.Columns, src.HeaderRow)
	}
	for i, r := range t.Rows[:min(len(t.Rows), 50)] {
		if len(wideColumns(r, src.Unpivot)) > 0 && knowsAColumn(r, fields, src.Columns) {
			return i, true
		}
	}
	// No row has both: take the first naming a known column, so that the
	// message names the columns to unpivot that are missing.
	i := slices.IndexFunc(t.Rows[:min(len(t.Rows), 50)], func(r workbook.Row) bool { return knowsAColumn(r, fields, src.Columns) })
	return i, i >= 0
}

// knowsAColumn reports whether a row names at least one field's column.
func knowsAColumn(r workbook.Row, fields []field, overrides map[string]string) bool {
	for _, c := range r.Cells {
		n := workbook.NormaliseHeader(c)
		for _, f := range fields {
			if o, ok := overrides[f.name]; ok && workbook.NormaliseHeader(o) == n {
				return true
			}
			if slices.Contains(f.headers, n) {
				return true
			}
		}
	}
	return false
}

// wideConstants lets mapColumns accept a wide sheet, which has no amount
// column and no column for the field that runs across the top.
func wideConstants(src config.Source) map[string]string {
	if src.Unpivot == nil {
		return src.Constants
	}
	c := maps.Clone(src.Constants)
	if c == nil {
		c = map[string]string{}
	}
	c["amount"], c[src.Unpivot.Field] = "", ""
	return c
}

// addWide reads a wide sheet: every unpivoted column is read as if it were
// the amount column of a long sheet, with its header as the year (or fund)
// of every record. Each record keeps its own cell as its place.
// A column headed "Source 2023/24" (or "Notes 2023/24", "Status 2023/24")
// gives that field for the "2023/24" column's records.
func (b *builder) addWide(t *workbook.Table, header workbook.Row, rows []workbook.Row, cols columns, src config.Source) {
	u := src.Unpivot
	wide := wideColumns(header, u)
	for _, want := range u.Columns {
		if !slices.ContainsFunc(wide, func(i int) bool { return sameLabel(header.Cells[i], want) }) {
			b.problems.Errorf(t.Loc(header.Num, 0), "no column %q to unpivot; found %s%s", want, quoteList(cols.headers),
				diag.DidYouMean(want, cols.headers))
		}
	}
	if len(wide) == 0 && len(u.Columns) == 0 {
		b.problems.Errorf(t.Loc(header.Num, 0), "no column is headed with a financial year (such as 2023/24) to unpivot; found %s", quoteList(cols.headers))
		return
	}
	fields := fieldsFor(t, src)
	for _, i := range wide {
		label := strings.TrimSpace(header.Cells[i])
		c := columns{index: maps.Clone(cols.index), headers: cols.headers}
		c.index["amount"] = i
		delete(c.index, u.Field)
		for _, f := range fields {
			if j, ok := pairedColumn(header, f, label); ok {
				c.index[f.name] = j
			}
		}
		constants := maps.Clone(src.Constants)
		if constants == nil {
			constants = map[string]string{}
		}
		constants[u.Field] = label
		b.addAllocations(t, rows, c, constants)
	}
}

// wideColumns lists the columns to unpivot: those named, or every column
// headed with a financial year.
func wideColumns(header workbook.Row, u *config.Unpivot) []int {
	var out []int
	for i, h := range header.Cells {
		switch {
		case len(u.Columns) > 0:
			if slices.ContainsFunc(u.Columns, func(want string) bool { return sameLabel(h, want) }) {
				out = append(out, i)
			}
		case u.Field == config.UnpivotYear:
			if _, err := fyear.Parse(strings.TrimSpace(h)); err == nil {
				out = append(out, i)
			}
		}
	}
	return out
}

// pairedColumn finds the column giving field f for the records of the
// column headed label: "Source 2023/24" for source and "2023/24".
func pairedColumn(header workbook.Row, f field, label string) (int, bool) {
	if f.name == "amount" {
		return 0, false
	}
	for j, h := range header.Cells {
		for _, alias := range f.headers {
			rest, ok := strings.CutPrefix(workbook.NormaliseHeader(h), alias+" ")
			if ok && sameLabel(rest, label) {
				return j, true
			}
		}
	}
	return 0, false
}

// sameLabel compares headers as text, or as years when both are years:
// "Source 2024/25" goes with a column headed "2024-25".
func sameLabel(a, b string) bool {
	ya, errA := fyear.Parse(a)
	yb, errB := fyear.Parse(b)
	if errA == nil && errB == nil {
		return ya == yb
	}
	return sameHeader(a, b)
}

func sameHeader(a, b string) bool { return workbook.NormaliseHeader(a) == workbook.NormaliseHeader(b) }

package ingest

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/workbook"
)

// giving360Fields are the 360Giving Data Standard's column titles: a file
// in that standard needs no mapping beyond naming it, and is read as a
// grant list whose identifiers, dates, recipients and funders are kept as
// the file gives them.
var giving360Fields = []field{
	{name: "fund", headers: []string{"funding org:name", "grant programme:title"}},
	{name: "award_date", headers: []string{"award date"}, required: true},
	{name: "recipient", headers: []string{"recipient org:name", "recipient ind:name"}},
	{name: "recipient_id", headers: []string{"recipient org:identifier", "recipient ind:identifier"}},
	{name: "amount", headers: []string{"amount awarded"}, required: true},
	{name: "identifier", headers: []string{"identifier"}},
	{name: "title", headers: []string{"title"}},
	{name: "description", headers: []string{"description"}},
	{name: "funder", headers: []string{"funding org:name"}},
	{name: "funder_id", headers: []string{"funding org:identifier"}},
	{name: "programme", headers: []string{"grant programme:title"}},
	{name: "source", headers: []string{"url", "data source"}},
}

// giving360All are the 360Giving fields and then a grant list's others,
// so a 360Giving file can map a column the standard does not have, such
// as a status.
var giving360All = func() []field {
	out := slices.Clone(giving360Fields)
	for _, f := range grantFields {
		if !slices.ContainsFunc(out, func(g field) bool { return g.name == f.name }) {
			out = append(out, f)
		}
	}
	return out
}()

// fieldsFor picks the fields a sheet is read with, and says whether the
// sheet is headed the 360Giving way: such a sheet is read as 360Giving,
// whatever else is configured.
func fieldsFor(t *workbook.Table, src config.Source) ([]field, bool) {
	switch src.Kind {
	case config.KindFunds:
		return fundFields, false
	case config.KindAreas:
		return areaFields, false
	}
	if is360Giving(t, src.HeaderRow) {
		return giving360All, true
	}
	if src.Kind == config.KindGrants {
		return grantFields, false
	}
	return allocationFields, false
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
		// The header is among the top rows (findHeader): the sheet chosen
		// is read whole once, later, and the others never.
		if t, err := w.Head(s, max(headerSearch, headerRow)); err == nil && is360Giving(t, headerRow) {
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
// one column to unpivot (or with the years in the row above it).
func findSourceHeader(t *workbook.Table, fields []field, src config.Source) (int, bool) {
	if src.Unpivot == nil || src.HeaderRow > 0 {
		return findHeader(t, fields, src.Columns, src.HeaderRow)
	}
	top := t.Rows[:min(len(t.Rows), headerSearch)]
	for i, r := range top {
		if knowsAColumn(r, fields, src.Columns) && (len(wideColumns(r, src.Unpivot)) > 0 || i > 0 && len(groupLabels(t.Rows[i-1], r, src.Unpivot)) > 0) {
			return i, true
		}
	}
	// No row has both: take the first naming a known column, so that the
	// message names the columns to unpivot that are missing.
	i := slices.IndexFunc(top, func(r workbook.Row) bool { return knowsAColumn(r, fields, src.Columns) })
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
	if src.Unpivot.Field == config.UnpivotYear {
		c["award_date"] = ""
	}
	return c
}

// addWide reads a wide sheet: every unpivoted column is read as if it were
// the amount column of a long sheet, with its header as the year (or fund)
// of every record. Each record keeps its own cell as its place.
// A column headed "Source 2023/24" (or "Notes 2023/24", "Status 2023/24")
// gives that field for the "2023/24" column's records.
func (b *builder) addWide(s *sheet, rows []workbook.Row) {
	u, t, header := s.src.Unpivot, s.t, s.header
	if s.groupedYears() {
		b.addGroups(s, rows, groupLabels(*s.above, header, u))
		return
	}
	wide := wideColumns(header, u)
	for _, want := range u.Columns {
		if !slices.ContainsFunc(wide, func(i int) bool { return sameLabel(header.Cells[i], want) }) {
			b.problems.Errorf(t.Loc(header.Num, 0), "no column %q to unpivot; found %s%s", want, quoteList(s.cols.headers),
				diag.DidYouMean(want, s.cols.headers))
		}
	}
	if len(wide) == 0 && len(u.Columns) == 0 {
		b.problems.Errorf(t.Loc(header.Num, 0), "no column is headed with a financial year (such as 2023/24) to unpivot; found %s", quoteList(s.cols.headers))
		return
	}
	for _, i := range wide {
		label := strings.TrimSpace(header.Cells[i])
		c := columns{index: maps.Clone(s.cols.index), headers: s.cols.headers}
		c.index["amount"] = i
		delete(c.index, u.Field)
		for _, f := range s.fields {
			if j, ok := pairedColumn(header, f, label); ok {
				c.index[f.name] = j
			}
		}
		b.addAllocations(s.with(c, u.Field, wideLabel(label, u)), rows)
	}
}

// wideLabel is the value a wide column's title gives its field: the year
// in "Portfolio grant 18/19 - £", or the whole title.
func wideLabel(title string, u *config.Unpivot) string {
	if u.Field == config.UnpivotYear {
		if y, ok := yearInTitle(title); ok {
			return y.String()
		}
	}
	return title
}

// group is the columns under one label of a row above the header: years in
// merged cells, each over its own Amount, Status and Source columns.
type group struct {
	label      string
	first, end int // columns [first, end)
}

// groupLabels finds the years (or the funds named in u.Columns) in the row
// above the header. A merged cell holds its text in its first column, so
// each label runs to the next; the last runs as wide as the first.
func groupLabels(above, header workbook.Row, u *config.Unpivot) []group {
	if above.Num != header.Num-1 {
		return nil
	}
	var out []group
	for i, c := range above.Cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		isLabel := slices.ContainsFunc(u.Columns, func(want string) bool { return sameLabel(c, want) })
		if len(u.Columns) == 0 && u.Field == config.UnpivotYear {
			_, isLabel = yearInTitle(c)
		}
		if !isLabel {
			if len(out) > 0 && out[len(out)-1].end == 0 {
				out[len(out)-1].end = i
			}
			continue
		}
		if len(out) > 0 && out[len(out)-1].end == 0 {
			out[len(out)-1].end = i
		}
		out = append(out, group{label: c, first: i})
	}
	if len(out) < 1 {
		return nil
	}
	last := &out[len(out)-1]
	if last.end == 0 {
		last.end = len(header.Cells)
		if len(out) > 1 {
			last.end = min(last.first+out[0].end-out[0].first, last.end)
		}
	}
	return out
}

// sharedHeader is the header with every group's titles blanked: the
// columns read once for every group's records.
func sharedHeader(s *sheet) workbook.Row {
	groups := groupLabels(*s.above, s.header, s.src.Unpivot)
	shared := workbook.Row{Num: s.header.Num, Cells: slices.Clone(s.header.Cells)}
	for i := range shared.Cells {
		if slices.ContainsFunc(groups, func(g group) bool { return i >= g.first && i < g.end }) {
			shared.Cells[i] = ""
		}
	}
	return shared
}

// addGroups reads a sheet with a label (a year) over several columns: the
// shared columns (s.cols) are read once for each group's records, with the
// group's own Amount, Status and other columns.
func (b *builder) addGroups(s *sheet, rows []workbook.Row, groups []group) {
	u, header := s.src.Unpivot, s.header
	if !b.checkGroupKeys(s, groups) {
		return
	}
	for _, g := range groups {
		m := mapper{cfg: b.cfg, src: s.src, problems: b.problems, under: g.label}
		// The shared columns are mapped already; these are the group's own.
		m.src.Columns, m.keys = groupColumns(s, groups, g)
		own := ownHeader(header, g)
		constants := maps.Clone(s.src.Constants)
		if constants == nil {
			constants = map[string]string{}
		}
		for name := range s.cols.index {
			constants[name] = "" // read from the shared column: not needed in the group
		}
		constants[u.Field] = ""
		cols, ok := m.mapColumns(s.t, own, s.fields, constants)
		if !ok {
			return
		}
		c := columns{index: maps.Clone(s.cols.index), headers: s.cols.headers}
		maps.Copy(c.index, cols.index)
		b.addAllocations(s.with(c, u.Field, wideLabel(g.label, u)), rows)
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
			if _, ok := yearInTitle(h); ok && !pairedTitle(h) {
				out = append(out, i)
			}
		}
	}
	return out
}

// yearToken is a financial year inside a title: "2023/24", "2023-2024",
// "18/19" (as the Arts Council writes "Portfolio grant 18/19 - £").
var yearToken = regexp.MustCompile(`(?i)(?:^|[^0-9])((?:fy\s*)?(\d{4}|\d{2})\s*[/–-]\s*(\d{2}|\d{4}))(?:$|[^0-9])`)

// yearInTitle finds the one financial year a column title names. A title
// naming none, two ("change from 17/18 to 18/19") or a span of years
// ("TOTAL 15/18") names no one year.
func yearInTitle(title string) (fyear.Year, bool) {
	if y, err := fyear.Parse(strings.TrimSpace(title)); err == nil {
		return y, true
	}
	found := yearToken.FindAllStringSubmatch(title, -1)
	if len(found) != 1 {
		return fyear.Year{}, false
	}
	start, end := found[0][2], found[0][3]
	if len(start) == 2 {
		n, _ := strconv.Atoi(start)
		century := 2000
		if n >= 50 {
			century = 1900
		}
		start = strconv.Itoa(century + n)
	}
	y, err := fyear.Parse(start + "/" + end)
	return y, err == nil
}

// pairedTitle reports whether a title gives a field for a year's figures
// ("Source 2023/24"), so is not itself a year's amounts.
func pairedTitle(title string) bool {
	n := workbook.NormaliseHeader(title)
	for _, f := range allocationFields {
		if !slices.Contains([]string{"source", "basis", "status", "notes", "tranche"}, f.name) {
			continue
		}
		for _, alias := range f.headers {
			if strings.HasPrefix(n, alias+" ") {
				return true
			}
		}
	}
	return false
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

// keyFields name a row's fund, area or recipient: a row with any of them
// filled in is data, whatever its amount says.
var keyFields = []string{"fund", "area", "area_code", "recipient", "name"}

// isSubHeader reports whether the row just under the header is a second
// header line, such as the units of each column, rather than data: its
// fund, area and recipient cells are blank and no cell in it is a number
// or a date. Such a row is skipped without a word, as the header is; the
// units it gives are read (amountScale), and refused when fundsite does
// not know them. The first row of data names its fund, area or recipient,
// so is never one: "£120,000*" there is refused at its cell, as it is one
// row lower.
func isSubHeader(s *sheet, r workbook.Row) bool {
	if r.Num != s.header.Num+1 {
		return false
	}
	for _, name := range keyFields {
		if text, _ := s.cols.cell(s.t, r, name); text != "" {
			return false
		}
	}
	for _, c := range r.Cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if isNumber(c) {
			return false
		}
		if _, ok := parseDate(c, false); ok {
			return false
		}
	}
	return true
}

package ingest

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/workbook"
)

// Where a sheet's table ends. Publishers put more under their data: a
// second table with its own header (NHS England's regions under its 42
// boards), an England total, notes, or several titled tables stacked one
// under another. rows = "3:46" says which rows form the table; without
// it, the table runs from its header down to the first of:
//
//   - two or more blank rows;
//   - one blank row, then a row with no number in it (a title or a new
//     header) that does not name an area or fund in a sheet of areas or
//     funds, whose rows need hold no number;
//   - a row repeating the header.
//
// The rows left out are always named in a warning, and rows under the
// gap that look like more of the same data (a name and numbers, not a
// total or a new header) are an error: fundsite does not guess which
// side of the gap they belong to.

// withinRows is the table cut to the rows site.toml's rows = "…" gives,
// or t itself.
func withinRows(t *workbook.Table, first, last int) *workbook.Table {
	out := *t
	out.Rows = nil
	for _, r := range t.Rows {
		if r.Num >= first && (last == 0 || r.Num <= last) {
			out.Rows = append(out.Rows, r)
		}
	}
	return &out
}

// rowsAbove are the whole sheet's rows above the header, where a title
// gives the sheet's units even when rows = "…" starts at the header.
func rowsAbove(t *workbook.Table, header int) []workbook.Row {
	for i, r := range t.Rows {
		if r.Num >= header {
			return t.Rows[:i]
		}
	}
	return t.Rows
}

// tableEnd cuts rows (those under the header) where the table ends,
// when site.toml does not say, and reports what it left out.
func (b *builder) tableEnd(s *sheet, rows []workbook.Row) []workbook.Row {
	if _, _, set := s.src.TableRows(); set {
		return rows
	}
	prev := s.header.Num
	for i, r := range rows {
		blank := r.Num - prev - 1
		prev = r.Num
		if i == 0 || slices.Contains(s.src.SkipRows, r.Num) {
			// A blank row under the header is only spacing, and a row
			// site.toml skips is neither data nor the table's end.
			continue
		}
		if blank >= 2 || blank == 1 && hasNoNumber(r) && !b.looksLikeData(s, r) || blank == 0 && repeatsHeader(s.header, r) {
			b.reportTableEnd(s, rows[:i], rows[i:])
			return rows[:i]
		}
	}
	return rows
}

// reportTableEnd names the rows read as the table and those left out; an
// error when some of those look like more of the table's data.
func (b *builder) reportTableEnd(s *sheet, read, rest []workbook.Row) {
	read, rest = skipRows(read, s.src.SkipRows), skipRows(rest, s.src.SkipRows)
	if len(read) == 0 || len(rest) == 0 {
		return
	}
	last := read[len(read)-1].Num
	next := rest[0].Num
	keep := fmt.Sprintf("rows = \"%d:%d\"", s.header.Num, last)
	var data []workbook.Row
	for _, r := range rest {
		if hasNoNumber(r) {
			break // a title or a new header: what follows is another table
		}
		if b.looksLikeData(s, r) {
			data = append(data, r)
		}
	}
	gap := rowsText(last+1, next-1) + ", which are blank"
	if next == last+1 {
		gap = fmt.Sprintf("row %d, which repeats the header", next)
	} else if next == last+2 {
		gap = fmt.Sprintf("row %d, which is blank", last+1)
	}
	loc := s.t.Loc(next, 0)
	if len(data) > 0 {
		b.problems.Errorf(loc, "the table under the header in row %d seems to end at row %d (then %s), but %s below look%s like more of its data; say which rows form the table: %s to leave %s out, or rows = \"%d:%d\" to read %s",
			s.header.Num, last, gap, rowNames(data), plural(len(data), "s", ""), keep, them(len(data)), s.header.Num, data[len(data)-1].Num, them(len(data)))
		return
	}
	end := rest[len(rest)-1].Num
	b.problems.Warnf(loc, "read %s as the table under the header in row %d; it ends at %s, and %s below %s not read (a second table, totals or notes). If they belong to the table, say which rows form it, as in rows = \"%d:%d\"; to keep this reading without this message, add %s to its [[source]]",
		rowsText(read[0].Num, last), s.header.Num, gap, rowsText(next, end), plural(end-next+1, "is", "are"), s.header.Num, end, keep)
}

// looksLikeData reports whether a row under the table's end names an
// area, fund or recipient and, in a sheet of figures, holds a number:
// the shape of the table's own rows, not a total, a title or a note.
func (b *builder) looksLikeData(s *sheet, r workbook.Row) bool {
	if _, _, total := totalRow(r); total {
		return false
	}
	named := false
	for _, name := range keyFields {
		if text, _ := s.cols.cell(s.t, r, name); text != "" {
			named = true
		}
	}
	listsOnly := s.src.Kind == config.KindAreas || s.src.Kind == config.KindFunds
	return named && (listsOnly || !hasNoNumber(r))
}

// hasNoNumber reports whether no cell of a row is a number: a title, a
// note or a header, never a row of figures.
func hasNoNumber(r workbook.Row) bool {
	for _, c := range r.Cells {
		if c = strings.TrimSpace(c); c != "" {
			if isNumber(c) {
				return false
			}
		}
	}
	return true
}

// repeatsHeader reports whether a row is the header again: at least two
// of its cells, and most of the header's, the same titles in the same
// columns.
func repeatsHeader(header, r workbook.Row) bool {
	titles, same := 0, 0
	for i, h := range header.Cells {
		if strings.TrimSpace(h) == "" {
			continue
		}
		titles++
		if i < len(r.Cells) && sameHeader(h, r.Cells[i]) {
			same++
		}
	}
	return same >= 2 && 2*same > titles
}

// rowsText is "row 57" or "rows 49–57".
func rowsText(first, last int) string {
	if first == last {
		return fmt.Sprintf("row %d", first)
	}
	return "rows " + rowSpan(first, last)
}

func rowSpan(first, last int) string {
	if first == last {
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d–%d", first, last)
}

// rowNames names rows in a message by number and first text: `row 455
// ("ENGLAND")`, or the first few and how many more.
func rowNames(rows []workbook.Row) string {
	var names []string
	for _, r := range rows[:min(3, len(rows))] {
		names = append(names, fmt.Sprintf("%d (%q)", r.Num, firstText(r)))
	}
	out := "row " + names[0]
	if len(rows) > 1 {
		out = "rows " + strings.Join(names, ", ")
	}
	if len(rows) > 3 {
		out += fmt.Sprintf(" and %d more", len(rows)-3)
	}
	return out
}

func firstText(r workbook.Row) string {
	for _, c := range r.Cells {
		if c = strings.TrimSpace(c); c != "" {
			return c
		}
	}
	return ""
}

func them(n int) string { return plural(n, "it", "them") }

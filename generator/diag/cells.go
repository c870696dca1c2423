package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SheetCells are the cells of one sheet that a figure of many rows came
// from, as runs: each run is one cell ("B57") or adjacent rows of one
// column ("B1203–B1207").
type SheetCells struct {
	File, Sheet string
	Runs        []string
	// Cells is how many cells the runs hold in all.
	Cells int
}

// GroupCells gathers cells by file and sheet, each sheet's in runs of
// adjacent rows of one column, by column and then row, without
// duplicates. Places that are not cells (no sheet, row or column) are
// left out. locs is not changed.
func GroupCells(locs []Loc) []SheetCells {
	cells := make([]Loc, 0, len(locs))
	for _, l := range locs {
		if l.Sheet != "" && l.Row > 0 && l.Col > 0 {
			cells = append(cells, Loc{File: l.File, Sheet: l.Sheet, Row: l.Row, Col: l.Col})
		}
	}
	byCell := func(a, b Loc) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Sheet, b.Sheet), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Row, b.Row))
	}
	// A figure's rows are often in sheet order already; sorting is the
	// costly part for the long lists.
	if !slices.IsSortedFunc(cells, byCell) {
		slices.SortFunc(cells, byCell)
	}
	cells = slices.Compact(cells)
	var out []SheetCells
	for i := 0; i < len(cells); {
		s := SheetCells{File: cells[i].File, Sheet: cells[i].Sheet}
		for i < len(cells) && cells[i].File == s.File && cells[i].Sheet == s.Sheet {
			first, last := cells[i], cells[i]
			for i+1 < len(cells) && cells[i+1].File == s.File && cells[i+1].Sheet == s.Sheet &&
				cells[i+1].Col == first.Col && cells[i+1].Row == last.Row+1 {
				i++
				last = cells[i]
			}
			run := first.Cell()
			if last != first {
				run += "–" + last.Cell()
			}
			s.Runs = append(s.Runs, run)
			s.Cells += last.Row - first.Row + 1
			i++
		}
		out = append(out, s)
	}
	return out
}

// String cites every run: "data/x.xlsx: CRF 1 Grants!B2, B57, B1203–B1207".
func (s SheetCells) String() string { return s.Short(len(s.Runs)) }

// Short cites the first n runs, and how many more cells there are:
// "data/x.xlsx: Grants!B2, B57 and 1,203 more cells".
func (s SheetCells) Short(n int) string {
	var b strings.Builder
	if s.File != "" {
		b.WriteString(s.File + ": ")
	}
	b.WriteString(s.Sheet + "!")
	shown := s.Runs[:min(n, len(s.Runs))]
	b.WriteString(strings.Join(shown, ", "))
	if rest := s.Cells - cellsIn(shown); rest > 0 {
		b.WriteString(" and " + count(rest) + " more " + plural(rest, "cell", "cells"))
	}
	return b.String()
}

func cellsIn(runs []string) int {
	n := 0
	for _, r := range runs {
		first, last, ok := strings.Cut(r, "–")
		if !ok {
			n++
			continue
		}
		n += rowOf(last) - rowOf(first) + 1
	}
	return n
}

// rowOf is the row number of a cell name: 57 for "B57".
func rowOf(cell string) int {
	n, _ := strconv.Atoi(strings.TrimLeft(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	return n
}

// CiteRuns is how many runs of cells a citation lists before it says how
// many more there are: enough for a figure of a few rows to cite them
// all, few enough that a national figure's note stays readable.
const CiteRuns = 12

// Cite words where a figure of many rows came from, one line per sheet,
// citing every cell: each sheet's runs of cells in full while the whole
// citation has at most limit runs; past that, each sheet's first runs and
// how many more cells it has, and a last line saying that every cell is
// listed in the download (each row's cell is in the site's downloads).
func Cite(locs []Loc, limit int) []string {
	sheets := GroupCells(locs)
	runs, cells := 0, 0
	for _, s := range sheets {
		runs += len(s.Runs)
		cells += s.Cells
	}
	out := make([]string, 0, len(sheets)+1)
	if runs <= limit {
		for _, s := range sheets {
			out = append(out, s.String())
		}
		return out
	}
	each := max(1, limit/len(sheets))
	for _, s := range sheets {
		out = append(out, s.Short(each))
	}
	return append(out, fmt.Sprintf("all %s cells are listed, row by row, in the download", count(cells)))
}

// count prints a count with thousands separators: "1,203".
func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

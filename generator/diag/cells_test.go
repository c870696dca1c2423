package diag

import (
	"slices"
	"testing"
)

func cellsAt(file, sheet string, col int, rows ...int) []Loc {
	var out []Loc
	for _, r := range rows {
		out = append(out, Loc{File: file, Sheet: sheet, Row: r, Col: col})
	}
	return out
}

// A figure of many rows cites every cell, in runs, one line per sheet;
// a long list gives its first runs, how many more, and where all are.
func TestCite(t *testing.T) {
	grants := cellsAt("data/crf.xlsx", "CRF 1 Grants", 2, 1207, 57, 2, 1203, 1204, 1205, 1206, 57)
	for _, tt := range []struct {
		name  string
		locs  []Loc
		limit int
		want  []string
	}{
		{"one cell", cellsAt("a.xlsx", "S", 6, 14), 12, []string{"a.xlsx: S!F14"}},
		{"runs, sorted, each cell once", grants, 12, []string{"data/crf.xlsx: CRF 1 Grants!B2, B57, B1203–B1207"}},
		{"two sheets", append(cellsAt("a.xlsx", "T", 1, 3), cellsAt("a.xlsx", "S", 8, 3, 4, 5, 9)...), 12,
			[]string{"a.xlsx: S!H3–H5, H9", "a.xlsx: T!A3"}},
		{"long", grants, 2, []string{"data/crf.xlsx: CRF 1 Grants!B2, B57 and 5 more cells", "all 7 cells are listed, row by row, in the download"}},
		{"not cells", []Loc{{File: "site.toml", Line: 3}}, 12, []string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cite(tt.locs, tt.limit); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	many := cellsAt("a.xlsx", "S", 2, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27)
	got := GroupCells(many)
	if len(got) != 1 || got[0].Cells != 14 || len(got[0].Runs) != 14 {
		t.Errorf("grouped %+v", got)
	}
	if s := got[0].Short(3); s != "a.xlsx: S!B1, B3, B5 and 11 more cells" {
		t.Errorf("short: %q", s)
	}
}

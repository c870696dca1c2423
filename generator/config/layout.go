package config

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fundsite/generator/diag"
)

// Fields a wide sheet can have across its top.
const (
	UnpivotYear = "year"
	UnpivotFund = "fund"
)

// validateLayout checks the settings that describe a sheet's layout.
func validateLayout(problems *diag.List, at diag.Loc, where string, s Source) {
	if s.SheetNumber < 0 {
		problems.Errorf(at, "%s: sheet_number %d must be 1 or more", where, s.SheetNumber)
	}
	if s.SheetNumber > 0 && s.Sheet != "" {
		problems.Errorf(at, "%s gives both sheet and sheet_number; keep one", where)
	}
	if s.HeaderRow < 0 {
		problems.Errorf(at, "%s: header_row %d must be 1 or more (or leave it out to find the header)", where, s.HeaderRow)
	}
	for _, r := range s.SkipRows {
		if r < 1 || (s.HeaderRow > 0 && r <= s.HeaderRow) {
			problems.Errorf(at, "%s: skip_rows holds %d, which is not a row below the header", where, r)
		}
	}
	validateRows(problems, at, where, s)
	if u := s.Unpivot; u != nil {
		switch {
		case s.Kind != KindAllocations && s.Kind != KindGrants:
			problems.Errorf(at, "%s: only allocations and grants sheets can be unpivoted", where)
		case !slices.Contains([]string{UnpivotYear, UnpivotFund}, u.Field):
			problems.Errorf(at, "%s: unpivot field %q must be year or fund%s", where, u.Field,
				diag.DidYouMean(u.Field, []string{UnpivotYear, UnpivotFund}))
		case u.Field == UnpivotFund && len(u.Columns) == 0:
			problems.Errorf(at, "%s: unpivot by fund needs columns = [the fund headers]", where)
		}
	}
}

// rowRange is how rows = "3:46" is written; "3-46" and "7:" too.
var rowRange = regexp.MustCompile(`^\s*(\d+)\s*(?:[:–-]\s*(\d*))?\s*$`)

// TableRows are the first and last rows of the table rows = "…" gives;
// last is 0 when the table runs to the end of the sheet, and ok false
// when rows is not set (or not valid, which Load reports).
func (s Source) TableRows() (first, last int, ok bool) {
	m := rowRange.FindStringSubmatch(s.Rows)
	if m == nil || !strings.Contains(s.Rows, ":") && !strings.ContainsAny(s.Rows, "-–") {
		return 0, 0, false
	}
	first, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		last, _ = strconv.Atoi(m[2])
	}
	return first, last, first > 0 && (last == 0 || last > first)
}

// validateRows checks rows = "3:46" and the settings it bounds.
func validateRows(problems *diag.List, at diag.Loc, where string, s Source) {
	if s.Rows == "" {
		return
	}
	first, last, ok := s.TableRows()
	if !ok {
		problems.Errorf(at, "%s: rows = %q must give the table's first and last rows, its header included, as in rows = \"3:46\" (or rows = \"3:\" to the end of the sheet)", where, s.Rows)
		return
	}
	inside := func(r int) bool { return r >= first && (last == 0 || r <= last) }
	if s.HeaderRow > 0 && !inside(s.HeaderRow) {
		problems.Errorf(at, "%s: header_row %d is outside rows = %q; the rows start with the table's header", where, s.HeaderRow, s.Rows)
	}
	for _, r := range s.SkipRows {
		if r > 0 && !inside(r) {
			problems.Errorf(at, "%s: skip_rows holds %d, which is outside rows = %q, so it is never read anyway", where, r, s.Rows)
		}
	}
}

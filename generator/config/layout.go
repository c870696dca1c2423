package config

import (
	"slices"

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

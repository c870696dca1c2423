package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/workbook"
)

// Years merged over groups of columns ("2021-22 financial year" over its
// own "Contracts handed back" and "Hours/week handed back"): site.toml
// names the column to read under each year by its title, which the
// groups repeat (amount = "Contracts handed back"), or by its letter
// under each year ("amount 2021/22" = "column C"). Such a mapping is a
// group's own, not a column shared by every year's records.

// yearKey reads a columns key naming one year's column: "amount 2021/22"
// is the amount under 2021/22.
func yearKey(key string) (field string, year fyear.Year, ok bool) {
	field, rest, cut := strings.Cut(strings.TrimSpace(key), " ")
	if !cut || isPopulationKey(key) {
		return "", fyear.Year{}, false
	}
	year, ok = yearInTitle(rest)
	return field, year, ok
}

// groupOwnKeys are the columns keys that name a column inside the
// groups: per-year keys, letters inside a group, and titles only the
// groups have. They are mapped group by group, not with the shared
// columns.
func groupOwnKeys(s *sheet, groups []group) map[string]bool {
	shared := sharedHeader(s)
	own := map[string]bool{}
	for key, want := range s.src.Columns {
		if _, _, ok := yearKey(key); ok {
			own[key] = true
			continue
		}
		if l := columnLetter.FindStringSubmatch(want); l != nil {
			own[key] = groupOf(groups, columnIndex(l[1])) >= 0
			continue
		}
		inShared := slices.ContainsFunc(shared.Cells, func(h string) bool { return sameHeader(h, want) })
		own[key] = !inShared && slices.ContainsFunc(s.header.Cells, func(h string) bool { return sameHeader(h, want) })
	}
	return own
}

// groupOf is the index of the group column col is in, or -1.
func groupOf(groups []group, col int) int {
	return slices.IndexFunc(groups, func(g group) bool { return col >= g.first && col < g.end })
}

// sharedColumns are site.toml's columns less the groups' own.
func sharedColumns(s *sheet, groups []group) map[string]string {
	own := groupOwnKeys(s, groups)
	out := map[string]string{}
	for k, v := range s.src.Columns {
		if !own[k] {
			out[k] = v
		}
	}
	return out
}

// checkGroupKeys refuses what cannot name one column under each year: a
// single letter, a per-year letter under another year, a year the sheet
// does not have. Each at its line in site.toml.
func (b *builder) checkGroupKeys(s *sheet, groups []group) bool {
	ok := true
	own := groupOwnKeys(s, groups)
	for _, key := range slices.Sorted(maps.Keys(s.src.Columns)) {
		if !own[key] {
			continue
		}
		want, at := s.src.Columns[key], b.cfg.SourceLoc(s.src, "columns."+key)
		_, year, perYear := yearKey(key)
		l := columnLetter.FindStringSubmatch(want)
		switch {
		case perYear && groupForYear(groups, year, s.src.Unpivot) < 0:
			b.problems.Errorf(at, "columns: %q names a year not merged over the header; the years are %s", key, quoteList(groupNames(groups)))
			ok = false
		case perYear && l != nil && groupOf(groups, columnIndex(l[1])) != groupForYear(groups, year, s.src.Unpivot):
			where := "outside every year"
			if g := groupOf(groups, columnIndex(l[1])); g >= 0 {
				where = fmt.Sprintf("under %q", groups[g].label)
			}
			b.problems.Errorf(at, "columns: %q = %q, but column %s is %s, not %s", key, want, strings.ToUpper(l[1]), where, year)
			ok = false
		case !perYear && l != nil:
			g := groups[groupOf(groups, columnIndex(l[1]))]
			title := strings.TrimSpace(cellAt(s.header, columnIndex(l[1])))
			b.problems.Errorf(at, "columns: %s = %q, but column %s is under %q only; to read the %s under every year, name its title, as in %s = %q, or give a column for each year: %s",
				key, want, strings.ToUpper(l[1]), g.label, fieldWords(key), key, title, perYearExample(s, groups, key, columnIndex(l[1])-g.first))
			ok = false
		}
	}
	return ok
}

// perYearExample is the per-year form of a letter: the column at the
// same place under each year.
func perYearExample(s *sheet, groups []group, field string, offset int) string {
	var parts []string
	for _, g := range groups {
		parts = append(parts, fmt.Sprintf("%q = \"column %s\"", field+" "+wideLabel(g.label, s.src.Unpivot), diag.ColumnName(g.first+offset+1)))
	}
	return strings.Join(parts, ", ")
}

// groupForYear is the index of the group whose label is year, or -1.
func groupForYear(groups []group, year fyear.Year, u *config.Unpivot) int {
	return slices.IndexFunc(groups, func(g group) bool { return wideLabel(g.label, u) == year.String() })
}

func groupNames(groups []group) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g.label)
	}
	return out
}

// groupColumns are the columns = { … } a group is mapped with: titles
// only the groups have, and the per-year keys for its own year, as the
// field they name.
func groupColumns(s *sheet, groups []group, g group) (cols, keys map[string]string) {
	own := groupOwnKeys(s, groups)
	cols, keys = map[string]string{}, map[string]string{}
	for key, want := range s.src.Columns {
		if !own[key] {
			continue
		}
		if field, year, ok := yearKey(key); ok {
			if wideLabel(g.label, s.src.Unpivot) == year.String() {
				cols[field], keys[field] = want, key
			}
			continue
		}
		if _, set := cols[key]; !set {
			cols[key], keys[key] = want, key
		}
	}
	return cols, keys
}

// ownHeader is the header with only group g's titles: the columns its
// records read beside the shared ones.
func ownHeader(header workbook.Row, g group) workbook.Row {
	own := workbook.Row{Num: header.Num, Cells: make([]string, len(header.Cells))}
	copy(own.Cells[g.first:g.end], header.Cells[g.first:g.end])
	return own
}

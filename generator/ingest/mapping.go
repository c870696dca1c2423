package ingest

import (
	"maps"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
)

// checkMapping refuses every setting of a source that would otherwise be
// dropped without a word: a field a sheet of its kind does not have, or
// one that has no effect beside the other sources. Each is reported at
// its line in site.toml. (A column that does not exist is reported as the
// columns are found.)
func (b *builder) checkMapping(s *sheet) {
	src := s.src
	names := fieldNames(s.fields)
	for _, key := range slices.Sorted(maps.Keys(src.Columns)) {
		at := b.cfg.SourceLoc(src, "columns."+key)
		switch {
		case isPopulationKey(key):
			b.checkPopulationKey(s, key, at)
		case isYearKey(src, key, names):
			// checked against the years over the header as it is read
		case !slices.Contains(names, key):
			b.problems.Errorf(at, "columns: %q is not something a%s %s sheet has; it can name %s%s",
				key, an(src.Kind), src.Kind, strings.Join(names, ", "), diag.DidYouMean(key, names))
		default:
			b.checkEffect(s, "columns", key, at)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(src.Constants)) {
		at := b.cfg.SourceLoc(src, "constants."+key)
		switch {
		case src.Kind == config.KindAreas || src.Kind == config.KindFunds:
			b.problems.Errorf(at, "constants: %q has no effect: constants are for allocations and grants sheets; give each %s its own cell instead",
				key, strings.TrimSuffix(src.Kind, "s"))
		case !slices.Contains(names, key):
			b.problems.Errorf(at, "constants: %q is not something a%s %s sheet has; it can give %s%s",
				key, an(src.Kind), src.Kind, strings.Join(names, ", "), diag.DidYouMean(key, names))
		default:
			b.checkEffect(s, "constants", key, at)
		}
	}
}

// checkEffect refuses a field that the other sources make pointless.
func (b *builder) checkEffect(s *sheet, setting, key string, at diag.Loc) {
	if key == "region" && b.areasGiven && s.src.Kind != config.KindAreas {
		b.problems.Errorf(at, "%s: region has no effect here: with an areas sheet, each area's region is the one the areas sheet gives. Give the regions there (a Region column), or remove region from this [[source]]", setting)
	}
}

// isPopulationKey is a columns key naming a population column:
// "population", or "population 2020/21".
func isPopulationKey(key string) bool { return strings.HasPrefix(strings.ToLower(key), "population") }

func (b *builder) checkPopulationKey(s *sheet, key string, at diag.Loc) {
	if s.src.Kind != config.KindAreas {
		b.problems.Errorf(at, "columns: %q has no effect in a%s %s sheet: populations are read from an areas sheet (kind = \"areas\"), as a column headed like \"Population 2023/24\"",
			key, an(s.src.Kind), s.src.Kind)
		return
	}
	rest := strings.Trim(strings.TrimPrefix(strings.ToLower(key), "population"), " _")
	if _, err := fyear.Parse(rest); err != nil {
		b.problems.Errorf(at, "columns: %q must say which financial year the population is for, as in \"population 2020/21\" = %q",
			key, s.src.Columns[key])
	}
}

func fieldNames(fields []field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.name
	}
	return out
}

// an is "n" before a kind starting with a vowel: "an areas sheet".
func an(kind string) string {
	if strings.ContainsAny(kind[:1], "aeiou") {
		return "n"
	}
	return ""
}

// isYearKey is a columns key naming a field's column under one year
// merged over the header: "amount 2021/22".
func isYearKey(src config.Source, key string, names []string) bool {
	field, _, ok := yearKey(key)
	return ok && src.Unpivot != nil && src.Unpivot.Field == config.UnpivotYear && slices.Contains(names, field)
}

// noYearKeys refuses per-year keys in a sheet whose years are not merged
// over groups of columns, where they would name nothing.
func (b *builder) noYearKeys(s *sheet) bool {
	ok := true
	for _, key := range slices.Sorted(maps.Keys(s.src.Columns)) {
		if isYearKey(s.src, key, fieldNames(s.fields)) {
			b.problems.Errorf(b.cfg.SourceLoc(s.src, "columns."+key), "columns: %q names a column under one year, but the sheet has no years merged over groups of columns above its header (row %d); name the column by its title or letter: %s = \"…\"",
				key, s.header.Num, strings.Fields(key)[0])
			ok = false
		}
	}
	return ok
}

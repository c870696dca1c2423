package config

import (
	"fmt"
	"regexp"
	"strings"

	"fundsite/generator/diag"
)

// Measures an amount column can hold.
const (
	MeasureMoney = "money"
	MeasureCount = "count"
)

// Rounding rules for amounts with more decimals than the measure keeps.
const (
	RoundPenny = "penny"
	RoundPound = "pound"
	RoundWhole = "whole"
)

// IsCount reports whether the source's amounts are counts, not money.
func (s Source) IsCount() bool { return s.Measure == MeasureCount }

// ReadsTotals reports whether a row labelled "Total" is a total to check
// rather than a row of data.
func (s Source) ReadsTotals() bool { return s.TotalRows == nil || *s.TotalRows }

// SourceLoc is the place in site.toml of key ("columns.amount", "round")
// in source s, or of the source's [[source]] line when the key is not
// written there.
func (c *Config) SourceLoc(s Source, key string) diag.Loc {
	if n, ok := s.lines[key]; ok {
		return diag.Loc{File: c.File, Line: n}
	}
	return diag.Loc{File: c.File, Line: s.Line}
}

// Written reports whether key was written in source s's block of site.toml.
func (s Source) Written(key string) bool {
	_, ok := s.lines[key]
	return ok
}

var (
	tableLine  = regexp.MustCompile(`^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$`)
	keyLine    = regexp.MustCompile(`^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=\s*(.*)$`)
	inlineKeys = regexp.MustCompile(`(?:^\{|,)\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=`)
)

// locateSources notes the line of each [[source]] and of each key set in
// it, so a message about a setting can name its line. Keys of a table
// under the source ([source.columns]) or of an inline table
// (columns = { amount = "…" }) are noted as "columns.amount".
func (c *Config) locateSources(text string) {
	i, table := -1, ""
	for n, line := range strings.Split(text, "\n") {
		if m := tableLine.FindStringSubmatch(line); m != nil {
			name := strings.ReplaceAll(m[1], " ", "")
			switch {
			case name == "source" && strings.Contains(line, "[["):
				i, table = i+1, ""
				if i < len(c.Sources) {
					c.Sources[i].Line = n + 1
					c.Sources[i].lines = map[string]int{}
				}
			case strings.HasPrefix(name, "source."):
				table = strings.TrimPrefix(name, "source.") + "."
			default:
				i = len(c.Sources) // past the sources: note nothing more
			}
			continue
		}
		m := keyLine.FindStringSubmatch(line)
		if m == nil || i < 0 || i >= len(c.Sources) {
			continue
		}
		key := table + unquote(m[1])
		c.Sources[i].lines[key] = n + 1
		if value := strings.TrimSpace(m[2]); strings.HasPrefix(value, "{") {
			for _, k := range inlineKeys.FindAllStringSubmatch(value, -1) {
				c.Sources[i].lines[key+"."+unquote(k[1])] = n + 1
			}
		}
	}
}

func unquote(key string) string {
	if strings.HasPrefix(key, `"`) {
		return strings.ReplaceAll(strings.Trim(key, `"`), `\"`, `"`)
	}
	return key
}

// validateMeasure checks measure, noun and round, which only make sense
// together.
func (c *Config) validateMeasure(problems *diag.List, where string, s Source) {
	switch s.Measure {
	case "", MeasureMoney, MeasureCount:
	default:
		problems.Errorf(c.SourceLoc(s, "measure"), "%s: measure %q must be money or count%s", where, s.Measure,
			diag.DidYouMean(s.Measure, []string{MeasureMoney, MeasureCount}))
	}
	if (s.Noun != Noun{}) && !s.IsCount() {
		problems.Errorf(c.SourceLoc(s, "noun"), "%s: noun names what a count counts; add measure = %q, or remove noun", where, MeasureCount)
	}
	rounds := []string{RoundPenny, RoundPound}
	if s.IsCount() {
		rounds = []string{RoundWhole}
	}
	if s.Round != "" && !containsFold(rounds, s.Round) {
		problems.Errorf(c.SourceLoc(s, "round"), "%s: round %q must be %s for %s%s", where, s.Round,
			strings.Join(quoted(rounds), " or "), map[bool]string{true: "a count", false: "money"}[s.IsCount()], diag.DidYouMean(s.Round, rounds))
	}
	if s.Kind != KindAllocations && s.Kind != KindGrants {
		for _, key := range []string{"measure", "noun", "round", "total_rows", "missing_values"} {
			if s.Written(key) {
				problems.Errorf(c.SourceLoc(s, key), "%s: %s is for allocations and grants sheets; a %s sheet has no amounts to read", where, key, s.Kind)
			}
		}
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func quoted(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

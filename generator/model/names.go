package model

import (
	"slices"
	"strings"
)

// areaKey is the form area names are compared in: what Slugify keeps, less
// the words that differ between one list and the next. "NHS Surrey
// Heartlands Integrated Care Board", "Surrey Heartlands ICB" and "Surrey
// Heartlands" all become "surrey-heartlands"; "Bristol, City of", "City of
// Bristol" and "Bristol City Council" become "bristol".
func areaKey(name string) string {
	words := strings.Split(Slugify(name), "-")
	trimmed := trimWords(words)
	if len(trimmed) == 0 {
		return strings.Join(words, "-") // "Council" alone stays itself
	}
	return strings.Join(trimmed, "-")
}

// ExactName is a name as written, less differences of case and spacing:
// the first thing a name is matched on, before areaKey's looser form, so
// "Wakefield Council" finds itself and not a recipient called "Wakefield".
func ExactName(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// AreaKey is areaKey for the reading side, which matches workbook names
// to areas the same way AreaByName does.
func AreaKey(name string) string { return areaKey(name) }

var (
	namePrefixes = [][]string{{"nhs"}, {"the"}, {"city", "of"}, {"london", "borough", "of"}, {"royal", "borough", "of"}}
	nameSuffixes = [][]string{
		{"integrated", "care", "board"}, {"integrated", "care", "system"}, {"icb"}, {"ics"},
		{"metropolitan", "borough", "council"}, {"borough", "council"}, {"county", "council"},
		{"city", "council"}, {"district", "council"}, {"council"}, {"city", "of"},
	}
)

// trimWords removes the prefixes and suffixes in turn until none is left.
func trimWords(words []string) []string {
	for changed := true; changed; {
		changed = false
		for _, p := range namePrefixes {
			if len(words) > len(p) && slices.Equal(words[:len(p)], p) {
				words, changed = words[len(p):], true
			}
		}
		for _, s := range nameSuffixes {
			if len(words) > len(s) && slices.Equal(words[len(words)-len(s):], s) {
				words, changed = words[:len(words)-len(s)], true
			}
		}
	}
	return words
}

// Finish puts a dataset the reading side has assembled into its stable
// order (areas and funds by name, allocations by fund, year, area and
// tranche), lists its years and regions, and indexes it for queries.
// Call it once, when every record is in.
func (d *Dataset) Finish() {
	if d.Units == (Noun{}) {
		d.Units = AreaUnits
	}
	d.counts = slices.ContainsFunc(d.Funds, func(f *Fund) bool { return f.Measure.Count })
	d.finish()
	d.buildIndex()
}

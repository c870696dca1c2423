package model

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
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

// FormDifference says, when a and b are two ways of writing one name in
// Unicode (a no-break space for a space, a ligature "ﬁ" for "fi",
// full-width letters, an accent typed apart from its letter), where they
// differ: they print alike, so a message naming both would otherwise
// show the same name twice. "" when they differ in more than form.
func FormDifference(a, b string) string {
	if a == b || norm.NFKC.String(a) != norm.NFKC.String(b) {
		return ""
	}
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	// The differing stretch runs to where the two end alike.
	ja, jb := len(ra), len(rb)
	for ja > i && jb > i && ra[ja-1] == rb[jb-1] {
		ja, jb = ja-1, jb-1
	}
	return fmt.Sprintf("the two are one name written in different Unicode forms: where %q has %s, %q has %s; retype one so both are the same",
		a, spell(ra[i:ja]), b, spell(rb[i:jb]))
}

// spell names characters by their code points and Unicode names.
func spell(rs []rune) string {
	if len(rs) == 0 {
		return "nothing"
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("U+%04X %s", r, runenames.Name(r)))
	}
	return strings.Join(parts, " and ")
}

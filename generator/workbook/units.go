package workbook

import (
	"regexp"
	"strings"
	"unicode"
)

// unitGroup is a parenthesised part of a header: "(£000s)", "(£ thousand)".
var unitGroup = regexp.MustCompile(`\(([^()]*)\)`)

// unitSigns start a unit: a currency or a percentage.
const unitSigns = "£$€¥%"

// scaleWords are the words that say a number is in thousands, millions and
// so on, with apostrophes and case dropped; "hundreds" is here so that
// "£ hundreds" is taken for a unit (and refused), not for a title.
var scaleWords = map[string]bool{
	"000": true, "000s": true, "k": true, "thousand": true, "thousands": true,
	"m": true, "mn": true, "million": true, "millions": true,
	"bn": true, "billion": true, "billions": true,
	"hundred": true, "hundreds": true,
}

// unitWords are what a bracket holds when it gives a unit without a sign:
// "(thousands)", "(GBP)", "(number)".
var unitWords = map[string]bool{
	"gbp": true, "pounds": true, "pound": true, "usd": true, "eur": true, "dollars": true, "euros": true,
	"number": true, "numbers": true, "no.": true, "count": true, "percent": true, "per cent": true,
	"thousands of pounds": true, "millions of pounds": true, "billions of pounds": true,
}

// UnitKey is a unit's text in the form fundsite compares: lower case,
// no apostrophes, single spaces. "£'000s" and "£000S" are both "£000s".
func UnitKey(unit string) string {
	unit = strings.NewReplacer("'", "", "’", "", "‘", "").Replace(strings.ToLower(unit))
	return strings.Join(strings.Fields(unit), " ")
}

// IsUnit reports whether text reads as a unit rather than a title: it
// holds a currency or percentage sign, or is a scale or unit word. A
// units row under the header is read with it, and so are brackets in a
// header.
func IsUnit(text string) bool {
	k := UnitKey(text)
	if k == "" {
		return false
	}
	if strings.ContainsAny(k, unitSigns) {
		return true
	}
	return scaleWords[strings.ReplaceAll(k, " ", "")] || unitWords[k]
}

// SplitUnit separates a header from the unit it gives its column:
// "Amount (£000s)" is "Amount" in "£000s", "2023/24 £k" is "2023/24" in
// "£k", "£ Awarded" is "Awarded" in "£", "Total allocation in £m" is
// "Total allocation" in "£m". unit is "" when the header gives none. The
// unit is as written; the reader decides whether it knows it.
func SplitUnit(header string) (title, unit string) {
	groups := unitGroup.FindAllStringSubmatchIndex(header, -1)
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		if inner := header[g[2]:g[3]]; IsUnit(inner) {
			return trimIn(header[:g[0]] + " " + header[g[1]:]), strings.TrimSpace(inner)
		}
	}
	if i := strings.LastIndexAny(header, unitSigns); i >= 0 {
		start, end := i, signedUnitEnd(header, i)
		return trimIn(header[:start] + " " + header[end:]), strings.TrimSpace(header[start:end])
	}
	for _, f := range strings.Fields(header) {
		if k := UnitKey(f); k != "k" && k != "m" && k != "hundred" && scaleWords[k] {
			return trimIn(strings.Replace(header, f, " ", 1)), f
		}
	}
	return header, ""
}

// signedUnitEnd is where a unit starting with a sign at header[i] ends:
// the sign and what is joined to it ("£000s", "£/head"), or, for a sign
// standing alone, the scale word after it ("£ thousands", "£ hundreds").
func signedUnitEnd(header string, i int) int {
	end := i
	for end < len(header) && !unicode.IsSpace(rune(header[end])) && (end == i || header[end] != ')') {
		end++
	}
	if end > i+len(string([]rune(header[i:])[0])) {
		return end // something joined to the sign
	}
	rest := strings.TrimLeft(header[end:], " ")
	word := rest
	if j := strings.IndexFunc(rest, unicode.IsSpace); j >= 0 {
		word = rest[:j]
	}
	switch k := UnitKey(word); {
	case k == "per": // "£ per head" is a rate, never an amount
		return len(header)
	case k != "" && scaleWords[k]:
		return len(header) - len(rest) + len(word)
	}
	return end
}

// isRate reports whether a unit is per something: "£/head", "£ per head".
func isRate(unit string) bool {
	return strings.Contains(unit, "/") || strings.Contains(UnitKey(unit), " per ")
}

// trimIn tidies a title with its unit taken out: "Total allocation in"
// is "Total allocation".
func trimIn(title string) string {
	title = strings.Join(strings.Fields(title), " ")
	if t, ok := strings.CutSuffix(title, " in"); ok {
		return t
	}
	return title
}

package model

import (
	"strings"

	"fundsite/generator/money"
)

// Noun is a word in the singular and the plural: "local authority",
// "local authorities".
type Noun struct{ One, Many string }

// Default units: what a site calls the places it has a page for when
// site.toml does not say.
var (
	AreaUnits      = Noun{"area", "areas"}
	RecipientUnits = Noun{"recipient", "recipients"}
)

// For is the word for n of them: "1 recipient", "3 recipients" need
// "recipient" and "recipients".
func (n Noun) For(count int64) string {
	if count == 1 || count == -1 {
		return n.One
	}
	return n.Many
}

// CompleteNoun fills in the singular or plural a setting left out, by the
// usual English rules: "council" and "councils", "authority" and
// "authorities". Irregular words need both given.
func CompleteNoun(n Noun) Noun {
	switch {
	case n.One == "" && n.Many == "":
	case n.Many == "":
		n.Many = Plural(n.One)
	case n.One == "":
		switch {
		case strings.HasSuffix(n.Many, "ies"):
			n.One = strings.TrimSuffix(n.Many, "ies") + "y"
		case strings.HasSuffix(n.Many, "s"):
			n.One = strings.TrimSuffix(n.Many, "s")
		default:
			n.One = n.Many
		}
	}
	return n
}

// Plural is the regular plural of a word: "councils", "authorities".
func Plural(word string) string {
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ay") && !strings.HasSuffix(word, "ey") && !strings.HasSuffix(word, "oy") {
		return word[:len(word)-1] + "ies"
	}
	return word + "s"
}

// Measure is what a fund's amounts are: money (the zero value), or a
// count of something ("contracts", "people"). Amounts are held the same
// way for both, as whole hundredths (money.Pence): pence for money,
// hundredths of one for a count, so sums, shares and ranks are exact for
// either and a count is never printed with £.
type Measure struct {
	Count bool
	// Noun is what a count counts; empty for money, or for a count with
	// no noun (printed as a bare number).
	Noun Noun
	// Round is the rounding the source asked for, for amounts with more
	// decimals than the measure keeps: "penny", "pound", "whole" or "".
	Round string
}

// Money is the measure of amounts of money, the default.
var Money = Measure{}

// Same reports whether amounts in m and o can be added together.
func (m Measure) Same(o Measure) bool { return m.Count == o.Count && m.Noun == o.Noun }

// Full prints an amount in full: "£1,234,567.89", "1,234 contracts".
func (m Measure) Full(v money.Pence) string {
	if !m.Count {
		return money.Full(v)
	}
	return m.withNoun(v, CountNumber(v))
}

// Short prints an amount the house way: "£1.2m", "1,234 contracts".
// Counts are never abbreviated: "1.2m people" reads as an estimate.
func (m Measure) Short(v money.Pence) string {
	if !m.Count {
		return money.Short(v)
	}
	return m.Full(v)
}

// ShortIn prints an amount the house way in a publisher's style:
// "£1.2m" or "£1.2 million"; counts as Short does.
func (m Measure) ShortIn(v money.Pence, style money.Style) string {
	if !m.Count {
		return style.Short(v)
	}
	return m.Full(v)
}

// Words prints an amount for reading aloud: "£1.2 million".
func (m Measure) Words(v money.Pence) string {
	if !m.Count {
		return money.Words(v)
	}
	return m.Full(v)
}

// Number prints a count without its noun ("1,234", "12.5"), or money in
// full.
func (m Measure) Number(v money.Pence) string {
	if !m.Count {
		return money.Full(v)
	}
	return CountNumber(v)
}

func (m Measure) withNoun(v money.Pence, number string) string {
	if m.Noun.Many == "" {
		return number
	}
	if v == 100 || v == -100 {
		return number + " " + m.Noun.One
	}
	return number + " " + m.Noun.Many
}

// CountNumber prints a count held in hundredths: "1,234", "12.5", "0.42".
func CountNumber(v money.Pence) string {
	s := strings.Replace(money.Full(v), "£", "", 1)
	if whole, frac, ok := strings.Cut(s, "."); ok {
		return whole + "." + strings.TrimRight(frac, "0")
	}
	return s
}

// Unit names the measure in a column heading: "£" or "contracts".
func (m Measure) Unit() string {
	switch {
	case !m.Count:
		return "£"
	case m.Noun.Many != "":
		return m.Noun.Many
	}
	return "number"
}

// RoundingNote says in a sentence how n rounded amounts were rounded,
// for a figure's note; "" when none was.
func (m Measure) RoundingNote(n int) string {
	if n == 0 {
		return ""
	}
	what := map[string]string{"penny": "to the nearest penny", "pound": "to the nearest pound", "whole": "to the nearest whole number"}[m.Round]
	if what == "" {
		what = "as the site's settings say"
	}
	if n == 1 {
		return "One amount used had more decimal places in the workbook and is rounded " + what + "."
	}
	return strings.Replace(money.Full(money.Pounds(int64(n))), "£", "", 1) + " amounts used had more decimal places in the workbook and are rounded " + what + "."
}

// MeasureOf is the one measure all rows share; false when they mix money
// and counts (or counts of different things), which cannot be added up.
// Datasets of money alone answer at once, whatever the number of rows.
func (d *Dataset) MeasureOf(rows []*Allocation) (Measure, bool) {
	if !d.counts {
		return Money, true
	}
	if len(rows) == 0 {
		return Money, true
	}
	m := rows[0].Fund.Measure
	seen := map[*Fund]bool{rows[0].Fund: true}
	for _, a := range rows[1:] {
		if seen[a.Fund] {
			continue
		}
		seen[a.Fund] = true
		if !a.Fund.Measure.Same(m) {
			return m, false
		}
	}
	return m, true
}

// Rounded counts the rows whose amount was rounded as read.
func Rounded(rows []*Allocation) int {
	n := 0
	for _, a := range rows {
		if a.Rounded {
			n++
		}
	}
	return n
}

package figures

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/model"
	"fundsite/generator/money"
)

// kind is what sort of number a figure is, which decides how it can print.
type kind int

const (
	kindMoney kind = iota
	kindCount
	kindPercent
	kindRank
	kindSpan
)

// value is a worked-out figure, exact, before it is printed.
type value struct {
	kind kind
	// pence is an amount in its measure's hundredths: pence for money,
	// hundredths of one for a count.
	pence   money.Pence
	measure model.Measure
	// exact amounts (per head) print in full by default: pennies matter.
	exact bool
	n     int64
	ratio model.Ratio
	text  string
}

// amountValue is an amount in the measure of the rows it came from.
func amountValue(p money.Pence, m model.Measure) value {
	return value{kind: kindMoney, pence: p, measure: m}
}

func countValue(n int) value { return value{kind: kindCount, n: int64(n)} }

// formats lists the formats that suit the value, the default first.
func (v value) formats() []string {
	switch v.kind {
	case kindMoney:
		if v.measure.Count {
			return []string{"short", "full", "words", "number"}
		}
		if v.exact {
			return []string{"full", "short", "words"}
		}
		return []string{"short", "full", "words"}
	case kindCount:
		return []string{"number", "words"}
	case kindPercent:
		return []string{"percent"}
	case kindRank:
		return []string{"ordinal", "number", "words"}
	}
	return []string{"span"}
}

// format prints the value; false when the format does not suit it.
func (v value) format(f string, style money.Style) (string, bool) {
	f = strings.ToLower(strings.TrimSpace(f))
	if f == "" {
		f = v.formats()[0]
	}
	if !slices.Contains(v.formats(), f) {
		return "", false
	}
	switch v.kind {
	case kindMoney:
		switch f {
		case "full":
			return v.measure.Full(v.pence), true
		case "words":
			if v.measure.Count && v.pence%100 == 0 && v.pence >= 0 && v.pence < 1000 {
				return strings.TrimSpace(CountWords(int64(v.pence/100)) + " " + v.measure.Noun.For(int64(v.pence/100))), true
			}
			return v.measure.Words(v.pence), true
		case "number":
			return v.measure.Number(v.pence), true
		}
		return v.measure.ShortIn(v.pence, style), true
	case kindCount:
		if f == "words" {
			return CountWords(v.n), true
		}
		return Number(v.n), true
	case kindPercent:
		return style.Percent(v.ratio.Percent()), true
	case kindRank:
		switch f {
		case "number":
			return Number(v.n), true
		case "words":
			return OrdinalWords(v.n), true
		}
		return Ordinal(v.n), true
	}
	return v.text, true
}

// machine is the exact value for <data value="…">, or "" when there is no
// single number to give.
func (v value) machine() string {
	switch v.kind {
	case kindMoney:
		if v.measure.Count {
			return strings.TrimSuffix(v.pence.Decimal(), ".00")
		}
		return v.pence.Decimal()
	case kindCount, kindRank:
		return fmt.Sprint(v.n)
	}
	return ""
}

// sameAmountHint helps when expect= gives the right amount in another
// format, e.g. expect="£530,000.00".
func (v value) sameAmountHint(expect string) string {
	if v.kind != kindMoney || v.measure.Count {
		return ""
	}
	if p, err := money.Parse(expect); err == nil && p == v.pence {
		return fmt.Sprintf(" (the same amount written another way: expect= must match the figure exactly as printed, or add format=%q)", "full")
	}
	return ""
}

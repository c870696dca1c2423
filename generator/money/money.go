// Package money holds amounts as exact integer pence and prints them in UK house style.
//
// Floats never touch an amount: cell text is parsed digit by digit, sums are
// integer sums, and rounding for display is done on integers.
package money

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Pence is an amount of money in pence. The zero value is £0.
type Pence int64

// Pounds makes an amount of whole pounds.
func Pounds(p int64) Pence { return Pence(p * 100) }

// ErrNotNumber, ErrTooPrecise and ErrTooLarge classify parse failures so callers can word them for readers.
var (
	ErrNotNumber  = errors.New("is not a number")
	ErrTooPrecise = errors.New("has more than 2 decimal places")
	ErrTooLarge   = errors.New("is too large")
)

// maxPounds keeps every sum of up to a billion rows inside int64.
const maxPounds = 1_000_000_000_000 // £1 trillion

// Parse reads an amount as a person or a spreadsheet writes it: "530000",
// "£530,000", "530000.00", "-12.5", "(12.50)", "4.26E+7". Thousands separators
// must be well placed. More than two decimal places is an error, except for
// float noise in a number Excel stored ("1234.5600000000001").
func Parse(s string) (Pence, error) { return ParseScaled(s, 0) }

// ParseScaled reads an amount written in a larger unit, 10^pow10 pounds:
// "120" with pow10 3 (a column in £000s) is £120,000, "1.2345" with pow10 6
// (£m) is £1,234,500. The scaling is exact, done on the decimal digits.
// A number Excel computed carries float noise in its last digits
// ("1.2344999999999999" for 1.2345); scaled up, that noise would reach the
// pence, so it is dropped first (see dropFloatNoise).
func ParseScaled(s string, pow10 int) (Pence, error) {
	orig := s
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		neg, s = !neg, strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−"))
	}
	s = strings.TrimPrefix(s, "£")
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("%q %w", orig, ErrNotNumber)
	}
	digits, exp, err := decimalDigits(s)
	if err != nil {
		return 0, fmt.Errorf("%q %w", orig, err)
	}
	if pow10 != 0 {
		digits, exp = dropFloatNoise(digits, exp)
		exp += pow10
	}
	p, err := toPence(digits, exp)
	if err != nil {
		return 0, fmt.Errorf("%q %w", orig, err)
	}
	if neg {
		p = -p
	}
	return p, nil
}

// decimalDigits turns "1,234.5" or "1.2345E+3" into the digit string "12345"
// and the power of ten to apply (-1), validating separators on the way.
func decimalDigits(s string) (string, int, error) {
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := parseExponent(s[i+1:])
		if err != nil {
			return "", 0, err
		}
		exp = e
	}
	intPart, frac, hasPoint := strings.Cut(mant, ".")
	if hasPoint && frac == "" && intPart == "" {
		return "", 0, ErrNotNumber
	}
	intPart, err := stripThousands(intPart)
	if err != nil {
		return "", 0, err
	}
	if intPart == "" && frac == "" {
		return "", 0, ErrNotNumber
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return "", 0, ErrNotNumber
		}
	}
	return intPart + frac, exp - len(frac), nil
}

func parseExponent(s string) (int, error) {
	sign := 1
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "-"):
		sign, s = -1, s[1:]
	}
	if s == "" || len(s) > 3 {
		return 0, ErrNotNumber
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, ErrNotNumber
		}
		n = n*10 + int(r-'0')
	}
	return sign * n, nil
}

// stripThousands removes commas only where they group digits in threes.
func stripThousands(s string) (string, error) {
	if !strings.Contains(s, ",") {
		return s, nil
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return "", ErrNotNumber
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", ErrNotNumber
		}
	}
	return strings.Join(groups, ""), nil
}

// toPence scales digits×10^exp to pence exactly.
func toPence(digits string, exp int) (Pence, error) {
	shift := exp + 2 // pence are 10^-2 pounds
	whole, rest := digits, ""
	if shift < 0 {
		if -shift >= len(digits) {
			whole, rest = "", strings.Repeat("0", -shift-len(digits))+digits
		} else {
			whole, rest = digits[:len(digits)+shift], digits[len(digits)+shift:]
		}
	} else {
		whole = digits + strings.Repeat("0", shift)
	}
	whole = strings.TrimLeft(whole, "0")
	roundUp := false
	if strings.Trim(rest, "0") != "" {
		up, ok := floatNoise(rest)
		if !ok {
			return 0, ErrTooPrecise
		}
		roundUp = up
	}
	if len(whole) > 16 {
		return 0, ErrTooLarge
	}
	var n int64
	for _, r := range whole {
		n = n*10 + int64(r-'0')
	}
	if roundUp {
		n++
	}
	if n > maxPounds*100 {
		return 0, ErrTooLarge
	}
	return Pence(n), nil
}

// dropFloatNoise rounds away the residue of binary floating point in a
// number with the 17 significant digits Excel writes for a computed
// double: a run of at least six 0s or 9s that reaches the last digit or
// the one before it. "1.2344999999999999" is 1.2345 and
// "0.30000000000000004" is 0.3. A double holds no more than 17 digits,
// so such a run is never a typed figure's own.
func dropFloatNoise(digits string, exp int) (string, int) {
	sig := strings.TrimLeft(digits, "0")
	if len(sig) < 17 {
		return digits, exp
	}
	body := sig[:len(sig)-1] // the last digit is the double's own rounding
	for _, d := range []byte{'0', '9'} {
		start := len(body)
		for start > 0 && body[start-1] == d {
			start--
		}
		if len(body)-start < 6 || start == 0 {
			continue
		}
		kept := sig[:start]
		if d == '9' {
			kept = addOne(kept)
		}
		return kept, exp + len(sig) - start
	}
	return digits, exp
}

// addOne adds one to a string of decimal digits: "129" is "130", "99" "100".
func addOne(digits string) string {
	b := []byte(digits)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// floatNoise reports whether sub-penny digits are the residue of binary
// floating point (a long run of 0s or 9s) rather than a typed fraction of a
// penny, and whether they round the penny up.
func floatNoise(rest string) (roundUp, ok bool) {
	const run = 6
	if len(rest) < run+1 {
		return false, false
	}
	switch {
	case strings.HasPrefix(rest, strings.Repeat("0", run)):
		return false, true
	case strings.HasPrefix(rest, strings.Repeat("9", run)):
		return true, true
	}
	return false, false
}

// String prints the full amount, e.g. "£42,600,000" or "£1,234.56".
func (p Pence) String() string { return Full(p) }

// Full prints every pound, with pence only when there are some: "£42,600,000", "£12.50".
func Full(p Pence) string {
	sign, abs := splitSign(p)
	s := sign + "£" + groupThousands(abs/100)
	if pence := abs % 100; pence != 0 {
		s += fmt.Sprintf(".%02d", pence)
	}
	return s
}

// Short prints an amount the way UK press releases do: "£42.6m", "£19.3m",
// "£530,000", "£1.2bn". Millions and billions take one decimal place at
// most, so the figures on a page share one precision (never "£340.62m"
// beside "£1.5m"). The unit is chosen after rounding, so £999,999.99
// prints as "£1m", never "£1,000,000" or "£1000k".
func Short(p Pence) string {
	sign, abs := splitSign(p)
	pounds := roundDiv(abs, 100)
	switch {
	case roundDiv(pounds, 100_000) >= 10_000: // at least £1,000.0m once rounded
		return sign + "£" + scaled(pounds, 1_000_000_000) + "bn"
	case pounds >= 1_000_000:
		return sign + "£" + scaled(pounds, 1_000_000) + "m"
	}
	return sign + "£" + groupThousands(pounds)
}

// Words spells a short amount for screen readers and plain-English text:
// "£42.6 million", "£530,000".
func Words(p Pence) string {
	s := Short(p)
	switch {
	case strings.HasSuffix(s, "bn"):
		return strings.TrimSuffix(s, "bn") + " billion"
	case strings.HasSuffix(s, "m"):
		return strings.TrimSuffix(s, "m") + " million"
	}
	return s
}

// scaled prints pounds/unit to one decimal place, a trailing zero dropped.
func scaled(pounds, unit int64) string {
	tenths := roundDiv(pounds, unit/10)
	s := groupThousands(tenths / 10)
	if frac := tenths % 10; frac != 0 {
		s += "." + string(rune('0'+frac))
	}
	return s
}

// Style is a publisher's house style for amounts and percentages, from
// site.toml: "£42.6m" or "£42.6 million", "2.7%" or "2.7 per cent".
// Downloads always carry plain numbers.
type Style struct {
	// Words writes "£42.6 million" where the default is "£42.6m".
	Words bool
	// PerCent writes "2.7 per cent" where the default is "2.7%".
	PerCent bool
}

// Short prints an amount in the house style.
func (s Style) Short(p Pence) string {
	if s.Words {
		return Words(p)
	}
	return Short(p)
}

// Percent prints a percentage ("2.7%") in the house style.
func (s Style) Percent(pct string) string {
	if s.PerCent && strings.HasSuffix(pct, "%") {
		return strings.TrimSuffix(pct, "%") + " per cent"
	}
	return pct
}

// roundDiv divides non-negative n by d, rounding half away from zero.
func roundDiv(n, d int64) int64 { return (n + d/2) / d }

func splitSign(p Pence) (string, int64) {
	if p < 0 {
		if p == math.MinInt64 {
			return "-", math.MaxInt64
		}
		return "-", int64(-p)
	}
	return "", int64(p)
}

func groupThousands(n int64) string {
	s := fmt.Sprintf("%d", n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Decimal prints the exact amount in pounds with two decimals and no symbol
// or separators ("42600000.00"): the form for CSV and JSON downloads.
func (p Pence) Decimal() string {
	sign, abs := splitSign(p)
	// By hand, not Sprintf: downloads and charts print every amount, a
	// national build over a million times.
	b := make([]byte, 0, 24)
	b = strconv.AppendInt(append(b, sign...), abs/100, 10)
	return string(append(b, '.', byte('0'+abs%100/10), byte('0'+abs%10)))
}

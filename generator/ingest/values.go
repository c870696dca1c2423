package ingest

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// builtinMissing are what workbooks write where a figure is not known.
// Such a cell is a missing figure, shown as missing and never counted as £0.
var builtinMissing = []string{"", "na", "n/a", "n.a.", "not given", "not available",
	"not known", "not applicable", "-", "–", "—", ".."}

// missingWords are the built-in words with those site.toml adds, for the
// whole site and for one source, in the form missingKey compares.
func missingWords(extra ...[]string) map[string]bool {
	words := map[string]bool{}
	for _, w := range builtinMissing {
		words[w] = true
	}
	for _, list := range extra {
		for _, w := range list {
			words[missingKey(w)] = true
		}
	}
	return words
}

func missingKey(text string) string { return strings.Join(strings.Fields(strings.ToLower(text)), " ") }

// isMissing reports whether an amount cell says the figure is not known.
func (s *sheet) isMissing(text string) bool { return s.missing[missingKey(text)] }

// isNumber reports whether text is a number as a person or a spreadsheet
// writes one, whatever its size or number of decimals ("33.523" in £k is
// a number, though not a whole number of pence): what tells a row of
// figures from a title or a header.
func isNumber(text string) bool {
	_, err := money.Parse(text)
	return err == nil || errors.Is(err, money.ErrTooPrecise) || errors.Is(err, money.ErrTooLarge)
}

// parseAmount reads an amount in the sheet's measure, rounding it as the
// source asks, and says whether it was rounded. Without a rounding rule,
// an amount with more decimals than the measure keeps is an error that
// says how to ask for one.
func (s *sheet) parseAmount(text string) (money.Pence, bool, error) {
	round := s.measure.Round
	// unit is the smallest step kept, in hundredths: a penny, or one.
	unit, places := money.Pence(1), 2
	if s.measure.Count || round == config.RoundPound {
		unit, places = 100, 0
	}
	pow := s.scale.pow10
	p, err := money.ParseScaled(text, pow)
	if errors.Is(err, money.ErrTooPrecise) && round != "" {
		// Rounded once, from the exact decimal: rounding to the penny
		// first would round 1.495 up to 2.
		p, err = roundExact(text, places, pow)
		if err != nil {
			return 0, false, err
		}
		return p * unit, true, nil
	}
	if err != nil {
		switch {
		case errors.Is(err, money.ErrTooPrecise) && pow > 0:
			return 0, false, fmt.Errorf("%q in %s is %s, which has a fraction of a penny; if the workbook shows it rounded, add round = %q to its [[source]] in site.toml",
				text, s.scale.label, exactScaled(text, pow), s.roundHint())
		case errors.Is(err, money.ErrTooPrecise):
			return 0, false, fmt.Errorf("%w; if the workbook shows it rounded, add round = %q to its [[source]] in site.toml", err, s.roundHint())
		}
		return 0, false, err
	}
	if p%unit == 0 {
		return p, false, nil
	}
	if round == "" {
		return 0, false, fmt.Errorf("%q is not a whole number; if the workbook shows it rounded, add round = %q to its [[source]] in site.toml", text, s.roundHint())
	}
	return roundTo(p, unit), true, nil
}

// notANumber says why a cell read as a number is not one when the
// workbook stores it as something other than a number or text: TRUE and
// FALSE read as 1 and 0, and must never count as £1.00 and £0.00.
func notANumber(r workbook.Row, loc diag.Loc) (string, bool) {
	col := loc.Col - 1
	typ, ok := r.Typed[col]
	if !ok || col < 0 {
		return "", false
	}
	switch text := cellAt(r, col); typ {
	case workbook.Boolean:
		word := "FALSE"
		if text == "1" {
			word = "TRUE"
		}
		return fmt.Sprintf("is %s, a true-or-false cell, not a number", word), true
	case "d":
		return fmt.Sprintf("is the date %s, not a number", text), true
	default:
		return fmt.Sprintf("is a cell of type %q, not a number", typ), true
	}
}

// roundHint is the rounding rule to suggest for the sheet's measure.
func (s *sheet) roundHint() string {
	if s.measure.Count {
		return config.RoundWhole
	}
	return config.RoundPenny
}

// roundExact reads a decimal with any number of places exactly, given in
// units of 10^pow10 (3 for £000s), and rounds it half away from zero to
// places decimal places, as hundredths.
func roundExact(text string, places, pow10 int) (money.Pence, error) {
	r, ok := exactDecimal(text)
	if !ok {
		return 0, fmt.Errorf("%q %w", text, money.ErrNotNumber)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places+pow10)), nil)))
	n, rem := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if twice := new(big.Int).Mul(new(big.Int).Abs(rem), big.NewInt(2)); twice.Cmp(r.Denom()) >= 0 {
		n.Add(n, big.NewInt(int64(r.Sign())))
	}
	if !n.IsInt64() {
		return 0, fmt.Errorf("%q %w", text, money.ErrTooLarge)
	}
	return money.Pence(n.Int64()), nil
}

// exactDecimal reads a number's text as an exact fraction.
func exactDecimal(text string) (*big.Rat, bool) {
	clean := strings.NewReplacer("£", "", ",", "", " ", "").Replace(strings.TrimSpace(text))
	return new(big.Rat).SetString(clean)
}

// exactScaled prints text×10^pow10 in pounds with every decimal it has,
// for a message: "£1,234.5678".
func exactScaled(text string, pow10 int) string {
	r, ok := exactDecimal(text)
	if !ok {
		return text
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(pow10)), nil)))
	whole, frac, _ := strings.Cut(strings.TrimRight(strings.TrimRight(r.FloatString(20), "0"), "."), ".")
	out := "£" + whole
	if n, ok := new(big.Int).SetString(strings.TrimPrefix(whole, "-"), 10); ok && n.IsInt64() && n.Int64() < 1e15 {
		out = money.Full(money.Pounds(n.Int64()))
		if strings.HasPrefix(whole, "-") {
			out = "-" + out
		}
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}

// roundTo rounds hundredths to a multiple of unit, half away from zero.
func roundTo(p, unit money.Pence) money.Pence {
	if p < 0 {
		return -roundTo(-p, unit)
	}
	return (p + unit/2) / unit * unit
}

// yearOf reads a financial year cell: "2023/24" and the other forms fyear
// knows, or a date (an Excel serial or text such as 13/03/2023), which
// stands for the financial year it falls in.
func yearOf(text string, date1904 bool) (fyear.Year, error) {
	y, err := fyear.Parse(text)
	if err == nil {
		return y, nil
	}
	if d, ok := parseDate(text, date1904); ok {
		return financialYear(d), nil
	}
	return fyear.Year{}, err
}

// financialYear is the year starting 1 April that d falls in.
func financialYear(d time.Time) fyear.Year {
	if d.Month() < time.April {
		return fyear.Of(d.Year() - 1)
	}
	return fyear.Of(d.Year())
}

// textDates are the ways people type dates; day before month, as in the UK.
var textDates = []string{
	"2/1/2006", "02/01/2006", "2-1-2006", "2.1.2006", "2006-01-02", "2006/01/02",
	"2 January 2006", "2 Jan 2006", "2-Jan-2006", "2-Jan-06", "January 2006",
	"2006-01-02T15:04:05", time.RFC3339, "2006-01-02 15:04:05",
}

// Serials this far apart are dates from 1927 to 2173: a bare number outside
// them is more likely a year or a typo than a date.
const minSerial, maxSerial = 10_000, 100_000

// parseDate reads an Excel date serial (in the workbook's date system) or a
// text date.
func parseDate(text string, date1904 bool) (time.Time, bool) {
	text = strings.TrimSpace(text)
	if n, err := strconv.ParseFloat(text, 64); err == nil {
		if !(n >= minSerial && n <= maxSerial) { // also rejects NaN
			return time.Time{}, false
		}
		return serialDate(int(n), date1904), true
	}
	for _, layout := range textDates {
		if d, err := time.Parse(layout, text); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// serialDate turns a whole-day serial into a date. The 1900 system counts
// from 1899-12-30 for every serial past Excel's phantom 29 February 1900;
// the 1904 system counts from 1 January 1904.
func serialDate(serial int, date1904 bool) time.Time {
	if date1904 {
		return time.Date(1904, time.January, 1+serial, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(1899, time.December, 30+serial, 0, 0, 0, 0, time.UTC)
}

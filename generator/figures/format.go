package figures

import (
	"fmt"
	"strings"

	"fundsite/generator/money"
)

// Number prints a whole number with thousands separators: "2,727,995".
func Number(n int64) string {
	return strings.Replace(money.Full(money.Pounds(n)), "£", "", 1)
}

var smallNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// CountWords spells counts up to nine in words, as house styles ask, and
// prints larger ones as numbers: "three", "42".
func CountWords(n int64) string {
	if n >= 0 && n < int64(len(smallNumbers)) {
		return smallNumbers[n]
	}
	return Number(n)
}

// Ordinal prints a place: "1st", "22nd", "13th".
func Ordinal(n int64) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

var smallOrdinals = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}

// OrdinalWords spells places up to ninth in words: "fifth", "12th".
func OrdinalWords(n int64) string {
	if n >= 1 && n < int64(len(smallOrdinals)) {
		return smallOrdinals[n]
	}
	return Ordinal(n)
}

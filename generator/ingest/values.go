package ingest

import (
	"strconv"
	"strings"
	"time"

	"fundsite/generator/fyear"
)

// missingWords are what workbooks write where a figure is not known. Such a
// cell is a missing figure, shown as missing and never counted as £0.
var missingWords = map[string]bool{
	"": true, "na": true, "n/a": true, "n.a.": true, "not given": true, "not available": true,
	"not known": true, "not applicable": true, "-": true, "–": true, "—": true, "..": true,
}

// isMissing reports whether an amount cell says the figure is not known.
func isMissing(text string) bool {
	return missingWords[strings.Join(strings.Fields(strings.ToLower(text)), " ")]
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

// Package fyear is the UK financial year (1 April to 31 March), written "2023/24".
package fyear

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Year is the financial year that starts on 1 April of Start. The zero value is not a year.
type Year struct{ Start int }

// Of makes the financial year starting in April of start.
func Of(start int) Year { return Year{Start: start} }

// IsZero reports whether y was never set.
func (y Year) IsZero() bool { return y.Start == 0 }

// String prints the house style, "2023/24".
func (y Year) String() string { return y.format('/') }

// Slug is the URL- and id-safe form, "2023-24".
func (y Year) Slug() string { return y.format('-') }

// format writes the start year, sep and the end year's last two digits. By
// hand, not Sprintf: a national build prints a year hundreds of thousands of
// times.
func (y Year) format(sep byte) string {
	end := (y.Start + 1) % 100
	if y.Start < 0 {
		return fmt.Sprintf("%d%c%02d", y.Start, sep, end) // not a year a workbook can hold
	}
	b := strconv.AppendInt(make([]byte, 0, 8), int64(y.Start), 10)
	return string(append(b, sep, byte('0'+end/10), byte('0'+end%10)))
}

// Next is the following financial year.
func (y Year) Next() Year { return Year{y.Start + 1} }

// Before orders years.
func (y Year) Before(o Year) bool { return y.Start < o.Start }

// MarshalText lets years be JSON keys and values in house style.
func (y Year) MarshalText() ([]byte, error) { return []byte(y.String()), nil }

// UnmarshalText accepts every form Parse does.
func (y *Year) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*y = v
	return nil
}

var (
	twoPart = regexp.MustCompile(`^(?:FY\s*)?(\d{4})\s*(?:/|-|–|TO)\s*(\d{2}|\d{4})$`)
	fyOnly  = regexp.MustCompile(`^FY\s*(\d{2}|\d{4})$`)
)

// Parse reads "2023/24", "2023-24", "2023-2024", "2023 to 2024", "FY2024" or
// "FY24" (a year named FY is the one that ends in it, as HM Treasury writes them).
func Parse(s string) (Year, error) {
	t := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	if t == "" {
		return Year{}, errors.New("financial year is blank")
	}
	if m := twoPart.FindStringSubmatch(t); m != nil {
		start, _ := strconv.Atoi(m[1])
		end, _ := strconv.Atoi(m[2])
		if len(m[2]) == 2 {
			end += start / 100 * 100
			if end < start {
				end += 100
			}
		}
		if end != start+1 {
			return Year{}, fmt.Errorf("financial year %q must run from one year into the next, e.g. %d/%02d", s, start, (start+1)%100)
		}
		return checkRange(s, start)
	}
	if m := fyOnly.FindStringSubmatch(t); m != nil {
		end, _ := strconv.Atoi(m[1])
		if len(m[1]) == 2 {
			end += 2000
		}
		return checkRange(s, end-1)
	}
	return Year{}, fmt.Errorf("financial year %q is not in a form we know; write it like 2023/24", s)
}

func checkRange(s string, start int) (Year, error) {
	if start < 1900 || start > 2199 {
		return Year{}, fmt.Errorf("financial year %q is out of range", s)
	}
	return Year{start}, nil
}

// Span prints a run of years: "2023/24", or "2023/24 to 2024/25".
func Span(first, last Year) string {
	if first == last {
		return first.String()
	}
	return first.String() + " to " + last.String()
}

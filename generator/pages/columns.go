package pages

import (
	"reflect"

	"fundsite/generator/figures"
)

// Filled says which columns of a table have a value in some row, by the
// name of the row's field ("Share", "Identifier"): a table prints only
// those, as a column empty on every row tells a reader nothing and makes
// them wonder what is missing.
type Filled map[string]bool

// filledColumns works out Filled for rows of a struct type: a field is
// filled when some row's value of it is not its zero value ("", 0, nil).
func filledColumns[T any](rows []T) Filled {
	out := Filled{}
	for _, r := range rows {
		v := reflect.Indirect(reflect.ValueOf(r))
		if v.Kind() != reflect.Struct {
			continue
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && !out[f.Name] && !v.Field(i).IsZero() {
				out[f.Name] = true
			}
		}
	}
	return out
}

// Count is a number of things, printed in house style with thousands
// separators ("1,382") wherever a page shows it.
type Count int

func (c Count) String() string { return figures.Number(int64(c)) }

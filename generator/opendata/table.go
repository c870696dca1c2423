// Package opendata turns the dataset into download tables (allocations,
// areas, funds, and a 360Giving export) and encodes them as CSV and JSON, so
// every number on the site can be reused without copying it off a page.
package opendata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"regexp"

	"fundsite/generator/csvout"
)

// Kind says how a column's cells read in JSON.
type Kind int

const (
	Text Kind = iota
	// Money cells hold an exact decimal amount in pounds ("530000.00") and
	// are written as JSON numbers, digit for digit.
	Money
	// Number cells hold a plain number (a count, a percentage), written as
	// a JSON number.
	Number
)

// Column is a column of a download: its CSV header and its JSON key.
type Column struct {
	Header string
	Key    string
	Kind   Kind
}

// Table is one download: a title a reader recognises and its rows, every
// cell formatted as text.
type Table struct {
	// Name is the file stem: "allocations" is allocations.csv and .json.
	Name        string
	Title       string
	Description string
	Columns     []Column
	// Len is how many Rows there are. A row may be made when it is
	// written, not held: a national dataset's allocations and 360Giving
	// tables, held whole as text, were tens of megabytes each.
	Len  int
	Rows iter.Seq[[]string]
}

// Meta is what every JSON download says about where it came from.
type Meta struct {
	Publisher  string
	Licence    string
	LicenceURL string
	DataAsAt   string
	Version    string
}

// Headers are the CSV headers, in order.
func (t Table) Headers() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Header
	}
	return out
}

// WriteCSV writes the table as CSV that opens in Excel with £ intact.
func (t Table) WriteCSV(w io.Writer) error { return csvout.Write(w, t.Headers(), t.Rows) }

// WriteJSON writes the table as an object: what it is, where it came
// from, the fields, and one object per row with keys in column order. A
// national table is written as it is made, never held whole.
func (t Table) WriteJSON(w io.Writer, m Meta) error {
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("{\n")
	for _, kv := range [][2]string{
		{"title", t.Title}, {"description", t.Description}, {"publisher", m.Publisher},
		{"licence", m.Licence}, {"licence_url", m.LicenceURL}, {"data_as_at", m.DataAsAt}, {"data_version", m.Version},
	} {
		fmt.Fprintf(b, "  %s: %s,\n", quote(kv[0]), quote(kv[1]))
	}
	b.WriteString("  \"fields\": [")
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "\n    {\"key\": %s, \"header\": %s, \"type\": %s}", quote(c.Key), quote(c.Header), quote(c.Kind.jsonType()))
	}
	b.WriteString("\n  ],\n  \"rows\": [")
	keys := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		keys[i] = quote(c.Key) + ": "
	}
	i := 0
	for row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("%s: row %d has %d cells for %d columns", t.Name, i+1, len(row), len(t.Columns))
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    {")
		for j, cell := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			v, err := t.Columns[j].value(cell)
			if err != nil {
				return fmt.Errorf("%s: row %d, %s: %w", t.Name, i+1, t.Columns[j].Header, err)
			}
			b.WriteString(keys[j])
			b.WriteString(v)
		}
		b.WriteString("}")
		i++
	}
	b.WriteString("\n  ]\n}\n")
	return b.Flush()
}

func (k Kind) jsonType() string {
	if k == Text {
		return "string"
	}
	return "number"
}

// value is a cell as a JSON value: numbers as written, never through a
// float, so an amount in the JSON is the amount in the CSV; blank is null.
func (c Column) value(cell string) (string, error) {
	if c.Kind == Text {
		return quote(cell), nil
	}
	if cell == "" {
		return "null", nil
	}
	if !number.MatchString(cell) {
		return "", fmt.Errorf("%q is not a number", cell)
	}
	return cell, nil
}

var number = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// quote writes s as a JSON string. Most cells are plain ASCII that needs
// no escaping, so those skip encoding/json, the slow part of a large file.
func quote(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // a string always marshals
			return string(b)
		}
	}
	return `"` + s + `"`
}

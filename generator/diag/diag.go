// Package diag reports problems in a user's inputs: where (file, sheet and
// cell, or file, line and column) and what, in words a comms team can act on.
// A build collects every problem before it stops, so one run shows them all.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Loc is a place in the inputs. Workbook places have Sheet and Row/Col
// (1-based); text places have Line/Column. Zero fields are unknown.
type Loc struct {
	File   string
	Sheet  string
	Row    int
	Col    int
	Line   int
	Column int
}

// Cell names a workbook cell the way Excel does: "F14".
func (l Loc) Cell() string {
	switch {
	case l.Row > 0 && l.Col > 0:
		return ColumnName(l.Col) + fmt.Sprint(l.Row)
	case l.Row > 0:
		return fmt.Sprintf("row %d", l.Row)
	case l.Col > 0:
		return "column " + ColumnName(l.Col)
	}
	return ""
}

// String prints "funding.xlsx: Allocations!F14" or "content/x.md:12:5".
func (l Loc) String() string {
	var b strings.Builder
	b.WriteString(l.File)
	switch {
	case l.Sheet != "":
		b.WriteString(": " + l.Sheet)
		if c := l.Cell(); c != "" {
			if l.Row > 0 && l.Col > 0 {
				b.WriteString("!" + c)
			} else {
				b.WriteString(" " + c)
			}
		}
	case l.Line > 0:
		fmt.Fprintf(&b, ":%d", l.Line)
		if l.Column > 0 {
			fmt.Fprintf(&b, ":%d", l.Column)
		}
	}
	return b.String()
}

// ColumnName turns 1 into "A" and 28 into "AB".
func ColumnName(col int) string {
	var s []byte
	for col > 0 {
		col--
		s = append([]byte{byte('A' + col%26)}, s...)
		col /= 26
	}
	return string(s)
}

// Severity separates what stops a build from what only deserves a look.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Loc      Loc
	Severity Severity
	Message  string
}

func (d Diagnostic) String() string {
	prefix := ""
	if d.Severity == Warning {
		prefix = "warning: "
	}
	if loc := d.Loc.String(); loc != "" {
		return loc + ": " + prefix + d.Message
	}
	return prefix + d.Message
}

// List gathers diagnostics from every stage of a build.
type List struct{ items []Diagnostic }

// Errorf records an error at loc.
func (l *List) Errorf(loc Loc, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Loc: loc, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at loc.
func (l *List) Warnf(loc Loc, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Loc: loc, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Merge appends another list's diagnostics.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// HasErrors reports whether anything would stop the build.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sorted returns the diagnostics in reading order (file, sheet, row, column,
// line), errors before warnings at the same place, duplicates removed.
func (l *List) Sorted() []Diagnostic {
	out := slices.Clone(l.items)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Loc.File, b.Loc.File),
			cmp.Compare(a.Loc.Sheet, b.Loc.Sheet),
			cmp.Compare(a.Loc.Row, b.Loc.Row),
			cmp.Compare(a.Loc.Col, b.Loc.Col),
			cmp.Compare(a.Loc.Line, b.Loc.Line),
			cmp.Compare(a.Loc.Column, b.Loc.Column),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(out)
}

// Errors returns only the sorted errors.
func (l *List) Errors() []Diagnostic {
	return slices.DeleteFunc(l.Sorted(), func(d Diagnostic) bool { return d.Severity != Error })
}

// Report prints the diagnostics, at most perGroup for each file and sheet,
// with a count of the rest ("…and 212 more in funding.xlsx: Allocations").
func (l *List) Report(perGroup int) string {
	var b strings.Builder
	type group struct{ file, sheet string }
	shown := map[group]int{}
	hidden := map[group]int{}
	var order []group
	for _, d := range l.Sorted() {
		g := group{d.Loc.File, d.Loc.Sheet}
		if _, seen := shown[g]; !seen {
			order = append(order, g)
		}
		if shown[g] >= perGroup && perGroup > 0 {
			hidden[g]++
			continue
		}
		shown[g]++
		b.WriteString(d.String() + "\n")
	}
	for _, g := range order {
		if n := hidden[g]; n > 0 {
			where := g.file
			if g.sheet != "" {
				where += ": " + g.sheet
			}
			fmt.Fprintf(&b, "…and %d more in %s\n", n, where)
		}
	}
	return b.String()
}

// Len counts the diagnostics recorded so far.
func (l *List) Len() int { return len(l.items) }

// Err turns the errors into one error value, or nil when there are none.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &Failure{List: l}
}

// Failure is the error a build returns when its inputs have problems.
type Failure struct{ List *List }

func (f *Failure) Error() string {
	n := len(f.List.Errors())
	if n == 1 {
		return "1 problem in the inputs:\n" + f.List.Report(20)
	}
	return fmt.Sprintf("%d problems in the inputs:\n%s", n, f.List.Report(20))
}

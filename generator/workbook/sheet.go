package workbook

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetReader reads a worksheet's XML in one strict pass, into rows of raw
// cell text as excelize's row stream gives them with RawCellValue (numbers
// as stored, shared and inline strings resolved). One pass of our own, not
// excelize's Rows, because that stream stops without an error at the first
// malformed XML (a damaged sheet would read as a shorter, valid one) and
// reads a formula with no saved result as a blank; checking both took a
// second pass over the XML, and the two passes were most of a build's
// reading time (3.8 s of a 100,000-row workbook; one pass: see
// BenchmarkRead).
type sheetReader struct {
	shared  []string // the workbook's shared strings, for t="s" cells
	maxRows int
	rows    []Row

	row      Row  // the row being read
	inRow    bool // between <row> and </row>
	lastRow  int  // the number of the last row started
	lastCol  int  // the 1-based column of the last cell in the row
	cell     cell
	elements []string // open elements, innermost last
}

// cell is what one <c> element holds so far.
type cell struct {
	ref, typ   string
	col        int
	formula    strings.Builder
	value      strings.Builder
	inline     strings.Builder // text of <is>'s runs
	hasF, hasV bool
	hasInline  bool
}

// read walks the sheet's tokens; lastRow is the last row started before any
// error, for messages.
func (s *sheetReader) read(d *xml.Decoder) (err error) {
	for {
		// RawToken skips namespace translation, the costly part of Token;
		// the element stack does Token's other job, matching end tags.
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if len(s.elements) > 0 {
				return fmt.Errorf("the XML ends inside <%s>", s.elements[len(s.elements)-1])
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			s.elements = append(s.elements, t.Name.Local)
			if err := s.start(t); err != nil {
				return err
			}
		case xml.CharData:
			s.text(t)
		case xml.EndElement:
			if len(s.elements) == 0 || s.elements[len(s.elements)-1] != t.Name.Local {
				return fmt.Errorf("</%s> closes no open element", t.Name.Local)
			}
			s.elements = s.elements[:len(s.elements)-1]
			if err := s.end(t.Name.Local); err != nil {
				return err
			}
		}
	}
}

// parent is the local name of the element enclosing the innermost one.
func (s *sheetReader) parent() string {
	if len(s.elements) < 2 {
		return ""
	}
	return s.elements[len(s.elements)-2]
}

func (s *sheetReader) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "row":
		return s.startRow(t)
	case "c":
		if !s.inRow {
			return nil
		}
		s.cell.ref, s.cell.typ = attr(t, "r"), attr(t, "t")
		s.cell.hasF, s.cell.hasV, s.cell.hasInline = false, false, false
		s.cell.formula.Reset()
		s.cell.value.Reset()
		s.cell.inline.Reset()
		s.cell.col = s.lastCol + 1
		if s.cell.ref != "" {
			col, _, err := excelize.CellNameToCoordinates(s.cell.ref)
			if err != nil {
				return fmt.Errorf("row %d: %w", s.lastRow, err)
			}
			s.cell.col = col
		}
	case "f":
		s.cell.hasF = true
	case "v":
		s.cell.hasV = true
	case "is":
		s.cell.hasInline = true
	}
	return nil
}

func (s *sheetReader) startRow(t xml.StartElement) error {
	num := s.lastRow + 1
	if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
		num = n
	}
	if num <= s.lastRow {
		return fmt.Errorf("row %d comes after row %d", num, s.lastRow)
	}
	if num > s.maxRows {
		return errTooManyRows
	}
	hidden, _ := strconv.ParseBool(attr(t, "hidden"))
	s.row = Row{Num: num, Hidden: hidden}
	s.inRow, s.lastRow, s.lastCol = true, num, 0
	return nil
}

// text keeps the character data of the elements that hold a cell's
// content: <f>, <v>, and the <t> of an inline string or of its rich-text
// runs (not of its phonetic guide, <rPh>).
func (s *sheetReader) text(data []byte) {
	if !s.inRow || len(s.elements) == 0 {
		return
	}
	switch s.elements[len(s.elements)-1] {
	case "f":
		s.cell.formula.Write(data)
	case "v":
		s.cell.value.Write(data)
	case "t":
		if p := s.parent(); p == "is" || p == "r" && len(s.elements) >= 3 && s.elements[len(s.elements)-3] == "is" {
			s.cell.inline.Write(data)
		}
	}
}

func (s *sheetReader) end(name string) error {
	switch name {
	case "c":
		if s.inRow {
			return s.endCell()
		}
	case "row":
		s.inRow = false
		if !isBlank(s.row.Cells) || s.row.Formulas != nil {
			s.row.Cells = trimRight(s.row.Cells)
			s.rows = append(s.rows, s.row)
		}
	}
	return nil
}

func (s *sheetReader) endCell() error {
	c := &s.cell
	s.lastCol = c.col
	value, err := c.text(s.shared)
	if err != nil {
		return fmt.Errorf("cell %s: %w", c.ref, err)
	}
	if value != "" {
		for len(s.row.Cells) < c.col {
			s.row.Cells = append(s.row.Cells, "")
		}
		s.row.Cells[c.col-1] = value
	}
	uncalculated := !c.hasV || (c.value.Len() == 0 && c.typ != "str")
	if c.hasF && uncalculated {
		if s.row.Formulas == nil {
			s.row.Formulas = map[int]string{}
		}
		s.row.Formulas[c.col-1] = c.formula.String()
	}
	return nil
}

// text is the cell's raw value: a shared string looked up, an inline
// string's runs joined, anything else (numbers, booleans as 1 or 0, error
// values such as #REF!, formula results) as stored.
func (c *cell) text(shared []string) (string, error) {
	switch c.typ {
	case "s":
		if c.value.Len() == 0 {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(c.value.String()))
		if err != nil || i < 0 || i >= len(shared) {
			return "", fmt.Errorf("refers to shared string %q, which the workbook does not have", c.value.String())
		}
		return shared[i], nil
	case "inlineStr":
		if c.hasInline {
			return unescapeBSTR(c.inline.String()), nil
		}
	}
	return c.value.String(), nil
}

// unescapeBSTR decodes the _xHHHH_ escapes Excel writes for characters XML
// 1.0 cannot hold (and _x005F_ for a literal underscore before one), as
// Excel and excelize read them.
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) {
			break
		}
		code, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		if r := rune(code); r < 0xD800 || r > 0xDFFF {
			b.WriteRune(r) // a lone surrogate half is dropped, as excelize does
		}
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}

// errTooManyRows stops a sheet with a row past the limit: a million rows
// is far more than a funding workbook holds, and would fill memory.
var errTooManyRows = errors.New("too many rows")

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

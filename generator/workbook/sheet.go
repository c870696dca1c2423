package workbook

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"fundsite/generator/regular"
)

// sheetReader reads a worksheet's XML in one strict pass, into rows of raw
// cell text as excelize's row stream gives them with RawCellValue (numbers
// as stored, shared and inline strings resolved). One pass of our own, not
// excelize's Rows, because that stream stops without an error at the first
// malformed XML (a damaged sheet would read as a shorter, valid one) and
// reads a formula with no saved result as a blank; checking both took a
// second pass over the XML, and the two passes were most of a build's
// reading time (3.8 s of a 100,000-row workbook; one pass with xmlScanner,
// 0.7 s: see BenchmarkRead).
type sheetReader struct {
	shared  []string // the workbook's shared strings, for t="s" cells
	maxRows int
	// keep, when above 0, stops the read once that many rows are kept
	// (Workbook.Head).
	keep int
	rows []Row
	// cells counts the cells of the rows kept, up to maxCells.
	cells, maxCells int

	row      Row  // the row being read
	inRow    bool // between <row> and </row>
	lastRow  int  // the number of the last row started
	lastCol  int  // the 1-based column of the last cell in the row
	cell     cell
	elements openElements // qualified names
	names    map[string]string
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

// read walks the sheet's tokens.
func (s *sheetReader) read(x *xmlScanner) error {
	for {
		err := x.next()
		if errors.Is(err, io.EOF) {
			return s.elements.ended()
		}
		if err != nil {
			return err
		}
		switch x.kind {
		case startTag:
			if err := s.elements.open(s.intern(x.name)); err != nil {
				return err
			}
			if err := s.start(x); err != nil {
				return err
			}
			if x.selfClosing {
				s.elements = s.elements[:len(s.elements)-1]
				if err := s.end(string(local(x.name))); err != nil {
					return err
				}
			}
		case charData:
			if err := s.text(x.text); err != nil {
				return err
			}
		case endTag:
			if err := s.elements.close(x.name); err != nil {
				return err
			}
			if err := s.end(string(local(x.name))); err != nil {
				return err
			}
		}
	}
}

// intern keeps one copy of each element name: a sheet has a few names,
// repeated millions of times.
func (s *sheetReader) intern(name []byte) string {
	if n, ok := s.names[string(name)]; ok {
		return n
	}
	n := string(name)
	if len(s.names) < 256 { // a hostile sheet could name every element differently
		if s.names == nil {
			s.names = map[string]string{}
		}
		s.names[n] = n
	}
	return n
}

// localAt is the local name of the element depth levels above the
// innermost (0 for the innermost); "" above the root.
func (s *sheetReader) localAt(depth int) string {
	i := len(s.elements) - 1 - depth
	if i < 0 {
		return ""
	}
	return local(s.elements[i])
}

func (s *sheetReader) start(x *xmlScanner) error {
	switch string(local(x.name)) {
	case "row":
		return s.startRow(x)
	case "c":
		if !s.inRow {
			return nil
		}
		c := &s.cell
		c.ref, c.typ = string(x.attr("r")), cellType(x.attr("t"))
		c.hasF, c.hasV, c.hasInline = false, false, false
		c.formula.Reset()
		c.value.Reset()
		c.inline.Reset()
		c.col = s.lastCol + 1
		if c.ref != "" {
			col, _, err := excelize.CellNameToCoordinates(c.ref)
			if err != nil {
				return fmt.Errorf("row %d: %w", s.lastRow, err)
			}
			c.col = col
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

// cellType is a cell's t attribute, without allocating for the few types
// there are.
func cellType(t []byte) string {
	for _, known := range []string{"", "s", "n", "str", "inlineStr", "b", "e", "d"} {
		if string(t) == known {
			return known
		}
	}
	return string(t)
}

func (s *sheetReader) startRow(x *xmlScanner) error {
	num := s.lastRow + 1
	if n, err := strconv.Atoi(string(x.attr("r"))); err == nil && n > 0 {
		num = n
	}
	if num <= s.lastRow {
		return fmt.Errorf("row %d comes after row %d", num, s.lastRow)
	}
	if num > s.maxRows {
		return errTooManyRows
	}
	hidden, _ := strconv.ParseBool(string(x.attr("hidden")))
	s.row = Row{Num: num, Hidden: hidden}
	s.inRow, s.lastRow, s.lastCol = true, num, 0
	return nil
}

// text keeps the character data of the elements that hold a cell's
// content: <f>, <v>, and the <t> of an inline string or of its rich-text
// runs (not of its phonetic guide, <rPh>).
func (s *sheetReader) text(data []byte) error {
	if !s.inRow || len(s.elements) == 0 {
		return nil
	}
	var into *strings.Builder
	switch s.localAt(0) {
	case "f":
		into = &s.cell.formula
	case "v":
		into = &s.cell.value
	case "t":
		if p := s.localAt(1); p == "is" || p == "r" && s.localAt(2) == "is" {
			into = &s.cell.inline
		}
	}
	if into == nil {
		return nil
	}
	if into.Len()+len(data) > maxCellBytes {
		return errCellTooLong
	}
	into.Write(data)
	return nil
}

// maxCellBytes is the most text one cell may hold. Excel stops at 32,767
// characters; a damaged or hostile file could otherwise put the whole
// sheet's gigabyte in one cell.
const maxCellBytes = 1 << 20

var errCellTooLong = fmt.Errorf("a cell holds more than %s of text, far more than Excel can", regular.Size(maxCellBytes))

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
		if s.cells += len(s.row.Cells); s.cells > s.maxCells {
			return errTooManyCells
		}
		if s.keep > 0 && len(s.rows) >= s.keep {
			return errEnoughRows
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
	if value != "" && !numberOrText(c.typ) {
		if s.row.Typed == nil {
			s.row.Typed = map[int]string{}
		}
		s.row.Typed[c.col-1] = c.typ // interned by cellType for the known types
	}
	return nil
}

// numberOrText reports whether a cell of type t holds a number or text
// (or an error value, which readers already refuse by its text).
func numberOrText(t string) bool {
	switch t {
	case "", "n", "s", "str", "inlineStr", "e":
		return true
	}
	return false
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
			return cellText(unescapeBSTR(c.inline.String())), nil
		}
	}
	return cellText(c.value.String()), nil
}

// cellText is text as the rest of fundsite compares it: Unicode's
// composed form (NFC), so "Café" typed on a Mac (e and a combining accent)
// is the same name as "Café" typed elsewhere. Plain ASCII is left as it is.
func cellText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.String(s)
		}
	}
	return s
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

// errEnoughRows ends a read that has the rows it was asked for.
var errEnoughRows = errors.New("enough rows")

// errTooManyCells stops a sheet past its cell limit.
var errTooManyCells = errors.New("too many cells")

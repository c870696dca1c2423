// Package csvout writes the CSV downloads of a site: tables residents and
// journalists open in Excel, so they must look right there and be safe there.
package csvout

import (
	"bytes"
	"encoding/csv"
	"io"
	"iter"
	"strings"
)

// bom makes Excel read the file as UTF-8, so £ is not shown as Â£.
const bom = "\uFEFF"

// Write writes header and rows as RFC 4180 CSV (CRLF line ends, quoting
// where needed), starting with a UTF-8 byte order mark. Every cell is
// neutralised against formula injection. Rows may be made as they are
// asked for, so a national table need never be held whole as text.
func Write(w io.Writer, header []string, rows iter.Seq[[]string]) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(neutralise(header)); err != nil {
		return err
	}
	for row := range rows {
		if err := cw.Write(neutralise(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Bytes is Write into memory, for renderers that return whole files.
func Bytes(header []string, rows iter.Seq[[]string]) []byte {
	var b bytes.Buffer
	// Sized once, with room for a comma and quotes around every cell: a
	// national download is tens of megabytes, and growing to it by doubling
	// held twice that at once. Rows made on demand are made twice, which
	// costs less than holding them.
	size := len(bom) + rowSize(header)
	for row := range rows {
		size += rowSize(row)
	}
	b.Grow(size)
	// Writing to a bytes.Buffer cannot fail.
	_ = Write(&b, header, rows)
	return b.Bytes()
}

// rowSize is the most a row takes but for quotes within its cells.
func rowSize(row []string) int {
	n := 2 // CRLF
	for _, c := range row {
		n += len(c) + 4 // a comma, quotes, and an apostrophe against formulas
	}
	return n
}

// neutralise returns the cells with a leading apostrophe on any that a
// spreadsheet would run as a formula (OWASP's CSV injection advice): text
// from a workbook cell such as `=HYPERLINK(...)` must open as text.
func neutralise(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if isFormulaLike(c) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}

func isFormulaLike(cell string) bool {
	if cell == "" {
		return false
	}
	switch cell[0] {
	case '=', '+', '@', '\t', '\r':
		return true
	case '-':
		// A negative amount such as -1250.00 is data, not a formula.
		return !isNumber(cell[1:])
	}
	return false
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	return strings.Trim(s, "0123456789.") == "" && strings.Count(s, ".") <= 1
}

// Package workbook reads .xlsx files into plain tables of cell text, each cell
// knowing its file, sheet and address. It knows nothing about funding: the
// model package decides what the columns mean.
package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/regular"
)

// Limits keep a hostile or broken file from exhausting the machine.
type Limits struct {
	MaxUnzippedBytes int64 // whole workbook, decompressed
	MaxRows          int   // per sheet
	// MaxCells is per sheet, counting the blanks before each row's last
	// value: one value in column XFD makes a row of 16,384 cells, so a few
	// bytes of XML per row could otherwise fill memory.
	MaxCells int
	// MaxSharedStrings and MaxSharedBytes bound the workbook's table of
	// shared strings, which is held whole: 62 million empty strings are
	// only 2.5 MB zipped, and took 9 GB decoded at once.
	MaxSharedStrings int
	MaxSharedBytes   int64
	// Build, when set, is the rows one build may read across all its
	// workbooks: per-sheet limits alone let four sheets of a million rows
	// take 7.2 GB.
	Build *RowBudget
}

// MaxBuildRows is the most rows one build reads across all its workbooks
// (BuildLimits): two sheets as large as Excel allows. A variable so that
// tests can lower it.
var MaxBuildRows = 2 << 20

// BuildLimits are DefaultLimits with a budget of MaxBuildRows rows shared
// by every workbook read with them: one build's.
func BuildLimits() Limits {
	l := DefaultLimits
	l.Build = &RowBudget{Max: MaxBuildRows}
	return l
}

// RowBudget counts the rows read so far by one build, sheet by sheet, up
// to Max. A sheet's rows are counted to its last row (blank rows too), as
// the per-sheet limit counts them, and a sheet read twice counts twice:
// the budget bounds the work, not the data. Sheets are read one at a time.
type RowBudget struct {
	Max  int
	used int
}

// left is how many more rows may be read.
func (b *RowBudget) left() int { return max(b.Max-b.used, 0) }

// inMemory is the most any part but a worksheet or the shared strings may
// unpack to: those are read as a stream, the rest whole.
func (l Limits) inMemory() int64 { return min(l.MaxUnzippedBytes, smallPart) }

// DefaultLimits fit a national dataset with room to spare. MaxRows is
// Excel's own limit (1,048,576), so any sheet Excel can save is read: a
// million rows of data and a header must not be refused.
var DefaultLimits = Limits{MaxUnzippedBytes: 1 << 30, MaxRows: 1 << 20, MaxCells: 20_000_000, MaxSharedStrings: 2_000_000, MaxSharedBytes: 256 << 20}

// maxDepth is the deepest XML nesting read. A worksheet nests seven deep
// (worksheet, sheetData, row, c, is, r, t); 3 million nested elements in
// workbook.xml took 57 s and 500 MB.
const maxDepth = 64

// Workbook is an open .xlsx file.
type Workbook struct {
	Name   string // as shown in messages: the path relative to the project
	file   *os.File
	zip    *zip.Reader
	parts  parts
	limits Limits
	shared []string // shared strings, read with the first sheet that needs them
}

// Open checks that path really is an .xlsx workbook and opens it. name is how
// messages refer to the file. Sheets are read by Read, as a stream.
// Only an ordinary file is read: a FIFO named like a workbook would wait
// for ever, and a folder named x.xlsx is a folder, not an empty file.
func Open(path, name string, limits Limits) (*Workbook, error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, err
	}
	w, err := open(f, name, limits)
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

func open(f *os.File, name string, limits Limits) (*Workbook, error) {
	if err := sniff(f); err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		return nil, explainOpenError(err)
	}
	if err := checkPartSizes(zr, limits); err != nil {
		return nil, err
	}
	w := &Workbook{Name: name, file: f, zip: zr, limits: limits}
	if w.parts, err = findParts(zr); err != nil {
		return nil, explainOpenError(err)
	}
	return w, nil
}

// Close releases the file.
func (w *Workbook) Close() error { return w.file.Close() }

// Sheets lists the sheet names in workbook order.
func (w *Workbook) Sheets() []string {
	names := make([]string, len(w.parts.sheets))
	for i, s := range w.parts.sheets {
		names[i] = s.name
	}
	return names
}

// FindSheet returns the sheet called name, ignoring case and spacing.
func (w *Workbook) FindSheet(name string) (string, bool) {
	want := NormaliseHeader(name)
	for _, s := range w.Sheets() {
		if NormaliseHeader(s) == want {
			return s, true
		}
	}
	return "", false
}

// Row is one row of a sheet: its 1-based number and its cells' raw text
// (numbers as stored, not as formatted).
type Row struct {
	Num    int
	Cells  []string
	Hidden bool
	// Formulas maps the 0-based columns whose cell holds a formula with no
	// saved result (it reads as "") to the formula, e.g. "SUM(E3:E40)".
	Formulas map[int]string
	// Typed maps the 0-based columns whose cell is neither a number, text
	// nor an error value to its type as the file gives it: "b" for a
	// boolean (TRUE reads as "1", FALSE as "0"), "d" for an ISO 8601
	// date. A column read as a number must refuse such a cell, not count
	// TRUE as 1. nil in almost every row, so reading costs nothing more.
	Typed map[int]string
}

// Boolean is the type Typed gives a TRUE or FALSE cell.
const Boolean = "b"

// Table is the non-empty rows of one sheet.
type Table struct {
	File  string
	Sheet string
	Rows  []Row
	// Date1904 says date serials count from 1904 (old Mac Excel), not 1900.
	Date1904 bool
	// Hidden is true when the sheet is hidden in Excel.
	Hidden bool
}

// Loc is the place of the cell in column col (1-based) of row.
func (t *Table) Loc(row, col int) diag.Loc {
	return diag.Loc{File: t.File, Sheet: t.Sheet, Row: row, Col: col}
}

// Read streams a sheet into a Table, skipping empty rows.
func (w *Workbook) Read(sheet string) (*Table, error) { return w.read(sheet, 0) }

// Head reads a sheet's first n rows that are not blank, and no further:
// enough to tell what a sheet holds from its header without reading a
// national grants sheet whole.
func (w *Workbook) Head(sheet string, n int) (*Table, error) { return w.read(sheet, max(n, 1)) }

func (w *Workbook) read(sheet string, keep int) (*Table, error) {
	for _, s := range w.parts.sheets {
		if s.name == sheet {
			rows, err := w.readSheet(s.part, keep)
			if err != nil {
				return nil, err
			}
			return &Table{File: w.Name, Sheet: sheet, Rows: rows, Date1904: w.parts.date1904, Hidden: s.hidden}, nil
		}
	}
	return nil, fmt.Errorf("the workbook has no sheet %q", sheet)
}

func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func trimRight(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}

// NormaliseHeader makes header text comparable: lower case, single spaces,
// no unit decorations such as "(£)", "(£000s)", "£k" or "£" (SplitUnit),
// no trailing punctuation. "  Amount (£) ", "Amount (£000s)" and "amount"
// compare equal; the reader holds the amounts to the unit.
func NormaliseHeader(s string) string {
	if title, unit := SplitUnit(s); !isRate(unit) {
		// A rate stays in the title: "Allocation £/head" is another
		// column than "Allocation (£k)".
		s = title
	}
	s = strings.ToLower(s)
	for _, unit := range []string{"(£)", "(gbp)", "(£m)", "£", "(%)"} {
		s = strings.ReplaceAll(s, unit, " ")
	}
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, ": ", ":") // 360Giving's "Grant Programme: Title"
	return strings.TrimRight(s, ":*. ")
}

var (
	zipMagic      = []byte("PK\x03\x04")
	emptyZipMagic = []byte("PK\x05\x06") // a zip's end record, with no parts before it
	oleMagic      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

var errBomb = errors.New("the workbook unpacks to more than the size limit; it may be a zip bomb or far larger than a funding workbook should be")

var errNoWorkbook = errors.New("the file is a zip archive but has no workbook inside; save it again from Excel as .xlsx")

// sniff says in plain words what a file is when it is not an .xlsx workbook;
// archive/zip's own errors ("zip: not a valid zip file") mislead.
func sniff(f *os.File) error {
	head := make([]byte, 8)
	n, err := io.ReadFull(io.NewSectionReader(f, 0, 8), head)
	head = head[:n]
	switch {
	case n == 0:
		return errors.New("the file is empty; save the workbook again from Excel")
	case bytes.HasPrefix(head, zipMagic):
		return nil
	case bytes.HasPrefix(head, emptyZipMagic):
		return errNoWorkbook
	case bytes.Equal(head, oleMagic):
		return describeOLE(f)
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return err
	}
	if what := describeText(f); what != "" {
		return fmt.Errorf("this is %s named %s, not an Excel workbook; open it in Excel and save as .xlsx", what, filepath.Ext(f.Name()))
	}
	return errors.New("this is not an Excel .xlsx workbook; save it from Excel as \"Excel Workbook (.xlsx)\"")
}

// describeText says what a text file is, from its start: a web page (a
// site's "download as Excel" is often an HTML table, and Excel saves "Web
// Page" files so too), an Excel 2003 XML spreadsheet, other XML, or, for
// other text, a CSV file most likely. "" when it is not text.
func describeText(f *os.File) string {
	if !looksLikeText(f) {
		return ""
	}
	head := make([]byte, 1024)
	n, _ := f.ReadAt(head, 0)
	start := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(start, []byte("<!doctype html")) || bytes.HasPrefix(start, []byte("<html")) ||
		bytes.HasPrefix(start, []byte("<table")) || bytes.Contains(start, []byte("<html")):
		return "a web page (HTML), perhaps a site's \"download as Excel\" or a page saved from a browser,"
	case bytes.Contains(start, []byte("urn:schemas-microsoft-com:office:spreadsheet")) || bytes.Contains(start, []byte("progid=\"excel.sheet\"")):
		return "an Excel 2003 XML spreadsheet"
	case bytes.HasPrefix(start, []byte("<?xml")) || bytes.HasPrefix(start, []byte("<")):
		return "an XML or HTML file"
	}
	return "a text file (CSV?)"
}

// describeOLE tells a password-protected workbook (an OLE container holding
// an EncryptedPackage stream) from a legacy .xls.
func describeOLE(f *os.File) error {
	data, err := io.ReadAll(io.NewSectionReader(f, 0, 64<<20))
	if err != nil {
		return err
	}
	if bytes.Contains(data, utf16("EncryptedPackage")) {
		return errors.New("the workbook is password-protected; save a copy without a password (File > Info > Protect Workbook)")
	}
	return errors.New("this is a legacy Excel 97-2003 .xls file; open it in Excel and save as \"Excel Workbook (.xlsx)\"")
}

func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

func looksLikeText(f *os.File) bool {
	buf := make([]byte, 512)
	n, _ := f.ReadAt(buf, 0)
	for _, c := range buf[:n] {
		if c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
			return false
		}
	}
	return n > 0
}

// explainOpenError says in plain words what archive/zip's errors mean for
// a workbook.
func explainOpenError(err error) error {
	switch {
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm), errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the workbook is damaged (its zip structure is broken or cut short); save it again from Excel")
	case errors.Is(err, errNoWorkbook):
		return errNoWorkbook
	}
	return fmt.Errorf("cannot open the workbook: %w", err)
}

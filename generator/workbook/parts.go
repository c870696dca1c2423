package workbook

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"fundsite/generator/regular"
)

// readSheet reads a sheet's rows in one strict pass over its XML: all of
// them, or with keep above 0 the first keep rows that are not blank.
func (w *Workbook) readSheet(part *zip.File, keep int) ([]Row, error) {
	if part == nil {
		return nil, errors.New("the sheet's data is missing from the workbook; open the workbook in Excel and save it again")
	}
	shared, err := w.sharedStrings()
	if err != nil {
		return nil, err
	}
	rc, err := part.Open()
	if err != nil {
		return nil, explainOpenError(err)
	}
	defer rc.Close()
	r := sheetReader{shared: shared, maxRows: w.limits.MaxRows, maxCells: w.limits.MaxCells, keep: keep}
	// The build's budget stops a sheet as it is read, past the rows the
	// sheets before it left; a Head's few rows are not counted.
	budget := w.limits.Build
	if budget != nil && keep == 0 {
		r.maxRows = min(r.maxRows, budget.left())
	}
	err = r.read(newXMLScanner(io.LimitReader(rc, w.limits.MaxUnzippedBytes)))
	if errors.Is(err, errEnoughRows) {
		err = nil
	}
	if errors.Is(err, errTooManyRows) && r.maxRows < w.limits.MaxRows {
		return nil, fmt.Errorf("the workbooks have more than %d rows in all (the build limit), more than fundsite reads in one build: this sheet goes past row %d, all the sheets read before it left (each sheet counts to its last row); leave out sheets the site does not need, or split the site", budget.Max, r.maxRows)
	}
	if errors.Is(err, errTooManyRows) {
		return nil, fmt.Errorf("the sheet has more than %d rows, more than fundsite reads from one sheet; split the data across sheets or workbooks", w.limits.MaxRows)
	}
	if budget != nil && keep == 0 && err == nil {
		budget.used += r.lastRow
	}
	if errors.Is(err, errTooManyCells) {
		return nil, fmt.Errorf("the sheet has more than %d cells by row %d (counting blank cells before each row's last value), more than fundsite reads from one sheet; delete stray values far to the right, or split the data across sheets", w.limits.MaxCells, r.lastRow)
	}
	if err != nil {
		where := "at its start"
		if r.lastRow > 0 {
			where = fmt.Sprintf("after row %d", r.lastRow)
		}
		return nil, fmt.Errorf("the sheet is damaged %s and cannot be read in full (%v); open the workbook in Excel and save it again", where, err)
	}
	return r.rows, nil
}

// sharedStrings reads the workbook's table of shared strings once, as a
// stream, up to the limits on their number and their bytes.
func (w *Workbook) sharedStrings() ([]string, error) {
	part := w.parts.sharedStrings
	if w.shared != nil || part == nil {
		return w.shared, nil
	}
	rc, err := part.Open()
	if err != nil {
		return nil, explainOpenError(err)
	}
	defer rc.Close()
	r := sharedReader{maxCount: w.limits.MaxSharedStrings, maxBytes: w.limits.MaxSharedBytes}
	err = r.read(newXMLScanner(io.LimitReader(rc, w.limits.MaxUnzippedBytes)))
	switch {
	case errors.Is(err, errTooManyStrings):
		return nil, fmt.Errorf("the workbook has more than %d different pieces of text (shared strings), more than fundsite reads; it may be damaged, or far larger than a funding workbook should be", w.limits.MaxSharedStrings)
	case errors.Is(err, errTooMuchText):
		return nil, fmt.Errorf("the workbook's text (shared strings) comes to more than %s, more than fundsite reads; it may be damaged, or far larger than a funding workbook should be", regular.Size(w.limits.MaxSharedBytes))
	case errors.Is(err, errTooDeep):
		return nil, fmt.Errorf("the workbook's shared strings nest more than %d elements deep, which no spreadsheet writes; the file is damaged or not a real workbook", maxDepth)
	case err != nil:
		return nil, fmt.Errorf("the workbook's shared strings are damaged (%v); open the workbook in Excel and save it again", err)
	}
	w.shared = r.strings
	if w.shared == nil {
		w.shared = []string{}
	}
	return w.shared, nil
}

// sharedReader reads xl/sharedStrings.xml: each <si>'s text is its <t>,
// or the <t>s of its rich-text runs <r> joined, never its phonetic guide
// (<rPh>).
type sharedReader struct {
	maxCount int
	maxBytes int64
	strings  []string
	bytes    int64
	elements openElements // local names
	text     strings.Builder
}

var (
	errTooManyStrings = errors.New("too many shared strings")
	errTooMuchText    = errors.New("too much shared text")
	errTooDeep        = fmt.Errorf("the XML nests more than %d elements deep, which no spreadsheet writes", maxDepth)
)

func (s *sharedReader) read(x *xmlScanner) error {
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
			name := string(local(x.name))
			if err := s.elements.open(name); err != nil {
				return err
			}
			if name == "si" && len(s.elements) == 2 {
				s.text.Reset()
			}
			if x.selfClosing {
				if err := s.end(local(x.name)); err != nil {
					return err
				}
			}
		case charData:
			if s.inText() {
				if s.bytes += int64(len(x.text)); s.bytes > s.maxBytes {
					return errTooMuchText
				}
				if s.text.Len()+len(x.text) > maxCellBytes {
					return errCellTooLong
				}
				s.text.Write(x.text)
			}
		case endTag:
			if err := s.end(local(x.name)); err != nil {
				return err
			}
		}
	}
}

// inText reports whether character data now is a string's text: <t> in
// <si>, or in <r> in <si>.
func (s *sharedReader) inText() bool {
	e := s.elements
	n := len(e)
	return n == 3 && e[1] == "si" && e[2] == "t" || n == 4 && e[1] == "si" && e[2] == "r" && e[3] == "t"
}

// end closes the innermost element, which must be name (its local
// name); closing an <si> keeps its string.
func (s *sharedReader) end(name []byte) error {
	if len(s.elements) == 2 && s.elements[1] == "si" && string(name) == "si" {
		if len(s.strings) >= s.maxCount {
			return errTooManyStrings
		}
		s.strings = append(s.strings, cellText(unescapeBSTR(s.text.String())))
	}
	return s.elements.close(name)
}

// parts are the package parts Read needs, found when the workbook opens.
type parts struct {
	sheets        []sheetPart // in workbook order
	sharedStrings *zip.File   // nil when the workbook has none
	date1904      bool        // date serials count from 1904 (old Mac Excel)
}

type sheetPart struct {
	name   string
	part   *zip.File // nil when the workbook names a part it does not hold
	hidden bool
}

// findParts finds each sheet's part and the shared strings, following the
// package's relationships as Excel does: _rels/.rels names the workbook
// part, whose own .rels file maps each sheet's r:id to its part.
func findParts(zr *zip.Reader) (parts, error) {
	var found parts
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	type rel struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
	var rels struct {
		Rels []rel `xml:"Relationship"`
	}
	wbPath := "xl/workbook.xml"
	if err := decodePart(files["_rels/.rels"], &rels, smallPart); err != nil {
		return found, err
	}
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
		}
	}
	if files[wbPath] == nil {
		return found, errNoWorkbook
	}
	var wb struct {
		Props struct {
			Date1904 bool `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(files[wbPath], &wb, smallPart); err != nil {
		return found, err
	}
	found.date1904 = wb.Props.Date1904
	rels.Rels = nil
	dir := path.Dir(wbPath)
	if err := decodePart(files[path.Join(dir, "_rels", path.Base(wbPath)+".rels")], &rels, smallPart); err != nil {
		return found, err
	}
	target := func(r rel) *zip.File {
		if strings.HasPrefix(r.Target, "/") {
			return files[strings.TrimPrefix(r.Target, "/")]
		}
		return files[path.Join(dir, r.Target)]
	}
	byID := map[string]rel{}
	for _, r := range rels.Rels {
		byID[r.ID] = r
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			found.sharedStrings = target(r)
		}
	}
	for _, s := range wb.Sheets {
		sheet := sheetPart{name: s.Name, hidden: s.State != "" && s.State != "visible"}
		if r, ok := byID[s.ID]; ok {
			sheet.part = target(r)
		}
		found.sheets = append(found.sheets, sheet)
	}
	return found, nil
}

// smallPart is the most a relationships or workbook part may unpack to.
const smallPart = 64 << 20

// decodePart unmarshals a package part of at most limit bytes; a missing
// part leaves v as is.
func decodePart(f *zip.File, v any, limit int64) error {
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewTokenDecoder(&depthLimit{d: xml.NewDecoder(io.LimitReader(rc, limit))})
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	return nil
}

// depthLimit passes on a document's tokens, refusing nesting deeper than
// maxDepth; the decoder reading them matches each end to its start.
type depthLimit struct {
	d     *xml.Decoder
	depth int
}

func (l *depthLimit) Token() (xml.Token, error) {
	t, err := l.d.RawToken()
	switch t.(type) {
	case xml.StartElement:
		if l.depth++; l.depth > maxDepth {
			return nil, errTooDeep
		}
	case xml.EndElement:
		l.depth--
	}
	return t, err
}

// checkPartSizes refuses a workbook that unpacks to more than
// limits.MaxUnzippedBytes, or with a part read whole (anything but
// worksheets and shared strings, which are streamed) bigger than
// limits.inMemory(): a bomb hidden in, say, styles.xml. The sizes are the
// ones the zip declares; archive/zip stops reading any part at its
// declared size, so a part cannot lie its way past this.
func checkPartSizes(zr *zip.Reader, limits Limits) error {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		if total > uint64(limits.MaxUnzippedBytes) || !streamed && f.UncompressedSize64 > uint64(limits.inMemory()) {
			return errBomb
		}
	}
	return nil
}

package workbook

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// readSheet reads a sheet's rows in one strict pass over its XML.
func (w *Workbook) readSheet(sheet string) ([]Row, error) {
	zr, err := zip.OpenReader(w.path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	parts, err := findParts(&zr.Reader)
	if err != nil {
		return nil, err
	}
	part := parts.sheets[sheet]
	if part == nil {
		return nil, nil // no part: excelize would not have listed the sheet
	}
	shared, err := w.sharedStrings(parts.sharedStrings)
	if err != nil {
		return nil, err
	}
	rc, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r := sheetReader{shared: shared, maxRows: w.limits.MaxRows}
	err = r.read(xml.NewDecoder(bufio.NewReaderSize(io.LimitReader(rc, w.limits.MaxUnzippedBytes), 64<<10)))
	if errors.Is(err, errTooManyRows) {
		return nil, fmt.Errorf("the sheet has more than %d rows, more than fundsite reads from one sheet; split the data across sheets or workbooks", w.limits.MaxRows)
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

// sharedStrings reads the workbook's table of shared strings once.
func (w *Workbook) sharedStrings(part *zip.File) ([]string, error) {
	if w.shared != nil || part == nil {
		return w.shared, nil
	}
	type text struct {
		Val string `xml:",chardata"`
	}
	var sst struct {
		Items []struct {
			T    *text `xml:"t"`
			Runs []struct {
				T *text `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := decodePart(part, &sst, w.limits.MaxUnzippedBytes); err != nil {
		return nil, fmt.Errorf("the workbook's shared strings are damaged (%v); open the workbook in Excel and save it again", err)
	}
	w.shared = make([]string, len(sst.Items))
	for i, item := range sst.Items {
		var b strings.Builder
		if item.T != nil {
			b.WriteString(item.T.Val)
		}
		for _, r := range item.Runs {
			if r.T != nil {
				b.WriteString(r.T.Val)
			}
		}
		w.shared[i] = unescapeBSTR(b.String())
	}
	return w.shared, nil
}

// parts are the package parts Read needs.
type parts struct {
	sheets        map[string]*zip.File // by sheet name
	sharedStrings *zip.File            // nil when the workbook has none
}

// findParts finds each sheet's part and the shared strings, following the
// package's relationships as Excel does: _rels/.rels names the workbook
// part, whose own .rels file maps each sheet's r:id to its part.
func findParts(zr *zip.Reader) (parts, error) {
	found := parts{sheets: map[string]*zip.File{}}
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
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(files[wbPath], &wb, smallPart); err != nil {
		return found, err
	}
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
		if r, ok := byID[s.ID]; ok {
			found.sheets[s.Name] = target(r)
		}
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
	if err := xml.NewDecoder(io.LimitReader(rc, limit)).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	return nil
}

// checkPartSizes refuses a workbook with a part that would be unpacked into
// memory (anything but worksheets and shared strings, which excelize
// unpacks to temporary files when large) and says it is bigger than limit.
// excelize checks only the total, so a bomb hidden in, say, styles.xml
// could otherwise take up to the whole limit in memory. The sizes are the
// ones the zip declares; archive/zip stops reading any part at its
// declared size, so a part cannot lie its way past this.
func checkPartSizes(path string, limit int64) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil // excelize explains a broken zip
	}
	defer zr.Close()
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml" {
			continue
		}
		if f.UncompressedSize64 > uint64(limit) {
			return errBomb
		}
	}
	return nil
}

package workbook

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetScan is what a strict pass over a worksheet's XML finds that
// excelize's row stream does not report.
type sheetScan struct {
	// formulas maps row number, then 0-based column, of each cell holding a
	// formula with no saved result to the formula ("" for the followers of
	// a shared formula, whose text is on its first cell).
	formulas map[int]map[int]string
}

// scanSheet reads a worksheet's XML once, strictly. excelize's row stream
// stops without an error at the first malformed XML, so a damaged sheet
// would read as a shorter, valid one and publish a silently truncated
// dataset; and it reads a formula with no saved result as a blank. This
// pass refuses the first and finds the second.
func (w *Workbook) scanSheet(sheet string) (sheetScan, error) {
	scan := sheetScan{formulas: map[int]map[int]string{}}
	zr, err := zip.OpenReader(w.path)
	if err != nil {
		return scan, err
	}
	defer zr.Close()
	part, err := sheetPart(&zr.Reader, sheet)
	if err != nil || part == nil {
		return scan, err // no part: excelize would not have listed the sheet
	}
	rc, err := part.Open()
	if err != nil {
		return scan, err
	}
	defer rc.Close()
	lastRow, err := scan.read(xml.NewDecoder(io.LimitReader(rc, w.limits.MaxUnzippedBytes)))
	if err != nil {
		where := "at its start"
		if lastRow > 0 {
			where = fmt.Sprintf("after row %d", lastRow)
		}
		return scan, fmt.Errorf("the sheet is damaged %s and cannot be read in full (%v); open the workbook in Excel and save it again", where, err)
	}
	return scan, nil
}

// read walks the tokens, noting formula cells without a saved result, and
// returns the last row started before any error.
func (s *sheetScan) read(d *xml.Decoder) (lastRow int, err error) {
	var cell struct {
		ref, typ, formula string
		hasF, hasV        bool
		inF, inV          bool
		value             strings.Builder
	}
	// RawToken skips namespace translation, the costly part of Token; the
	// stack does Token's other job, holding end tags to their start tags.
	var open []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			if len(open) > 0 {
				return lastRow, fmt.Errorf("the XML ends inside <%s>", open[len(open)-1])
			}
			return lastRow, nil
		}
		if err != nil {
			return lastRow, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name.Local)
			switch t.Name.Local {
			case "row":
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					lastRow = n
				} else {
					lastRow++
				}
			case "c":
				cell.ref, cell.typ, cell.formula = attr(t, "r"), attr(t, "t"), ""
				cell.hasF, cell.hasV = false, false
				cell.value.Reset()
			case "f":
				cell.hasF, cell.inF = true, true
			case "v":
				cell.hasV, cell.inV = true, true
			}
		case xml.CharData:
			switch {
			case cell.inF:
				cell.formula += string(t)
			case cell.inV:
				cell.value.Write(t)
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name.Local {
				return lastRow, fmt.Errorf("</%s> closes no open element", t.Name.Local)
			}
			open = open[:len(open)-1]
			switch t.Name.Local {
			case "f":
				cell.inF = false
			case "v":
				cell.inV = false
			case "c":
				uncalculated := !cell.hasV || (cell.value.Len() == 0 && cell.typ != "str")
				if cell.hasF && uncalculated {
					s.add(cell.ref, cell.formula)
				}
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (s *sheetScan) add(ref, formula string) {
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return // the row stream reports a bad reference
	}
	if s.formulas[row] == nil {
		s.formulas[row] = map[int]string{}
	}
	s.formulas[row][col-1] = formula
}

// sheetPart finds the zip part holding a sheet, following the package's
// relationships as Excel does: _rels/.rels names the workbook part, whose
// own .rels file maps each sheet's r:id to its part.
func sheetPart(zr *zip.Reader, sheet string) (*zip.File, error) {
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
	if err := decodePart(files["_rels/.rels"], &rels); err != nil {
		return nil, err
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
	if err := decodePart(files[wbPath], &wb); err != nil {
		return nil, err
	}
	rels.Rels = nil
	dir := path.Dir(wbPath)
	if err := decodePart(files[path.Join(dir, "_rels", path.Base(wbPath)+".rels")], &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID != s.ID {
				continue
			}
			target := path.Join(dir, r.Target)
			if strings.HasPrefix(r.Target, "/") {
				target = strings.TrimPrefix(r.Target, "/")
			}
			return files[target], nil
		}
	}
	return nil, nil
}

// decodePart unmarshals a small package part; a missing part leaves v as is.
func decodePart(f *zip.File, v any) error {
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(v); err != nil {
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

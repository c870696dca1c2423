package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/xuri/excelize/v2"
)

// SheetSpec describes a sheet to write the way a comms team lays one out:
// title and note rows, a bold frozen header, £ formats on money columns.
type SheetSpec struct {
	Name   string
	Titles []string // rows above the header; the first is merged across the table
	Header []string
	Rows   [][]any // string, int, int64, float64, or nil for blank
	// MoneyColumns are 0-based columns shown with a £ number format.
	MoneyColumns []int
	// HiddenRows are 0-based indexes into Rows of rows hidden in Excel, and
	// Hidden hides the whole sheet: tests use them for workbooks whose data
	// a reader cannot see.
	HiddenRows []int
	Hidden     bool
}

// Write saves sheets as a new .xlsx workbook at path. The example site,
// tests and benchmarks all make their workbooks with it.
func Write(path string, sheets []SheetSpec) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := writeSheet(f, s); err != nil {
			return fmt.Errorf("sheet %s: %w", s.Name, err)
		}
		if s.Hidden {
			if err := f.SetSheetVisible(s.Name, false); err != nil {
				return fmt.Errorf("sheet %s: %w", s.Name, err)
			}
		}
	}
	var raw bytes.Buffer
	if _, err := f.WriteTo(&raw); err != nil {
		return err
	}
	canonical, err := canonicalZip(raw.Bytes())
	if err != nil {
		return err
	}
	return writeFileAtomic(path, canonical)
}

// canonicalZip rewrites an .xlsx package with its parts in a fixed order.
// excelize writes parts in map order, so the same workbook would otherwise
// differ byte for byte between runs, and a committed example could never be
// checked against its generator.
func canonicalZip(data []byte) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := append([]*zip.File(nil), r.File...)
	sort.Slice(parts, func(i, j int) bool { return partOrder(parts[i].Name) < partOrder(parts[j].Name) })
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, p := range parts {
		if err := copyPart(w, p); err != nil {
			return nil, fmt.Errorf("%s: %w", p.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// partOrder puts [Content_Types].xml first, as Office does, then the rest by name.
func partOrder(name string) string {
	if name == "[Content_Types].xml" {
		return ""
	}
	return name
}

func copyPart(w *zip.Writer, p *zip.File) error {
	src, err := p.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := w.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return err
}

// writeFileAtomic replaces path only once the whole file is written, so an
// interrupted run never leaves a truncated workbook in data/.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".workbook-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func writeSheet(f *excelize.File, s SheetSpec) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	pounds, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`"£"#,##0`)})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	headerRow := len(s.Titles) + 1
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, t := range s.Titles {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), []any{excelize.Cell{Value: t, StyleID: bold}}); err != nil {
			return err
		}
	}
	if len(s.Titles) > 0 && len(s.Header) > 1 {
		last, _ := excelize.CoordinatesToCellName(len(s.Header), 1)
		if err := sw.MergeCell("A1", last); err != nil {
			return err
		}
	}
	header := make([]any, len(s.Header))
	for i, h := range s.Header {
		header[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", headerRow), header); err != nil {
		return err
	}
	money := map[int]bool{}
	for _, c := range s.MoneyColumns {
		money[c] = true
	}
	for i, row := range s.Rows {
		cells := make([]any, len(row))
		for j, v := range row {
			switch c, isCell := v.(excelize.Cell); {
			case money[j] && isCell: // a formula, in tests
				c.StyleID = pounds
				cells[j] = c
			case money[j] && v != nil:
				cells[j] = excelize.Cell{Value: v, StyleID: pounds}
			default:
				cells[j] = v
			}
		}
		opts := excelize.RowOpts{Hidden: slices.Contains(s.HiddenRows, i)}
		if err := sw.SetRow(fmt.Sprintf("A%d", headerRow+1+i), cells, opts); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func ptr[T any](v T) *T { return &v }

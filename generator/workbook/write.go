package workbook

import (
	"fmt"

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
	}
	return f.SaveAs(path)
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
			if money[j] && v != nil {
				cells[j] = excelize.Cell{Value: v, StyleID: pounds}
			} else {
				cells[j] = v
			}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", headerRow+1+i), cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func ptr[T any](v T) *T { return &v }

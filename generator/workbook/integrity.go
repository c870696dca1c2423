package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// checkWhole parses the whole of a sheet strictly. excelize's row stream
// stops without an error at the first malformed XML, so a damaged sheet
// would otherwise read as a shorter, valid one and publish a silently
// truncated dataset. lastRow is the last row the stream returned.
func (w *Workbook) checkWhole(sheet string, lastRow int) error {
	// GetSheetProps is the cheapest public call that decodes the whole
	// worksheet and returns the decoder's error.
	if _, err := w.file.GetSheetProps(sheet); err != nil {
		where := "at its start"
		if lastRow > 0 {
			where = fmt.Sprintf("after row %d", lastRow)
		}
		return fmt.Errorf("the sheet is damaged %s and cannot be read in full (%v); open the workbook in Excel and save it again", where, err)
	}
	return nil
}

// blankFormulas finds the cells of a row that hold a formula but read as
// blank: a formula with no saved result (a program that writes workbooks
// without calculating leaves them so) or one whose result is empty text.
// The reader cannot tell these apart, but the model can say which cell to
// look at when a blank is not allowed. cells is the row as streamed, before
// trailing blanks are trimmed.
func (w *Workbook) blankFormulas(sheet string, num int, cells []string) (map[int]string, error) {
	var out map[int]string
	for i, c := range cells {
		if c != "" {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(i+1, num)
		if err != nil {
			return nil, err
		}
		formula, err := w.file.GetCellFormula(sheet, ref)
		if err != nil || formula == "" {
			continue // a damaged sheet is reported by checkWhole
		}
		if out == nil {
			out = map[int]string{}
		}
		out[i] = "=" + formula
	}
	return out, nil
}

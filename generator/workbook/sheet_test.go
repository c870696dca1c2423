package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// excelizeRows reads a sheet as Read did before it had a reader of its
// own: excelize's row stream with raw cell values, empty rows skipped and
// trailing blanks trimmed. Read must give the same cells.
func excelizeRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		if !isBlank(cells) {
			// The reader gives text in NFC, so "ō" typed two ways is one
			// name; excelize gives it as the file holds it.
			for i, c := range cells {
				cells[i] = norm.NFC.String(c)
			}
			out = append(out, trimRight(cells))
		}
	}
	return out
}

// cellsOf is the cells of a table's rows, leaving out rows kept only for a
// formula with no saved result (excelize's stream shows those as blank).
func cellsOf(table *Table) [][]string {
	var out [][]string
	for _, r := range table.Rows {
		if len(r.Cells) > 0 {
			out = append(out, r.Cells)
		}
	}
	return out
}

// TestReadMatchesExcelize reads every real workbook in the repository, and
// one with each kind of cell Excel and other programs write, both ways.
func TestReadMatchesExcelize(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "..", "data", "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join("..", "ingest", "testdata", "*.xlsx"))
	paths = append(paths, more...)
	if len(paths) < 5 {
		t.Fatalf("found %d real workbooks, want the 5 in the repository", len(paths))
	}
	paths = append(paths, everyKindOfCell(t))
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			w, err := Open(path, filepath.Base(path), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			for _, sheet := range w.Sheets() {
				table, err := w.Read(sheet)
				if err != nil {
					t.Fatalf("%s: %v", sheet, err)
				}
				want := excelizeRows(t, path, sheet)
				if got := cellsOf(table); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: read %d rows unlike excelize's %d; first difference: %s", sheet, len(got), len(want), firstDifference(got, want))
				}
			}
		})
	}
}

func firstDifference(got, want [][]string) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return "got " + quoteAll(got[i]) + ", want " + quoteAll(want[i])
		}
	}
	return "in the number of rows"
}

func quoteAll(cells []string) string {
	var b bytes.Buffer
	for _, c := range cells {
		b.WriteString(`"` + c + `" `)
	}
	return b.String()
}

// everyKindOfCell writes a workbook with shared, rich-text, inline and
// escaped strings, numbers, booleans, dates, formulas and error values,
// some only as other programs write them.
func everyKindOfCell(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	set := func(cell string, v any) {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "shared text")
	set("B1", 1234.5)
	set("C1", true)
	set("D1", time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC))
	set("E1", "line\r\nbreak and _x0041_ literal")
	set("F1", "  spaced  ")
	set("A3", 0.1+0.2)
	set("C3", -7)
	set("Z3", "far column")
	if err := f.SetCellRichText("Sheet1", "A4", []excelize.RichTextRun{{Text: "bold "}, {Text: "and plain"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Sheet1", "B4", "B1*2"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "every-kind.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Cells only other programs write: inline rich text with a phonetic
	// guide, an ISO date, an error value, a formula string, a cell with no
	// reference (it follows the one before), a prefixed element name.
	other := []byte(`<row r="6"><c r="A6" t="inlineStr"><is><r><t>rich </t></r><r><t xml:space="preserve">inline</t></r><rPh sb="0" eb="1"><t>guide</t></rPh></is></c>` +
		`<c r="B6" t="d"><v>2024-03-31T00:00:00Z</v></c><c r="C6" t="e"><v>#N/A</v></c><c t="b"><v>0</v></c>` +
		`<c r="E6" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F6" t="inlineStr"><is><t>_x005F_x0041_ &amp; &#163;5</t></is></c></row></sheetData>`)
	data = rezip(t, data, func(name string, part []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return bytes.Replace(part, []byte("</sheetData>"), other, 1)
		}
		return part
	})
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUnescapeBSTR(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a_x000D_b", "a\rb"},
		{"_x005F_x0041_", "_x0041_"},
		{"_x0041__x0042_", "AB"},
		{"_xD800_", ""},
		{"_x00G1_ and _x12", "_x00G1_ and _x12"},
	}
	for _, tt := range tests {
		if got := unescapeBSTR(tt.in); got != tt.want {
			t.Errorf("unescapeBSTR(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A boolean reads as "1" or "0", which a column of amounts would take for
// a number: the reader says which cells are neither numbers nor text.
func TestReadMarksCellsThatAreNotNumbersOrText(t *testing.T) {
	path := everyKindOfCell(t)
	w, err := Open(path, "every-kind.xlsx", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	table, err := w.Read("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]map[int]string{1: {2: Boolean}, 6: {1: "d", 3: Boolean}}
	for _, r := range table.Rows {
		if !reflect.DeepEqual(r.Typed, want[r.Num]) {
			t.Errorf("row %d: typed cells %v, want %v", r.Num, r.Typed, want[r.Num])
		}
	}
}

package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeSample writes the sample workbook and returns its bytes.
func writeSample(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.xlsx")
	if err := Write(path, sample); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rezip copies an .xlsx package part by part through edit, which may change
// a part or drop it by returning nil.
func rezip(t *testing.T, data []byte, edit func(name string, part []byte) []byte) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if part = edit(f.Name, part); part == nil {
			continue
		}
		fw, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(part); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// openBytes saves data as a workbook file and opens it.
func openBytes(t *testing.T, data []byte, limits Limits) (*Workbook, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return Open(path, "data/w.xlsx", limits)
}

// bomb is a small zip whose one part unpacks to size bytes of zeros.
func bomb(t *testing.T, size int) []byte {
	t.Helper()
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	fw, err := w.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(make([]byte, size)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rawBomb is a zip with one part whose header declares declared bytes
// while its data unpacks to actual bytes of zeros: a bomb that tells the
// truth about its size (declared = actual) or one that lies.
func rawBomb(t *testing.T, name string, declared uint64, actual int) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, actual)
	if _, err := fw.Write(zeros); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	raw, err := w.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(zeros),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Write(deflated.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestOpenExplainsBrokenFiles holds Open to saying in plain words what is
// wrong with each kind of file that is not a usable workbook.
func TestOpenExplainsBrokenFiles(t *testing.T) {
	good := writeSample(t)
	tests := []struct {
		name   string
		data   []byte
		limits Limits
		want   string
	}{
		{"truncated zip", good[:len(good)/2], DefaultLimits,
			"the workbook is damaged (its zip structure is broken or cut short); save it again from Excel"},
		{"corrupt zip", append(append([]byte(nil), good[:40]...), bytes.Repeat([]byte{0xff}, len(good)-40)...), DefaultLimits,
			"the workbook is damaged (its zip structure is broken or cut short); save it again from Excel"},
		{"zip with no workbook inside", rezip(t, good, func(name string, part []byte) []byte {
			if strings.HasPrefix(name, "xl/") {
				return nil
			}
			return part
		}), DefaultLimits, "the file is a zip archive but has no workbook inside; save it again from Excel as .xlsx"},
		{"empty zip", rezip(t, good, func(string, []byte) []byte { return nil }), DefaultLimits,
			"the file is a zip archive but has no workbook inside; save it again from Excel as .xlsx"},
		{"zip bomb", bomb(t, 1<<20), Limits{MaxUnzippedBytes: 64 << 10, MaxRows: 100, MaxCells: 1000, MaxSharedStrings: 100, MaxSharedBytes: 64 << 10},
			"the workbook unpacks to more than the size limit; it may be a zip bomb or far larger than a funding workbook should be"},
		{"zip bomb declaring 4 GiB, at the default limits", rawBomb(t, "xl/styles.xml", 4<<30, 1<<20), DefaultLimits,
			"the workbook unpacks to more than the size limit; it may be a zip bomb or far larger than a funding workbook should be"},
		{"zip bomb in a part unpacked into memory", rawBomb(t, "xl/styles.xml", 100<<20, 1<<20), DefaultLimits,
			"the workbook unpacks to more than the size limit; it may be a zip bomb or far larger than a funding workbook should be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := openBytes(t, tt.data, tt.limits)
			if err == nil {
				w.Close()
				t.Fatal("opened a broken workbook without error")
			}
			if err.Error() != tt.want {
				t.Errorf("error %q\nwant  %q", err, tt.want)
			}
		})
	}
}

// TestReadRefusesDamagedSheet: excelize streams a sheet's rows up to the
// first malformed XML and stops without an error; Read must not pass the
// rows before it off as the whole sheet. Row 5 is blank; row 6 is damaged.
func TestReadRefusesDamagedSheet(t *testing.T) {
	damaged := rezip(t, writeSample(t), func(name string, part []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return bytes.Replace(part, []byte(`<row r="6"`), []byte(`<row r="6" <`), 1)
		}
		return part
	})
	w, err := openBytes(t, damaged, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	table, err := w.Read("Allocations")
	if err == nil {
		t.Fatalf("read a damaged sheet as %d rows without error", len(table.Rows))
	}
	want := "the sheet is damaged after row 5 and cannot be read in full (XML syntax error on line 2: expected attribute name in element); open the workbook in Excel and save it again"
	if err.Error() != want {
		t.Errorf("error %q\nwant  %q", err, want)
	}
}

// TestReadMarksWhatReadersCannotSee: formulas with no saved result, hidden
// rows and hidden sheets all read as something other than what Excel shows.
func TestReadMarksWhatReadersCannotSee(t *testing.T) {
	sheets := []SheetSpec{{
		Name:   "Allocations",
		Header: []string{"Area", "Amount", "Check"},
		Rows: [][]any{
			{"Kent", 5, nil},
			{"Essex", excelize.Cell{Formula: "B2*2"}},
			{"Total", excelize.Cell{Formula: "SUM(B2:B3)"}, excelize.Cell{Formula: "B4-SUM(B2:B3)"}},
		},
		HiddenRows: []int{1},
	}, {
		Name:   "Areas",
		Header: []string{"Name"},
		Rows:   [][]any{{"Kent"}},
		Hidden: true,
	}}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := Write(path, sheets); err != nil {
		t.Fatal(err)
	}
	w, err := Open(path, "data/w.xlsx", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	alloc, err := w.Read("Allocations")
	if err != nil {
		t.Fatal(err)
	}
	var blank []map[int]string
	var hidden []int
	for _, r := range alloc.Rows {
		blank = append(blank, r.Formulas)
		if r.Hidden {
			hidden = append(hidden, r.Num)
		}
	}
	want := []map[int]string{nil, nil, {1: "B2*2"}, {1: "SUM(B2:B3)", 2: "B4-SUM(B2:B3)"}}
	if !reflect.DeepEqual(blank, want) {
		t.Errorf("formulas with no saved result %v, want %v", blank, want)
	}
	if !reflect.DeepEqual(hidden, []int{3}) {
		t.Errorf("hidden rows %v, want [3]", hidden)
	}
	if alloc.Hidden {
		t.Error("Allocations read as hidden")
	}
	areas, err := w.Read("Areas")
	if err != nil {
		t.Fatal(err)
	}
	if !areas.Hidden {
		t.Error("hidden Areas sheet read as visible")
	}
}

// TestReadRefusesSheetsOverTheLimits: the row and cell limits stop a sheet
// that would fill memory (the real limits are a million rows and twenty
// million cells). One stray value far to the right makes its row 16,384
// cells wide.
func TestReadRefusesSheetsOverTheLimits(t *testing.T) {
	stray := rezip(t, writeSample(t), func(name string, part []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return bytes.Replace(part, []byte(`</row><row r="4"`), []byte(`<c r="XFD3" t="inlineStr"><is><t>stray</t></is></c></row><row r="4"`), 1)
		}
		return part
	})
	tests := []struct {
		name   string
		data   []byte
		limits Limits
		want   string
	}{
		{"rows", writeSample(t), Limits{MaxUnzippedBytes: DefaultLimits.MaxUnzippedBytes, MaxRows: 3, MaxCells: DefaultLimits.MaxCells, MaxSharedStrings: 100, MaxSharedBytes: 64 << 10},
			"the sheet has more than 3 rows, more than fundsite reads from one sheet; split the data across sheets or workbooks"},
		{"cells", stray, Limits{MaxUnzippedBytes: DefaultLimits.MaxUnzippedBytes, MaxRows: 100, MaxCells: 10_000, MaxSharedStrings: 100, MaxSharedBytes: 64 << 10},
			"the sheet has more than 10000 cells by row 3 (counting blank cells before each row's last value), more than fundsite reads from one sheet; delete stray values far to the right, or split the data across sheets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := openBytes(t, tt.data, tt.limits)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if _, err = w.Read("Allocations"); err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant  %s", err, tt.want)
			}
		})
	}
}

// TestScanFindsFormulasWithNoSavedResult tells a formula Excel calculated
// (even to empty text) from one no program calculated, as each writer
// saves them.
func TestScanFindsFormulasWithNoSavedResult(t *testing.T) {
	tests := []struct {
		name, cell string
		want       map[int]map[int]string
	}{
		{"calculated number", `<c r="B2"><f>A2*2</f><v>4</v></c>`, map[int]map[int]string{}},
		{"calculated to empty text", `<c r="B2" t="str"><f>IF(A2,"","x")</f><v></v></c>`, map[int]map[int]string{}},
		{"no saved result (excelize)", `<c r="B2" t="str"><f>A2*2</f></c>`, map[int]map[int]string{2: {1: "A2*2"}}},
		{"empty saved result (openpyxl)", `<c r="B2"><f>A2*2</f><v/></c>`, map[int]map[int]string{2: {1: "A2*2"}}},
		{"follower of a shared formula", `<c r="C2"><f t="shared" si="0"/></c>`, map[int]map[int]string{2: {2: ""}}},
		{"plain value", `<c r="B2"><v>4</v></c>`, map[int]map[int]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sheetReader{maxRows: 10, maxCells: 100}
			doc := `<worksheet><sheetData><row r="2">` + tt.cell + `</row></sheetData></worksheet>`
			if err := s.read(newXMLScanner(strings.NewReader(doc))); err != nil || s.lastRow != 2 {
				t.Fatalf("read: last row %d, error %v", s.lastRow, err)
			}
			formulas := map[int]map[int]string{}
			for _, r := range s.rows {
				if r.Formulas != nil {
					formulas[r.Num] = r.Formulas
				}
			}
			if !reflect.DeepEqual(formulas, tt.want) {
				t.Errorf("formulas %v, want %v", formulas, tt.want)
			}
		})
	}
}

// TestScanRefusesBrokenXML: each way a sheet's XML can be cut or mangled
// stops the scan with the last row read.
func TestScanRefusesBrokenXML(t *testing.T) {
	const rows = `<worksheet><sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>`
	tests := []struct {
		name, doc, want string
		last            int
	}{
		{"cut short between rows", rows, "the XML ends inside <sheetData>", 3},
		{"cut short inside a cell", `<worksheet><sheetData><row r="2"><c r="A2"><v>1`, "the XML ends inside <v>", 2},
		{"mismatched end tag", `<worksheet><sheetData><row r="2"><c r="A2"><v>1</c></row>`, "</c> closes no open element", 2},
		{"bad attribute", `<worksheet><sheetData><row r="2" <c/></row>`, "XML syntax error on line 1: expected attribute name in element", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sheetReader{maxRows: 10, maxCells: 100}
			err := s.read(newXMLScanner(strings.NewReader(tt.doc)))
			if err == nil || err.Error() != tt.want || s.lastRow != tt.last {
				t.Errorf("last row %d, error %v; want %d, %s", s.lastRow, err, tt.last, tt.want)
			}
		})
	}
}

// TestReadGivesErrorValuesAsShown: a cell Excel saved as an error (type
// "e") reads as the error's name, for the model to recognise.
func TestReadGivesErrorValuesAsShown(t *testing.T) {
	cell := regexp.MustCompile(`<c r="D4"[^>]*>.*?</c>`)
	data := rezip(t, writeSample(t), func(name string, part []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			return cell.ReplaceAll(part, []byte(`<c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c>`))
		}
		return part
	})
	w, err := openBytes(t, data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	table, err := w.Read("Allocations")
	if err != nil {
		t.Fatal(err)
	}
	if got := table.Rows[3].Cells; !reflect.DeepEqual(got, []string{"ARF", "2023/24", "Kent", "#DIV/0!"}) {
		t.Errorf("row 4 = %q", got)
	}
}

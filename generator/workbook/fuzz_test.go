package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpenRead feeds Open and Read small files of any bytes: they must
// return an error or rows in order, never panic or run away.
func FuzzOpenRead(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.xlsx")
	if err := Write(path, sample); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte{})
	f.Add([]byte("Fund,Amount\nARF,1\n"))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return // small inputs only: the point is odd structure, not size
		}
		w, err := openBytes(t, data, Limits{MaxUnzippedBytes: 4 << 20, MaxRows: 10_000, MaxCells: 1_000_000, MaxSharedStrings: 10_000, MaxSharedBytes: 1 << 20})
		if err != nil {
			return
		}
		defer w.Close()
		for _, sheet := range w.Sheets() {
			table, err := w.Read(sheet)
			if err != nil {
				continue
			}
			last := 0
			for _, r := range table.Rows {
				if r.Num <= last {
					t.Fatalf("sheet %q: row %d after row %d", sheet, r.Num, last)
				}
				last = r.Num
			}
		}
	})
}

// FuzzWorkbookParts replaces one part of a valid workbook (the workbook,
// its relationships, the shared strings or a sheet) with any bytes, and
// holds Open and Read to the limits: an error, or at most MaxRows rows,
// MaxCells cells and MaxSharedStrings strings of MaxSharedBytes in all,
// never a panic or a run away with memory.
func FuzzWorkbookParts(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.xlsx")
	if err := Write(path, sample); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	parts := []string{"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"}
	f.Add(uint8(2), sst("Kent", "Essex"))
	f.Add(uint8(2), []byte(`<sst><si><r><t>Ke</t></r><r><t>nt</t></r><rPh><t>x</t></rPh></si></sst>`))
	f.Add(uint8(2), append(append([]byte("<sst>"), bytes.Repeat([]byte("<si><t/></si>"), 300)...), "</sst>"...))
	f.Add(uint8(2), nested("<sst>", 200))
	f.Add(uint8(0), nested("<workbook>", 200))
	f.Add(uint8(0), []byte(`<workbook><sheets><sheet name="Allocations" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>`))
	f.Add(uint8(1), []byte(`<Relationships><Relationship Id="rId1" Target="/xl/sharedStrings.xml" Type="x/worksheet"/></Relationships>`))
	f.Add(uint8(3), []byte(`<worksheet><sheetData><row r="1"><c r="XFD1" t="s"><v>0</v></c></row></sheetData></worksheet>`))
	f.Add(uint8(3), nested("<worksheet>", 200))
	limits := Limits{MaxUnzippedBytes: 1 << 20, MaxRows: 200, MaxCells: 20_000, MaxSharedStrings: 256, MaxSharedBytes: 16 << 10}
	f.Fuzz(func(t *testing.T, which uint8, part []byte) {
		if len(part) > 64<<10 {
			return
		}
		name := parts[int(which)%len(parts)]
		var data []byte
		if name == "xl/sharedStrings.xml" {
			data = withParts(t, good, part, nil)
		} else {
			data = withParts(t, good, sst("Kent"), map[string][]byte{name: part})
		}
		w, err := openBytes(t, data, limits)
		if err != nil {
			return
		}
		defer w.Close()
		for _, sheet := range w.Sheets() {
			table, err := w.Read(sheet)
			if err != nil {
				continue
			}
			cells := 0
			for _, r := range table.Rows {
				cells += len(r.Cells)
				if r.Num > limits.MaxRows {
					t.Fatalf("row %d read past the limit of %d", r.Num, limits.MaxRows)
				}
			}
			if cells > limits.MaxCells {
				t.Fatalf("%d cells read past the limit of %d", cells, limits.MaxCells)
			}
		}
		total := 0
		for _, s := range w.shared {
			total += len(s)
		}
		// Composing text (NFC) may lengthen a string a little past the
		// bytes the XML held, which is what the limit counts.
		if len(w.shared) > limits.MaxSharedStrings || int64(total) > 3*limits.MaxSharedBytes {
			t.Fatalf("%d shared strings of %d bytes read past the limits", len(w.shared), total)
		}
	})
}

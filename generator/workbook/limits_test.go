package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// withParts copies the sample workbook with the given parts replaced or
// added, and a shared strings part linked from the workbook when sst is
// given. Cell C4 ("Kent") then reads shared string 0.
func withParts(t testing.TB, sample []byte, sst []byte, parts map[string][]byte) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(sample), int64(len(sample)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	put := func(name string, data []byte) {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	for _, f := range r.File {
		if _, ok := parts[f.Name]; ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if sst != nil {
			switch f.Name {
			case "xl/_rels/workbook.xml.rels":
				data = bytes.Replace(data, []byte("</Relationships>"), []byte(`<Relationship Id="rId9" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>`), 1)
			case "xl/worksheets/sheet1.xml":
				data = bytes.Replace(data, []byte(`<c r="C4" t="inlineStr"><is><t>Kent</t></is></c>`), []byte(`<c r="C4" t="s"><v>0</v></c>`), 1)
			}
		}
		put(f.Name, data)
	}
	if sst != nil {
		put("xl/sharedStrings.xml", sst)
	}
	for name, data := range parts {
		put(name, data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sst is a shared strings part of the strings given.
func sst(items ...string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for _, s := range items {
		b.WriteString("<si><t>" + s + "</t></si>")
	}
	b.WriteString("</sst>")
	return b.Bytes()
}

// nested is n elements each inside the last.
func nested(root string, n int) []byte {
	return []byte(root[:len(root)-1] + ">" + strings.Repeat("<a>", n) + strings.Repeat("</a>", n) + "</" + strings.Trim(strings.Fields(root)[0], "<>") + ">")
}

// TestLimitsHold: each limit stops its input quickly, with a message that
// says what is wrong. Before them, 62 million shared strings (2.5 MB
// zipped) took 268 s and 9.3 GB, and 3 million nested elements in
// workbook.xml 57 s and 500 MB.
func TestLimitsHold(t *testing.T) {
	good := writeSample(t)
	small := DefaultLimits
	small.MaxSharedStrings, small.MaxSharedBytes = 1000, 4<<10
	many := bytes.Repeat([]byte("<si><t/></si>"), 1001)
	tests := []struct {
		name string
		data []byte
		want string // "" reads
		cell string // C4 as read, when it reads
	}{
		{"shared strings within the limits", withParts(t, good, sst("Kent", "Essex"), nil), "", "Kent"},
		{"shared strings in rich text runs, less their phonetic guide", withParts(t, good, []byte(`<sst><si><r><t>Ke</t></r><r><rPr/><t>nt</t></r><rPh><t>けんと</t></rPh></si></sst>`), nil), "", "Kent"},
		{"decomposed text is composed", withParts(t, good, sst("Cafe\u0301"), nil), "", "Caf\u00e9"},
		{"too many shared strings", withParts(t, good, append(append([]byte("<sst>"), many...), "</sst>"...), nil),
			"the workbook has more than 1000 different pieces of text (shared strings), more than fundsite reads; it may be damaged, or far larger than a funding workbook should be", ""},
		{"too much shared text", withParts(t, good, sst(strings.Repeat("x", 3<<10), strings.Repeat("y", 2<<10)), nil),
			"the workbook's text (shared strings) comes to more than 4 KB, more than fundsite reads; it may be damaged, or far larger than a funding workbook should be", ""},
		{"one shared string longer than a cell can be", withParts(t, good, sst(strings.Repeat("x", maxCellBytes+1), "Kent"), nil),
			"the workbook's shared strings are damaged (a cell holds more than 1 MB of text, far more than Excel can); open the workbook in Excel and save it again", ""},
		{"shared strings nested too deep", withParts(t, good, nested("<sst>", 100_000), nil),
			"the workbook's shared strings nest more than 64 elements deep, which no spreadsheet writes; the file is damaged or not a real workbook", ""},
		{"a sheet nested too deep", withParts(t, good, nil, map[string][]byte{"xl/worksheets/sheet1.xml": nested("<worksheet>", 100_000)}),
			"the sheet is damaged at its start and cannot be read in full (the XML nests more than 64 elements deep, which no spreadsheet writes); open the workbook in Excel and save it again", ""},
		{"a cell longer than a cell can be", withParts(t, good, nil, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="1"><c r="A1"><v>` + strings.Repeat("9", maxCellBytes+1) + `</v></c></row></sheetData></worksheet>`)}),
			"the sheet is damaged after row 1 and cannot be read in full (a cell holds more than 1 MB of text, far more than Excel can); open the workbook in Excel and save it again", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			limits := small
			if strings.Contains(tt.name, "longer than a cell") {
				limits = DefaultLimits // past the cell's limit, within the total
			}
			w, err := openBytes(t, tt.data, limits)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			table, err := w.Read("Allocations")
			if tt.want != "" {
				if err == nil || err.Error() != tt.want {
					t.Errorf("error %v\nwant  %s", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := table.Rows[3].Cells[2]; got != tt.cell {
				t.Errorf("C4 = %q, want %q", got, tt.cell)
			}
		})
	}
	t.Run("workbook.xml nested too deep", func(t *testing.T) {
		data := withParts(t, good, nil, map[string][]byte{"xl/workbook.xml": nested("<workbook>", 100_000)})
		_, err := openBytes(t, data, small)
		if want := "cannot open the workbook: xl/workbook.xml: the XML nests more than 64 elements deep, which no spreadsheet writes"; err == nil || err.Error() != want {
			t.Errorf("error %v\nwant  %s", err, want)
		}
	})
}

// TestOpenReadsOnlyFiles: a FIFO named like a workbook used to hang the
// build past SIGTERM, and a folder named x.xlsx read as "the file is empty".
func TestOpenReadsOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.xlsx")
	os.Mkdir(folder, 0o755)
	for path, want := range map[string]string{
		fifo:        "this is a named pipe (FIFO), not a file; fundsite reads only ordinary files",
		folder:      "this is a folder, not a file",
		"/dev/zero": "this is a device, not a file; fundsite reads only ordinary files",
	} {
		done := make(chan error, 1)
		go func() {
			_, err := Open(path, filepath.Base(path), DefaultLimits)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != want {
				t.Errorf("%s: %v, want %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still opening after 10 s", path)
		}
	}
}

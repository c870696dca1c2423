package workbook

import (
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
		path := filepath.Join(t.TempDir(), "w.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		w, err := Open(path, "w.xlsx", Limits{MaxUnzippedBytes: 4 << 20, MaxRows: 10_000, MaxCells: 1_000_000})
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

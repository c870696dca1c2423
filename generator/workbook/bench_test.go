package workbook

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads a 20,000-row allocations sheet: the stream, the
// strict whole-sheet check and the blank-formula scan together.
func BenchmarkRead(b *testing.B) {
	rows := make([][]any, 20_000)
	for i := range rows {
		rows[i] = []any{"ARF", "2023/24", fmt.Sprintf("E%08d", i), fmt.Sprintf("Area %d", i), 1000 + i, nil, "published"}
	}
	path := filepath.Join(b.TempDir(), "big.xlsx")
	err := Write(path, []SheetSpec{{Name: "Allocations", Header: []string{"Fund", "Year", "Code", "Area", "Amount", "Notes", "Status"}, Rows: rows}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w, err := Open(path, "big.xlsx", DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.Read("Allocations"); err != nil {
			b.Fatal(err)
		}
		w.Close()
	}
}

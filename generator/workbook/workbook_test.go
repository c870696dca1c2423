package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var sample = []SheetSpec{{
	Name:         "Allocations",
	Titles:       []string{"Example allocations", "Provisional figures"},
	Header:       []string{"Fund", "Financial year", "Area", "Amount (£)"},
	Rows:         [][]any{{"ARF", "2023/24", "Kent", 530000}, nil, {"ARF", "2024/25", "Kent", "£1,250.50"}},
	MoneyColumns: []int{3},
}, {
	Name:   "Areas",
	Header: []string{"Code", "Name"},
	Rows:   [][]any{{"E54000032", "Kent and Medway"}},
}}

func TestWriteIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	var first []byte
	// excelize stores parts in map order, so a few runs are needed to catch
	// a regression that would make committed workbooks drift.
	for i := range 8 {
		path := filepath.Join(dir, "w.xlsx")
		if err := Write(path, sample); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Fatalf("run %d wrote different bytes", i)
		}
	}
}

func TestWriteThenRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := Write(path, sample); err != nil {
		t.Fatal(err)
	}
	w, err := Open(path, "data/w.xlsx", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := w.Sheets(); !reflect.DeepEqual(got, []string{"Allocations", "Areas"}) {
		t.Fatalf("sheets %v", got)
	}
	sheet, ok := w.FindSheet(" allocations ")
	if !ok {
		t.Fatal("FindSheet ignores case and spaces")
	}
	table, err := w.Read(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var nums []int
	for _, r := range table.Rows {
		nums = append(nums, r.Num)
	}
	// Row 5 is blank and skipped; numbers stay those a user sees in Excel.
	if want := []int{1, 2, 3, 4, 6}; !reflect.DeepEqual(nums, want) {
		t.Errorf("row numbers %v, want %v", nums, want)
	}
	if got := table.Rows[3].Cells; !reflect.DeepEqual(got, []string{"ARF", "2023/24", "Kent", "530000"}) {
		t.Errorf("row 4 = %q; money cells must read as stored, not formatted", got)
	}
	if got := table.Loc(6, 4).String(); got != "data/w.xlsx: Allocations!D6" {
		t.Errorf("Loc = %q", got)
	}
}

func TestOpenExplainsWrongFiles(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content, want string
	}{
		{"empty.xlsx", "", "empty"},
		{"csv.xlsx", "Fund,Amount\nARF,1\n", "text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, c.name, DefaultLimits)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Open(%s) error %v, want mention of %q", c.name, err, c.want)
			}
		})
	}
}

func TestNormaliseHeader(t *testing.T) {
	for in, want := range map[string]string{
		"Amount (£)":        NormaliseHeader("amount"),
		"  Financial  Year": NormaliseHeader("financial year"),
	} {
		if got := NormaliseHeader(in); got != want {
			t.Errorf("NormaliseHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
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

// TestHeadReadsTheTopRows: Head stops after the rows asked for, not
// counting blank ones, and a sheet with fewer gives them all.
func TestHeadReadsTheTopRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := Write(path, sample); err != nil {
		t.Fatal(err)
	}
	w, err := Open(path, "data/w.xlsx", DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, tt := range []struct {
		n    int
		want []int
	}{{1, []int{1}}, {4, []int{1, 2, 3, 4}}, {5, []int{1, 2, 3, 4, 6}}, {50, []int{1, 2, 3, 4, 6}}} {
		table, err := w.Head("Allocations", tt.n)
		if err != nil {
			t.Fatal(err)
		}
		var nums []int
		for _, r := range table.Rows {
			nums = append(nums, r.Num)
		}
		if !reflect.DeepEqual(nums, tt.want) {
			t.Errorf("Head(%d): rows %v, want %v", tt.n, nums, tt.want)
		}
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
		// 360Giving files spell the same column both ways.
		"Grant Programme: Title": NormaliseHeader("Grant Programme:Title"),
		"Health Ineq  WP":        "health ineq wp",
	} {
		if got := NormaliseHeader(in); got != want {
			t.Errorf("NormaliseHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadKnowsTheDateSystem checks that a workbook saved with the 1904 date
// system says so, since its date serials mean days four years later.
func TestReadKnowsTheDateSystem(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "dates.xlsx")
		if err := Write(path, []SheetSpec{{Name: "S", Header: []string{"Award date"}, Rows: [][]any{{44138}}}}); err != nil {
			t.Fatal(err)
		}
		if date1904 {
			// Write never makes 1904 workbooks; old Mac Excel did.
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
				t.Fatal(err)
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		w, err := Open(path, "dates.xlsx", DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := w.Read("S")
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
		if tab.Date1904 != date1904 {
			t.Errorf("Date1904 = %v, want %v", tab.Date1904, date1904)
		}
	}
}

package diag

import (
	"strings"
	"testing"
)

func TestLocString(t *testing.T) {
	tests := []struct {
		loc  Loc
		want string
	}{
		{Loc{File: "funding.xlsx", Sheet: "Allocations", Row: 14, Col: 6}, "funding.xlsx: Allocations!F14"},
		{Loc{File: "funding.xlsx", Sheet: "Allocations", Row: 3}, "funding.xlsx: Allocations row 3"},
		{Loc{File: "funding.xlsx", Sheet: "Allocations"}, "funding.xlsx: Allocations"},
		{Loc{File: "content/a.md", Line: 12, Column: 5}, "content/a.md:12:5"},
		{Loc{File: "site.toml"}, "site.toml"},
	}
	for _, tt := range tests {
		if got := tt.loc.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.loc, got, tt.want)
		}
	}
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 28: "AB", 702: "ZZ", 703: "AAA"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
	}
}

func TestReportOrdersDedupesAndCaps(t *testing.T) {
	var l List
	for row := 10; row > 0; row-- {
		l.Errorf(Loc{File: "b.xlsx", Sheet: "S", Row: row, Col: 1}, "bad %d", row)
	}
	l.Errorf(Loc{File: "a.xlsx", Sheet: "S", Row: 1, Col: 1}, "first")
	l.Errorf(Loc{File: "a.xlsx", Sheet: "S", Row: 1, Col: 1}, "first")
	l.Warnf(Loc{File: "a.xlsx", Sheet: "S", Row: 2, Col: 1}, "odd")
	got := l.Report(3)
	want := "a.xlsx: S!A1: first\na.xlsx: S!A2: warning: odd\nb.xlsx: S!A1: bad 1\nb.xlsx: S!A2: bad 2\nb.xlsx: S!A3: bad 3\n…and 7 more in b.xlsx: S\n"
	if got != want {
		t.Errorf("Report:\n%s\nwant:\n%s", got, want)
	}
	if err := l.Err(); err == nil || !strings.HasPrefix(err.Error(), "11 problems") {
		t.Errorf("Err() = %v", err)
	}
}

package model

import (
	"strings"
	"testing"

	"fundsite/generator/diag"
)

// TestFormDifference: two names that differ only in their Unicode form
// print alike, so a message naming both says where they differ.
func TestFormDifference(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"North\u00a0East", "North East", `the two are one name written in different Unicode forms: where "North\u00a0East" has U+00A0 NO-BREAK SPACE, "North East" has U+0020 SPACE; retype one so both are the same`},
		{"\ufb01ve Towns", "five Towns", `where "ﬁve Towns" has U+FB01 LATIN SMALL LIGATURE FI, "five Towns" has U+0066 LATIN SMALL LETTER F and U+0069 LATIN SMALL LETTER I`},
		{"\uff2bent", "Kent", `U+FF2B FULLWIDTH LATIN CAPITAL LETTER K`},
		{"Cafe\u0301", "Caf\u00e9", "where \"Cafe\u0301\" has U+0065 LATIN SMALL LETTER E and U+0301 COMBINING ACUTE ACCENT, \"Caf\u00e9\" has U+00E9 LATIN SMALL LETTER E WITH ACUTE"},
		{"Kent", "Kent", ""},
		{"Kent", "kent", ""},
		{"Bath & NE Somerset", "Bath and NE Somerset", ""},
	}
	for _, tt := range tests {
		got := FormDifference(tt.a, tt.b)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("FormDifference(%q, %q) = %q, want it to hold %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFundsInTwoFormsSaySo(t *testing.T) {
	at := func(row int) diag.Loc { return diag.Loc{File: "f.xlsx", Sheet: "Funds", Row: row, Col: 1} }
	var problems diag.List
	CheckNames(&Dataset{Funds: []*Fund{{Name: "Towns Fund", Loc: at(2)}, {Name: "Towns\u00a0Fund", Loc: at(3)}}}, &problems)
	want := `f.xlsx: Funds!A3: fund "Towns\u00a0Fund" and fund "Towns Fund" (at A2) both answer to "Towns\u00a0Fund", so a live figure naming it could mean either and their figures would share anchors; the two are one name written in different Unicode forms: where "Towns\u00a0Fund" has U+00A0 NO-BREAK SPACE, "Towns Fund" has U+0020 SPACE; retype one so both are the same`
	if got := problems.Report(0); !strings.Contains(got, want) {
		t.Errorf("report:\n%s\nwant %s", got, want)
	}
}

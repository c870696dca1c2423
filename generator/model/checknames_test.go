package model

import (
	"strings"
	"testing"

	"fundsite/generator/diag"
)

func TestCheckNames(t *testing.T) {
	at := func(row int) diag.Loc { return diag.Loc{File: "data/funding.xlsx", Sheet: "Areas", Row: row, Col: 2} }
	long := strings.Repeat("Long name ", 30)
	cases := []struct {
		name  string
		areas []*Area
		funds []*Fund
		want  []string // one problem each, in order; none when empty
	}{
		{"plain names", []*Area{{Name: "Beta", Code: "E06000001"}, {Name: "Café", Code: "GB-CHC-123.4_5"}, {Name: "東京"}, {Name: "Москва"}, {Name: "नई दिल्ली"}},
			[]*Fund{{Name: "Towns Fund", Short: "TF"}, {Name: "Transport Fund", Short: "TrF"}}, nil},
		{"invisible characters", []*Area{{Name: "Be\u200bta", Loc: at(3)}, {Name: "\ufeffKent", Loc: at(4)}, {Name: "Line\nbreak", Loc: at(5)}}, nil, []string{
			`data/funding.xlsx: Areas!B3: area name "Be\u200bta" holds an invisible character (U+200B ZERO WIDTH SPACE) after "Be", so it looks like "Beta" but is a different name; delete the character`,
			`data/funding.xlsx: Areas!B4: area name "\ufeffKent" holds an invisible character (U+FEFF BYTE ORDER MARK) after "", so it looks like "Kent" but is a different name; delete the character`,
			`data/funding.xlsx: Areas!B5: area name "Line\nbreak" holds an invisible character (U+000A LINE FEED) after "Line", so it looks like "Linebreak" but is a different name; delete the character`,
		}},
		{"look-alike letters", []*Area{{Name: "B\u0435ta", Loc: at(3)}, {Name: "Region", Region: "S\u03bfuth", Loc: at(4)}}, nil, []string{
			`data/funding.xlsx: Areas!B3: area name "Bеta" mixes Latin and Cyrillic letters in "Bеta" ("е" is Cyrillic), so it looks like "Beta" but is a different name; retype it`,
			`data/funding.xlsx: Areas!B4: region "Sοuth" mixes Latin and Greek letters in "Sοuth" ("ο" is Greek), so it looks like "South" but is a different name; retype it`,
		}},
		{"codes that cannot be addresses", []*Area{{Name: "Kent", Code: "E1\n/*  https://evil.example/:splat  200!", Loc: at(3)}, {Name: "Essex", Code: "../x", Loc: at(4)}, {Name: "Hull", Code: "E 1", Loc: at(5)}}, nil, []string{
			`data/funding.xlsx: Areas!B3: area code "E1\n/*  https://evil.example/:splat  200!" of "Kent" holds a line break or another control character; check the cell`,
			`data/funding.xlsx: Areas!B4: warning: area code "../x" of "Essex" and 1 more hold characters other than letters, digits and . _ -, so /areas/<code>/ does not lead to their pages; each is still found by name and listed with its code`,
		}},
		{"too long for an address: cut, not refused", []*Area{{Name: long, Loc: at(3)}}, nil, nil},
		{"funds that answer to one name", nil, []*Fund{
			{Name: "Towns Fund", Short: "TF", Loc: diag.Loc{File: "f.xlsx", Sheet: "Funds", Row: 2, Col: 1}},
			{Name: "Transport Fund", Short: "tf", Loc: diag.Loc{File: "f.xlsx", Sheet: "Funds", Row: 3, Col: 1}},
			{Name: "TF", Loc: diag.Loc{File: "f.xlsx", Sheet: "Funds", Row: 4, Col: 1}},
		}, []string{
			`f.xlsx: Funds!A3: fund "Transport Fund" and fund "Towns Fund" (at A2) both answer to "tf", so a live figure naming it could mean either and their figures would share anchors; give each fund its own short name`,
			`f.xlsx: Funds!A4: fund "TF" and fund "Towns Fund" (at A2) both answer to "TF", so a live figure naming it could mean either and their figures would share anchors; give each fund its own short name`,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var problems diag.List
			CheckNames(&Dataset{Areas: c.areas, Funds: c.funds}, &problems)
			var got []string
			for _, p := range problems.Sorted() {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

package config

import (
	"strings"
	"testing"
)

func TestLayoutSettings(t *testing.T) {
	cfg, err := Load(writeConfig(t, `
[[source]]
file = "data/g.xlsx"
sheet_number = 2
header_row = 3
skip_rows = [4]
[source.unpivot]
field = "year"

[areas.aliases]
"Barking And Dagenham" = "Barking and Dagenham"
[areas.old_codes]
E54000052 = "E54000063"
`))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Sources[0]
	if s.SheetNumber != 2 || s.Unpivot == nil || s.Unpivot.Field != "year" || len(s.SkipRows) != 1 ||
		cfg.Areas.OldCodes["E54000052"] != "E54000063" || len(cfg.Areas.Aliases) != 1 {
		t.Errorf("settings read wrongly: %+v %+v", s, cfg.Areas)
	}
}

func TestLayoutSettingErrors(t *testing.T) {
	for _, tt := range []struct{ toml, want string }{
		{"[[source]]\nfile = \"g.xlsx\"\n[source.unpivot]\nfeild = \"year\"\n", `did you mean "field"`},
		{"[[source]]\nfile = \"g.xlsx\"\nunpivot = { field = \"yaer\" }\n", `unpivot field "yaer" must be year or fund (did you mean "year"?)`},
		{"[[source]]\nfile = \"g.xlsx\"\nunpivot = { field = \"fund\" }\n", "unpivot by fund needs columns"},
		{"[[source]]\nfile = \"g.xlsx\"\nkind = \"areas\"\nunpivot = { field = \"year\" }\n", "only allocations and grants sheets can be unpivoted"},
		{"[[source]]\nfile = \"g.xlsx\"\nsheet = \"A\"\nsheet_number = 1\n", "gives both sheet and sheet_number"},
		{"[[source]]\nfile = \"g.xlsx\"\nheader_row = 3\nskip_rows = [2]\n", "skip_rows holds 2, which is not a row below the header"},
		{"[areas]\nalias = {}\n", `did you mean "aliases"`},
	} {
		_, err := Load(writeConfig(t, tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.toml, err, tt.want)
		}
	}
}

// Every key of a [[source]] is found on its line, however it is written,
// so a message about a setting can point at it.
func TestSourceKeyLines(t *testing.T) {
	cfg, err := Load(writeConfig(t, `title = "x"

[[source]]
file = "data/a.xlsx"
columns = { amount = "£ Awarded", "recipient" = "Organisation" }

[[source]]
file = "data/b.xlsx"
kind = "grants"
measure = "count"
noun = { one = "person", many = "people" }
[source.columns]
amount = "Income scale"

[units]
one = "local authority"
many = "local authorities"
`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := cfg.Sources[0], cfg.Sources[1]
	for _, tt := range []struct {
		s    Source
		key  string
		line int
	}{
		{a, "file", 4}, {a, "columns.amount", 5}, {a, "columns.recipient", 5}, {a, "sheet", 3},
		{b, "kind", 9}, {b, "measure", 10}, {b, "noun.many", 11}, {b, "columns.amount", 13},
	} {
		if got := cfg.SourceLoc(tt.s, tt.key).Line; got != tt.line {
			t.Errorf("%s of the source at line %d: line %d, want %d", tt.key, tt.s.Line, got, tt.line)
		}
	}
	if !b.IsCount() || b.Noun.Many != "people" || cfg.Units.Many != "local authorities" {
		t.Errorf("settings read wrongly: %+v %+v", b, cfg.Units)
	}
}

func TestMeasureSettingErrors(t *testing.T) {
	for _, tt := range []struct{ toml, want string }{
		{"[[source]]\nfile = \"g.xlsx\"\nmeasure = \"counts\"\n", `site.toml:3: [[source]] number 1: measure "counts" must be money or count (did you mean "count"?)`},
		{"[[source]]\nfile = \"g.xlsx\"\nnoun = { many = \"contracts\" }\n", `site.toml:3: [[source]] number 1: noun names what a count counts; add measure = "count"`},
		{"[[source]]\nfile = \"g.xlsx\"\nround = \"pence\"\n", `site.toml:3: [[source]] number 1: round "pence" must be "penny" or "pound" for money (did you mean "penny"?)`},
		{"[[source]]\nfile = \"g.xlsx\"\nmeasure = \"count\"\nround = \"penny\"\n", `site.toml:4: [[source]] number 1: round "penny" must be "whole" for a count`},
		{"[[source]]\nfile = \"g.xlsx\"\nkind = \"areas\"\nround = \"penny\"\n", `site.toml:4: [[source]] number 1: round is for allocations and grants sheets`},
		{"[[source]]\nfile = \"g.xlsx\"\nkind = \"grant\"\n", `site.toml:3: [[source]] number 1: kind "grant" must be allocations, grants, areas or funds (did you mean "grants"?)`},
		{"[units]\nsingular = \"council\"\n", `site.toml:2: unknown setting "units.singular"`},
	} {
		_, err := Load(writeConfig(t, tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.toml, err, tt.want)
		}
	}
}

// rows = "3:46" says which rows form the table, its header included.
func TestTableRows(t *testing.T) {
	for _, tt := range []struct {
		rows        string
		first, last int
	}{{"3:46", 3, 46}, {" 7 : ", 7, 0}, {"3-46", 3, 46}, {"3–46", 3, 46}} {
		cfg, err := Load(writeConfig(t, "[[source]]\nfile = \"g.xlsx\"\nrows = \""+tt.rows+"\"\n"))
		if err != nil {
			t.Fatalf("%q: %v", tt.rows, err)
		}
		if first, last, ok := cfg.Sources[0].TableRows(); !ok || first != tt.first || last != tt.last {
			t.Errorf("%q read as %d to %d (%v), want %d to %d", tt.rows, first, last, ok, tt.first, tt.last)
		}
	}
	for _, tt := range []struct{ toml, want string }{
		{"rows = \"46:3\"\n", `rows = "46:3" must give the table's first and last rows, its header included, as in rows = "3:46"`},
		{"rows = \"3\"\n", `rows = "3" must give the table's first and last rows`},
		{"rows = \"A3:Q46\"\n", `rows = "A3:Q46" must give`},
		{"rows = \"3:46\"\nheader_row = 2\n", `header_row 2 is outside rows = "3:46"`},
		{"rows = \"3:46\"\nskip_rows = [47]\n", `skip_rows holds 47, which is outside rows = "3:46"`},
	} {
		_, err := Load(writeConfig(t, "[[source]]\nfile = \"g.xlsx\"\n"+tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.toml, err, tt.want)
		}
	}
}

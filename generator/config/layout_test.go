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
		{"[[source]]\nfile = \"g.xlsx\"\nkind = \"areas\"\nunpivot = { field = \"year\" }\n", "only allocations sheets can be unpivoted"},
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

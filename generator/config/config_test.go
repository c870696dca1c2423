package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "site.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestNamedFigures(t *testing.T) {
	cfg, err := Load(writeConfig(t, `title = "x"

[figures.arf_total]
op = "sum"
fund = "ARF"
expect = "£42.6m"

[figures.areas_2023]
op = "count areas"
year = "2023/24"
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Figure{
		"arf_total":  {Op: "sum", Fund: "ARF", Expect: "£42.6m", Line: 3},
		"areas_2023": {Op: "count areas", Year: "2023/24", Line: 8},
	}
	if len(cfg.Figures) != len(want) {
		t.Fatalf("got %d figures, want %d", len(cfg.Figures), len(want))
	}
	for name, w := range want {
		if got := cfg.Figures[name]; got != w {
			t.Errorf("figure %s = %+v, want %+v", name, got, w)
		}
	}
}

func TestNamedFigureUnknownKey(t *testing.T) {
	_, err := Load(writeConfig(t, `[figures.arf_total]
op = "sum"
fnd = "ARF"
`))
	if err == nil {
		t.Fatal("a misspelt figure setting was accepted")
	}
	for _, want := range []string{"site.toml:3", `"figures.arf_total.fnd"`, `did you mean "fund"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

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

// A mistake in site.toml's syntax is shown where it is: the line itself,
// with carets under the characters at fault, as toml's own errors do.
func TestSyntaxErrorShowsTheLine(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"value missing", "title = \"x\"\nbase_url = \n",
			"site.toml:2:12: expected value but found '\\n' instead\n     2 | base_url = \n" + strings.Repeat(" ", 9+11) + "^"},
		{"tab and accent before the fault", "title = \"xé\tx\n",
			"site.toml:1:15: strings cannot contain newlines\n     1 | title = \"xé\tx\n" + strings.Repeat(" ", 9+11) + "\t ^"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeConfig(t, c.text))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant it to hold:\n%s", err, c.want)
			}
		})
	}
}

package site

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/pages"
	"fundsite/themes"
)

// themeWithPartials is the default theme with its partials.html replaced.
func themeWithPartials(t *testing.T, edit func(string) string) fs.FS {
	t.Helper()
	theme := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), p)
		if p == "layouts/partials.html" {
			data = []byte(edit(string(data)))
		}
		theme[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return theme
}

// A theme that cannot write the figures a narrative quotes is refused
// when it is loaded, naming what it lacks, rather than at the first page.
func TestThemeWithoutFigureTemplates(t *testing.T) {
	for _, name := range []string{"figure", "figure-notes", "amount"} {
		t.Run(name, func(t *testing.T) {
			theme := themeWithPartials(t, func(s string) string {
				return strings.Replace(s, `{{define "`+name+`"}}`, `{{define "other-`+name+`"}}`, 1)
			})
			var problems diag.List
			_, err := Load(theme, &config.Config{File: "site.toml"}, &problems)
			if err == nil || !strings.Contains(err.Error(), `no {{define "`+name+`"}}`) {
				t.Errorf("error %v, want the missing %q named", err, name)
			}
		})
	}
}

// A headline's amount is written by the theme's "amount" template: short
// for the eye, exact for screen readers and machines.
func TestAmountHTML(t *testing.T) {
	theme := themeWithPartials(t, func(s string) string { return s })
	var problems diag.List
	th, err := Load(theme, &config.Config{File: "site.toml"}, &problems)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		amount pages.Amount
		want   string
	}{
		{pages.Amount{Pence: 4_260_000_000}, `<data class="money" value="42600000.00">£42.6m</data><span class="visually-hidden"> (£42,600,000)</span>`},
		{pages.Amount{Pence: 93_000}, `<data class="money" value="930.00">£930</data>`},
		{pages.Amount{Pence: 123_400, Measure: model.Measure{Count: true}}, `<data class="money" value="1234.00">1,234</data>`},
	}
	for _, tt := range tests {
		got, err := th.AmountHTML(tt.amount)
		if err != nil || string(got) != tt.want {
			t.Errorf("AmountHTML(%d) = %s, %v; want %s", tt.amount.Pence, got, err, tt.want)
		}
	}
}

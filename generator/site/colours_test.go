package site

import (
	"os"
	"strings"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/diag"
)

func TestBrandColours(t *testing.T) {
	tests := []struct {
		name    string
		colours config.Colours
		css     []string // in the generated stylesheet; nil: none published
		warn    []string // in the warnings, in order; nil: none
	}{
		{name: "none set"},
		{"accessible brand", config.Colours{Accent: "#00703C", Text: "#000"},
			[]string{"--text: #000000;", "--brand: #00703c;"}, nil},
		{"pale accent", config.Colours{Accent: "#ffdd00"},
			[]string{"--brand: #ffdd00;"}, []string{
				"site.toml:7: warning: [colours] accent: accent-text #ffffff on brand #ffdd00 has contrast 1.35:1; WCAG 2.2 AA asks at least 4.5:1 for the header's title and navigation",
				"site.toml:7: warning: [colours] accent: brand #ffdd00 on background #ffffff has contrast 1.35:1; WCAG 2.2 AA asks at least 3.0:1 for accent borders",
				"site.toml:7: warning: [colours] accent: focus #ffdd00 on brand #ffdd00 has contrast 1.00:1; WCAG 2.2 AA asks at least 3.0:1 for the focus highlight in the header",
			}},
		{"grey text on cream", config.Colours{Text: "#888888", Background: "#fff8e0"},
			[]string{"--background: #fff8e0;"}, []string{
				"site.toml:3: warning: [colours] text: text #888888 on background #fff8e0 has contrast 3.33:1; WCAG 2.2 AA asks at least 4.5:1 for text",
				"site.toml:3: warning: [colours] text: text #888888 on focus #ffdd00 has contrast 2.63:1; WCAG 2.2 AA asks at least 4.5:1 for focused links",
				"site.toml:3: warning: [colours] text: text #888888 on panel #f3f2f1 has contrast 3.17:1; WCAG 2.2 AA asks at least 4.5:1 for headline figures",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := &config.Config{File: "site.toml", Colours: tt.colours}
			cfg.Colours.Lines = map[string]int{"text": 3, "background": 4, "accent": 7}
			var problems diag.List
			theme, err := Load(os.DirFS("../../themes/default"), cfg, &problems)
			if err != nil {
				t.Fatal(err)
			}
			var published []File
			for _, f := range theme.Files() {
				if strings.Contains(f.Path, "colours.") {
					published = append(published, f)
				}
			}

			var warnings []string
			for _, d := range problems.Sorted() {
				warnings = append(warnings, d.String())
			}
			if strings.Join(warnings, "\n") != strings.Join(tt.warn, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(tt.warn, "\n"))
			}
			if tt.css == nil {
				if len(published) != 0 || (PageData{assets: theme.assets}).HasAsset("colours.css") {
					t.Errorf("published %v with no colours set", published)
				}
				return
			}
			if len(published) != 1 || "/"+published[0].Path != theme.assets["colours.css"] || !strings.HasPrefix(published[0].Path, "assets/colours.") {
				t.Fatalf("published %v as %q", published, theme.assets["colours.css"])
			}
			for _, want := range tt.css {
				if !strings.Contains(string(published[0].Data), want) {
					t.Errorf("stylesheet lacks %q:\n%s", want, published[0].Data)
				}
			}
		})
	}
}

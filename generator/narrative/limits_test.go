package narrative

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
)

// TestPageLimits: a page nested too deep, or with too many live figures,
// is refused at its line, quickly, with a message naming the limit; pages
// within the limits, and look-alikes that do not nest (a thematic break
// "- - -", a quote of "1.5" or a "+" in a sentence), read as before. 200
// KB of ">" took 56 s, and 300,000 live figures on one page minutes.
func TestPageLimits(t *testing.T) {
	d := testData(t)
	var problems diag.List
	set := figures.New(d, &config.Config{File: "site.toml"}, &problems)
	r := NewRenderer(Options{}, Figures(set, defaultMarkup(t)))
	deepList := ""
	for i := range 40 {
		deepList += strings.Repeat("  ", i) + "- item\n"
	}
	figure := "{{ sum fund=\"ARF\" }}"
	tests := []struct {
		name, markdown string
		want           string // "" loads
	}{
		{"200 KB of >", "Intro.\n\n" + strings.Repeat(">", 200_000) + " deep\n", "content/page.md:3: quotes and lists nest more than 32 deep here, more than fundsite reads in a page (the nesting limit)"},
		{"quotes spaced out, over many lines", strings.Repeat("> ", 5000) + "a\n" + strings.Repeat("> ", 5000) + "b\n", "content/page.md:1: quotes and lists nest more than 32 deep"},
		{"lists on one line", strings.Repeat("- ", 100_000) + "x\n", "content/page.md:1: quotes and lists nest more than 32 deep"},
		{"numbered lists in quotes", strings.Repeat("> 1. ", 20) + "x\n", "content/page.md:1: quotes and lists nest more than 32 deep"},
		{"lists nested by indenting", deepList, "content/page.md:33: quotes and lists nest more than 32 deep"},
		{"quotes as deep as allowed", strings.Repeat(">", 32) + " x\n", ""},
		{"a long thematic break", strings.Repeat("- ", 200) + "\n\nText.\n", ""},
		{"a quoted thematic break", "> " + strings.Repeat("* ", 100) + "\n", ""},
		{"numbers and signs in sentences", strings.Repeat("1.5 + 2 - 3 * 4 ", 100) + "\n", ""},
		{"too many live figures", strings.Repeat("A figure: "+figure+".\n\n", MaxShortcodes+1), "content/page.md:4001:11: more than 2000 live figures and charts on one page, more than fundsite works out for a page (the limit of figures per page)"},
		{"300,000 live figures", strings.Repeat(figure+" ", 300_000), "content/page.md:1:42001: more than 2000 live figures and charts on one page"},
		{"as many live figures as allowed", strings.Repeat(figure+"\n", MaxShortcodes), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var problems diag.List
			start := time.Now()
			pages := Load(fstest.MapFS{"page.md": {Data: []byte(tt.markdown)}}, r, &problems)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %s", took)
			}
			report := problems.Report(0)
			if tt.want == "" {
				if problems.HasErrors() || len(pages) != 1 {
					t.Fatalf("refused:\n%s", report)
				}
				return
			}
			if !strings.HasPrefix(report, tt.want) {
				t.Errorf("report:\n%s\nwant it to start %s", report, tt.want)
			}
			if len(pages) != 0 {
				t.Error("the page is kept, to be worked out and rendered")
			}
		})
	}
}

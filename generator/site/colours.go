package site

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"fundsite/generator/colour"
	"fundsite/generator/config"
	"fundsite/generator/diag"
)

// colourProperty is the theme's CSS custom property each [colours] key sets.
var colourProperty = map[string]string{
	"text":        "--text",
	"background":  "--background",
	"link":        "--link",
	"accent":      "--brand",
	"accent_text": "--accent-text",
}

// contrastPair is two of the theme's colours that are seen one on the
// other, and the contrast WCAG 2.2 asks of them.
type contrastPair struct {
	fg, bg string
	min    float64
	what   string
}

// contrastPairs are the default theme's colour pairings. Pairs whose
// properties a theme does not define are skipped.
var contrastPairs = []contrastPair{
	{"--text", "--background", colour.TextContrast, "text"},
	{"--muted", "--background", colour.TextContrast, "secondary text"},
	{"--link", "--background", colour.TextContrast, "links"},
	{"--link-visited", "--background", colour.TextContrast, "visited links"},
	{"--published", "--background", colour.TextContrast, "status labels"},
	{"--estimate", "--background", colour.TextContrast, "status labels"},
	{"--text", "--panel", colour.TextContrast, "headline figures"},
	{"--accent-text", "--brand", colour.TextContrast, "the header's title and navigation"},
	{"--brand", "--background", colour.UIContrast, "accent borders"},
	{"--focus", "--brand", colour.UIContrast, "the focus highlight in the header"},
	{"--text", "--focus", colour.TextContrast, "focused links"},
}

// brandColours is site.toml's [colours] as a small stylesheet of custom
// properties, published after the theme's own (the CSP forbids inline
// styles), or nil when none are set. It warns about every pairing the
// colours leave short of WCAG contrast against the theme's palette.
func brandColours(cfg *config.Config, palette map[string]colour.RGB, problems *diag.List) []byte {
	named := cfg.Colours.Named()
	if len(named) == 0 {
		return nil
	}
	setBy := map[string]string{} // property -> site.toml key
	var css strings.Builder
	css.WriteString("/* Brand colours from site.toml [colours]. */\n:root {\n")
	for _, n := range named {
		c, err := colour.Parse(n.Value)
		if err != nil {
			continue // config has reported it
		}
		prop := colourProperty[n.Key]
		palette[prop] = c
		setBy[prop] = n.Key
		fmt.Fprintf(&css, "  %s: %s;\n", prop, c)
	}
	css.WriteString("}\n")
	for _, p := range contrastPairs {
		fg, okF := palette[p.fg]
		bg, okB := palette[p.bg]
		key := setBy[p.fg]
		if key == "" {
			key = setBy[p.bg]
		}
		if !okF || !okB || key == "" {
			continue
		}
		if ratio := colour.Contrast(fg, bg); ratio < p.min {
			problems.Warnf(cfg.ColourLoc(key), "[colours] %s: %s %s on %s %s has contrast %.2f:1; WCAG 2.2 AA asks at least %.1f:1 for %s",
				key, strings.TrimPrefix(p.fg, "--"), fg, strings.TrimPrefix(p.bg, "--"), bg, ratio, p.min, p.what)
		}
	}
	return []byte(css.String())
}

var customProperty = regexp.MustCompile(`(--[a-z0-9-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;`)

// themePalette reads the hex custom properties of the theme's first :root
// rule, so the checks use the theme's real colours, not a copy of them.
func themePalette(theme fs.FS) map[string]colour.RGB {
	palette := map[string]colour.RGB{}
	data, err := fs.ReadFile(theme, "static/style.css")
	if err != nil {
		return palette
	}
	text := string(data)
	start := strings.Index(text, ":root")
	if start < 0 {
		return palette
	}
	end := strings.Index(text[start:], "}")
	if end < 0 {
		return palette
	}
	for _, m := range customProperty.FindAllStringSubmatch(text[start:start+end], -1) {
		if c, err := colour.Parse(m[2]); err == nil {
			palette[m[1]] = c
		}
	}
	return palette
}

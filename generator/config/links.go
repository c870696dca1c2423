package config

import (
	"github.com/BurntSushi/toml"

	"fundsite/generator/diag"
	"fundsite/generator/urls"
)

// maxConfigBytes is the largest site.toml read; a site with a hundred
// sources and named figures is a few kilobytes.
const maxConfigBytes = 4 << 20

// validateLinks holds base_url and the links site.toml puts on every page
// to what a page may link to, naming the line of each. A missing base_url
// is the build's to refuse: a preview has no address, and needs none.
func (c *Config) validateLinks(problems *diag.List, text string) {
	at := func(key string) diag.Loc { return diag.Loc{File: c.File, Line: lineOf(text, toml.Key{key})} }
	if c.BaseURL != "" {
		if err := urls.CheckBase(c.BaseURL); err != nil {
			problems.Errorf(at("base_url"), "%v", err)
		}
	}
	for key, link := range map[string]string{"publisher_url": c.PublisherURL, "licence_url": c.LicenceURL} {
		if link == "" {
			continue
		}
		if err := urls.CheckLink(link); err != nil {
			problems.Errorf(at(key), "%s: %v", key, err)
		}
	}
}

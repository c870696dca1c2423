package model

import (
	"fundsite/generator/diag"
	"fundsite/generator/urls"
)

// CheckLinks refuses a source address that cannot be a link: every
// allocation's Source and every fund's source address is published as a
// link, and a "javascript:" one used to reach the page as href="#ZgotmplZ"
// or href="", silently. Each is reported at its row.
func CheckLinks(d *Dataset, problems *diag.List) {
	for _, rows := range [][]*Allocation{d.Allocations, d.Missing} {
		for _, a := range rows {
			if a.Source == "" {
				continue
			}
			if err := urls.CheckLink(a.Source); err != nil {
				problems.Errorf(diag.Loc{File: a.Loc.File, Sheet: a.Loc.Sheet, Row: a.Loc.Row}, "source: %v", err)
			}
		}
	}
	for _, f := range d.Funds {
		if f.SourceURL == "" {
			continue
		}
		if err := urls.CheckLink(f.SourceURL); err != nil {
			problems.Errorf(diag.Loc{File: f.Loc.File, Sheet: f.Loc.Sheet, Row: f.Loc.Row}, "fund %q: source address: %v", f.Name, err)
		}
	}
}

package pages

import (
	"maps"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/narrative"
)

// checkPageAddresses refuses a page of its own whose address another page
// has: one fundsite makes (content/data.md would be /data/, the open data
// page, and which of the two a build kept was chance, with the sitemap
// listing it twice), or another file's, as "my page.md" and "my-page.md"
// both make /my-page/, and "About.md" and "about.md" both /about/ (Netlify
// and macOS do not tell case apart).
func (b *builder) checkPageAddresses(plain []*narrative.Page) []*narrative.Page {
	d := b.in.Data
	made := map[string]string{
		"/": "the home page", "/areas/": "the list of areas", "/data/": "the open data page",
		"/updates/": "the page of data updates", statementURL: "the accessibility statement",
	}
	for _, f := range d.Funds {
		made[fundURL(f)] = "the page of the " + f.Name
	}
	for _, a := range d.Areas {
		made[areaURL(a)] = "the page of " + a.Name
	}
	maps.Copy(made, placeAddresses(d))
	taken := map[string]string{} // address to the file that has it
	var kept []*narrative.Page
	for _, p := range plain {
		file := "content/" + p.Path
		at := diag.Loc{File: file, Line: 1}
		url := pageURL(p)
		switch {
		case strings.Contains(url, "//"):
			b.problems.Errorf(at, "the file's name has no letters or digits to make a web address from; rename it")
		case made[url] != "":
			b.problems.Errorf(at, "this page's address, %s, is %s, which fundsite makes; rename the file", url, made[url])
		case taken[url] != "":
			b.problems.Errorf(at, "this page's address, %s, is also %s's (file names that differ only in case, spaces or punctuation make one address); rename one of them", url, taken[url])
		default:
			taken[url] = file
			kept = append(kept, p)
		}
	}
	return kept
}

package siteindex

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/url"
	"slices"

	"fundsite/generator/pages"
)

// Sitemap is the part that lists every page the parts before it made, for
// search engines: sitemap.xml, and robots.txt, which points to it. It
// comes last.
type Sitemap struct{}

// Name says what the part makes, for --timings.
func (Sitemap) Name() string { return "sitemap and robots.txt" }

// Make makes sitemap.xml and robots.txt.
func (Sitemap) Make(_ context.Context, s *pages.Site) ([]*pages.Page, []pages.File, error) {
	return nil, []pages.File{pages.FileOf("sitemap.xml", sitemap(s)), pages.FileOf("robots.txt", robots(s))}, nil
}

// sitemap lists every page, dated by the data (never the build clock, so
// rebuilding the same data gives the same file).
func sitemap(s *pages.Site) []byte {
	urls := slices.Clone(s.Streamed)
	for _, p := range s.Pages {
		if p.URL != pages.NotFoundURL {
			urls = append(urls, p.URL)
		}
	}
	slices.Sort(urls)
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range urls {
		b.WriteString("<url><loc>")
		// The protocol wants addresses percent-encoded: a page named in
		// another script than Latin keeps its letters (/areas/αθήνα/).
		xml.EscapeText(&b, []byte(s.View.Absolute((&url.URL{Path: p}).EscapedPath())))
		b.WriteString("</loc>")
		if s.View.DataAsAt != "" {
			b.WriteString("<lastmod>" + s.View.DataAsAt + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func robots(s *pages.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.View.Absolute("/sitemap.xml") + "\n")
}

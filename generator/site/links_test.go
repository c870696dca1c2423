package site

import "testing"

func TestRelativeLinks(t *testing.T) {
	tests := []struct{ page, in, want string }{
		{"/", `<a href="/">`, `<a href="./">`},
		{"/", `<a href="/areas/">`, `<a href="areas/">`},
		{"/areas/kent/", `<link href="/assets/style.1.css">`, `<link href="../../assets/style.1.css">`},
		{"/areas/kent/", `<script defer src="/assets/a.js">`, `<script defer src="../../assets/a.js">`},
		{"/areas/kent/", `<a href="/areas/bolton/">`, `<a href="../bolton/">`},
		{"/areas/kent/", `<a href="/areas/kentish/">`, `<a href="../kentish/">`},
		{"/areas/kent/", `<a href="/areas/kent/allocations.csv">`, `<a href="allocations.csv">`},
		{"/areas/kent/", `<a href="/areas/kent/#fig-x">`, `<a href="#fig-x">`},
		{"/areas/kent/", `<a href="/areas/kent/">`, `<a href="./">`},
		{"/areas/kent/", `<a href="/areas/kent/?q=a&amp;b">`, `<a href="./?q=a&amp;b">`},
		{"/areas/kent/", `<a href="/">`, `<a href="../../">`},
		{"/areas/kent/", `<a href="/updates/#update-2">`, `<a href="../../updates/#update-2">`},
		{"/guides/a/b/", `<a href="/guides/c/">`, `<a href="../../c/">`},
		// Another host, or not a link: left alone.
		{"/areas/kent/", `<script src="//cdn.example/a.js">`, `<script src="//cdn.example/a.js">`},
		{"/areas/kent/", `<link rel="canonical" href="https://example.org/areas/kent/">`, `<link rel="canonical" href="https://example.org/areas/kent/">`},
		{"/areas/kent/", `<div data-href="/x/">`, `<div data-href="/x/">`},
		{"/areas/kent/", `<meta content="/x/">`, `<meta content="/x/">`},
		{"/areas/kent/", `<p>href=&#34;/x/&#34;</p>`, `<p>href=&#34;/x/&#34;</p>`},
		{"/areas/kent/", `<a href="/x/`, `<a href="/x/`},
		// Several in a row, across lines.
		{"/a/", "<a\nhref=\"/b/\"><img src=\"/c.svg\">text=\"/d/\"", "<a\nhref=\"../b/\"><img src=\"../c.svg\">text=\"/d/\""},
	}
	for _, tt := range tests {
		if got := string(relativeLinks(nil, []byte(tt.in), tt.page)); got != tt.want {
			t.Errorf("on %s, %s became %s, want %s", tt.page, tt.in, got, tt.want)
		}
	}
}

// The 404 page is served at any missing address, so its links start from
// the site's own folder, whatever the depth of the address.
func TestNotFoundLinksStartAtTheSite(t *testing.T) {
	tests := []struct{ baseURL, in, want string }{
		{"https://example.org/", `<a href="/areas/">`, `<a href="/areas/">`},
		{"/", `<a href="/">`, `<a href="/">`},
		{"https://example.github.io/grants/", `<a href="/areas/"><link href="/assets/s.css">`, `<a href="/grants/areas/"><link href="/grants/assets/s.css">`},
		{"https://example.github.io/a%20b/", `<a href="/">`, `<a href="/a%20b/">`},
		{"https://example.github.io/x&y/", `<a href="/">`, `<a href="/x&amp;y/">`},
	}
	for _, tt := range tests {
		if got := string(rebaseLinks(nil, []byte(tt.in), basePath(tt.baseURL))); got != tt.want {
			t.Errorf("under %s, %s became %s, want %s", tt.baseURL, tt.in, got, tt.want)
		}
	}
}

// A national site's area page is about 75 KB with some 500 links.
func BenchmarkRelativeLinks(b *testing.B) {
	var page []byte
	for len(page) < 75_000 {
		page = append(page, `<tr><th scope="row"><a href="/areas/kent-and-medway/">Kent and Medway</a></th><td class="num">£1,234,567</td></tr>
<p>Some words about the figures, <a href="/funds/accelerating-reform-fund/#fig-arf-total">a figure</a>, more words.</p>
`...)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	var dst []byte
	for b.Loop() {
		dst = relativeLinks(dst[:0], page, "/areas/mid-and-south-essex/")
	}
}

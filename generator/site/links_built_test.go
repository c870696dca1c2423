package site_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/browsertest"
	"fundsite/generator/sitetest"
)

// The built site must work wherever its files are put: opened from a
// folder on disk, at a domain's root, or under a sub-path.

var linkAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// pageLinks are the addresses a page links to or loads, as written.
func pageLinks(html string) []string {
	var out []string
	for _, m := range linkAttr.FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestLinksWorkFromDisk follows every link and source of every page of
// the example as a browser would from file://: each must lead to a file of
// the site (a folder to its index.html) and each #anchor to an element.
func TestLinksWorkFromDisk(t *testing.T) {
	out := builtExample(t)
	pages := sitePages(t, out)
	checked := 0
	for _, page := range pages {
		html := readPage(t, out, page+"index.html")
		for _, href := range pageLinks(html) {
			u, err := url.Parse(strings.ReplaceAll(href, "&amp;", "&"))
			if err != nil {
				t.Errorf("%s: link %q: %v", page, href, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue // another site
			}
			if strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: link %q starts at the root of a host, so it breaks from disk and under a sub-path", page, href)
				continue
			}
			target := resolveLink(page, href)
			file, frag, _ := strings.Cut(target, "#")
			if strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
			if err != nil {
				t.Errorf("%s: link %q leads to no file: %v", page, href, err)
				continue
			}
			if frag != "" && !strings.Contains(string(data), `id="`+frag+`"`) {
				t.Errorf("%s: link %q: %s has no element with id %q", page, href, file, frag)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d links checked", checked)
	}
}

// TestSiteWorksUnderASubPath publishes the example under /grants/ (its
// base_url says so) and follows every link from the home page and the 404
// page over HTTP: each must answer, and stay under /grants/.
func TestSiteWorksUnderASubPath(t *testing.T) {
	dir := copyExample(t)
	sitetest.SetConfig(t, dir, "base_url", "https://example.github.io/grants/")
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	mux := http.NewServeMux()
	mux.Handle("/grants/", http.StripPrefix("/grants", browsertest.Handler(out)))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	queue := []string{"/grants/", "/grants/404.html"}
	seen := map[string]bool{queue[0]: true, queue[1]: true}
	for len(queue) > 0 {
		addr := queue[0]
		queue = queue[1:]
		resp, err := http.Get(srv.URL + addr)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", addr, resp.Status)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		for _, href := range pageLinks(string(body)) {
			if strings.Contains(href, "//") || strings.HasPrefix(href, "mailto:") {
				continue // another site (the canonical address among them)
			}
			target, _, _ := strings.Cut(resolveLink(addr, href), "#")
			if !strings.HasPrefix(target, "/grants/") {
				t.Errorf("%s: link %q leaves the site's folder for %s", addr, href, target)
				continue
			}
			if !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	sitemap := readPage(t, out, "sitemap.xml")
	// Every page the sitemap lists is reached by following links.
	locs := regexp.MustCompile(`<loc>https://example\.github\.io(/grants/[^<]*)</loc>`).FindAllStringSubmatch(sitemap, -1)
	if len(locs) < 50 {
		t.Fatalf("the sitemap lists only %d pages under /grants/", len(locs))
	}
	for _, loc := range locs {
		if !seen[loc[1]] {
			t.Errorf("%s is in the sitemap but no link from the home page leads to it", loc[1])
		}
	}
	if !strings.Contains(sitemap, "<loc>https://example.github.io/grants/areas/kent-and-medway/</loc>") {
		t.Error("the sitemap does not give absolute addresses under base_url")
	}
	kent := readPage(t, out, "areas/kent-and-medway/index.html")
	if !strings.Contains(kent, `<link rel="canonical" href="https://example.github.io/grants/areas/kent-and-medway/">`) {
		t.Error("the canonical address is not absolute under base_url")
	}
}

// TestSiteInBrowserFromDiskAndSubPath opens the example in Chromium from
// file:// and under a sub-path: the stylesheet applies, the charts draw,
// and following a link to another page opens that page.
func TestSiteInBrowserFromDiskAndSubPath(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t)
	out := builtExample(t)
	mux := http.NewServeMux()
	mux.Handle("/grants/", http.StripPrefix("/grants", browsertest.Handler(out)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	disk := (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()

	tests := []struct {
		name, home string
		// areas is where the navigation's "Areas" link must lead.
		areas string
	}{
		{"from disk", disk + "index.html", disk + "areas/index.html"},
		{"under a sub-path", srv.URL + "/grants/", srv.URL + "/grants/areas/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := b.Visit(t, tt.home)
			var got struct {
				Header string
				Areas  string
				Fund   string
			}
			p.Eval(t, `({
				header: getComputedStyle(document.querySelector(".site-header")).backgroundColor,
				areas: Array.from(document.querySelectorAll("nav a")).find(a => a.textContent === "Areas").href,
				fund: document.querySelector('a[href*="accelerating-reform-fund"]').href,
			})`, &got)
			if got.Header == "rgba(0, 0, 0, 0)" || got.Header == "" {
				t.Errorf("the stylesheet did not apply: the header's background is %q", got.Header)
			}
			if got.Areas != tt.areas {
				t.Errorf("the navigation's Areas link leads to %s, want %s", got.Areas, tt.areas)
			}
			p.Navigate(t, got.Areas)
			var h1 string
			p.Eval(t, `document.querySelector("h1").textContent`, &h1)
			if h1 != "Areas" {
				t.Errorf("following Areas opened a page headed %q", h1)
			}
			// The home page has no chart; a fund page reached by its link
			// draws its chart once scrolled to (ECharts loads near a chart).
			p.Navigate(t, got.Fund)
			var charts struct{ Charts, Drawn int }
			p.Eval(t, `(async function () {
				var els = Array.from(document.querySelectorAll(".chart"));
				for (var i = 0; i < els.length; i++) {
					els[i].scrollIntoView();
					for (var waited = 0; waited < 10000 && !els[i].querySelector("svg path"); waited += 50) {
						await new Promise(function (r) { setTimeout(r, 50); });
					}
				}
				return {charts: els.length, drawn: document.querySelectorAll(".chart svg path").length};
			})()`, &charts)
			if charts.Charts == 0 || charts.Drawn == 0 {
				t.Errorf("%s: %d charts, %d SVG paths drawn", got.Fund, charts.Charts, charts.Drawn)
			}
			if errs := p.ConsoleErrors(); len(errs) > 0 {
				t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
			}
			if v := p.CSPViolations(t); len(v) > 0 {
				t.Errorf("CSP violations:\n%s", strings.Join(v, "\n"))
			}
		})
	}
}

// TestNotFoundPage: the build writes the page Netlify shows for a missing
// address, in the site's style, pointing readers home and to the areas.
func TestNotFoundPage(t *testing.T) {
	out := builtExample(t)
	page := readPage(t, out, "404.html")
	for _, want := range []string{"<title>Page not found – Adult social care funding in England</title>", "<h1>Page not found</h1>",
		`<a href="/areas/">Find an area</a>`, `<a href="/">Go to the home page</a>`, `<nav aria-label="Site">`} {
		if !strings.Contains(page, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
	if strings.Contains(page, "Cite this page") {
		t.Error("404.html offers to cite itself")
	}
	if strings.Contains(readPage(t, out, "sitemap.xml"), "404") {
		t.Error("the sitemap lists the 404 page")
	}
}

package site_test

import (
	stdhtml "html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/browsertest"
	"fundsite/generator/sitetest"
)

// example is the one build of the example this package's tests share.
var example sitetest.Shared

// TestMain shares one Chromium and one build of the example among the
// browser tests, which would otherwise start and build one each.
func TestMain(m *testing.M) {
	code := browsertest.Main(m)
	example.Stop()
	os.Exit(code)
}

// builtExample is the shared example's public/ folder; tests must not
// change it.
func builtExample(t testing.TB) string { return example.Out(t) }

// servedExample is the shared example's address, served under the CSP.
func servedExample(t testing.TB) string { return example.URL(t) }

// copyExample is a copy of the example project for a test that changes it.
func copyExample(t *testing.T) string { return sitetest.Example(t) }

// buildExample builds the project in dir into out.
func buildExample(t *testing.T, dir, out string) {
	t.Helper()
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
}

func readPage(t *testing.T, out, page string) string {
	t.Helper()
	return sitetest.ReadPage(t, out, page)
}

// resolveLink is the site address a link on the page at pageURL
// ("/areas/bolton/") leads to: "../kent/#fig-x" is "/areas/kent/#fig-x".
func resolveLink(pageURL, href string) string {
	base := &url.URL{Scheme: "http", Host: "site", Path: pageURL}
	ref, err := url.Parse(stdhtml.UnescapeString(href))
	if err != nil {
		return "unparsable link " + href
	}
	u := base.ResolveReference(ref)
	if u.Host != "site" {
		return u.String()
	}
	if u.Fragment != "" {
		return u.Path + "#" + u.Fragment
	}
	return u.Path
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

package site

import (
	"bytes"
	"html"
	"net/url"
	"strings"

	"fundsite/generator/pages"
)

// Pages are written with root-relative links (href="/areas/kent/"), which
// only work when the site is served at the root of a host. Once a page is
// rendered, localLinks makes each one relative to the page
// (href="../kent/"), as Hugo's relativeURLs does, so the same files work
// opened from a folder on disk (file://), at a domain's root, and under a
// sub-path (https://example.github.io/grants/). Links written in markdown
// are covered too. Addresses that must name the published site (canonical,
// sitemap, feed, citations) are absolute from base_url and left alone.
//
// The 404 page is the exception: a host serves it at whatever address was
// missing, at any depth, so its links are made root-relative to base_url's
// path instead (/grants/areas/).

// localLinks returns the page in buf with its links rewritten, in a buffer
// from the pool; buf goes back to the pool.
func localLinks(buf *bytes.Buffer, pageURL, baseURL string) *bytes.Buffer {
	out := pageBuffers.Get().(*bytes.Buffer)
	out.Grow(buf.Len() + buf.Len()/16)
	if pageURL == pages.NotFoundURL {
		out.Write(rebaseLinks(out.AvailableBuffer(), buf.Bytes(), basePath(baseURL)))
	} else {
		out.Write(relativeLinks(out.AvailableBuffer(), buf.Bytes(), pageURL))
	}
	Recycle(buf)
	return out
}

// basePath is the path of base_url, escaped for an HTML attribute: "/" for
// https://example.org/, "/grants/" for https://example.github.io/grants/.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return html.EscapeString(strings.TrimSuffix(u.EscapedPath(), "/") + "/")
}

// relativeLinks appends page (whose address is pageURL, "/areas/kent/")
// to dst with every root-relative link made relative to the page.
func relativeLinks(dst, page []byte, pageURL string) []byte {
	dir := pageURL[:strings.LastIndexByte(pageURL, '/')+1]
	return eachLink(dst, page, func(dst, target []byte) []byte {
		return appendRelative(dst, dir, target)
	})
}

// rebaseLinks appends page to dst with every root-relative link moved
// under base ("/grants/").
func rebaseLinks(dst, page []byte, base string) []byte {
	return eachLink(dst, page, func(dst, target []byte) []byte {
		return append(append(dst, base...), target[1:]...)
	})
}

// eachLink appends page to dst, passing the value of every href="/…" and
// src="/…" attribute (not "//host/…", which names another host) through
// rewrite. html/template writes attributes in double quotes, and escapes
// a quote typed into text, so `href="/` in a page is always an attribute.
func eachLink(dst, page []byte, rewrite func(dst, target []byte) []byte) []byte {
	for {
		i := bytes.Index(page, []byte(`="/`))
		if i < 0 {
			return append(dst, page...)
		}
		start := i + 2 // the value's first byte, its "/"
		end := bytes.IndexByte(page[start:], '"')
		if end < 0 || !isLinkAttribute(page[:i]) || bytes.HasPrefix(page[start:], []byte("//")) {
			dst = append(dst, page[:start]...)
			page = page[start:]
			continue
		}
		dst = rewrite(append(dst, page[:start]...), page[start:start+end])
		page = page[start+end:]
	}
}

// isLinkAttribute reports whether before ends with " href" or " src".
func isLinkAttribute(before []byte) bool {
	for _, name := range []string{"href", "src"} {
		n := len(name)
		if len(before) > n && bytes.HasSuffix(before, []byte(name)) && isSpace(before[len(before)-n-1]) {
			return true
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// appendRelative appends the address of target ("/areas/bolton/#fig-x")
// as seen from the folder dir ("/areas/kent/"): "../bolton/#fig-x". A
// link to the page itself keeps only its fragment ("#fig-x"), or is "./".
func appendRelative(dst []byte, dir string, target []byte) []byte {
	path, suffix := target, []byte(nil)
	if i := bytes.IndexAny(target, "?#"); i >= 0 {
		path, suffix = target[:i], target[i:]
	}
	// The longest shared run of whole folders.
	common := 0
	for i := 0; i < len(dir) && i < len(path) && dir[i] == path[i]; i++ {
		if dir[i] == '/' {
			common = i + 1
		}
	}
	start := len(dst)
	for i := common; i < len(dir); i++ {
		if dir[i] == '/' {
			dst = append(dst, "../"...)
		}
	}
	dst = append(dst, path[common:]...)
	if len(dst) == start {
		if len(suffix) > 0 && suffix[0] == '#' {
			return append(dst, suffix...)
		}
		dst = append(dst, "./"...)
	}
	return append(dst, suffix...)
}

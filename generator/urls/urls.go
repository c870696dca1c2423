// Package urls checks the web addresses a site's inputs give, before any
// reaches a page, a feed, robots.txt or the sitemap: the site's own
// address must be a plain absolute http(s) URL, and a link may only lead
// to a web page, an email address, or a page of the site.
package urls

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode"
)

// CheckLink says why dest cannot be a link on a page, from a narrative, a
// workbook's source column or site.toml alike: as a browser reads it (see
// asBrowserReads), it must not lead by // to whatever host follows, nor
// hide its scheme (&#106;avascript:, jav&#x61;script:, %6Aavascript:), and
// as written its scheme must be one a link may have (checkScheme).
func CheckLink(dest string) error {
	if i := strings.IndexFunc(dest, unicode.IsControl); i >= 0 {
		return fmt.Errorf("the link %q holds a control character (%U)", dest, rune(dest[i]))
	}
	read := asBrowserReads(dest)
	if strings.HasPrefix(read, "//") {
		return fmt.Errorf("the link %q leads, by //, to whatever web site follows; write the address in full (https://…), or with a single / for a page of this site", dest)
	}
	if hidden := schemeOf(read); hidden != "" && !strings.EqualFold(hidden, schemeOf(strings.TrimSpace(dest))) {
		return fmt.Errorf("the link %q reads %q once its character references (&#…;) and %%-escapes are decoded, which hides where it leads; write the address plainly: links may only be http://, https:// or mailto: addresses, or pages of this site", dest, read)
	}
	return checkScheme(dest)
}

// asBrowserReads is dest as a browser follows it: goldmark decodes
// character references (&#106; is "j") as it writes the href, a later
// reader may decode %-escapes, a browser drops tabs and line breaks from
// an address and leading spaces, and reads a backslash as a slash
// ("/\evil.example/" is "//evil.example/"). Decoding stops after a few
// rounds: each round that changes it shortens it.
func asBrowserReads(dest string) string {
	s := dest
	for range 4 {
		next := html.UnescapeString(s)
		if u, err := url.PathUnescape(next); err == nil {
			next = u
		}
		if next == s {
			break
		}
		s = next
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return -1
		case '\\':
			return '/'
		}
		return r
	}, s)
	return strings.TrimLeftFunc(s, func(r rune) bool { return r <= ' ' })
}

// schemeOf is the scheme a URL starts with ("javascript" of
// "javascript:alert(1)"), or "" for an address without one: a letter,
// then letters, digits, "+", "-" or ".", then ":".
func schemeOf(s string) string {
	for i, c := range s {
		switch {
		case c == ':' && i > 0:
			return s[:i]
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// checkScheme says why target, as written, cannot be a link: only http, https
// and mailto links, and addresses with no scheme (a page of the site), are
// let through. "javascript:" and "data:" would run or show code; a browser
// drops the others or an HTML template blanks them silently.
func checkScheme(target string) error {
	u, err := url.Parse(strings.TrimSpace(target))
	if err != nil {
		return fmt.Errorf("%q is not a web address", target)
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
	default:
		return fmt.Errorf("the link %q starts %q; links may only be http://, https:// or mailto: addresses, or pages of this site", target, u.Scheme+":")
	}
	if (u.Scheme == "http" || u.Scheme == "https") && u.Host == "" {
		return fmt.Errorf("the link %q names no web site after %s://", target, u.Scheme)
	}
	return nil
}

// CheckBase says why base_url cannot be the site's address: it must be an
// absolute http or https URL with a host, no user, query or fragment, and
// no spaces or control characters, because it is written as it is into
// robots.txt (a line per setting), the sitemap, the feed and every page.
func CheckBase(base string) error {
	if base == "" {
		return errors.New("base_url is required: the address the site is published at, such as \"https://funding.example.gov.uk/\"; robots.txt, the sitemap, the feed and each page's canonical link are made from it")
	}
	if strings.IndexFunc(base, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0 {
		return fmt.Errorf("base_url %q holds a space, line break or other control character", base)
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return fmt.Errorf("base_url %q is not a web address", base)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("base_url %q must start with https:// (or http://)", base)
	case u.Host == "" || u.Opaque != "":
		return fmt.Errorf("base_url %q names no web site after %s://", base, u.Scheme)
	case u.User != nil:
		return fmt.Errorf("base_url %q must not hold a user name or password", base)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(base, "#?"):
		return fmt.Errorf("base_url %q must not have a ? query or # fragment", base)
	case strings.ContainsAny(base, `"'<>\`+"`"):
		return fmt.Errorf("base_url %q holds a quote, angle bracket or backslash", base)
	}
	return nil
}

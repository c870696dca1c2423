// Package urls checks the web addresses a site's inputs give, before any
// reaches a page, a feed, robots.txt or the sitemap: the site's own
// address must be a plain absolute http(s) URL, and a link may only lead
// to a web page, an email address, or a page of the site.
package urls

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// CheckLink says why target cannot be a link on a page: only http, https
// and mailto links, and addresses with no scheme (a page of the site), are
// let through. "javascript:" and "data:" would run or show code; a browser
// drops the others or an HTML template blanks them silently.
func CheckLink(target string) error {
	if i := strings.IndexFunc(target, unicode.IsControl); i >= 0 {
		return fmt.Errorf("the link %q holds a control character (%U)", target, rune(target[i]))
	}
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

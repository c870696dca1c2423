package narrative

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"

	"fundsite/generator/diag"
	"fundsite/generator/urls"
)

// checkLinks refuses a link or image whose address could not be a link on
// a page ("javascript:", "data:"): goldmark would print it as href="",
// silently, and the reader would get a dead link (or, with raw HTML on, a
// script). Each is reported at the line it is written on.
func (p *Page) checkLinks(doc ast.Node, problems *diag.List) {
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := node.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		case *ast.AutoLink:
			dest = n.URL(p.body)
		default:
			return ast.WalkContinue, nil
		}
		if err := checkDestination(string(dest)); err != nil {
			problems.Errorf(p.locAt(p.offsetOf(node, dest)), "%v", err)
		}
		return ast.WalkContinue, nil
	})
}

// offsetOf finds where in the body an inline node's address is written:
// the address itself, searched for from the start of its block, or else
// the block's start.
func (p *Page) offsetOf(node ast.Node, dest []byte) int {
	block := node
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	start := 0
	if block != nil && block.Lines().Len() > 0 {
		start = block.Lines().At(0).Start
	}
	if i := bytes.Index(p.body[start:], dest); i >= 0 && len(dest) > 0 {
		return start + i
	}
	return start
}

// checkDestination says why dest cannot be a link: as a browser reads it
// (see asBrowserReads), it must not lead by // to whatever host follows,
// nor hide its scheme (&#106;avascript:, jav&#x61;script:, %6Aavascript:),
// and as written it must pass urls.CheckLink.
func checkDestination(dest string) error {
	read := asBrowserReads(dest)
	if strings.HasPrefix(read, "//") {
		return fmt.Errorf("the link %q leads, by //, to whatever web site follows; write the address in full (https://…), or with a single / for a page of this site", dest)
	}
	if hidden := schemeOf(read); hidden != "" && !strings.EqualFold(hidden, schemeOf(dest)) {
		return fmt.Errorf("the link %q reads %q once its character references (&#…;) and %%-escapes are decoded, which hides where it leads; write the address plainly: links may only be http://, https:// or mailto: addresses, or pages of this site", dest, read)
	}
	return urls.CheckLink(dest)
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

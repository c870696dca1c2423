package narrative

import (
	"bytes"

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
		if err := urls.CheckLink(string(dest)); err != nil {
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

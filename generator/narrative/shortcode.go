package narrative

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"fundsite/generator/charts"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
)

// Context is the page a narrative is rendered on.
type Context struct {
	figures.Context
	// Taken holds the ids the page uses outside the narrative (the figures
	// its templates show), so a shortcode neither repeats one nor needs to.
	Taken map[string]bool
	// Chart renders a chart the narrative places, in the theme's markup;
	// nil where a page cannot show charts.
	Chart func(charts.Spec) (template.HTML, error)
}

// Shortcode renders {{ name … }} for the names it answers. The parser only
// finds the braces and reads the call; what a name means is the
// shortcode's business, so a new kind (a chart) is a new Shortcode.
type Shortcode interface {
	Names() []string
	// Page starts rendering one page: its calls follow in reading order.
	Page(ctx Context) PageShortcode
}

// PageShortcode renders the calls on one page.
type PageShortcode interface {
	// Render returns the HTML for call, or reports why it cannot.
	Render(call figures.Call, problems *diag.List) (template.HTML, bool)
	// End is HTML to add after the page's text, such as notes; "" for none.
	End(problems *diag.List) template.HTML
}

// blockShortcode is a Shortcode whose HTML is a block of its own, such as
// a chart: it stands alone in its paragraph and takes the paragraph's place.
type blockShortcode interface {
	Block() bool
}

var kindShortcode = ast.NewNodeKind("Shortcode")

// shortcodeNode is one {{ … }} in the markdown.
type shortcodeNode struct {
	ast.BaseInline
	// offset is where the text after {{ starts in the body.
	offset int
	text   string
	// broken says why the braces are not a call; "" when they are.
	broken string
	call   figures.Call
	parsed bool
	// html is the rendering for the page being rendered.
	html template.HTML
}

func (n *shortcodeNode) Kind() ast.NodeKind { return kindShortcode }

func (n *shortcodeNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Text": n.text}, nil)
}

// shortcodeParser finds {{ … }} in inline text. goldmark never offers it
// code spans, fenced code or a backslash-escaped brace, so those stay literal.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	n := &shortcodeNode{offset: seg.Start + 2}
	end := bytes.Index(line[2:], []byte("}}"))
	if end < 0 {
		n.broken = `{{ is not closed by }} on the same line (to show two braces, write \{{)`
		block.Advance(2)
		return n
	}
	n.text = string(line[2 : 2+end])
	block.Advance(end + 4)
	return n
}

// parseShortcodes reads every call on the page once, so malformed ones
// and unknown names are reported even for pages no one renders.
func (p *Page) parseShortcodes(doc ast.Node, problems *diag.List) {
	names := slices.Sorted(maps.Keys(p.r.codes))
	var blocks []*shortcodeNode
	seen := 0
	loc := p.locator()
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		n, ok := node.(*shortcodeNode)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		at := loc(n.offset)
		if seen++; seen > MaxShortcodes {
			p.overLimit = true
			at.Column -= 2 // at its {{
			problems.Errorf(at, "more than %d live figures and charts on one page, more than fundsite works out for a page (the limit of figures per page); split the page, or link to the data downloads for the rest", MaxShortcodes)
			return ast.WalkStop, nil
		}
		switch {
		case n.broken != "":
			at.Column -= 2
			problems.Errorf(at, "%s", n.broken)
			return ast.WalkContinue, nil
		case insideLink(n):
			problems.Errorf(at, "{{ %s }} is inside a link's text; put it outside the [brackets]", strings.TrimSpace(n.text))
			return ast.WalkContinue, nil
		}
		call, ok := figures.Parse(n.text, at, problems)
		if !ok {
			return ast.WalkContinue, nil
		}
		if _, known := p.r.codes[call.Name]; !known {
			problems.Errorf(call.Loc, "unknown {{ %s }}; use one of %s%s", call.Name, strings.Join(names, ", "), diag.DidYouMean(call.Name, names))
			return ast.WalkContinue, nil
		}
		if b, ok := p.r.codes[call.Name].(blockShortcode); ok && b.Block() {
			if n.Parent().Kind() != ast.KindParagraph || n.Parent().ChildCount() != 1 {
				problems.Errorf(call.Loc, "put {{ %s }} in a paragraph of its own, with a blank line before and after it", call.Name)
				return ast.WalkContinue, nil
			}
			blocks = append(blocks, n)
		}
		n.call, n.parsed = call, true
		return ast.WalkContinue, nil
	})
	// A block replaces its paragraph, so it is not wrapped in <p>.
	for _, n := range blocks {
		para := n.Parent()
		para.RemoveChild(para, n)
		para.Parent().ReplaceChild(para.Parent(), para, n)
	}
}

// insideLink reports whether n is in a link's text, where a shortcode's
// own links would nest inside the link.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// locAt is the file, line and column (in characters) of a body offset.
func (p *Page) locAt(offset int) diag.Loc { return p.locator()(offset) }

// locator finds the file, line and column of body offsets given in
// increasing order reading the page once, not once per offset: a page's
// shortcodes in turn.
func (p *Page) locator() func(offset int) diag.Loc {
	var at, line, column int // column: the characters before at on its line
	return func(offset int) diag.Loc {
		if offset < at {
			at, line, column = 0, 0, 0
		}
		seg := p.body[at:offset]
		if i := bytes.LastIndexByte(seg, '\n'); i >= 0 {
			line += bytes.Count(seg, []byte("\n"))
			column = utf8.RuneCount(seg[i+1:])
		} else {
			column += utf8.RuneCount(seg)
		}
		at = offset
		return diag.Loc{File: p.file(), Line: p.BodyLine + line, Column: column + 1}
	}
}

// shortcodeHTML writes each shortcode's rendering for the current page.
type shortcodeHTML struct{}

func (shortcodeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindShortcode, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(string(node.(*shortcodeNode).html))
		}
		return ast.WalkContinue, nil
	})
}

package narrative

import (
	"fmt"
	"html/template"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
)

// Figures is the live-figure shortcode: {{ sum … }}, {{ count … }} and the
// other operations, and {{ figure name }} for figures named in site.toml.
func Figures(set *figures.Set) Shortcode { return figureCode{set} }

type figureCode struct{ set *figures.Set }

func (figureCode) Names() []string { return figures.Names() }

func (c figureCode) Page(ctx Context) PageShortcode {
	return &figurePage{set: c.set, ctx: ctx, note: map[string]int{}}
}

// figurePage renders one page's figures, each with a numbered note saying
// how it was worked out; the notes follow the page's text.
type figurePage struct {
	set   *figures.Set
	ctx   Context
	notes []figures.Figure
	// note numbers the figures by id: the same figure twice on a page is
	// one figure, with one anchor and one note.
	note map[string]int
}

func (p *figurePage) Render(call figures.Call, problems *diag.List) (template.HTML, bool) {
	fig, ok := p.set.Eval(call, p.ctx.Context, problems)
	if !ok {
		return "", false
	}
	n, seen := p.note[fig.ID]
	if !seen {
		p.notes = append(p.notes, fig)
		n = len(p.notes)
		p.note[fig.ID] = n
	}
	var b strings.Builder
	id := ""
	if !seen && !p.ctx.Taken[fig.ID] {
		id = fmt.Sprintf(` id="%s"`, esc(fig.ID))
	}
	if fig.Value != "" {
		fmt.Fprintf(&b, `<data class="live-figure"%s value="%s">%s</data>`, id, esc(fig.Value), esc(fig.Text))
	} else {
		fmt.Fprintf(&b, `<span class="live-figure"%s>%s</span>`, id, esc(fig.Text))
	}
	fmt.Fprintf(&b, `<sup class="figure-ref"><a href="#%s-how"><span class="visually-hidden">how we got this figure: note </span>%d</a></sup>`, esc(fig.ID), n)
	return template.HTML(b.String()), true //nolint:gosec // built from escaped parts
}

// End lists the page's figures: what each is, which allocations, how far
// they can be relied on, and the workbook cells, with a link back.
func (p *figurePage) End() template.HTML {
	if len(p.notes) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<section class=\"figure-notes\" aria-labelledby=\"figure-notes\">\n<h2 id=\"figure-notes\">How we got these figures</h2>\n<ol>\n")
	for _, f := range p.notes {
		fmt.Fprintf(&b, `<li id="%s-how"><a href="#%s">%s</a>: %s.`, esc(f.ID), esc(f.ID), esc(f.Text), esc(f.Method))
		if f.Scope != "" {
			fmt.Fprintf(&b, ` Covers %s.`, esc(f.Scope))
		}
		fmt.Fprintf(&b, " %s From %s.</li>\n", esc(f.StatusNote()), esc(strings.Join(f.Sources(), "; ")))
	}
	b.WriteString("</ol>\n</section>\n")
	return template.HTML(b.String()) //nolint:gosec // built from escaped parts
}

func esc(s string) string { return template.HTMLEscapeString(s) }

package narrative

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
)

// Figures is the live-figure shortcode: {{ sum … }}, {{ count … }} and the
// other operations, and {{ figure name }} for figures named in site.toml.
// The theme's templates write the HTML (markup), so a theme can restyle a
// figure and its notes.
func Figures(set *figures.Set, markup *template.Template) Shortcode {
	return figureCode{set, markup}
}

// Templates a theme defines for the figures a narrative quotes.
const (
	// FigureTemplate writes one figure and its link to its note; it is
	// given a FigureView.
	FigureTemplate = "figure"
	// FigureNotesTemplate writes the notes after a page's text; it is
	// given a []FigureNote, never empty.
	FigureNotesTemplate = "figure-notes"
)

// FigureView is a figure as a narrative quotes it.
type FigureView struct {
	// ID is the figure's stable id, for its anchor and its note's.
	ID string
	// Anchor says the figure carries the id: its first time on the page,
	// unless the page's templates show it already.
	Anchor bool
	// Value is the figure as a machine reads it ("930000.00"); "" for a
	// figure that is not a number.
	Value string
	Text  string
	// Note is the number of its note.
	Note int
}

// FigureNote says how a figure was worked out: what it is, which
// allocations, how far it can be relied on, and the workbook cells.
type FigureNote struct {
	ID, Text, Method string
	// Scope is what the figure covers; "" when it says so itself.
	Scope string
	// Status is a sentence on how far to rely on it.
	Status string
	// Sources are the workbooks and cells, "funding.xlsx: Allocations!F14".
	Sources string
}

type figureCode struct {
	set    *figures.Set
	markup *template.Template
}

func (figureCode) Names() []string { return figures.Names() }

func (c figureCode) Page(ctx Context) PageShortcode {
	return &figurePage{figureCode: c, ctx: ctx, note: map[string]int{}}
}

// figurePage renders one page's figures, each with a numbered note saying
// how it was worked out; the notes follow the page's text.
type figurePage struct {
	figureCode
	ctx   Context
	notes []figures.Figure
	// note numbers the figures by id: the same figure twice on a page is
	// one figure, with one anchor and one note.
	note map[string]int
	// first is where the page's first figure is called, for a theme's
	// failing notes.
	first diag.Loc
}

func (p *figurePage) Render(call figures.Call, problems *diag.List) (template.HTML, bool) {
	fig, ok := p.set.Eval(call, p.ctx.Context, problems)
	if !ok {
		return "", false
	}
	n, seen := p.note[fig.ID]
	if !seen {
		if len(p.notes) == 0 {
			p.first = call.Loc
		}
		p.notes = append(p.notes, fig)
		n = len(p.notes)
		p.note[fig.ID] = n
	}
	view := FigureView{ID: fig.ID, Anchor: !seen && !p.ctx.Taken[fig.ID], Value: fig.Value, Text: fig.Text, Note: n}
	html, err := p.execute(FigureTemplate, view)
	if err != nil {
		problems.Errorf(call.Loc, "%v", err)
		return "", false
	}
	return html, true
}

// End lists the page's figures: what each is, which allocations, how far
// they can be relied on, and the workbook cells, with a link back.
func (p *figurePage) End(problems *diag.List) template.HTML {
	if len(p.notes) == 0 {
		return ""
	}
	notes := make([]FigureNote, len(p.notes))
	for i, f := range p.notes {
		notes[i] = FigureNote{ID: f.ID, Text: f.Text, Method: f.Method, Scope: f.Scope, Status: f.StatusNote(),
			Sources: strings.Join(f.Sources(), "; ")}
	}
	html, err := p.execute(FigureNotesTemplate, notes)
	if err != nil {
		problems.Errorf(p.first, "%v", err)
	}
	return html
}

// execute runs one of the theme's figure templates.
func (p *figurePage) execute(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := p.markup.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("theme: %w", err)
	}
	return template.HTML(b.String()), nil //nolint:gosec // rendered by html/template
}

package pages

import (
	"fmt"
	"html/template"

	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// Amount is money ready for a page: short for the eye, full for screen
// readers and for anyone who wants the exact figure.
type Amount struct {
	Pence money.Pence
}

// HTML prints "£42.6m" with the exact amount in a machine-readable value
// and, where the short form rounds, the full form for screen readers.
func (a Amount) HTML() template.HTML {
	short, full := money.Short(a.Pence), money.Full(a.Pence)
	extra := ""
	if short != full {
		extra = fmt.Sprintf(`<span class="visually-hidden"> (%s)</span>`, template.HTMLEscapeString(full))
	}
	return template.HTML(fmt.Sprintf(`<data class="money" value="%s">%s</data>%s`, a.Pence.Decimal(), template.HTMLEscapeString(short), extra)) //nolint:gosec // built from escaped parts
}

// Full is the exact amount, "£42,600,000".
func (a Amount) Full() string { return money.Full(a.Pence) }

// Short is the house-style amount, "£42.6m".
func (a Amount) Short() string { return money.Short(a.Pence) }

// StatusView tells a reader how far to rely on a figure, in words.
type StatusView struct {
	Slug  string // for CSS: status-estimate
	Label string // "Estimate"
	Help  string // one plain sentence
}

func statusView(s model.Status) StatusView {
	switch s {
	case model.PublishedLowerBound:
		return StatusView{s.Slug(), "Published lower bound", "The published figure says “over” this amount, so the real amount is at least this."}
	case model.Estimate:
		return StatusView{s.Slug(), "Estimate", "Not a published figure: estimated for this site; see the basis."}
	}
	return StatusView{s.Slug(), "Published", "As published by the funder or the area."}
}

// SourceRef is where a figure came from, for a reader who wants to check it.
type SourceRef struct {
	Text string // "adult-social-care.xlsx, Allocations!H12"
}

func sourceRef(l diag.Loc) SourceRef {
	return SourceRef{Text: l.String()}
}

package pages

import (
	"fmt"
	"html/template"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// Amount is an amount ready for a page: short, in the house style, for
// the eye; full for screen readers and for anyone who wants the exact
// figure. The theme's "amount" template writes it. Measure says whether
// it is money (the default) or a count, which is never printed with £.
type Amount struct {
	Pence   money.Pence
	Style   money.Style
	Measure model.Measure
}

// Full is the exact amount, "£42,600,000" or "1,234 contracts".
func (a Amount) Full() string { return a.Measure.Full(a.Pence) }

// Short is the house-style amount, "£42.6m" or "£42.6 million".
func (a Amount) Short() string { return a.Measure.ShortIn(a.Pence, a.Style) }

// StatusView tells a reader how far to rely on a figure, in words.
type StatusView struct {
	Slug  string // for CSS: status-estimate
	Label string // "Estimate"
	Help  string // one plain sentence
}

// statuses are the three statuses in words, shared by every figure.
var statuses = map[model.Status]*StatusView{}

func init() {
	for _, s := range []model.Status{model.Published, model.PublishedLowerBound, model.Estimate} {
		v := statusView(s)
		statuses[s] = &v
	}
}

// statusOf is a status in words, shared rather than copied onto each of a
// national site's million figures.
func statusOf(s model.Status) *StatusView { return statuses[s] }

func statusView(s model.Status) StatusView {
	switch s {
	case model.PublishedLowerBound:
		return StatusView{s.Slug(), "Published lower bound", "The published figure says “over” this amount, so the real amount is at least this."}
	case model.Estimate:
		return StatusView{s.Slug(), "Estimate", "Not a published figure: estimated for this site; see the basis."}
	}
	return StatusView{s.Slug(), "Published", "As published by the funder or the area."}
}

// qualified puts a total's status into words before it: "at least £530,000",
// "an estimated £20m". A total only part of which is estimated is not
// called estimated: "£42.6m, of which £38.1m is estimated".
func qualified(rows []*model.Allocation, style money.Style) string {
	total := model.Sum(rows)
	m := measureOf(rows)
	amount := m.ShortIn(total, style)
	var estimated money.Pence
	lower := false
	all := true
	for _, a := range rows {
		switch a.Status {
		case model.Estimate:
			estimated += a.Amount
		case model.PublishedLowerBound:
			lower = true
			all = false
		default:
			all = false
		}
	}
	switch {
	case estimated != 0 && all:
		return "an estimated " + amount
	case estimated != 0:
		return fmt.Sprintf("%s (%s of it estimated)", amount, m.ShortIn(estimated, style))
	case lower:
		return "at least " + amount
	}
	return amount
}

// measureOf is what rows' amounts are: money, or a count.
func measureOf(rows []*model.Allocation) model.Measure {
	if len(rows) == 0 {
		return model.Money
	}
	return rows[0].Fund.Measure
}

// cells cites every workbook cell a figure is made from, compactly:
// "Allocations!H15, H57", "Grants!B2, B57, B1203–B1207"; past a dozen
// runs, the first of them, how many more, and that the download lists
// them all.
func cells(locs []diag.Loc) string { return strings.Join(diag.Cite(locs, diag.CiteRuns), "; ") }

// rowLocs are the cells rows came from.
func rowLocs(rows []*model.Allocation) []diag.Loc {
	out := make([]diag.Loc, len(rows))
	for i, a := range rows {
		out[i] = a.Loc
	}
	return out
}

// sourceURL is a row's source if it is a web address a reader can follow.
func sourceURL(source string) string {
	if strings.HasPrefix(source, "https://") || strings.HasPrefix(source, "http://") {
		return source
	}
	return ""
}

// citation is what a quoted figure is attributed to: "Department of
// Health and Social Care, figures as at 31 July 2024".
func citation(cfg *config.Config, f *model.Fund) string {
	who := f.Department
	if who == "" {
		who = cfg.Publisher
	}
	if cfg.DataAsAt == "" {
		return who
	}
	return who + ", figures as at " + config.FormatDate(cfg.DataAsAt)
}

// amountHTML is a headline's amount in the theme's markup; without a theme
// (as in this package's tests) it is empty.
func (b *builder) amountHTML(a Amount, problems *diag.List) template.HTML {
	if b.in.AmountHTML == nil {
		return ""
	}
	html, err := b.in.AmountHTML(a)
	if err != nil {
		problems.Errorf(diag.Loc{}, "theme: amount %s: %v", a.Full(), err)
	}
	return html
}

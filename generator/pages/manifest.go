package pages

import (
	"strings"

	"fundsite/generator/history"
	"fundsite/generator/model"
)

// figures records the figures the home and fund pages show with an
// anchor, keyed by page and anchor, in page order: what a build publishes
// and the next build compares with. Area pages add theirs as they are built.
func (b *builder) figures(home HomeView, funds []FundView) {
	headlines := func(url, subject string, hs []Headline) {
		for _, h := range hs {
			b.site.Figures = append(b.site.Figures, history.Figure{Key: url + "#" + h.ID, Label: subject + ", " + strings.ToLower(h.Label), Text: h.Exact, Cells: h.cited})
		}
	}
	for _, f := range home.Funds {
		headlines("/", f.Fund.Name, f.Headlines)
	}
	for _, v := range funds {
		headlines(v.URL, v.Fund.Name, v.Headlines)
		for _, y := range v.ByYear {
			b.site.Figures = append(b.site.Figures, history.Figure{Key: v.URL + "#" + y.ID, Label: v.Fund.Name + ", " + y.Year, Text: y.Total.Full(), Status: strings.ToLower(y.Status.Label), Cells: y.cited})
		}
		for _, r := range v.ByRegion {
			b.site.Figures = append(b.site.Figures, history.Figure{Key: v.URL + "#" + r.ID, Label: v.Fund.Name + ", " + r.Region, Text: r.Total.Full(), Cells: r.cited})
		}
		for _, r := range v.ByProgramme {
			b.site.Figures = append(b.site.Figures, history.Figure{Key: v.URL + "#" + r.ID, Label: v.Fund.Name + ", " + r.Programme, Text: r.Total.Full(), Cells: r.cited})
		}
	}
}

// areaFigures are the figures an area's page shows with an anchor.
func areaFigures(d *model.Dataset, v AreaView) []history.Figure {
	var out []history.Figure
	for _, fig := range v.Figures {
		if fig.None {
			continue
		}
		label := v.Area.Name + ", " + fig.Year
		if len(d.Funds) > 1 {
			label = v.Area.Name + ", " + fig.Fund.Name + ", " + fig.Year
		}
		out = append(out, history.Figure{Key: v.URL + "#" + fig.ID, Label: label, Text: fig.Amount.Full(), Status: strings.ToLower(fig.Status.Label), Cells: fig.cited})
	}
	return out
}

// Addresses are the areas' page addresses, for redirects when one changes.
// A code that cannot be a web address (model.ValidCode) is left out, so it
// never reaches _redirects.
func Addresses(d *model.Dataset) []history.Address {
	var out []history.Address
	for _, a := range d.Areas {
		code := a.Code
		if !model.ValidCode(code) {
			code = ""
		}
		out = append(out, history.Address{Code: code, Slug: a.Slug})
	}
	return out
}

package pages

import (
	"strings"

	"fundsite/generator/model"
)

// Figure is a figure a page shows with an anchor, as the history records
// it (history.Figure, which the site index converts it to).
type Figure struct {
	// Key is the figure's address: its page and anchor,
	// "/areas/mid-and-south-essex/#fig-arf-2023-24-total".
	Key string
	// Label says what it is in words: "Mid and South Essex, 2023/24".
	Label string
	// Text is the exact figure as printed in full: "£530,000".
	Text   string
	Status string
	// Cells are the workbook cells the figure is made from.
	Cells []string
}

// figures records the figures the home and fund pages show with an
// anchor, keyed by page and anchor, in page order: what a build publishes
// and the next build compares with. Area pages add theirs as they are built.
func (b *builder) figures(home HomeView, funds []FundView) {
	headlines := func(url, subject string, hs []Headline) {
		for _, h := range hs {
			b.site.Figures = append(b.site.Figures, Figure{Key: url + "#" + h.ID, Label: subject + ", " + strings.ToLower(h.Label), Text: h.Exact, Cells: h.cited})
		}
	}
	for _, f := range home.Funds {
		headlines("/", f.Fund.Name, f.Headlines)
	}
	for _, v := range funds {
		headlines(v.URL, v.Fund.Name, v.Headlines)
		for _, y := range v.ByYear {
			b.site.Figures = append(b.site.Figures, Figure{Key: v.URL + "#" + y.ID, Label: v.Fund.Name + ", " + y.Year, Text: y.Total.Full(), Status: strings.ToLower(y.Status.Label), Cells: y.cited})
		}
		for _, r := range v.ByRegion {
			b.site.Figures = append(b.site.Figures, Figure{Key: v.URL + "#" + r.ID, Label: v.Fund.Name + ", " + r.Region, Text: r.Total.Full(), Cells: r.cited})
		}
		for _, r := range v.ByProgramme {
			b.site.Figures = append(b.site.Figures, Figure{Key: v.URL + "#" + r.ID, Label: v.Fund.Name + ", " + r.Programme, Text: r.Total.Full(), Cells: r.cited})
		}
	}
}

// areaFigures are the figures an area's page shows with an anchor.
func areaFigures(d *model.Dataset, v AreaView) []Figure {
	var out []Figure
	for _, fig := range v.Figures {
		if fig.None {
			continue
		}
		label := v.Area.Name + ", " + fig.Year
		if len(d.Funds) > 1 {
			label = v.Area.Name + ", " + fig.Fund.Name + ", " + fig.Year
		}
		out = append(out, Figure{Key: v.URL + "#" + fig.ID, Label: label, Text: fig.Amount.Full(), Status: strings.ToLower(fig.Status.Label), Cells: fig.cited})
	}
	return out
}

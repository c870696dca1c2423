package site

import (
	"strings"

	"fundsite/generator/history"
	"fundsite/generator/model"
)

// Figures lists every figure the site's pages show with an anchor, keyed by
// page and anchor, in page order: what a build publishes and the next
// build compares with.
func Figures(d *model.Dataset) []history.Figure {
	var out []history.Figure
	headlines := func(url, subject string, hs []Headline) {
		for _, h := range hs {
			out = append(out, history.Figure{Key: url + "#" + h.ID, Label: subject + ", " + strings.ToLower(h.Label), Text: h.Exact})
		}
	}
	var funds []FundView
	for _, f := range d.Funds {
		v := buildFund(d, f)
		funds = append(funds, v)
	}
	headlines("/", "All funds", buildHome(d, funds).Headlines)
	for _, v := range funds {
		headlines(v.URL, v.Fund.Name, v.Headlines)
		for _, r := range v.ByRegion {
			out = append(out, history.Figure{Key: v.URL + "#" + r.ID, Label: v.Fund.Name + ", " + r.Region, Text: r.Total.Full()})
		}
	}
	for _, a := range d.Areas {
		v := buildArea(d, a)
		for _, f := range v.Funds {
			for _, fig := range f.Figures {
				label := a.Name + ", " + fig.Year
				if len(d.Funds) > 1 {
					label = a.Name + ", " + f.Fund.Name + ", " + fig.Year
				}
				out = append(out, history.Figure{Key: v.URL + "#" + fig.ID, Label: label, Text: fig.Amount.Full(), Status: strings.ToLower(fig.Status.Label)})
			}
		}
	}
	return out
}

// Addresses are the areas' page addresses, for redirects when one changes.
func Addresses(d *model.Dataset) []history.Address {
	var out []history.Address
	for _, a := range d.Areas {
		out = append(out, history.Address{Code: a.Code, Slug: a.Slug})
	}
	return out
}

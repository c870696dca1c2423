package pages

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// HomeView is the home page: each fund's own headline figures (never a sum
// across funds paid to different kinds of area), the narrative, and the
// way to find an area. It lists no areas itself: at national scale that
// was thousands of rows on a phone.
type HomeView struct {
	Lead  string
	Funds []FundSummary
	Body  template.HTML
	// Finder is the search box and link to every area.
	Finder FinderLink
	// Maps are one map for each kind of place (see maps.go).
	Maps []MapView
}

// FinderLink leads to the finder: "Find an area", "Every area (63)".
type FinderLink struct {
	Find, Every string
}

// FundSummary is a fund's headline figures on the home page.
type FundSummary struct {
	Fund      *model.Fund
	URL       string
	Headlines []Headline
}

func (b *builder) buildHome(funds []FundView, problems *diag.List) HomeView {
	sv := b.site.View
	v := HomeView{Lead: homeLead(b.in.Data, b.style), Finder: FinderLink{
		Find:  "Find " + indefinite(sv.Unit) + " " + sv.Unit,
		Every: fmt.Sprintf("Every %s (%s)", sv.Unit, Count(len(b.in.Data.Areas))),
	}}
	for _, f := range funds {
		s := FundSummary{Fund: f.Fund, URL: f.URL, Headlines: slices.Clone(f.Headlines)}
		for _, y := range f.ByYear {
			s.Headlines = append(s.Headlines, Headline{ID: y.ID, Label: y.Year, Value: b.amountHTML(y.Total, problems), Detail: "across " + y.Areas, Exact: y.Total.Full(), cited: y.cited})
		}
		v.Funds = append(v.Funds, s)
	}
	return v
}

// indefinite is the article before a word: "an area", "a recipient".
func indefinite(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// homeLead is the home page's first sentence, for a resident who reads no
// further: what the leading fund gave, to how many areas, and when, said
// as surely as the data allows. "Between 2023/24 and 2024/25, the
// Accelerating Reform Fund gave £42.6m to 42 integrated care systems."
// Funds paid to different kinds of area are never added together.
func homeLead(d *model.Dataset, style money.Style) string {
	if len(d.Allocations) == 0 || len(d.Funds) == 0 {
		return "There are no allocations in this data yet."
	}
	f := leadFund(d)
	rows := d.Select(model.Filter{Fund: f})
	years := model.Years(rows)
	when := "In " + years[0].String()
	if n := len(years); n > 1 {
		when = fmt.Sprintf("Between %s and %s", years[0], years[n-1])
	}
	areas := model.AreasOf(rows)
	s := fmt.Sprintf("%s, the %s gave %s to %s %s.", when, f.Name, qualified(rows, style), Count(len(areas)), d.Noun(areas, len(areas)))
	if f.Measure.Count {
		s = fmt.Sprintf("%s, %s: %s across %s %s.", when, f.Name, qualified(rows, style), Count(len(areas)), d.Noun(areas, len(areas)))
	}
	switch others := len(d.Funds) - 1; others {
	case 0:
	case 1:
		s += " This site shows one more fund, on its own page."
	default:
		s += fmt.Sprintf(" This site shows %s more funds, each on its own page.", Count(others))
	}
	return s
}

// leadFund is the fund the home page leads with: the one that reached the
// most areas, the first by name among equals.
func leadFund(d *model.Dataset) *model.Fund {
	var lead *model.Fund
	most := -1
	for _, f := range d.Funds {
		if n := len(model.AreasOf(d.Select(model.Filter{Fund: f}))); n > most {
			lead, most = f, n
		}
	}
	return lead
}

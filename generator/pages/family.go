package pages

import (
	"fmt"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// FamilyView places an area among the areas it is part of and contains: a
// council links up to its integrated care system, which lists its councils.
type FamilyView struct {
	Parents []AreaLink // nearest first
	// Children is the table of the areas within this one, if any.
	Children *AreaTable
	Heading  string
}

// AreaLink is a link to an area's page.
type AreaLink struct {
	Name string
	URL  string
}

func buildFamily(d *model.Dataset, area *model.Area) FamilyView {
	var v FamilyView
	for p := area.Parent; p != nil; p = p.Parent {
		v.Parents = append(v.Parents, AreaLink{Name: p.Name, URL: areaURL(p)})
	}
	children := d.Children(area)
	if len(children) == 0 {
		return v
	}
	kind := model.AreaNoun(children, len(children))
	var rows []*model.Allocation
	for _, c := range children {
		rows = append(rows, d.Select(model.Filter{Area: c})...)
	}
	years := model.Years(rows)
	v.Heading = fmt.Sprintf("The %d %s within %s", len(children), kind, area.Name)
	caption := "What each of the " + kind + " within " + area.Name + " received"
	if len(children) == 1 {
		v.Heading = fmt.Sprintf("The %s within %s", kind, area.Name)
		caption = "What the " + kind + " within " + area.Name + " received"
	}
	v.Children = &AreaTable{ID: "parts", Caption: caption, Years: yearStrings(years), Areas: areaRows(rows, years)}
	return v
}

// MissingView is a figure a workbook marks as not known, shown as such
// rather than as £0.
type MissingView struct {
	Fund string
	Year string
	Ref  SourceRef
}

func missingFigures(d *model.Dataset, area *model.Area) []MissingView {
	var out []MissingView
	for _, m := range d.Missing {
		if m.Area == area {
			out = append(out, MissingView{Fund: m.Fund.Name, Year: m.Year.String(), Ref: sourceRef(m.Loc)})
		}
	}
	return out
}

// YearCell is one year's figure in a table of areas: an amount, or "no
// figure" where the data has none for the area that year. Never £0: the
// area may well have received money the data does not give.
type YearCell struct {
	Amount
	None bool
}

// Full is the exact amount, or "no figure".
func (c YearCell) Full() string {
	if c.None {
		return "no figure"
	}
	return c.Amount.Full()
}

func yearCell(rows []*model.Allocation, y fyear.Year) YearCell {
	picked := model.Filter{Years: []fyear.Year{y}}.Pick(rows)
	return YearCell{Amount: Amount{model.Sum(picked)}, None: len(picked) == 0}
}

package pages

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// finderRows is the most areas one page of the finder lists: well inside
// 150 KB of HTML with long names, the most a page may weigh on a phone. A longer list
// is split into pages by the first letters of the areas' names.
const finderRows = 300

// FinderView is a list of areas to find one in: /areas/ itself, or one
// page of it (/areas/letter/b/) when the list is long. Without JavaScript
// it is the complete list, grouped by first letter; with it, typing a name
// or code narrows the list, and filters pick a type, region or parent.
type FinderView struct {
	Heading string
	Lead    string
	Groups  []FinderGroup
	// Letters link to every group, on this page or its own.
	Letters []LetterLink
	Types   []string
	Regions []string
	Parents []string
	// Index is the address of every area as JSON, which the search loads
	// when the list is split into pages.
	Index string
	Split bool
	// PerHeadYear is the year of the per-person column.
	PerHeadYear string
}

// FinderGroup is the areas whose names start with the same letters.
type FinderGroup struct {
	Label string // "B", or "Ba" when B's are split further
	ID    string // "letter-b"
	URL   string // its own page when split; "" when on this one
	Rows  []FinderRow
}

// FinderRow is one area in the finder.
type FinderRow struct {
	Name    string
	URL     string
	Code    string
	Type    string
	Region  string
	Parent  string
	Total   Amount
	PerHead string
	// Search is what typing matches: name and code, in lower case.
	Search string
	// key is the row's address's last part, which the list is grouped by.
	key string
}

// LetterLink links a group from the list of letters.
type LetterLink struct {
	Label string
	URL   string
}

// finderIndex is the JSON the finder's search loads: every area, each a
// short array, so 10,000 areas stay a small download.
type finderIndex struct {
	Columns []string `json:"columns"`
	Areas   [][]any  `json:"areas"`
}

// finder builds /areas/ and, for a long list, its letter pages and the
// search index.
func (b *builder) finder() {
	d := b.in.Data
	v := FinderView{Heading: b.site.View.UnitsTitle, Index: "/areas/index.json"}
	var perHeadYear fyear.Year
	if len(d.Years) > 0 {
		perHeadYear = d.Years[len(d.Years)-1]
		v.PerHeadYear = perHeadYear.String()
	}
	rows := make([]FinderRow, len(d.Areas))
	for i, a := range d.Areas {
		rows[i] = b.finderRow(a, perHeadYear)
		v.Types = appendNew(v.Types, a.Type)
		v.Regions = appendNew(v.Regions, a.Region)
		if a.Parent != nil {
			v.Parents = appendNew(v.Parents, a.Parent.Name)
		}
	}
	for _, r := range b.placeFinderRows(perHeadYear) {
		rows = append(rows, r)
		v.Types = appendNew(v.Types, r.Type)
		v.Regions = appendNew(v.Regions, r.Region)
	}
	for _, list := range [][]string{v.Types, v.Regions, v.Parents} {
		slices.Sort(list)
	}
	noun := d.Noun(d.Areas, len(d.Areas))
	listNoun := noun
	if len(rows) > len(d.Areas) {
		listNoun = "in the list" // recipients and places
	}
	v.Lead = fmt.Sprintf("Every one of the %s %s in the data%s, with what each received. Choose one to see its page.", figures.Number(int64(len(d.Areas))), noun, b.placesInFinder())
	// Grouped by address, which runs in the order of the names but, unlike
	// them, never puts one first letter in two places.
	byAddress := slices.Clone(rows)
	slices.SortStableFunc(byAddress, func(x, y FinderRow) int { return cmp.Or(strings.Compare(x.key, y.key), strings.Compare(x.URL, y.URL)) })
	groups := groupByLetter(byAddress)
	v.Split = len(rows) > finderRows
	for i := range groups {
		g := &groups[i]
		if v.Split {
			g.URL = "/areas/letter/" + strings.TrimPrefix(g.ID, "letter-") + "/"
		}
		v.Letters = append(v.Letters, LetterLink{Label: g.Label, URL: pick(g.URL, "#"+g.ID)})
	}
	if !v.Split {
		v.Groups = groups
	}
	b.addPage(&Page{Layout: "areas", URL: "/areas/", Title: v.Heading, Description: v.Lead, Current: "/areas/", Content: v}, nil)
	if v.Split {
		for _, g := range groups {
			page := v
			page.Heading = v.Heading + ": " + g.Label
			page.Lead = fmt.Sprintf("%s of the %s %s: %s.", figures.Number(int64(len(g.Rows))), figures.Number(int64(len(rows))), listNoun, g.Label)
			url := g.URL
			g.URL = ""
			page.Groups = []FinderGroup{g}
			b.addPage(&Page{Layout: "areas", URL: url, Title: page.Heading, Description: page.Lead, Current: "/areas/", Content: page}, nil)
		}
	}
	index, err := finderJSON(rows)
	b.addFiles(File{Path: "areas/index.json", make: func() ([]byte, error) { return index, err }})
}

func (b *builder) finderRow(a *model.Area, year fyear.Year) FinderRow {
	d := b.in.Data
	mine := d.Select(model.Filter{Area: a})
	r := FinderRow{Name: a.Name, URL: areaURL(a), Code: a.Code, Type: a.Type, Region: a.Region, Total: Amount{model.Sum(mine), b.style, measureOf(mine)},
		Search: strings.ToLower(a.Name + " " + a.Code), key: a.Slug}
	if a.Parent != nil {
		r.Parent = a.Parent.Name
	}
	if pop, ok := a.Population[year]; ok && !measureOf(mine).Count {
		if inYear := (model.Filter{Years: []fyear.Year{year}}).Pick(mine); len(inYear) > 0 {
			r.PerHead = Amount{Pence: model.PerHead(model.Sum(inYear), pop), Style: b.style}.Full()
		}
	}
	return r
}

// groupByLetter groups rows (in address order) by the first letter of
// their addresses, and splits any group longer than a page into parts of
// a page each, named by the first and last area in them.
func groupByLetter(rows []FinderRow) []FinderGroup {
	var groups []FinderGroup
	for _, r := range rows {
		letter := r.key[:1]
		if len(groups) == 0 || groups[len(groups)-1].ID != "letter-"+letter {
			groups = append(groups, FinderGroup{Label: strings.ToUpper(letter), ID: "letter-" + letter})
		}
		groups[len(groups)-1].Rows = append(groups[len(groups)-1].Rows, r)
	}
	var out []FinderGroup
	for _, g := range groups {
		if len(g.Rows) <= finderRows {
			out = append(out, g)
			continue
		}
		for part, from := 1, 0; from < len(g.Rows); part, from = part+1, from+finderRows {
			rows := g.Rows[from:min(from+finderRows, len(g.Rows))]
			out = append(out, FinderGroup{Label: fmt.Sprintf("%s (%s to %s)", g.Label, rows[0].Name, rows[len(rows)-1].Name),
				ID: fmt.Sprintf("%s-%d", g.ID, part), Rows: rows})
		}
	}
	return out
}

func finderJSON(rows []FinderRow) ([]byte, error) {
	ix := finderIndex{Columns: []string{"name", "url", "code", "type", "region", "parent", "total", "per_person"}}
	for _, r := range rows {
		ix.Areas = append(ix.Areas, []any{r.Name, r.URL, r.Code, r.Type, r.Region, r.Parent, r.Total.Short(), r.PerHead})
	}
	return json.Marshal(ix)
}

// appendNew appends s unless it is blank or already there.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func pick(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}

package pages

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// Places: when a source names its rows' places (places = { local_authority
// = "Local Authority", … }), each kind of place gets an index
// (/local-authorities/) and each place with a figure a page
// (/local-authorities/birmingham/) saying what its recipients received, by
// fund and year, with the largest grants and recipients. Ranks, shares
// and averages among the places of a kind are given only where the data
// has a figure for every one of them: the site knows from its reference
// geography how many there are.

// placeTop is how many of the largest grants and recipients a place's
// page lists.
const placeTop = 10

// PlaceIndexView is the index of one kind of place.
type PlaceIndexView struct {
	Heading string
	Lead    string
	// Coverage says for how many of the kind's places the data has figures.
	Coverage string
	Notes    []string
	Rows     []PlaceRow
	Cols     Filled
	// PerHeadYear is the year of the per-person column.
	PerHeadYear string
	// Noun is the kind's name, "local authority", for the table's head;
	// GrantsHead heads the column counting grants ("Allocations").
	Noun, GrantsHead string
	// Map shows every place's total (maps.go); the table has them all.
	// A kind with too many places for one page to hold both has its map
	// on a page of its own, at MapURL, and its table there is left out.
	Map    MapView
	MapURL string
}

// PlaceRow is one place in its kind's index.
type PlaceRow struct {
	Name, URL, Code, Region string
	Total                   Amount
	Grants, Recipients      Count
	Rank                    string
	PerHead                 string
}

// PlaceView is one place's page.
type PlaceView struct {
	Name, Code string
	// Kind names the kind of place, "local authority"; KindTitle and
	// KindURL are its index's heading and address.
	Kind, KindTitle, KindURL string
	// Set says which set of places, for constituencies.
	Set        string
	URL        string
	Lead       string
	Region     *AreaLink
	Population string
	// PopulationYear is the year of Population.
	PopulationYear string
	Figures        []PlaceFigure
	FigureCols     Filled
	Grants         []PlaceGrant
	GrantCols      Filled
	// GrantsWord is "grants", or "allocations" when the rows are an
	// allocations sheet's; GrantsHead is it as a column's heading.
	GrantsWord, GrantsHead string
	GrantsMore             string
	// Workbook names the one workbook the grants' cells are in, when
	// they are all in one: the table then gives sheet and cell.
	Workbook       string
	Recipients     []PlaceRecipient
	RecipientCols  Filled
	RecipientsMore string
	Notes          []string
	// Locator shows where the place is (maps.go).
	Locator MapView
}

// PlaceFigure is what one fund gave a place's recipients in one year.
type PlaceFigure struct {
	ID, Fund, FundURL, Year string
	Amount                  Amount
	Grants, Recipients      Count
	Share, Rank, PerHead    string
}

// PlaceGrant is one of a place's largest grants.
type PlaceGrant struct {
	Recipient, RecipientURL string
	Title                   string
	Fund, Year              string
	Amount                  Amount
	Cell                    string
}

// PlaceRecipient is one of a place's recipients that received the most.
type PlaceRecipient struct {
	Name, URL string
	Grants    Count
	Total     Amount
}

func placeURL(p *model.Place) string         { return "/" + p.Kind.Path + "/" + p.Slug + "/" }
func placeKindURL(k *model.PlaceKind) string { return "/" + k.Path + "/" }

// placeAddresses are the addresses the places' pages take, with what each
// is, so no narrative page can take one.
func placeAddresses(d *model.Dataset) map[string]string {
	out := map[string]string{}
	for _, k := range d.PlaceKinds() {
		out[placeKindURL(k)] = "the list of " + k.Noun.Many
		for _, p := range k.Places {
			out[placeURL(p)] = "the page of the " + k.Noun.One + " " + p.Name
		}
	}
	return out
}

// placePages adds each kind's index and each place's page, and links the
// indexes from the site's navigation, before "Open data".
func (b *builder) placePages() {
	d := b.in.Data
	nav := b.site.View.Nav
	at := len(nav)
	if at > 0 && nav[at-1].URL == "/data/" {
		at--
	}
	var items []NavItem
	for _, k := range d.PlaceKinds() {
		st := b.placeStats(k)
		items = append(items, NavItem{upperFirst(k.Noun.Many), placeKindURL(k)})
		iv := b.placeIndex(k, st)
		iv.Map = b.placeIndexMap(k, b.problems)
		if iv.Map.HTML != "" && k.Known > maxPlacesOnFundMap {
			mv := PlaceIndexView{Heading: iv.Heading + " on the map", Map: iv.Map,
				Lead: fmt.Sprintf("What the %s in each %s received, on a map. The list of %s has every figure.", b.site.View.Units, k.Noun.One, k.Noun.Many)}
			iv.Map, iv.MapURL = MapView{}, placeKindURL(k)+"map/"
			b.addPage(&Page{Layout: "places", URL: iv.MapURL, Title: mv.Heading, Description: mv.Lead, Current: placeKindURL(k), Content: mv}, nil)
		}
		b.addPage(&Page{Layout: "places", URL: placeKindURL(k), Title: iv.Heading, Description: iv.Lead, Current: placeKindURL(k), Content: iv}, nil)
		for _, p := range k.Places {
			v := b.placeView(p, st)
			v.Locator = placeLocator(p, b.problems)
			b.addPage(&Page{Layout: "place", URL: v.URL, Title: p.Name, Description: v.Lead, Current: placeKindURL(k), Content: v}, nil)
		}
	}
	b.site.View.Nav = slices.Insert(slices.Clone(nav), at, items...)
}

// placeStats are the totals of every place of a kind for each fund and
// year, for ranks and shares among them.
type placeStats struct {
	kind   *model.PlaceKind
	totals map[fundYearKey]map[*model.Place]money.Pence
	// whole is each fund's total in each year, over every row.
	whole map[fundYearKey]money.Pence
}

func (b *builder) placeStats(k *model.PlaceKind) *placeStats {
	st := &placeStats{kind: k, totals: map[fundYearKey]map[*model.Place]money.Pence{}, whole: map[fundYearKey]money.Pence{}}
	for _, a := range b.in.Data.Allocations {
		key := fundYearKey{a.Fund, a.Year}
		st.whole[key] += a.Amount
		if p := a.PlaceOf(k); p != nil {
			if st.totals[key] == nil {
				st.totals[key] = map[*model.Place]money.Pence{}
			}
			st.totals[key][p] += a.Amount
		}
	}
	return st
}

// coverage is how far the data covers the kind's places for one fund and
// year: in full only with a figure for every place of the kind.
func (st *placeStats) coverage(key fundYearKey) coverage {
	n := len(st.totals[key])
	return coverage{full: n == st.kind.Known, areas: n, noun: st.kind.Noun.For(int64(n))}
}

// rank is p's place among the kind's places for a fund and year, "3rd of
// 9", and its share of the fund's total that year; both "" unless the
// data covers every place.
func (st *placeStats) rank(key fundYearKey, p *model.Place, style money.Style) (rank, share string) {
	if !st.coverage(key).full {
		return "", ""
	}
	totals := st.totals[key]
	mine := totals[p]
	r := 1
	for _, t := range totals {
		if t > mine {
			r++
		}
	}
	return fmt.Sprintf("%s of %s", figures.Ordinal(int64(r)), figures.Number(int64(len(totals)))), style.Percent(model.Share(mine, st.whole[key]).Percent())
}

func (b *builder) placeIndex(k *model.PlaceKind, st *placeStats) PlaceIndexView {
	d := b.in.Data
	n := len(k.Places)
	v := PlaceIndexView{Heading: upperFirst(k.Noun.Many), Noun: upperFirst(k.Noun.One)}
	v.Lead = fmt.Sprintf("What the %s in each %s received. Choose one to see its page.", b.site.View.Units, k.Noun.One)
	v.Coverage = fmt.Sprintf("The data has figures for %s of the %s %s%s.", figures.Number(int64(n)), figures.Number(int64(k.Known)), k.Noun.Many, setWords(k))
	var perHeadYear fyear.Year
	if len(d.Years) > 0 {
		perHeadYear = d.Years[len(d.Years)-1]
	}
	notes := map[string]bool{}
	for _, f := range d.Funds {
		for _, y := range d.Years {
			key := fundYearKey{f, y}
			if _, any := st.totals[key]; !any {
				continue
			}
			if c := st.coverage(key); !c.full && !notes[c.note()] {
				notes[c.note()] = true
				v.Notes = append(v.Notes, c.note())
			}
		}
	}
	full := n == k.Known
	for _, p := range k.Places {
		rows := d.PlaceRows(p)
		r := PlaceRow{Name: p.Name, URL: placeURL(p), Code: p.Code, Region: p.Region, Total: Amount{model.Sum(rows), b.style, measureOf(rows)},
			Grants: Count(len(rows)), Recipients: Count(len(model.AreasOf(rows)))}
		r.PerHead = perHead(p, rows, perHeadYear, b.style)
		if r.PerHead != "" {
			v.PerHeadYear = perHeadYear.String()
		}
		v.Rows = append(v.Rows, r)
	}
	if full && !mixedMeasures(d) {
		rankRows(v.Rows)
	}
	v.Cols = filledColumns(v.Rows)
	v.GrantsHead = upperFirst(grantsWord(d.Allocations, 2))
	return v
}

// rankRows ranks the rows of a complete index by total, ties sharing the
// better rank.
func rankRows(rows []PlaceRow) {
	for i := range rows {
		r := 1
		for j := range rows {
			if rows[j].Total.Pence > rows[i].Total.Pence {
				r++
			}
		}
		rows[i].Rank = fmt.Sprintf("%s of %s", figures.Ordinal(int64(r)), figures.Number(int64(len(rows))))
	}
}

// mixedMeasures says some funds count things and others pay money, so no
// total across funds means anything.
func mixedMeasures(d *model.Dataset) bool {
	money, counts := false, false
	for _, f := range d.Funds {
		counts = counts || f.Measure.Count
		money = money || !f.Measure.Count
	}
	return money && counts
}

// setWords names a kind's set, when it has one: " of 2010 to 2024".
func setWords(k *model.PlaceKind) string {
	if k.Set == "" {
		return ""
	}
	return " " + k.Set
}

// perHead is a place's amount per person in year, when its population
// that year is known and the amounts are money.
func perHead(p *model.Place, rows []*model.Allocation, year fyear.Year, style money.Style) string {
	pop, ok := p.Population[year]
	if !ok || measureOf(rows).Count {
		return ""
	}
	inYear := model.Filter{Years: []fyear.Year{year}}.Pick(rows)
	if len(inYear) == 0 {
		return ""
	}
	return Amount{Pence: model.PerHead(model.Sum(inYear), pop), Style: style}.Full()
}

func (b *builder) placeView(p *model.Place, st *placeStats) PlaceView {
	d, style := b.in.Data, b.style
	k := p.Kind
	rows := d.PlaceRows(p)
	v := PlaceView{Name: p.Name, Code: p.Code, Kind: upperFirst(k.Noun.One), KindTitle: upperFirst(k.Noun.Many), KindURL: placeKindURL(k), Set: k.Set, URL: placeURL(p)}
	if ys := sortedYears(p.Population); len(ys) > 0 {
		y := ys[len(ys)-1]
		v.Population, v.PopulationYear = figures.Number(p.Population[y]), y.String()
	}
	v.Region = b.regionLink(p)
	notes := map[string]bool{}
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Fund.Name + "\x00" + a.Year.String() }) {
		first := g.Rows[0]
		key := fundYearKey{first.Fund, first.Year}
		l := b.label(first.Fund, first.Year)
		fig := PlaceFigure{ID: l.id, Fund: first.Fund.Name, FundURL: l.url, Year: l.year, Amount: Amount{g.Total, style, first.Fund.Measure},
			Grants: Count(len(g.Rows)), Recipients: Count(len(model.AreasOf(g.Rows)))}
		fig.Rank, fig.Share = st.rank(key, p, style)
		fig.PerHead = perHead(p, g.Rows, first.Year, style)
		if c := st.coverage(key); !c.full && !notes[c.note()] {
			notes[c.note()] = true
			v.Notes = append(v.Notes, c.note())
		}
		v.Figures = append(v.Figures, fig)
	}
	slices.SortStableFunc(v.Figures, func(x, y PlaceFigure) int {
		if c := strings.Compare(x.Fund, y.Fund); c != 0 {
			return c
		}
		return strings.Compare(x.Year, y.Year)
	})
	v.FigureCols = filledColumns(v.Figures)
	v.Grants, v.GrantsMore, v.GrantsWord = b.largestGrants(rows)
	v.GrantsHead = upperFirst(v.GrantsWord)
	v.GrantCols = filledColumns(v.Grants)
	v.Workbook = oneWorkbook(rows)
	if v.Workbook != "" {
		for i := range v.Grants {
			v.Grants[i].Cell = strings.TrimPrefix(v.Grants[i].Cell, v.Workbook+": ")
		}
	}
	v.Recipients, v.RecipientsMore = b.largestRecipients(rows)
	v.RecipientCols = filledColumns(v.Recipients)
	v.Lead = b.placeLead(p, rows)
	return v
}

// oneWorkbook is the workbook every row's cell is in, or "".
func oneWorkbook(rows []*model.Allocation) string {
	file := ""
	for _, a := range rows {
		if file != "" && a.Loc.File != file {
			return ""
		}
		file = a.Loc.File
	}
	return file
}

// regionLink links a place to its region's page, when the site has one.
func (b *builder) regionLink(p *model.Place) *AreaLink {
	if p.Region == "" {
		return nil
	}
	for _, k := range b.in.Data.PlaceKinds() {
		if k.Key != "region" {
			continue
		}
		for _, r := range k.Places {
			if r.Name == p.Region {
				return &AreaLink{Name: r.Name, URL: placeURL(r)}
			}
		}
	}
	return &AreaLink{Name: p.Region}
}

// placeLead is the page's first sentence: "The 45 recipients in
// Birmingham received £12.3m in 60 grants, 2020/21 to 2021/22."
func (b *builder) placeLead(p *model.Place, rows []*model.Allocation) string {
	recipients := model.AreasOf(rows)
	years := model.Years(rows)
	span := ""
	if len(years) > 0 {
		span = ", " + fyear.Span(years[0], years[len(years)-1])
	}
	who := fmt.Sprintf("The %s %s in %s", figures.Number(int64(len(recipients))), b.in.Data.Noun(recipients, len(recipients)), p.Name)
	if len(recipients) == 1 {
		who = fmt.Sprintf("The one %s in %s", b.in.Data.Noun(recipients, 1), p.Name)
	}
	if mixedMeasures(b.in.Data) {
		return fmt.Sprintf("%s had %s figures%s.", who, figures.Number(int64(len(rows))), span)
	}
	return fmt.Sprintf("%s received %s in %s %s%s.", who, qualified(rows, b.style), figures.Number(int64(len(rows))), grantsWord(rows, len(rows)), span)
}

// grantsWord is "grants" when rows are a grant list's, else "allocations".
func grantsWord(rows []*model.Allocation, n int) string {
	word := "allocation"
	if len(rows) > 0 && rows[0].Grant != nil {
		word = "grant"
	}
	if n != 1 {
		word += "s"
	}
	return word
}

// largestGrants are the place's largest rows, with how many more there are.
func (b *builder) largestGrants(rows []*model.Allocation) ([]PlaceGrant, string, string) {
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(x, y *model.Allocation) int {
		if x.Amount != y.Amount {
			if x.Amount > y.Amount {
				return -1
			}
			return 1
		}
		return strings.Compare(x.Area.Name, y.Area.Name)
	})
	var out []PlaceGrant
	for _, a := range sorted[:min(len(sorted), placeTop)] {
		g := PlaceGrant{Recipient: a.Area.Name, RecipientURL: areaURL(a.Area), Fund: a.Fund.Name, Year: a.Year.String(),
			Amount: Amount{a.Amount, b.style, a.Fund.Measure}, Cell: a.Loc.String()}
		if a.Grant != nil {
			g.Title = pick(a.Grant.Title, a.Grant.Description)
		}
		out = append(out, g)
	}
	return out, more(len(sorted)-len(out), grantsWord(rows, len(sorted)-len(out))), grantsWord(rows, 2)
}

// largestRecipients are the recipients in the place that received the
// most, with how many more there are.
func (b *builder) largestRecipients(rows []*model.Allocation) ([]PlaceRecipient, string) {
	groups := model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Slug })
	slices.SortStableFunc(groups, func(x, y model.Group) int {
		if x.Total != y.Total {
			if x.Total > y.Total {
				return -1
			}
			return 1
		}
		return strings.Compare(x.Rows[0].Area.Name, y.Rows[0].Area.Name)
	})
	var out []PlaceRecipient
	for _, g := range groups[:min(len(groups), placeTop)] {
		a := g.Rows[0].Area
		out = append(out, PlaceRecipient{Name: a.Name, URL: areaURL(a), Grants: Count(len(g.Rows)), Total: Amount{g.Total, b.style, measureOf(g.Rows)}})
	}
	n := len(groups) - len(out)
	return out, more(n, b.in.Data.Units.For(int64(n)))
}

// more says how many a list leaves out: "and 1,234 more grants".
func more(n int, noun string) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("and %s more %s", figures.Number(int64(n)), noun)
}

// PlaceLink is a link from a recipient's page to a place it is in.
type PlaceLink struct {
	Kind string // "Local authority"
	Name string
	URL  string
}

// placeLinks are the places an area's (a recipient's) figures name, kind
// by kind.
func (b *builder) placeLinks(a *model.Area) []PlaceLink {
	d := b.in.Data
	kinds := d.PlaceKinds()
	if len(kinds) == 0 {
		return nil
	}
	seen := map[*model.Place]bool{}
	var out []PlaceLink
	for _, k := range kinds {
		for _, r := range d.Select(model.Filter{Area: a}) {
			if p := r.PlaceOf(k); p != nil && !seen[p] {
				seen[p] = true
				out = append(out, PlaceLink{Kind: upperFirst(k.Noun.One), Name: p.Name, URL: placeURL(p)})
			}
		}
	}
	return out
}

// placeFinderRows are the places, for the finder beside the areas.
func (b *builder) placeFinderRows(year fyear.Year) []FinderRow {
	d := b.in.Data
	var out []FinderRow
	for _, k := range d.PlaceKinds() {
		for _, p := range k.Places {
			rows := d.PlaceRows(p)
			out = append(out, FinderRow{Name: p.Name, URL: placeURL(p), Code: p.Code, Type: upperFirst(k.Noun.One), Region: p.Region,
				Total: Amount{model.Sum(rows), b.style, measureOf(rows)}, PerHead: perHead(p, rows, year, b.style),
				Search: strings.ToLower(p.Name + " " + p.Code), key: p.Slug})
		}
	}
	return out
}

// placesInFinder says, for the finder's lead, which places it lists too:
// " and the 287 local authorities and 9 regions they are in".
func (b *builder) placesInFinder() string {
	var parts []string
	for _, k := range b.in.Data.PlaceKinds() {
		parts = append(parts, figures.Number(int64(len(k.Places)))+" "+k.Noun.For(int64(len(k.Places))))
	}
	if len(parts) == 0 {
		return ""
	}
	return ", and the " + andJoin(parts) + " they are in"
}

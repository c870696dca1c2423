package pages

import (
	"fmt"
	"html/template"
	stdmaps "maps"
	"slices"
	"strings"
	"sync"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/fyear"
	"fundsite/generator/geo"
	"fundsite/generator/maps"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// MapView is a map on a page, drawn by the maps package: a choropleth of
// a fund's figures for one year and one kind of place, or an area's
// locator. The table beside it holds the same figures: a map is never the
// only way to one.
type MapView struct {
	ID   string
	HTML template.HTML
	// Defs are the outlines this map and the next ones of its kind on the
	// page share, written once, before this map.
	Defs template.HTML
}

// placeMatch is where the dataset's areas are on the map: the kind of
// place each area type is (integrated care systems are ICBs, councils
// upper-tier authorities), and each matched area's place.
type placeMatch struct {
	kinds  map[string]geo.Kind // by lower-case area type
	places map[*model.Area]geo.Place
}

// kindOrder is the order kinds are tried in, which decides a tie: a type
// whose areas are all unitary councils matches lower- and upper-tier
// authorities equally, and the lower tier has a hex cartogram, lighter
// and fairer to small places.
var kindOrder = []geo.Kind{geo.LocalAuthority, geo.UpperTierAuthority, geo.ICB, geo.Region, geo.Constituency2024, geo.Constituency2010}

// matchPlaces finds each area's place in the built-in geography. An area
// type is a kind of place when at least half its areas are found among
// that kind's places, the kind that finds most of them winning: a stray
// name that happens to be a council's ("Ashford") makes no map of 296
// councils with one figure on it. An area is found by its code and name
// together when it has a code the kind knows (GSS, or ODS for an ICB),
// and then both must name the same place: a code and a name that
// disagree leave the area off the map rather than put its figure on the
// wrong place; a code of another kind keeps the area off this kind's
// map. An area with no known code is found by name. Two areas
// found at one place are both left off: neither is surely it. Areas left
// off keep their pages and their rows in every table.
func matchPlaces(d *model.Dataset) placeMatch {
	m := placeMatch{kinds: map[string]geo.Kind{}, places: map[*model.Area]geo.Place{}}
	byType := map[string][]*model.Area{}
	var types []string
	for _, a := range d.Areas {
		t := strings.ToLower(a.Type)
		if byType[t] == nil {
			types = append(types, t)
		}
		byType[t] = append(byType[t], a)
	}
	for _, t := range types {
		areas := byType[t]
		var best map[*model.Area]geo.Place
		var bestKind geo.Kind
		for _, k := range kindOrder {
			found := placesOf(k, areas)
			if len(found) > len(best) {
				best, bestKind = found, k
			}
		}
		if len(best) == 0 || 2*len(best) < len(areas) {
			continue
		}
		m.kinds[t] = bestKind
		for a, p := range best {
			m.places[a] = p
		}
	}
	return m
}

// placesOf finds areas among the places of kind k, leaving off any two
// found at one place.
func placesOf(k geo.Kind, areas []*model.Area) map[*model.Area]geo.Place {
	found := map[*model.Area]geo.Place{}
	at := map[string][]*model.Area{}
	for _, a := range areas {
		p, ok := placeOf(k, a)
		if !ok {
			continue
		}
		found[a] = p
		at[p.Code] = append(at[p.Code], a)
	}
	for _, same := range at {
		if len(same) > 1 {
			for _, a := range same {
				delete(found, a)
			}
		}
	}
	return found
}

// placeOf finds one area among the places of kind k.
func placeOf(k geo.Kind, a *model.Area) (geo.Place, bool) {
	byName, named := geo.Lookup(k, a.Name)
	if strings.TrimSpace(a.Code) == "" {
		return byName, named
	}
	byCode, coded := geo.Lookup(k, a.Code)
	switch {
	case !coded && !knownCode(a.Code):
		return byName, named
	case coded && named && byName.Code == byCode.Code:
		return byCode, true
	}
	return geo.Place{}, false
}

// knownCode says whether code is a place's code of any kind: an area
// with an ICB's code is not a council, whatever its name.
func knownCode(code string) bool {
	return slices.ContainsFunc(geo.Kinds(), func(k geo.Kind) bool {
		_, ok := geo.Lookup(k, code)
		return ok
	})
}

// hexKinds are drawn as hex cartograms: one cell each, so a London
// borough is as visible as Northumberland. The others (ICBs, regions,
// upper-tier councils, which have no hex layout) are drawn as they lie.
func hexKind(k geo.Kind) bool {
	return k == geo.LocalAuthority || k == geo.Constituency2010 || k == geo.Constituency2024
}

// geometries are each kind's shapes or hexes, converted once.
var geometries = sync.OnceValue(func() map[geo.Kind]maps.Geometry {
	out := map[geo.Kind]maps.Geometry{}
	w, h := geo.ViewBox()
	for _, k := range geo.Kinds() {
		var g maps.Geometry
		if hexKind(k) {
			for _, x := range geo.Hexes(k) {
				g.Hexes = append(g.Hexes, maps.Hex{Code: x.Code, Name: x.Name, Q: x.Q, R: x.R})
			}
		} else {
			for _, s := range geo.Shapes(k) {
				g.Shapes = append(g.Shapes, maps.Shape{Code: s.Code, Name: s.Name, D: s.D})
			}
			g.Width, g.Height = w, h
		}
		if len(g.Hexes) > 0 || len(g.Shapes) > 0 {
			out[k] = g
		}
	}
	return out
})

// attribution is the source a map of kind k must credit.
func attribution(k geo.Kind) string {
	if hexKind(k) {
		return geo.AttributionONS + " " + geo.AttributionHex
	}
	return geo.AttributionONS
}

// kindOf is the kind of place an area is, if it is on the map.
func (m placeMatch) kindOf(a *model.Area) (geo.Kind, bool) {
	if _, ok := m.places[a]; !ok {
		return "", false
	}
	k, ok := m.kinds[strings.ToLower(a.Type)]
	return k, ok
}

// mapSpec is one choropleth to draw: a fund's figures for the areas of
// one type in one year, in total or per person.
type mapSpec struct {
	fund      *model.Fund
	year      fyear.Year
	areaType  string // lower case
	kind      geo.Kind
	perPerson bool
}

// mapSpecs are the maps of a fund's figures: for each type of area on the
// map and each year, the figures, and per person where the areas'
// populations are known that year.
func (b *builder) mapSpecs(f *model.Fund) []mapSpec {
	rows := b.in.Data.Select(model.Filter{Fund: f})
	var out []mapSpec
	for _, t := range areaTypes(rows) {
		k, ok := b.places.kinds[strings.ToLower(t)]
		if !ok {
			continue
		}
		for _, y := range model.Years(model.Filter{AreaType: t}.Pick(rows)) {
			s := mapSpec{fund: f, year: y, areaType: strings.ToLower(t), kind: k}
			out = append(out, s)
			if !f.Measure.Count && b.populationsKnown(s) {
				s.perPerson = true
				out = append(out, s)
			}
		}
	}
	return out
}

// populationsKnown says whether some area with a figure on the map has a
// population that year, so a map per person shows something.
func (b *builder) populationsKnown(s mapSpec) bool {
	for _, a := range b.mapRows(s) {
		if _, ok := a.Area.Population[s.year]; ok {
			return true
		}
	}
	return false
}

// mapRows are the rows a map draws: the fund's, that year's, for areas of
// the type that are on the map.
func (b *builder) mapRows(s mapSpec) []*model.Allocation {
	var out []*model.Allocation
	for _, a := range b.in.Data.Select(model.Filter{Fund: s.fund, Years: []fyear.Year{s.year}, AreaType: s.areaType}) {
		if _, ok := b.places.places[a.Area]; ok {
			out = append(out, a)
		}
	}
	return out
}

// fundMaps draws a fund's maps, warning of any that cannot be drawn:
// its areas' figures, and its rows' places' (a grant list's local
// authorities, constituencies, regions).
func (b *builder) fundMaps(f *model.Fund, problems *diag.List) []MapView {
	return drawMaps(append(b.areaJobs(b.mapSpecs(f)), b.placeJobs(f)...), problems)
}

// mapJob is one choropleth to draw on a page: its kind of place, and how
// to draw it given the id of the outlines the page shares, if any.
type mapJob struct {
	kind geo.Kind
	name string // what the map is of, for a warning
	draw func(defs string) (MapView, error)
}

// areaJobs are the jobs that draw maps of the site's own areas.
func (b *builder) areaJobs(specs []mapSpec) []mapJob {
	var out []mapJob
	for _, s := range specs {
		out = append(out, mapJob{kind: s.kind, name: s.fund.Name, draw: func(defs string) (MapView, error) { return b.drawMap(s, defs) }})
	}
	return out
}

// drawMaps draws the maps of a page. Maps of one kind of place share its
// outlines, written once on the page: four maps of the 42 ICBs would
// otherwise carry 36 KB of them each.
func drawMaps(jobs []mapJob, problems *diag.List) []MapView {
	perKind := map[geo.Kind]int{}
	for _, s := range jobs {
		perKind[s.kind]++
	}
	defsID := map[geo.Kind]string{}
	pending := map[geo.Kind]template.HTML{} // outlines drawn, not yet on the page
	var out []MapView
	for _, s := range jobs {
		if perKind[s.kind] > 1 && defsID[s.kind] == "" {
			id := "outlines-" + string(s.kind)
			defs, err := maps.Defs(id, geometries()[s.kind])
			warnMap(problems, err)
			if err == nil {
				pending[s.kind], defsID[s.kind] = defs, id
			}
		}
		v, err := s.draw(defsID[s.kind])
		if err != nil {
			warnMap(problems, fmt.Errorf("%s: %w", s.name, err))
			continue
		}
		v.Defs, pending[s.kind] = pending[s.kind], ""
		out = append(out, v)
	}
	return out
}

// drawMap draws one choropleth.
func (b *builder) drawMap(s mapSpec, defs string) (MapView, error) {
	d := b.in.Data
	rows := b.mapRows(s)
	var areas []maps.Area
	for _, g := range model.GroupBy(rows, func(a *model.Allocation) string { return a.Area.Name }) {
		a := g.Rows[0].Area
		ma := maps.Area{Code: b.places.places[a].Code, Name: a.Name, Href: areaURL(a), HasValue: true, Value: int64(g.Total)}
		if s.perPerson {
			pop, ok := a.Population[s.year]
			ma.HasValue = ok
			ma.Value = int64(model.PerHead(g.Total, pop))
		}
		if ma.HasValue {
			ma.ValueText = b.mapValue(s, ma.Value, g.Rows)
		}
		areas = append(areas, ma)
	}
	all := model.AreasOf(rows)
	noun, one := d.Noun(all, 2), d.Noun(all, 1)
	id := "map-" + model.Slugify(s.fund.Key()+"-"+s.year.Slug()+"-"+s.areaType)
	title := fmt.Sprintf("%s, %s: allocation to each %s", s.fund.Name, s.year, one)
	if s.perPerson {
		id += "-per-person"
		title = fmt.Sprintf("%s, %s: allocation per person in each %s", s.fund.Name, s.year, one)
	}
	measure := s.fund.Measure
	if s.perPerson {
		measure = model.Measure{}
	}
	return renderMap(id, title, mapDescription(len(areas), noun, s.kind), s.kind, areas, measure, defs)
}

// renderMap draws a choropleth of a kind of place: the one way every map
// of figures is drawn, for areas and places alike.
func renderMap(id, title, description string, k geo.Kind, areas []maps.Area, measure model.Measure, defs string) (MapView, error) {
	html, err := maps.Render(maps.Map{
		ID: id, Title: title, Geometry: geometries()[k], Areas: areas,
		Format:      func(v int64) string { return measure.Full(money.Pence(v)) },
		Description: description, Attribution: attribution(k), Defs: defs,
	})
	return MapView{ID: id, HTML: html}, err
}

// mapValue is an area's figure as its link reads out: exact, as the
// legend's breaks are, and as sure as the data allows ("at least £1,200").
func (b *builder) mapValue(s mapSpec, v int64, rows []*model.Allocation) string {
	if s.perPerson {
		return money.Full(money.Pence(v)) + " per person"
	}
	return statusText(s.fund.Measure.Full(money.Pence(v)), rows)
}

// mapDescription is read after a map's title: what it shows, and where
// else the figures are.
func mapDescription(n int, noun string, k geo.Kind) string {
	how := "as they lie"
	if hexKind(k) {
		how = "one hexagon each"
	}
	return fmt.Sprintf("%s %s with a figure, drawn %s and shaded by their figure, darker for more; places with no figure are hatched grey. The legend gives the breaks; the table on this page gives every figure.", figures.Number(int64(n)), noun, how)
}

// locator draws an area's locator map, if the area is on the map.
func (b *builder) locator(a *model.Area, problems *diag.List) MapView {
	k, ok := b.places.kindOf(a)
	if !ok {
		return MapView{}
	}
	id := "locator"
	noun := strings.ToLower(a.Type)
	if noun == "" {
		noun = "area"
	}
	html, err := maps.Locator(maps.LocatorMap{
		ID: id, Title: fmt.Sprintf("Where %s is, among England’s %s", a.Name, kindNoun(k)),
		Geometry: geometries()[k], Highlight: b.places.places[a].Code, Attribution: attribution(k),
	})
	if err != nil {
		warnMap(problems, fmt.Errorf("%s: %w", a.Name, err))
		return MapView{}
	}
	return MapView{ID: id, HTML: html}
}

// kindNoun names the places of a kind for a caption.
func kindNoun(k geo.Kind) string {
	switch k {
	case geo.LocalAuthority:
		return "local authorities"
	case geo.UpperTierAuthority:
		return "county and unitary councils"
	case geo.Region:
		return "regions"
	case geo.ICB:
		return "integrated care boards"
	}
	return "Westminster constituencies"
}

// homeMaps are the home page's maps: for each type of area on the map,
// the fund and year with figures for most of them (the latest year, then
// the first fund, among equals), in the order of the funds.
func (b *builder) homeMaps(problems *diag.List) []MapView {
	d := b.in.Data
	best := map[string]mapSpec{}
	most := map[string]int{}
	for _, f := range d.Funds {
		for _, s := range b.mapSpecs(f) {
			if s.perPerson {
				continue
			}
			n := len(model.AreasOf(b.mapRows(s)))
			if n > most[s.areaType] || (n == most[s.areaType] && s.year.Start > best[s.areaType].year.Start) {
				best[s.areaType], most[s.areaType] = s, n
			}
		}
	}
	var specs []mapSpec
	for _, f := range d.Funds {
		for _, t := range slices.Sorted(stdmaps.Keys(best)) {
			if best[t].fund == f {
				specs = append(specs, best[t])
			}
		}
	}
	return drawMaps(b.areaJobs(specs), problems)
}

// warnMap warns of a map that could not be drawn: a fault in the built-in
// geography, which leaves the map off its page rather than stop the build
// (the table beside it has every figure).
func warnMap(problems *diag.List, err error) {
	if err != nil {
		problems.Warnf(diag.Loc{}, "map not drawn: %v", err)
	}
}

// placeJobs are the maps of a fund's figures by the places its rows name
// (a grant list's local authorities, regions): one for each kind of
// place, of the fund's whole span. A page is read on a phone and holds
// 150 KB: a kind with more places than a fund page has room for
// (constituencies, 533 hexagons, 110 KB) is mapped on its own index
// page, which the fund page's table of places links to.
func (b *builder) placeJobs(f *model.Fund) []mapJob {
	d := b.in.Data
	rows := d.Select(model.Filter{Fund: f})
	years := model.Years(rows)
	if len(years) == 0 {
		return nil
	}
	span := years[0].String()
	if len(years) > 1 {
		span += " to " + years[len(years)-1].String()
	}
	var out []mapJob
	for _, k := range d.PlaceKinds() {
		kind := geo.Kind(k.Geography)
		if _, ok := geometries()[kind]; !ok || k.Known > maxPlacesOnFundMap {
			continue
		}
		areas := placeAreas(k, rows, f.Measure, d.PlaceRows, f)
		if len(areas) == 0 {
			continue
		}
		id := "map-" + model.Slugify(f.Key()+"-"+k.Path)
		title := fmt.Sprintf("%s, %s: what the %s in each %s received", f.Name, span, d.Units.Many, k.Noun.One)
		desc := mapDescription(len(areas), k.Noun.Many, kind)
		out = append(out, mapJob{kind: kind, name: f.Name, draw: func(defs string) (MapView, error) {
			return renderMap(id, title, desc, kind, areas, f.Measure, defs)
		}})
	}
	return out
}

// maxPlacesOnFundMap is the most places a kind may have for its map to
// go on a fund page: England's 296 councils fit, its 533 constituencies
// do not.
const maxPlacesOnFundMap = 300

// placeAreas are the places of kind k that rows name, each with the total
// of its rows (rowsOf) that are among rows, as a map draws them.
func placeAreas(k *model.PlaceKind, rows []*model.Allocation, measure model.Measure, rowsOf func(*model.Place) []*model.Allocation, f *model.Fund) []maps.Area {
	named := map[*model.Place]bool{}
	for _, a := range rows {
		for _, p := range a.Places {
			if p.Kind == k {
				named[p] = true
			}
		}
	}
	var out []maps.Area
	for _, p := range k.Places {
		if !named[p] {
			continue
		}
		own := rowsOf(p)
		if f != nil {
			own = model.Filter{Fund: f}.Pick(own)
		}
		total := model.Sum(own)
		out = append(out, maps.Area{Code: p.Code, Name: p.Name, Href: placeURL(p), HasValue: true, Value: int64(total),
			ValueText: statusText(measure.Full(total), own)})
	}
	return out
}

// statusText is a figure as a map's link reads it out: as sure as the
// data allows ("at least £1,200", "£1,200 (estimate)").
func statusText(text string, rows []*model.Allocation) string {
	switch model.WorstStatus(rows) {
	case model.PublishedLowerBound:
		return "at least " + text
	case model.Estimate:
		return text + " (estimate)"
	}
	return text
}

// placeIndexMap is the map on a kind's index: every place's total.
func (b *builder) placeIndexMap(k *model.PlaceKind, problems *diag.List) MapView {
	d := b.in.Data
	kind := geo.Kind(k.Geography)
	if _, ok := geometries()[kind]; !ok || mixedMeasures(d) || len(d.Allocations) == 0 {
		return MapView{}
	}
	areas := placeAreas(k, d.Allocations, d.Allocations[0].Fund.Measure, d.PlaceRows, nil)
	title := fmt.Sprintf("What the %s in each %s received, all funds and years", d.Units.Many, k.Noun.One)
	v, err := renderMap("map-"+k.Path, title, mapDescription(len(areas), k.Noun.Many, kind), kind, areas, d.Allocations[0].Fund.Measure, "")
	if err != nil {
		warnMap(problems, fmt.Errorf("%s: %w", k.Noun.Many, err))
		return MapView{}
	}
	return v
}

// placeLocator is the locator map on a place's page.
func placeLocator(p *model.Place, problems *diag.List) MapView {
	kind := geo.Kind(p.Kind.Geography)
	g, ok := geometries()[kind]
	if !ok {
		return MapView{}
	}
	html, err := maps.Locator(maps.LocatorMap{
		ID: "locator", Title: fmt.Sprintf("Where %s is, among England’s %s", p.Name, kindNoun(kind)),
		Geometry: g, Highlight: p.Code, Attribution: attribution(kind),
	})
	if err != nil {
		warnMap(problems, fmt.Errorf("%s: %w", p.Name, err))
		return MapView{}
	}
	return MapView{ID: "locator", HTML: html}
}

package ingest

import (
	"fmt"
	"maps"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/geo"
	"fundsite/generator/model"
	"fundsite/generator/workbook"
)

// A sheet's places setting names, for each kind of place, the column that
// gives each row's place of that kind: its local authority, constituency,
// region. Each cell is matched against the built-in geography (geo), by
// name as commonly published or by code, with site.toml's [areas] aliases
// and old codes first. A name that matches no place is an error at its
// cell, with the closest names; a council merged away since (Corby)
// counts in the one that covers it now, with a warning; one split in two
// (Northamptonshire) is an error, as its figures cannot be divided.

// placeKindInfo is how the site names a kind of place and finds it in geo.
type placeKindInfo struct {
	noun model.Noun
	path string
	geo  []geo.Kind // the sets it may be read against, the latest last
}

var placeKinds = map[string]placeKindInfo{
	config.PlaceLocalAuthority: {model.Noun{One: "local authority", Many: "local authorities"}, "local-authorities", []geo.Kind{geo.LocalAuthority}},
	config.PlaceUpperTier:      {model.Noun{One: "upper-tier local authority", Many: "upper-tier local authorities"}, "upper-tier-authorities", []geo.Kind{geo.UpperTierAuthority}},
	config.PlaceRegion:         {model.Noun{One: "region", Many: "regions"}, "regions", []geo.Kind{geo.Region}},
	config.PlaceICB:            {model.Noun{One: "integrated care board", Many: "integrated care boards"}, "integrated-care-boards", []geo.Kind{geo.ICB}},
	config.PlaceConstituency:   {model.Noun{One: "constituency", Many: "constituencies"}, "constituencies", []geo.Kind{geo.Constituency2010, geo.Constituency2024}},
}

// setNames say which constituencies a set is, in a sentence.
var setNames = map[geo.Kind]string{geo.Constituency2010: "of 2010 to 2024", geo.Constituency2024: "from 2024"}

// placeBook is every place the sources name, one *model.Place each, and
// which set of constituencies the site's are.
type placeBook struct {
	kinds  map[string]*model.PlaceKind
	places map[geo.Kind]map[string]*model.Place // by code
	// set is the constituency set chosen, and where.
	set   geo.Kind
	setAt string
}

// placeColumn is one kind of place a sheet names: its column and each
// cell's place, worked out once for each distinct text.
type placeColumn struct {
	kind   *model.PlaceKind
	col    int
	byText map[string]*model.Place
}

// placeReader gives each row of a sheet its places.
type placeReader struct{ cols []*placeColumn }

// of is the places row r names, one per kind; nil for a sheet without
// places.
func (pr *placeReader) of(r workbook.Row) []*model.Place {
	if pr == nil {
		return nil
	}
	var out []*model.Place
	for _, c := range pr.cols {
		if c.col < len(r.Cells) {
			if p := c.byText[strings.TrimSpace(r.Cells[c.col])]; p != nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// cellValue is a distinct text of a place column: where it first is, and
// in how many rows.
type cellValue struct {
	text  string
	first diag.Loc
	rows  int
}

// readPlaces finds a sheet's place columns and matches every cell in them
// to a place, reporting each name it cannot match once, at its first cell.
func (b *builder) readPlaces(s *sheet, rows []workbook.Row) *placeReader {
	if len(s.src.Places) == 0 {
		return nil
	}
	if b.places == nil {
		b.places = &placeBook{kinds: map[string]*model.PlaceKind{}, places: map[geo.Kind]map[string]*model.Place{}}
	}
	var keys []string
	var cols []int
	for _, key := range config.PlaceKinds {
		header, ok := s.src.Places[key]
		if !ok {
			continue
		}
		if col, ok := b.placeColumnIndex(s, key, header, b.cfg.SourceLoc(s.src, "places."+key)); ok {
			keys, cols = append(keys, key), append(cols, col)
		}
	}
	scans, outside := s.scanPlaces(rows, cols)
	pr := &placeReader{}
	for i, key := range keys {
		at := b.cfg.SourceLoc(s.src, "places."+key)
		kindKey, set, ok := b.placeSet(s, key, scans[i].values, at)
		if !ok {
			continue
		}
		k := b.places.kind(kindKey, set)
		pc := &placeColumn{kind: k, col: cols[i], byText: map[string]*model.Place{}}
		var merged []merger
		for _, v := range scans[i].values {
			pc.byText[v.text] = b.matchPlace(s, k, set, v, &merged)
		}
		b.warnMerged(k, merged)
		if blank := scans[i].blank; blank.rows > 0 {
			b.problems.Warnf(blank.first, "%d %s no %s (column %q is blank); %s on no %s's page, but in every total",
				blank.rows, plural(blank.rows, "row gives", "rows give"), k.Noun.One, s.src.Places[key], plural(blank.rows, "its figure is", "their figures are"), k.Noun.One)
		}
		pr.cols = append(pr.cols, pc)
	}
	if outside.rows > 0 {
		b.problems.Warnf(outside.first, "%d %s outside England (%s); fundsite's places are England's, so %s on no place's page, but in every total",
			outside.rows, plural(outside.rows, "row is", "rows are"), outside.text, plural(outside.rows, "its figure is", "their figures are"))
	}
	return pr
}

// placeScan is what one place column holds: its distinct texts and its
// blank cells.
type placeScan struct {
	values []*cellValue
	blank  cellValue
}

// nations are the parts of the UK outside England, which fundsite's
// geography does not cover; a row naming one in any place column is
// outside it.
var nations = map[string]bool{"scotland": true, "wales": true, "northern ireland": true}

// outsideEngland reports whether a place cell says its row is outside
// England: a nation's name, or a Scottish, Welsh or Northern Irish code.
func outsideEngland(text string) bool {
	return nations[model.ExactName(text)] || (len(text) == 9 && strings.ContainsRune("SWN", rune(text[0])) && strings.Trim(text[1:], "0123456789") == "")
}

// scanPlaces lists each place column's distinct texts in the order met,
// and its blank cells (or cells saying "not known"), leaving out total
// rows and rows outside England, which it counts.
func (s *sheet) scanPlaces(rows []workbook.Row, cols []int) ([]placeScan, cellValue) {
	scans := make([]placeScan, len(cols))
	seen := make([]map[string]*cellValue, len(cols))
	for i := range seen {
		seen[i] = map[string]*cellValue{}
	}
	var outside cellValue
	texts := make([]string, len(cols))
	for _, r := range rows {
		if _, _, total := totalRow(r); total && s.src.ReadsTotals() {
			continue
		}
		away := ""
		for i, col := range cols {
			texts[i] = ""
			if col < len(r.Cells) {
				texts[i] = strings.TrimSpace(r.Cells[col])
			}
			if outsideEngland(texts[i]) && away == "" {
				away = texts[i]
			}
		}
		if away != "" {
			if outside.rows == 0 {
				outside.first = s.t.Loc(r.Num, 0)
			}
			if !strings.Contains(outside.text, away) {
				outside.text = joinNew(outside.text, away)
			}
			outside.rows++
			continue
		}
		for i, text := range texts {
			loc := s.t.Loc(r.Num, cols[i]+1)
			sc := &scans[i]
			if text == "" || s.isMissing(text) {
				if sc.blank.rows == 0 {
					sc.blank.first = loc
				}
				sc.blank.rows++
				continue
			}
			v := seen[i][text]
			if v == nil {
				v = &cellValue{text: text, first: loc}
				seen[i][text] = v
				sc.values = append(sc.values, v)
			}
			v.rows++
		}
	}
	return scans, outside
}

// joinNew adds a name to a list of names: "Wales, Scotland".
func joinNew(list, name string) string {
	if list == "" {
		return name
	}
	return list + ", " + name
}

// placeColumnIndex finds the column site.toml names for a kind of place,
// by its title or its letter ("column F").
func (b *builder) placeColumnIndex(s *sheet, key, want string, at diag.Loc) (int, bool) {
	if l := columnLetter.FindStringSubmatch(want); l != nil {
		i := columnIndex(l[1])
		if i >= len(s.header.Cells) || strings.TrimSpace(s.header.Cells[i]) == "" {
			b.problems.Errorf(at, "places: %s = %q, but %s!%s%d in the header is blank; is it the right column?", key, want, s.t.Sheet, strings.ToUpper(l[1]), s.header.Num)
			return 0, false
		}
		return i, true
	}
	var found []int
	for i, h := range s.header.Cells {
		if workbook.NormaliseHeader(h) == workbook.NormaliseHeader(want) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		headers := trimmed(s.header.Cells)
		b.problems.Errorf(at, "places: %s = %q, but %s: %s has no column %q; found %s%s", key, want, s.t.File, s.t.Sheet, want,
			quoteList(headers), diag.DidYouMean(want, headers))
		return 0, false
	case 1:
		return found[0], true
	}
	b.problems.Errorf(at, "places: %s = %q, but %s: %s has %d columns titled %q; say which by its letter, as in %s = \"column %s\"",
		key, want, s.t.File, s.t.Sheet, len(found), want, key, diag.ColumnName(found[len(found)-1]+1))
	return 0, false
}

// placeSet settles which set of places a column is read against. Only
// constituencies have two: the set is the one that more of the column's
// names match and the other does not (a name in both says nothing), or
// the one site.toml names (constituency_2010); a sheet whose names match
// both equally must say. Every sheet's constituencies must be one set,
// as the site has one page for each constituency.
func (b *builder) placeSet(s *sheet, key string, values []*cellValue, at diag.Loc) (string, geo.Kind, bool) {
	switch key {
	case config.PlaceConstituency10:
		return b.sameSet(s, geo.Constituency2010, at)
	case config.PlaceConstituency24:
		return b.sameSet(s, geo.Constituency2024, at)
	case config.PlaceConstituency:
	default:
		return key, placeKinds[key].geo[0], true
	}
	only := map[geo.Kind]int{}
	for _, v := range values {
		_, in10 := geo.Lookup(geo.Constituency2010, v.text)
		_, in24 := geo.Lookup(geo.Constituency2024, v.text)
		switch {
		case in10 && !in24:
			only[geo.Constituency2010]++
		case in24 && !in10:
			only[geo.Constituency2024]++
		}
	}
	n10, n24 := only[geo.Constituency2010], only[geo.Constituency2024]
	switch {
	case n10 > n24:
		return b.sameSet(s, geo.Constituency2010, at)
	case n24 > n10:
		return b.sameSet(s, geo.Constituency2024, at)
	case n10 == 0 && b.places.set != "":
		return b.sameSet(s, b.places.set, at) // names both sets share: the set the other sheets use
	case n10 == 0:
		b.problems.Errorf(at, "places: the constituencies in %s: %s are named alike in the sets of 2010 and of 2024, so which set they are cannot be told; say which, as in constituency_2010 = %q",
			s.t.File, s.t.Sheet, s.src.Places[key])
	default:
		b.problems.Errorf(at, "places: %d of the constituencies in %s: %s are only in the set of 2010 and %d only in the set of 2024; a sheet's constituencies must be one set. Say which, as in constituency_2010 = %q, to see the others as errors",
			n10, s.t.File, s.t.Sheet, n24, s.src.Places[key])
	}
	return "", "", false
}

// sameSet holds every sheet's constituencies to one set.
func (b *builder) sameSet(s *sheet, set geo.Kind, at diag.Loc) (string, geo.Kind, bool) {
	where := s.t.File + ": " + s.t.Sheet
	if b.places.set != "" && b.places.set != set {
		b.problems.Errorf(at, "places: the constituencies in %s are the set %s, but those in %s are the set %s; the site has one page for each constituency, so its sources must use one set",
			where, setNames[set], b.places.setAt, setNames[b.places.set])
		return "", "", false
	}
	if b.places.set == "" {
		b.places.set, b.places.setAt = set, where
	}
	return config.PlaceConstituency, set, true
}

// kind is the site's kind of place for a key, made on first use.
func (pb *placeBook) kind(key string, set geo.Kind) *model.PlaceKind {
	if k := pb.kinds[key]; k != nil {
		return k
	}
	info := placeKinds[key]
	k := &model.PlaceKind{Key: key, Noun: info.noun, Path: info.path, Known: len(geo.Places(set)), Set: setNames[set], Geography: string(set)}
	pb.kinds[key] = k
	return k
}

// matchPlace finds the place a cell names (with the aliases and old codes
// site.toml gives), reporting a name it cannot match, once, at its first
// cell.
func (b *builder) matchPlace(s *sheet, k *model.PlaceKind, set geo.Kind, v *cellValue, merged *[]merger) *model.Place {
	text := b.placeAlias(v.text)
	others := ""
	if v.rows > 1 {
		others = fmt.Sprintf(" (and %d more %s)", v.rows-1, plural(v.rows-1, "row", "rows"))
	}
	if p, ok := geo.Lookup(set, text); ok {
		return b.places.place(k, set, p)
	}
	if f, ok := geo.LookupFormer(set, text); ok {
		if f.Split() {
			var names []string
			for _, p := range f.Successors {
				names = append(names, p.Name)
			}
			b.problems.Errorf(v.first, "%s %q ended in %d, when it was split into %s; its figures cannot be divided between them, so give each row the %s it is in now, or map the name in site.toml: [areas.aliases] %q = \"…\"%s",
				k.Noun.One, v.text, f.Until+1, andList(names), k.Noun.One, v.text, others)
			return nil
		}
		now := f.Successors[0]
		*merged = append(*merged, merger{v: v, until: f.Until + 1, now: now.Name})
		return b.places.place(k, set, now)
	}
	if other := b.otherSet(set, text); other != "" {
		b.problems.Errorf(v.first, "%q is a constituency %s, but this sheet's constituencies are the set %s%s", v.text, setNames[other], setNames[set], others)
		return nil
	}
	b.problems.Errorf(v.first, "%s %q is not one fundsite knows%s; check its spelling, give its code, or map it in site.toml: [areas.aliases] %q = \"…\"%s",
		k.Noun.One, v.text, closestPlace(v.text, set), v.text, others)
	return nil
}

// merger is a former place a sheet names and the place that covers it now.
type merger struct {
	v     *cellValue
	until int
	now   string
}

// warnMerged says once, at the first cell naming one, which former places
// a sheet's figures are counted in the places that cover them now.
func (b *builder) warnMerged(k *model.PlaceKind, merged []merger) {
	if len(merged) == 0 {
		return
	}
	first := merged[0].v.first
	var parts []string
	for _, m := range merged {
		if m.v.first.Row < first.Row {
			first = m.v.first
		}
		parts = append(parts, fmt.Sprintf("%s (until %d, %s) in %s", m.v.text, m.until, plural(m.v.rows, "1 row", fmt.Sprintf("%d rows", m.v.rows)), m.now))
	}
	n := len(merged)
	b.problems.Warnf(first, "%d %s named here no longer %s; %s counted in the %s that %s now: %s",
		n, plural(n, k.Noun.One, k.Noun.Many), plural(n, "exists", "exist"), plural(n, "its figures are", "their figures are"),
		plural(n, k.Noun.One, k.Noun.Many), plural(n, "covers it", "cover them"), strings.Join(parts, "; "))
}

// otherSet is the other constituency set, when name is in it.
func (b *builder) otherSet(set geo.Kind, name string) geo.Kind {
	for _, other := range placeKinds[config.PlaceConstituency].geo {
		if other == set {
			continue
		}
		if _, ok := geo.Lookup(other, name); ok && (set == geo.Constituency2010 || set == geo.Constituency2024) {
			return other
		}
	}
	return ""
}

// placeAlias is what site.toml's [areas] aliases and old_codes make of a
// cell's text; the text itself when they say nothing of it.
func (b *builder) placeAlias(text string) string {
	for _, m := range []map[string]string{b.cfg.Areas.Aliases, b.cfg.Areas.OldCodes} {
		for from, to := range m {
			if model.ExactName(from) == model.ExactName(text) {
				return to
			}
		}
	}
	return text
}

// place is the site's one *model.Place for a geo place.
func (pb *placeBook) place(k *model.PlaceKind, set geo.Kind, g geo.Place) *model.Place {
	byCode := pb.places[set]
	if byCode == nil {
		byCode = map[string]*model.Place{}
		pb.places[set] = byCode
	}
	if p := byCode[g.Code]; p != nil {
		return p
	}
	p := &model.Place{Kind: k, Code: g.Code, Name: g.Name}
	if r, ok := geo.Lookup(geo.Region, g.Region); ok && g.Kind != geo.ICB {
		p.Region = r.Name
	}
	byCode[g.Code] = p
	k.Places = append(k.Places, p)
	return p
}

// closestPlace is ` (did you mean "Bristol, City of"?)` for a name
// close to a place's, as ONS writes it or as it is commonly written
// (without ", City of").
func closestPlace(name string, set geo.Kind) string {
	full := map[string]string{}
	var names []string
	for _, p := range geo.Places(set) {
		for _, n := range []string{p.Name, strings.TrimSpace(strings.Split(p.Name, ",")[0])} {
			if _, ok := full[n]; !ok {
				full[n] = p.Name
				names = append(names, n)
			}
		}
	}
	if c := diag.Closest(name, names); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", full[c])
	}
	return ""
}

// finishPlaces gives the dataset its places, in a fixed order, with the
// populations an areas sheet gives by their codes.
func (b *builder) finishPlaces() {
	if b.places == nil {
		return
	}
	pops := map[string]*model.Area{}
	for _, a := range b.d.Areas {
		if a.Code != "" && len(a.Population) > 0 {
			pops[strings.ToUpper(a.Code)] = a
		}
	}
	ps := &model.Places{}
	for _, key := range config.PlaceKinds {
		k := b.places.kinds[key]
		if k == nil {
			continue
		}
		for _, p := range k.Places {
			if a := pops[p.Code]; a != nil {
				p.Population = maps.Clone(a.Population)
			}
		}
		ps.Kinds = append(ps.Kinds, k)
	}
	ps.SortPlaces()
	b.d.Places = ps
}

// andList joins names as "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

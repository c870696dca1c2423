// Package ingest reads the workbooks a site.toml names into the model's
// dataset: it finds each sheet's header and columns, reads every cell as
// the field it stands for, matches names to areas and funds, and reports
// every problem with its file, sheet and cell. It is the only package that
// knows about workbooks; the model keeps the domain.
package ingest

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// Load reads every source the config names (or, when it names none, every
// sheet of every workbook in data/ that looks like allocations, areas or
// funds), checks it, and returns the dataset with every problem found.
func Load(cfg *config.Config) (*model.Dataset, *diag.List) {
	var problems diag.List
	tables := readSources(cfg, &problems)
	b := newBuilder(cfg, &problems)
	b.areaMatching(cfg.Areas)
	for _, kind := range config.Kinds {
		for _, st := range tables {
			if st.src.Kind == kind {
				b.add(st)
			}
		}
	}
	d := b.finish()
	for _, st := range tables {
		d.Files = append(d.Files, st.path)
	}
	d.Files = slices.Compact(slices.Sorted(slices.Values(d.Files)))
	d.Finish()
	return d, &problems
}

// builder assembles the dataset, resolving names against what is known.
type builder struct {
	cfg        *config.Config
	problems   *diag.List
	d          *model.Dataset
	areasGiven bool
	fundsGiven bool
	seen       map[string]diag.Loc // duplicate allocation keys
	match      areaMatcher
	parents    []pendingParent
	// funds are the funds the allocations name, by the text naming them:
	// matching a name against every fund, on every row, was most of the
	// time spent loading a workbook of ten funds.
	funds map[string]*model.Fund
	// measured is where each fund's measure was first set by a source, so
	// a fund counted in people in one sheet and in pounds in another is
	// caught.
	measured map[*model.Fund]diag.Loc
	// areaSlugs and areaCodes are the index in d.Areas of each area's
	// address and upper-cased code.
	areaSlugs, areaCodes map[string]int
	recipients           recipients
	// unitsSeen records the kind of unit each source's rows name, for the
	// default name of the site's units.
	recipientUnits, areaUnits bool
	// places are the places the sources' place columns name: see places.go.
	places *placeBook
}

func newBuilder(cfg *config.Config, problems *diag.List) *builder {
	return &builder{cfg: cfg, problems: problems, d: &model.Dataset{}, seen: map[string]diag.Loc{}, funds: map[string]*model.Fund{},
		measured: map[*model.Fund]diag.Loc{}, areaSlugs: map[string]int{}, areaCodes: map[string]int{}, recipients: newRecipients()}
}

// sheet is one source being read: its table, settings and columns.
type sheet struct {
	t      *workbook.Table
	src    config.Source
	fields []field
	header workbook.Row
	// above is the row just above the header, where a wide sheet may have
	// its years over groups of columns; nil at the top.
	above *workbook.Row
	cols  columns
	// constants are src.Constants with what a wide column gives.
	constants map[string]string
	// grants: rows are individual awards; giving: in the 360Giving standard.
	grants, giving bool
	// recipientUnit: the recipient, not a mapped area, is the page's unit.
	recipientUnit bool
	measure       model.Measure
	// titleUnits are the units the rows above the header give the whole
	// sheet ("(£ thousand)"); scale is the amount column's unit, worked
	// out as its rows are read.
	titleUnits []statedUnit
	scale      scale
	// popScale is each population column's unit, in an areas sheet.
	popScale map[int]scale
	missing  map[string]bool
	// readCols are the columns read, in order, for telling two rows of a
	// grant list apart; worked out on the first row that needs them.
	readCols []int
	// places gives each row its places, when the source names place columns.
	places *placeReader
}

// groupedYears reports whether the sheet has its years (or funds) in the
// row above the header, each over a group of columns.
func (s *sheet) groupedYears() bool {
	u := s.src.Unpivot
	return u != nil && s.above != nil && len(wideColumns(s.header, u)) == 0 && len(groupLabels(*s.above, s.header, u)) > 0
}

func trimmed(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// with is the sheet read with other columns and one more constant: a
// wide sheet's column, with the year (or fund) its title gives.
func (s *sheet) with(c columns, field, value string) *sheet {
	out := *s
	out.cols, out.readCols = c, nil
	out.constants = maps.Clone(s.src.Constants)
	if out.constants == nil {
		out.constants = map[string]string{}
	}
	out.constants[field] = value
	return &out
}

func (b *builder) add(st sourceTable) {
	t := st.table
	if first, last, ok := st.src.TableRows(); ok {
		t = withinRows(t, first, last)
	}
	s := &sheet{t: t, src: st.src, constants: st.src.Constants}
	s.fields, s.giving = fieldsFor(t, st.src)
	h, ok := findSourceHeader(t, s.fields, st.src)
	if !ok {
		b.problems.Errorf(diag.Loc{File: t.File, Sheet: t.Sheet}, "cannot find the header row (a row naming columns such as %s)", quoteList(headerExamples(s.fields)))
		return
	}
	s.header = t.Rows[h]
	if h > 0 {
		s.above = &t.Rows[h-1]
	} else if above := rowsAbove(st.table, s.header.Num); len(above) > 0 {
		// rows = "…" may start at the header, under its row of years.
		s.above = &above[len(above)-1]
	}
	s.grants = st.src.Kind == config.KindGrants || s.giving
	b.checkMapping(s)
	m := mapper{cfg: b.cfg, src: st.src, problems: b.problems}
	header := s.header
	if s.groupedYears() {
		// The columns outside every year's group; each group's own are
		// mapped in addGroups.
		header = sharedHeader(s)
		m.src.Columns = sharedColumns(s, groupLabels(*s.above, s.header, st.src.Unpivot))
	} else if !b.noYearKeys(s) {
		return
	}
	cols, ok := m.mapColumns(t, header, s.fields, wideConstants(st.src))
	if !ok {
		return
	}
	cols.headers = trimmed(s.header.Cells)
	s.cols = cols
	rows := skipRows(b.tableEnd(s, t.Rows[h+1:]), st.src.SkipRows)
	b.warnHidden(t, rows)
	switch st.src.Kind {
	case config.KindFunds:
		b.fundsGiven = true
		if i, ok := s.cols.index["announced"]; ok {
			if s.scale, ok = b.headerScale(s, i, "announced total", false); !ok {
				return
			}
		}
		for _, r := range rows {
			b.addFund(s, r)
		}
	case config.KindAreas:
		b.areasGiven = true
		s.popScale = map[int]scale{}
		for col := range s.cols.population {
			sc, ok := b.headerScale(s, col, "population", true)
			if !ok {
				delete(s.cols.population, col)
			}
			s.popScale[col] = sc
		}
		for _, r := range rows {
			b.addArea(s, r)
		}
	default:
		if !b.prepareFigures(s) {
			return
		}
		s.places = b.readPlaces(s, rows)
		s.titleUnits = titleUnits(t, rowsAbove(st.table, s.header.Num), s.measure.Count)
		if st.src.Unpivot != nil {
			b.addWide(s, rows)
			return
		}
		b.addAllocations(s, rows)
	}
}

// prepareFigures settles how a sheet of figures is read: its measure, its
// words for a missing figure, and, for a grant list, who the unit is.
func (b *builder) prepareFigures(s *sheet) bool {
	s.missing = missingWords(b.cfg.MissingValues, s.src.MissingValues)
	s.measure = model.Measure{Count: s.src.IsCount(), Noun: model.CompleteNoun(model.Noun(s.src.Noun)), Round: s.src.Round}
	s.programmeAsFund()
	if !s.grants {
		b.areaUnits = true
		return true
	}
	_, areaConstant := s.src.Constants["area"]
	s.recipientUnit = !s.cols.has("area") && !s.cols.has("area_code") && !areaConstant
	if s.recipientUnit {
		b.recipientUnits = true
		if i, ok := s.cols.index["recipient"]; ok {
			s.cols.index["area"] = i
		}
		if i, ok := s.cols.index["recipient_id"]; ok {
			s.cols.index["area_code"] = i
		}
	} else {
		b.areaUnits = true
	}
	_, recipientConstant := s.src.Constants["recipient"]
	if !s.cols.has("area") && !s.cols.has("area_code") && !areaConstant && !recipientConstant {
		b.problems.Errorf(s.t.Loc(s.header.Num, 0), "no column for the recipient; found %s. Name it in site.toml: columns = { recipient = \"…\" }", quoteList(s.cols.headers))
		return false
	}
	_, yearConstant := s.constants["year"]
	if !s.cols.has("year") && !s.cols.has("award_date") && !yearConstant && s.src.Unpivot == nil {
		b.problems.Errorf(s.t.Loc(s.header.Num, 0), "no column for the award date or financial year; found %s. Name it in site.toml: columns = { award_date = \"…\" }, or give constants = { year = \"2023/24\" }", quoteList(s.cols.headers))
		return false
	}
	return true
}

func headerExamples(fields []field) []string {
	var out []string
	for _, f := range fields {
		if f.required {
			out = append(out, displayHeader(f.headers[0]))
		}
	}
	return out
}

func (b *builder) addFund(s *sheet, r workbook.Row) {
	t, c := s.t, s.cols
	if b.uncalculatedCells(s, r) {
		return
	}
	name, loc := c.cell(t, r, "name")
	if name == "" {
		b.problems.Errorf(loc, "fund name is blank")
		return
	}
	f := &model.Fund{Name: name, Slug: model.PageSlug(name), Loc: loc}
	f.Short, _ = c.cell(t, r, "short")
	f.Department, _ = c.cell(t, r, "department")
	f.Description, _ = c.cell(t, r, "description")
	f.SourceURL, _ = c.cell(t, r, "source")
	if text, at := c.cell(t, r, "announced"); text != "" {
		p, err := money.ParseScaled(text, s.scale.pow10)
		if why, typed := notANumber(r, at); typed {
			err = errors.New(why)
		}
		if err != nil {
			b.problems.Errorf(at, "announced total %v", err)
		} else {
			f.Announced, f.HasAnnounced = p, true
		}
	}
	if prev := b.d.FundByName(name); prev != nil {
		b.problems.Errorf(loc, "fund %q is listed twice (also at %s)", name, prev.Loc.Cell())
		return
	}
	b.d.Funds = append(b.d.Funds, f)
}

func (b *builder) addArea(s *sheet, r workbook.Row) {
	t, c := s.t, s.cols
	if b.uncalculatedCells(s, r) {
		return
	}
	name, loc := c.cell(t, r, "name")
	if name == "" {
		b.problems.Errorf(loc, "area name is blank")
		return
	}
	a := &model.Area{Name: name, Slug: model.PageSlug(name), Loc: loc, Population: map[fyear.Year]int64{}}
	a.Code, _ = c.cell(t, r, "code")
	a.Type, _ = c.cell(t, r, "type")
	a.Region, _ = c.cell(t, r, "region")
	b.noteAreaLinks(a, t, r, c)
	for col, year := range c.population {
		if col >= len(r.Cells) || strings.TrimSpace(r.Cells[col]) == "" {
			continue
		}
		at := t.Loc(r.Num, col+1)
		if why, typed := notANumber(r, at); typed {
			b.problems.Errorf(at, "population %s", why)
			continue
		}
		n, ok := population(r.Cells[col], s.popScale[col])
		if !ok {
			b.problems.Errorf(at, "population %q is not a whole number of people%s", r.Cells[col], inScale(s.popScale[col]))
			continue
		}
		a.Population[year] = n
	}
	b.addAreaChecked(a)
}

// population reads a number of people, given in ones or (by its
// column's unit) in thousands, exactly: 12.5 thousand is 12,500.
func population(text string, sc scale) (int64, bool) {
	text = strings.TrimSpace(text)
	if sc.pow10 == 0 {
		n, err := strconv.ParseInt(strings.ReplaceAll(text, ",", ""), 10, 64)
		return n, err == nil && n > 0
	}
	p, err := money.ParseScaled(text, sc.pow10) // hundredths of a person
	return int64(p / 100), err == nil && p > 0 && p%100 == 0
}

// inScale names a column's unit in a message: " (in thousands)".
func inScale(sc scale) string {
	if sc.label == "" {
		return ""
	}
	return " (in " + sc.label + ")"
}

func (b *builder) addAreaChecked(a *model.Area) {
	// The area added first that shares a's address or code; by index, so
	// a national list of areas is checked in one pass, not each against all.
	first := -1
	slugAt, sameSlug := b.areaSlugs[a.Slug]
	if sameSlug && separateCutAddresses(a, b.d.Areas[slugAt]) {
		prev := b.d.Areas[slugAt]
		b.areaSlugs[prev.Slug] = slugAt
		slugAt, sameSlug = b.areaSlugs[a.Slug]
	}
	if sameSlug {
		first = slugAt
	}
	code := strings.ToUpper(a.Code)
	if codeAt, ok := b.areaCodes[code]; a.Code != "" && ok && (first < 0 || codeAt < first) {
		first, sameSlug = codeAt, false
	}
	if first >= 0 {
		prev := b.d.Areas[first]
		if sameSlug {
			b.problems.Errorf(a.Loc, "area %q has the same web address (/areas/%s/) as %q at %s; %s", a.Name, a.Slug, prev.Name, prev.Loc.Cell(), namesMustDiffer(a.Name, prev.Name, "area names must differ"))
		} else {
			b.problems.Errorf(a.Loc, "area code %s is used by both %q and %q (at %s)", a.Code, a.Name, prev.Name, prev.Loc.Cell())
		}
		return
	}
	if a.Slug == "" {
		b.problems.Errorf(a.Loc, "area name %q has no letters or digits to make a web address from", a.Name)
		return
	}
	b.areaSlugs[a.Slug] = len(b.d.Areas)
	if a.Code != "" {
		b.areaCodes[code] = len(b.d.Areas)
	}
	b.d.Areas = append(b.d.Areas, a)
	b.match.index(a)
}

func (b *builder) resolveFund(s *sheet, get func(string) (string, diag.Loc)) *model.Fund {
	name, loc := get("fund")
	if name == "" {
		if s.grants && !s.cols.has("fund") {
			b.problems.Errorf(loc, "no fund for this grant list: give its name in site.toml, constants = { fund = \"…\" }, or name its column, columns = { fund = \"…\" }")
		} else {
			b.problems.Errorf(loc, "fund is blank")
		}
		return nil
	}
	f := b.funds[name]
	if f == nil {
		f = b.d.FundByName(name)
		if f == nil && b.fundsGiven {
			b.problems.Errorf(loc, "fund %q is not in the funds sheet%s", name, diag.DidYouMean(name, b.d.FundNames()))
			return nil
		}
		if f == nil {
			f = &model.Fund{Name: name, Slug: model.PageSlug(name), Loc: loc}
			b.d.Funds = append(b.d.Funds, f)
		}
		b.funds[name] = f
	}
	if first, ok := b.measured[f]; !ok {
		b.measured[f] = loc
		f.Measure = s.measure
	} else if !f.Measure.Same(s.measure) {
		b.problems.Errorf(loc, "fund %q is %s here but %s at %s; a fund's figures must all be money, or all counts of one thing",
			f.Name, measureWords(s.measure), measureWords(f.Measure), first)
		return nil
	}
	return f
}

// measureWords names a measure in a message: "money", "a count of people".
func measureWords(m model.Measure) string {
	switch {
	case !m.Count:
		return "money"
	case m.Noun.Many != "":
		return "a count of " + m.Noun.Many
	}
	return "a count"
}

func (b *builder) finish() *model.Dataset {
	b.resolveParents()
	b.recipients.finish(b)
	b.reconcile()
	b.checkAddresses()
	b.warnOutliers()
	b.finishPlaces()
	b.dropEmptyAreas()
	b.d.Units = b.units()
	return b.d
}

// units is what the site calls its areas: site.toml's [units], or
// recipients when every figure names a grant's recipient.
func (b *builder) units() model.Noun {
	if n := model.CompleteNoun(model.Noun(b.cfg.Units)); n != (model.Noun{}) {
		return n
	}
	if b.recipientUnits && !b.areaUnits {
		return model.RecipientUnits
	}
	return model.AreaUnits
}

// dropEmptyAreas keeps only the areas that deserve a page: those with a
// figure (or a figure marked missing), and the larger areas they are part
// of; every area when site.toml says show_empty.
func (b *builder) dropEmptyAreas() {
	b.d.ShowEmpty = b.cfg.Areas.ShowEmpty
	if b.d.ShowEmpty {
		return
	}
	keep := map[*model.Area]bool{}
	for _, rows := range [][]*model.Allocation{b.d.Allocations, b.d.Missing} {
		for _, a := range rows {
			for p := a.Area; p != nil && !keep[p]; p = p.Parent {
				keep[p] = true
			}
		}
	}
	b.d.Areas = slices.DeleteFunc(b.d.Areas, func(a *model.Area) bool { return !keep[a] })
}

// reconcile holds each fund's allocations to its announced total.
func (b *builder) reconcile() {
	sums := map[*model.Fund]money.Pence{}
	for _, a := range b.d.Allocations {
		sums[a.Fund] += a.Amount
	}
	for _, f := range b.d.Funds {
		if f.HasAnnounced && sums[f] != f.Announced && !b.problems.HasErrors() {
			b.problems.Errorf(f.Loc, "%s: the allocations add up to %s but the announced total is %s (a difference of %s)",
				f.Name, money.Full(sums[f]), money.Full(f.Announced), money.Full(sums[f]-f.Announced))
		}
	}
}

// separateCutAddresses gives names that share an address only because a
// long name was cut to make it an address each, by a suffix from the whole
// name, and reports whether it did. Names that are the same up to their
// last letter still share one, and are refused as before.
func separateCutAddresses(areas ...*model.Area) bool {
	changed := false
	for _, a := range areas {
		if model.PageSlugIsCut(a.Name) {
			a.Slug, changed = model.DistinctPageSlug(a.Name), true
		}
	}
	return changed
}

// Package ingest reads the workbooks a site.toml names into the model's
// dataset: it finds each sheet's header and columns, reads every cell as
// the field it stands for, matches names to areas and funds, and reports
// every problem with its file, sheet and cell. It is the only package that
// knows about workbooks; the model keeps the domain.
package ingest

import (
	"fmt"
	"os"
	"path/filepath"
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
	b := newBuilder(&problems)
	b.areaMatching(cfg.Areas)
	for _, kind := range []string{config.KindFunds, config.KindAreas, config.KindAllocations} {
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

// sourceTable is a read sheet with the source settings that describe it.
type sourceTable struct {
	src   config.Source
	path  string
	table *workbook.Table
}

func readSources(cfg *config.Config, problems *diag.List) []sourceTable {
	sources := cfg.Sources
	if len(sources) == 0 {
		sources = discoverSources(cfg, problems)
	}
	open := map[string]*workbook.Workbook{}
	defer func() {
		for _, w := range open {
			if w != nil { // nil marks a workbook that would not open
				w.Close()
			}
		}
	}()
	var out []sourceTable
	for _, src := range sources {
		w, ok := open[src.File]
		if !ok {
			var err error
			w, err = workbook.Open(cfg.Path(src.File), src.File, workbook.DefaultLimits)
			if err != nil {
				problems.Errorf(diag.Loc{File: src.File}, "%v", err)
				open[src.File] = nil
				continue
			}
			open[src.File] = w
		}
		if w == nil {
			continue // already reported
		}
		sheet, ok := pickSheet(w, src)
		if !ok && src.SheetNumber > 0 {
			problems.Errorf(diag.Loc{File: src.File}, "no sheet number %d; the workbook has %d: %s", src.SheetNumber, len(w.Sheets()), quoteList(w.Sheets()))
			continue
		}
		if !ok {
			problems.Errorf(diag.Loc{File: src.File}, "no sheet %q; the workbook has %s%s", src.Sheet,
				quoteList(w.Sheets()), diag.DidYouMean(src.Sheet, w.Sheets()))
			continue
		}
		t, err := w.Read(sheet)
		if err != nil {
			problems.Errorf(diag.Loc{File: src.File, Sheet: sheet}, "%v", err)
			continue
		}
		out = append(out, sourceTable{src: src, path: cfg.Path(src.File), table: t})
	}
	return out
}

func pickSheet(w *workbook.Workbook, src config.Source) (string, bool) {
	if src.SheetNumber > 0 {
		return sheetByNumber(w, src.SheetNumber)
	}
	if src.Sheet != "" {
		return w.FindSheet(src.Sheet)
	}
	if s, ok := w.FindSheet(src.Kind); ok {
		return s, true
	}
	sheets := w.Sheets()
	if len(sheets) == 1 {
		return sheets[0], true
	}
	if src.Kind == config.KindAllocations {
		return find360Sheet(w, src.HeaderRow)
	}
	return "", false
}

// discoverSources is the default layout: each workbook in data/, with sheets
// called Allocations, Areas and Funds.
func discoverSources(cfg *config.Config, problems *diag.List) []config.Source {
	paths, _ := filepath.Glob(filepath.Join(cfg.Root, "data", "*.xlsx"))
	slices.Sort(paths)
	var out []config.Source
	for _, p := range paths {
		if strings.HasPrefix(filepath.Base(p), "~$") {
			continue // Excel's lock file while the workbook is open
		}
		rel := "data/" + filepath.Base(p)
		w, err := workbook.Open(p, rel, workbook.DefaultLimits)
		if err != nil {
			problems.Errorf(diag.Loc{File: rel}, "%v", err)
			continue
		}
		found := false
		for _, kind := range []string{config.KindAllocations, config.KindAreas, config.KindFunds} {
			if sheet, ok := w.FindSheet(kind); ok {
				out = append(out, config.Source{File: rel, Sheet: sheet, Kind: kind})
				found = found || kind == config.KindAllocations
			}
		}
		if !found {
			problems.Errorf(diag.Loc{File: rel}, "no sheet called \"Allocations\"; the workbook has %s. Rename the sheet, or describe it with [[source]] in site.toml", quoteList(w.Sheets()))
		}
		w.Close()
	}
	if len(paths) == 0 {
		if _, err := os.Stat(filepath.Join(cfg.Root, "data")); err != nil {
			problems.Errorf(diag.Loc{File: "data/"}, "no data folder; put the funding workbooks (.xlsx) in data/")
		} else {
			problems.Errorf(diag.Loc{File: "data/"}, "no workbooks (.xlsx) in data/")
		}
	}
	return out
}

// builder assembles the dataset, resolving names against what is known.
type builder struct {
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
	// areaSlugs and areaCodes are the index in d.Areas of each area's
	// address and upper-cased code.
	areaSlugs, areaCodes map[string]int
}

func newBuilder(problems *diag.List) *builder {
	return &builder{problems: problems, d: &model.Dataset{}, seen: map[string]diag.Loc{}, funds: map[string]*model.Fund{},
		areaSlugs: map[string]int{}, areaCodes: map[string]int{}}
}

func (b *builder) add(st sourceTable) {
	t := st.table
	fields := fieldsFor(t, st.src)
	h, ok := findSourceHeader(t, fields, st.src)
	if !ok {
		b.problems.Errorf(diag.Loc{File: t.File, Sheet: t.Sheet}, "cannot find the header row (a row naming columns such as %s)", quoteList(headerExamples(fields)))
		return
	}
	cols, ok := mapColumns(t, t.Rows[h], fields, st.src.Columns, wideConstants(st.src), b.problems)
	if !ok {
		return
	}
	rows := skipRows(t.Rows[h+1:], st.src.SkipRows)
	b.warnHidden(t, rows)
	switch st.src.Kind {
	case config.KindFunds:
		b.fundsGiven = true
		for _, r := range rows {
			b.addFund(t, r, cols)
		}
	case config.KindAreas:
		b.areasGiven = true
		for _, r := range rows {
			b.addArea(t, r, cols)
		}
	case config.KindAllocations:
		if st.src.Unpivot != nil {
			b.addWide(t, t.Rows[h], rows, cols, st.src)
			return
		}
		b.addAllocations(t, rows, cols, st.src.Constants)
	}
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

func (b *builder) addFund(t *workbook.Table, r workbook.Row, c columns) {
	name, loc := c.cell(t, r, "name")
	if name == "" {
		b.problems.Errorf(loc, "fund name is blank")
		return
	}
	f := &model.Fund{Name: name, Slug: model.Slugify(name), Loc: loc}
	f.Short, _ = c.cell(t, r, "short")
	f.Department, _ = c.cell(t, r, "department")
	f.Description, _ = c.cell(t, r, "description")
	f.SourceURL, _ = c.cell(t, r, "source")
	if text, at := c.cell(t, r, "announced"); text != "" {
		p, err := money.Parse(text)
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

func (b *builder) addArea(t *workbook.Table, r workbook.Row, c columns) {
	name, loc := c.cell(t, r, "name")
	if name == "" {
		b.problems.Errorf(loc, "area name is blank")
		return
	}
	a := &model.Area{Name: name, Slug: model.Slugify(name), Loc: loc, Population: map[fyear.Year]int64{}}
	a.Code, _ = c.cell(t, r, "code")
	a.Type, _ = c.cell(t, r, "type")
	a.Region, _ = c.cell(t, r, "region")
	b.noteAreaLinks(a, t, r, c)
	for col, year := range c.population {
		if col >= len(r.Cells) || strings.TrimSpace(r.Cells[col]) == "" {
			continue
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(r.Cells[col]), ",", ""), 10, 64)
		if err != nil || n <= 0 {
			b.problems.Errorf(t.Loc(r.Num, col+1), "population %q is not a whole number of people", r.Cells[col])
			continue
		}
		a.Population[year] = n
	}
	b.addAreaChecked(a)
}

func (b *builder) addAreaChecked(a *model.Area) {
	// The area added first that shares a's address or code; by index, so
	// a national list of areas is checked in one pass, not each against all.
	first := -1
	slugAt, sameSlug := b.areaSlugs[a.Slug]
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
			b.problems.Errorf(a.Loc, "area %q has the same web address (/areas/%s/) as %q at %s; area names must differ", a.Name, a.Slug, prev.Name, prev.Loc.Cell())
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

// totalRow reports whether a row is a "Total" line that sums the rows above.
func totalRow(r workbook.Row) bool {
	for _, c := range r.Cells {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		return c == "total" || c == "grand total" || strings.HasPrefix(c, "total ") || c == "totals"
	}
	return false
}

func (b *builder) addAllocations(t *workbook.Table, rows []workbook.Row, c columns, constants map[string]string) {
	var runningTotal money.Pence
	for _, r := range rows {
		if totalRow(r) {
			b.checkTotalRow(t, r, c, runningTotal)
			continue
		}
		if a := b.allocation(t, r, c, constants); a != nil {
			b.d.Allocations = append(b.d.Allocations, a)
			runningTotal += a.Amount
		}
	}
}

// checkTotalRow never counts a Total row, but holds it to the sum above it.
func (b *builder) checkTotalRow(t *workbook.Table, r workbook.Row, c columns, sum money.Pence) {
	text, loc := c.cell(t, r, "amount")
	if text == "" {
		return
	}
	total, err := money.Parse(text)
	if err != nil {
		b.problems.Errorf(loc, "total %v", err)
		return
	}
	if total != sum {
		b.problems.Errorf(loc, "the Total row says %s but the rows above it add up to %s (a difference of %s)",
			money.Full(total), money.Full(sum), money.Full(total-sum))
	}
}

func (b *builder) value(t *workbook.Table, r workbook.Row, c columns, constants map[string]string, name string) (string, diag.Loc) {
	if v, ok := constants[name]; ok {
		return v, t.Loc(r.Num, 0)
	}
	return c.cell(t, r, name)
}

func (b *builder) allocation(t *workbook.Table, r workbook.Row, c columns, constants map[string]string) *model.Allocation {
	get := func(name string) (string, diag.Loc) { return b.value(t, r, c, constants, name) }
	a := &model.Allocation{}
	ok := true
	amountText, amountLoc := get("amount")
	a.Loc = amountLoc
	missing := isMissing(amountText)
	formulaProblem, formula := uncalculated(r, amountLoc, "amount")
	switch amount, err := money.Parse(amountText); {
	case formula:
		b.problems.Errorf(amountLoc, "%s", formulaProblem)
		ok = false
	case missing:
	case isSpreadsheetError(amountText):
		b.problems.Errorf(amountLoc, "amount is the spreadsheet error %s; fix the formula", amountText)
		ok = false
	case err != nil:
		b.problems.Errorf(amountLoc, "amount %v", err)
		ok = false
	case amount < 0:
		b.problems.Errorf(amountLoc, "amount %s is negative", money.Full(amount))
		ok = false
	default:
		a.Amount = amount
	}
	yearText, yearLoc := get("year")
	if y, err := yearOf(yearText, t.Date1904); err != nil {
		b.problems.Errorf(yearLoc, "%v", err)
		ok = false
	} else {
		a.Year = y
	}
	statusText, statusLoc := get("status")
	if s, known := model.ParseStatus(statusText); known {
		a.Status = s
	} else {
		b.problems.Errorf(statusLoc, "status %q must be published, published lower bound or estimate", statusText)
		ok = false
	}
	a.Tranche, _ = get("tranche")
	a.Basis, _ = get("basis")
	a.Source, _ = get("source")
	a.Notes, _ = get("notes")
	a.Fund = b.resolveFund(get)
	a.Area = b.resolveArea(get)
	if !ok || a.Fund == nil || a.Area == nil {
		return nil
	}
	if missing {
		b.d.Missing = append(b.d.Missing, a)
		return nil
	}
	key := fmt.Sprintf("%s|%s|%s|%s", a.Fund.Slug, a.Area.Slug, a.Year, a.Tranche)
	if prev, dup := b.seen[key]; dup {
		b.problems.Errorf(a.Loc, "duplicate row: %s, %s, %s%s is already given at %s", a.Fund.Name, a.Area.Name, a.Year, trancheText(a.Tranche), prev.Cell())
		return nil
	}
	b.seen[key] = a.Loc
	return a
}

func trancheText(t string) string {
	if t == "" {
		return ""
	}
	return ", tranche " + t
}

func (b *builder) resolveFund(get func(string) (string, diag.Loc)) *model.Fund {
	name, loc := get("fund")
	if name == "" {
		b.problems.Errorf(loc, "fund is blank")
		return nil
	}
	if f := b.funds[name]; f != nil {
		return f
	}
	f := b.d.FundByName(name)
	if f == nil && b.fundsGiven {
		b.problems.Errorf(loc, "fund %q is not in the funds sheet%s", name, diag.DidYouMean(name, b.d.FundNames()))
		return nil
	}
	if f == nil {
		f = &model.Fund{Name: name, Slug: model.Slugify(name), Loc: loc}
		b.d.Funds = append(b.d.Funds, f)
	}
	b.funds[name] = f
	return f
}

func (b *builder) finish() *model.Dataset {
	b.resolveParents()
	b.reconcile()
	b.checkAddresses()
	b.warnOutliers()
	return b.d
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

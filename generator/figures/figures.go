package figures

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// Context is the page a figure appears on. On an area page, area defaults
// to that area, so one sentence reads right on every area's page; on a
// fund page, fund defaults to that fund.
type Context struct {
	Area *model.Area
	Fund *model.Fund
}

// Figure is a computed figure: what to print, its anchor, and how a reader
// can check it.
type Figure struct {
	// ID is derived from what the figure is, never where it appears, so a
	// quoted link keeps pointing at the same figure: "fig-arf-2023-24-total".
	ID   string
	Text string
	// Value is the exact figure for machines ("530000.00"), or "".
	Value string
	// Method says how it was worked out: "the total of 42 allocations".
	Method string
	// Scope says which allocations: "Accelerating Reform Fund, 2023/24".
	Scope string
	// Rows are the allocations it was computed from.
	Rows []*model.Allocation
	// sources keeps the cell lists of rows shared by many figures.
	sources *sourceCache
}

// Set evaluates figures against one dataset, with the named figures of
// site.toml.
type Set struct {
	style   money.Style
	data    *model.Dataset
	named   map[string]Call
	sources *sourceCache
}

// NamedCall is the shortcode name that quotes a named figure:
// {{ figure arf_total }}.
const NamedCall = "figure"

// Style is the site's house style for amounts and percentages, for
// whatever else a narrative shows (its charts).
func (s *Set) Style() money.Style { return s.style }

// Names lists every shortcode name a Set answers: each operation, and
// NamedCall.
func Names() []string {
	names := []string{NamedCall}
	for name := range ops {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

var figureName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// New prepares the named figures of cfg. Check evaluates them once the data
// is known to be sound.
func New(d *model.Dataset, cfg *config.Config, problems *diag.List) *Set {
	s := &Set{style: cfg.Numbers.Style(), data: d, named: map[string]Call{}, sources: &sourceCache{lists: map[sourceKey]explanation{}}}
	for name, def := range cfg.Figures {
		at := diag.Loc{File: cfg.File, Line: def.Line}
		if !figureName.MatchString(name) {
			problems.Errorf(at, "figure name %q must be lower-case letters, digits and _, starting with a letter, like arf_total", name)
			continue
		}
		s.named[name] = namedCall(def, at)
	}
	return s
}

// namedCall turns a site.toml definition into the call it stands for.
func namedCall(def config.Figure, at diag.Loc) Call {
	words := strings.Fields(def.Op)
	c := Call{Loc: at}
	if len(words) > 0 {
		c.Name = strings.ToLower(words[0])
	}
	for _, w := range words[min(1, len(words)):] {
		c.Positional = append(c.Positional, Arg{Value: w, Loc: at})
	}
	for _, kv := range [][2]string{
		{"fund", def.Fund}, {"year", def.Year}, {"area", def.Area}, {"region", def.Region}, {"status", def.Status},
		{"from", def.From}, {"to", def.To}, {"format", def.Format}, {"expect", def.Expect},
	} {
		if kv[1] != "" {
			c.Named = append(c.Named, Arg{Key: kv[0], Value: kv[1], Loc: at})
		}
	}
	return c
}

// Check evaluates every named figure on its own, so a pinned figure in
// site.toml is held to its expect= even where no page quotes it.
func (s *Set) Check(problems *diag.List) {
	for _, name := range slices.Sorted(maps.Keys(s.named)) {
		call := s.named[name]
		if call.Name == "" {
			problems.Errorf(call.Loc, "figure %s has no op; add op = \"sum\" (or count areas, share, …)", name)
			continue
		}
		s.eval(call, Context{}, Context{}, problems)
	}
}

// Eval computes call as it reads on the page ctx. Every problem goes into
// problems, at the place in the file it was written.
func (s *Set) Eval(call Call, ctx Context, problems *diag.List) (Figure, bool) {
	if call.Name == NamedCall {
		return s.evalNamed(call, ctx, problems)
	}
	return s.eval(call, ctx, ctx, problems)
}

// evalNamed quotes a named figure. Named figures mean the same on every
// page (no page defaults); the call may only change format and expect.
func (s *Set) evalNamed(call Call, ctx Context, problems *diag.List) (Figure, bool) {
	if len(call.Positional) != 1 {
		problems.Errorf(call.Loc, "write the figure's name once, as in {{ figure arf_total }}")
		return Figure{}, false
	}
	name := call.Positional[0]
	def, ok := s.named[name.Value]
	if !ok {
		if len(s.named) == 0 {
			problems.Errorf(name.Loc, "no figure called %q: site.toml defines no named figures (add [figures.%s])", name.Value, name.Value)
		} else {
			problems.Errorf(name.Loc, "no figure called %q in site.toml%s", name.Value, diag.DidYouMean(name.Value, slices.Sorted(maps.Keys(s.named))))
		}
		return Figure{}, false
	}
	def.Named = slices.Clone(def.Named)
	for _, a := range call.Named {
		if a.Key != "format" && a.Key != "expect" {
			problems.Errorf(a.Loc, "a named figure takes only format= and expect= here; change %s= in its definition in site.toml", a.Key)
			return Figure{}, false
		}
		def.Named = slices.DeleteFunc(def.Named, func(d Arg) bool { return d.Key == a.Key })
		def.Named = append(def.Named, a)
	}
	return s.eval(def, ctx, Context{}, problems)
}

// evaluation is one figure being worked out.
type evaluation struct {
	data     *model.Dataset
	call     Call
	page     Context // the page, for the anchor
	problems *diag.List
	failed   bool

	filter model.Filter
	// compare is the from and to years of a change.
	compare []fyear.Year
	// scope words the filter for readers, one part per setting.
	scope []string
}

func (e *evaluation) errorf(at diag.Loc, format string, args ...any) {
	e.problems.Errorf(at, format, args...)
	e.failed = true
}

func (s *Set) eval(call Call, page, defaults Context, problems *diag.List) (Figure, bool) {
	e := &evaluation{data: s.data, call: call, page: page, problems: problems}
	op, known := ops[call.Name]
	if !known {
		e.errorf(call.Loc, "unknown figure %q; use one of %s%s", call.Name, strings.Join(Names(), ", "), diag.DidYouMean(call.Name, Names()))
		return Figure{}, false
	}
	e.checkWords(op)
	e.checkKeys(op)
	e.resolveFilter(op, defaults)
	if e.failed {
		return Figure{}, false
	}
	format, _ := call.Get("format")
	r, ok := op.eval(e, format.Value)
	if !ok || e.failed {
		return Figure{}, false
	}
	text, ok := r.value.format(format.Value, s.style)
	if !ok {
		e.errorf(format.Loc, "format=%q does not suit %s; use %s", format.Value, call.Name, strings.Join(r.value.formats(), ", "))
		return Figure{}, false
	}
	if expect, ok := call.Get("expect"); ok && strings.TrimSpace(expect.Value) != text {
		e.errorf(expect.Loc, "expect=%q but the figure is %q%s", expect.Value, text, r.value.sameAmountHint(expect.Value))
		return Figure{}, false
	}
	return Figure{
		ID:     e.id(r.suffix),
		Text:   text,
		Value:  r.value.machine(),
		Method: r.method,
		Scope:  strings.Join(e.scope, ", "),
		Rows:   r.rows,
		// Shared rows (from Whole) are the same slice on every page.
		sources: s.sources,
	}, true
}

// checkWords holds the words after the operation's name to what it takes.
func (e *evaluation) checkWords(op operation) {
	pos := e.call.Positional
	switch {
	case len(op.words) == 0 && len(pos) > 0:
		e.errorf(pos[0].Loc, "%s takes no word %q; settings are written like fund=\"ARF\"", e.call.Name, pos[0].Value)
	case len(op.words) > 0 && len(pos) == 0:
		e.errorf(e.call.Loc, "%s needs what to count: %s", e.call.Name, e.wordChoices(op))
	case len(op.words) > 0 && len(pos) > 1:
		e.errorf(pos[1].Loc, "%s takes one word (%s), not %q too", e.call.Name, e.wordChoices(op), pos[1].Value)
	case len(op.words) > 0 && !slices.Contains(op.words, e.unitWord(pos[0].Value)):
		e.errorf(pos[0].Loc, "cannot %s %q; use %s%s", e.call.Name, pos[0].Value, e.wordChoices(op), diag.DidYouMean(pos[0].Value, op.words))
	}
}

func (e *evaluation) wordChoices(op operation) string {
	var out []string
	for _, w := range op.words {
		out = append(out, e.call.Name+" "+w)
	}
	return strings.Join(out, ", ")
}

// word is the operation's word after its name, lower-cased ("areas").
// The site's own word for its areas means the same: "count recipients".
func (e *evaluation) word() string { return e.unitWord(e.call.Positional[0].Value) }

func (e *evaluation) unitWord(w string) string {
	w = strings.ToLower(w)
	if w == strings.ToLower(e.data.Units.Many) {
		return "areas"
	}
	return w
}

var (
	filterKeys = []string{"fund", "year", "area", "region", "status"}
	outputKeys = []string{"format", "expect"}
)

func (e *evaluation) checkKeys(op operation) {
	allowed := slices.Concat(filterKeys, op.keys, outputKeys)
	if op.noYear {
		allowed = slices.DeleteFunc(allowed, func(k string) bool { return k == "year" })
	}
	for _, a := range e.call.Named {
		if slices.Contains(allowed, a.Key) {
			continue
		}
		if other := opTaking(a.Key); other != "" {
			e.errorf(a.Loc, "%s does not take %s=; %s", e.call.Name, a.Key, other)
			continue
		}
		e.errorf(a.Loc, "unknown setting %q%s", a.Key, diag.DidYouMean(a.Key, allowed))
	}
}

// opTaking explains which operation takes a setting the current one does not.
func opTaking(key string) string {
	switch key {
	case "from", "to":
		return "from= and to= are for change"
	case "year":
		return "it compares from= and to="
	}
	return ""
}

// resolveFilter turns the settings into a model.Filter, filling unset fund
// and area from defaults (the page), and words it for readers.
func (e *evaluation) resolveFilter(op operation, defaults Context) {
	d := e.data
	e.filter.Fund = defaults.Fund
	if a, ok := e.setting("fund"); ok {
		e.filter.Fund = nil
		if !isAll(a.Value) {
			if e.filter.Fund = d.FundByName(a.Value); e.filter.Fund == nil {
				e.errorf(a.Loc, "no fund %q in the data%s", a.Value, diag.DidYouMean(a.Value, d.FundNames()))
			}
		}
	}
	if e.filter.Fund != nil {
		e.scope = append(e.scope, e.filter.Fund.Name)
	}
	if a, ok := e.setting("year"); ok && !op.noYear {
		e.filter.Years = e.years(a)
		e.scope = append(e.scope, yearList(e.filter.Years))
	}
	e.filter.Area = defaults.Area
	if a, ok := e.setting("area"); ok {
		e.filter.Area = nil
		if !isAll(a.Value) {
			if e.filter.Area = d.AreaByName(a.Value); e.filter.Area == nil {
				e.errorf(a.Loc, "no area %q in the data%s", a.Value, diag.DidYouMean(a.Value, d.AreaNames()))
			}
		}
	}
	switch {
	case e.filter.Area != nil:
		e.scope = append(e.scope, e.filter.Area.Name)
	case e.page.Area != nil:
		e.scope = append(e.scope, "all "+e.data.Units.Many)
	}
	if a, ok := e.setting("region"); ok {
		i := slices.IndexFunc(d.Regions, func(r string) bool { return strings.EqualFold(r, strings.TrimSpace(a.Value)) })
		if i < 0 {
			e.errorf(a.Loc, "no region %q in the data%s", a.Value, diag.DidYouMean(a.Value, d.Regions))
		} else {
			e.filter.Region = d.Regions[i]
			e.scope = append(e.scope, d.Regions[i]+" region")
		}
	}
	if a, ok := e.setting("status"); ok {
		e.filter.Statuses = e.statuses(a)
		var words []string
		for _, s := range e.filter.Statuses {
			words = append(words, s.String())
		}
		e.scope = append(e.scope, "status "+strings.Join(words, " or "))
	}
}

// setting returns a non-empty setting; an empty one is an error.
func (e *evaluation) setting(key string) (Arg, bool) {
	a, ok := e.call.Get(key)
	if ok && strings.TrimSpace(a.Value) == "" {
		e.errorf(a.Loc, "%s is empty; leave it out or give a value", key)
		return a, false
	}
	return a, ok
}

// isAll is the explicit "every area" (or fund) that overrides the page's.
func isAll(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "all") }

// years reads "2023/24" or a comma-separated list, each a year in the data.
func (e *evaluation) years(a Arg) []fyear.Year {
	var out []fyear.Year
	for part := range strings.SplitSeq(a.Value, ",") {
		y, ok := e.year(Arg{Key: a.Key, Value: part, Loc: a.Loc})
		if ok && !slices.Contains(out, y) {
			out = append(out, y)
		}
	}
	slices.SortFunc(out, func(a, b fyear.Year) int { return a.Start - b.Start })
	return out
}

// year reads one financial year that the data has.
func (e *evaluation) year(a Arg) (fyear.Year, bool) {
	y, err := fyear.Parse(a.Value)
	if err != nil {
		e.errorf(a.Loc, "%s: %v", a.Key, err)
		return y, false
	}
	if !slices.Contains(e.data.Years, y) {
		e.errorf(a.Loc, "%s: no allocations in %s; the data has %s", a.Key, y, yearList(e.data.Years))
		return y, false
	}
	return y, true
}

func yearList(ys []fyear.Year) string {
	var out []string
	for _, y := range ys {
		out = append(out, y.String())
	}
	if len(out) == 0 {
		return "no years"
	}
	return strings.Join(out, ", ")
}

func (e *evaluation) statuses(a Arg) []model.Status {
	var out []model.Status
	for part := range strings.SplitSeq(a.Value, ",") {
		s, ok := model.ParseStatus(part)
		if !ok || strings.TrimSpace(part) == "" {
			e.errorf(a.Loc, "status %q must be published, published lower bound or estimate", strings.TrimSpace(part))
			continue
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// rows selects the allocations the filter picks; none is an error, since a
// sentence built on nothing is wrong.
func (e *evaluation) rows(f model.Filter, scope string) ([]*model.Allocation, bool) {
	rows := e.data.Select(f)
	if len(rows) == 0 {
		if scope == "" {
			scope = "the whole data"
		}
		e.errorf(e.call.Loc, "no allocations match this figure (%s)", scope)
		return nil, false
	}
	return rows, true
}

// id derives the anchor from what the figure is, relative to its page:
// an area page's own area is left out (its figures are all about it), so
// the anchors match those the page's tables use.
func (e *evaluation) id(suffix string) string {
	f := e.filter
	parts := []string{"fig"}
	if f.Fund != nil {
		parts = append(parts, f.Fund.Key())
	}
	if len(e.compare) == 2 {
		parts = append(parts, e.compare[0].Slug()+"-to-"+e.compare[1].Slug())
	}
	for _, y := range f.Years {
		parts = append(parts, y.Slug())
	}
	switch {
	case f.Area != nil && f.Area != e.page.Area:
		parts = append(parts, f.Area.Slug)
	case f.Area == nil && e.page.Area != nil:
		parts = append(parts, "all-areas")
	}
	if f.Region != "" {
		parts = append(parts, "region", model.PageSlug(f.Region))
	}
	for _, s := range f.Statuses {
		parts = append(parts, s.Slug())
	}
	return strings.Join(append(parts, suffix), "-")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", Number(int64(n)), many)
}

// Select reads a call's filter settings (fund, year, area, region, status)
// exactly as a figure would, page defaults included, for shortcodes that
// show a slice of the data rather than one figure, such as charts. Any
// other setting is an error.
func (s *Set) Select(call Call, ctx Context, problems *diag.List) (model.Filter, bool) {
	e := &evaluation{data: s.data, call: call, page: ctx, problems: problems}
	for _, a := range call.Named {
		if !slices.Contains(filterKeys, a.Key) {
			e.errorf(a.Loc, "%s does not take %s=; use %s%s", call.Name, a.Key, strings.Join(filterKeys, ", "), diag.DidYouMean(a.Key, filterKeys))
		}
	}
	e.resolveFilter(operation{}, ctx)
	return e.filter, !e.failed
}

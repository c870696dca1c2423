package ingest

import (
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
)

// recipients are a grant list's recipients when no areas sheet lists
// them. A recipient is its identifier when the list gives one, so two
// charities of one name in different towns are two recipients; otherwise
// it is its name, compared the way web addresses are (case and
// punctuation aside, but no words dropped: "Wakefield Council" and
// "Wakefield" are different bodies).
type recipients struct {
	byName map[string][]*model.Area
	// latest is each recipient's latest award date, to tell an old
	// identifier from the one that replaced it.
	latest map[*model.Area]string
	order  map[*model.Area]int
	// unnamed are the cells of grants that name no recipient.
	unnamed []diag.Loc
}

// NotNamed is the recipient of the grants a list gives no recipient for.
const NotNamed = "Recipient not named"

func newRecipients() recipients {
	return recipients{byName: map[string][]*model.Area{}, latest: map[*model.Area]string{}, order: map[*model.Area]int{}}
}

// resolve finds (or makes) the recipient a grant row names.
func (rs *recipients) resolve(b *builder, s *sheet, get func(string) (string, diag.Loc), a *model.Allocation) *model.Area {
	name, nameLoc := get("area")
	code, _ := get("area_code")
	if code == "" && s.isMissing(name) {
		// Lists leave out the names of individuals ("-"): the grant still
		// counts, under one recipient that says so.
		rs.unnamed = append(rs.unnamed, nameLoc)
		name = NotNamed
	}
	if name == "" {
		name = code
	}
	key := model.Slugify(name)
	var r *model.Area
	switch hits := rs.byName[key]; {
	case code != "":
		r = b.match.code(code)
		if r == nil {
			// The name seen before without an identifier is this one.
			if i := slices.IndexFunc(hits, func(x *model.Area) bool { return x.Code == "" }); i >= 0 {
				r = hits[i]
				r.Code = b.match.currentAsWritten(code)
				b.match.indexCode(r)
			}
		}
	case len(hits) == 1:
		r = hits[0]
	case len(hits) > 1:
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Code)
		}
		b.problems.Errorf(nameLoc, "%d recipients are called %q, with the identifiers %s, and this row gives none, so it cannot say which it is; give its identifier",
			len(hits), name, strings.Join(ids, ", "))
		return nil
	}
	if r == nil {
		r = rs.add(b, name, b.match.currentAsWritten(code), nameLoc, get)
	}
	if a.Grant != nil && a.Grant.AwardDate > rs.latest[r] {
		rs.latest[r] = a.Grant.AwardDate
	}
	return r
}

func (rs *recipients) add(b *builder, name, code string, loc diag.Loc, get func(string) (string, diag.Loc)) *model.Area {
	r := &model.Area{Name: name, Code: code, Slug: model.PageSlug(name), Loc: loc, Population: map[fyear.Year]int64{}}
	r.Region, _ = get("region")
	r.Type, _ = get("area_type")
	key := model.Slugify(name)
	rs.byName[key] = append(rs.byName[key], r)
	rs.order[r] = len(rs.order)
	b.d.Areas = append(b.d.Areas, r)
	b.match.indexCode(r)
	return r
}

// finish gives recipients who share a name an address each, by adding
// their identifiers, and says when two of them may be one organisation
// that changed its number, with the site.toml lines that make them one.
func (rs *recipients) finish(b *builder) {
	for _, group := range rs.byName {
		if len(group) < 2 {
			continue
		}
		for _, r := range group {
			if r.Code != "" {
				r.Slug = model.PageSlugWith(r.Name, r.Code)
			}
		}
		rs.hintOldCodes(b, group)
	}
	if n := len(rs.unnamed); n > 0 {
		b.problems.Warnf(rs.unnamed[0], "%d %s no recipient (a blank or a word such as \"-\" where the name should be); %s counted under %q",
			n, plural(n, "grant names", "grants name"), plural(n, "it is", "they are"), NotNamed)
	}
	b.checkRecipientAddresses()
}

// hintOldCodes warns that recipients of one name with different
// identifiers are kept apart, and shows the [areas.old_codes] lines that
// would make them one, from the older identifiers to the latest.
func (rs *recipients) hintOldCodes(b *builder, group []*model.Area) {
	byAge := slices.Clone(group)
	slices.SortStableFunc(byAge, func(x, y *model.Area) int {
		if c := strings.Compare(rs.latest[x], rs.latest[y]); c != 0 {
			return c
		}
		return rs.order[x] - rs.order[y]
	})
	newest := byAge[len(byAge)-1]
	var ids, lines []string
	for _, r := range byAge {
		ids = append(ids, r.Code)
		if r != newest && r.Code != "" {
			lines = append(lines, fmt.Sprintf("%q = %q", r.Code, newest.Code))
		}
	}
	if len(lines) == 0 {
		return
	}
	b.problems.Warnf(newest.Loc, "%d recipients are called %q, with the identifiers %s, so each has its own page. If they are one organisation that changed its number, add to %s:\n[areas.old_codes]\n%s",
		len(group), newest.Name, strings.Join(ids, ", "), b.cfg.File, strings.Join(lines, "\n"))
}

// checkRecipientAddresses holds every area, recipients among them, to an
// address of its own.
func (b *builder) checkRecipientAddresses() {
	bySlug := map[string][]*model.Area{}
	for _, a := range b.d.Areas {
		bySlug[a.Slug] = append(bySlug[a.Slug], a)
	}
	for _, a := range b.d.Areas {
		if group := bySlug[a.Slug]; len(group) > 1 {
			separateCutAddresses(group...)
		}
	}
	seen := map[string]*model.Area{}
	for _, a := range b.d.Areas {
		if prev, ok := seen[a.Slug]; ok && a.Slug != "" {
			b.problems.Errorf(a.Loc, "%q has the same web address (/areas/%s/) as %q at %s; %s", a.Name, a.Slug, prev.Name, prev.Loc, namesMustDiffer(a.Name, prev.Name, "names must differ"))
			continue
		}
		seen[a.Slug] = a
	}
}

// namesMustDiffer is the advice for two names with one address: when they
// are one name in two Unicode forms, which print alike, it says so.
func namesMustDiffer(a, b, advice string) string {
	if d := model.FormDifference(a, b); d != "" {
		return d
	}
	return advice
}

package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/workbook"
)

// areaMatcher finds the area a workbook means: by code first (after any
// code change), then by its name exactly as written (ignoring case and
// spacing), then by an alias, and last by name in areaKey form. Exact
// names come first so that "City of London" is the City of London, not
// also the region "LONDON" that areaKey makes of both.
type areaMatcher struct {
	byCode  map[string]*model.Area
	byExact map[string][]*model.Area
	byKey   map[string][]*model.Area
	// aliases map an alias, exactly and in areaKey form, to the name or
	// code it stands for.
	aliases, aliasKeys map[string]string
	oldCodes           map[string]string // upper-case old code to current code, as written
	// keys remembers the forms of each name an allocation gives: a
	// national workbook names each area on every row, and working the key
	// out each time was a third of loading it.
	keys map[string]nameKeys
}

type nameKeys struct{ exact, loose string }

func (b *builder) areaMatching(m config.AreaMatching) {
	b.match = areaMatcher{byCode: map[string]*model.Area{}, byExact: map[string][]*model.Area{}, byKey: map[string][]*model.Area{},
		aliases: map[string]string{}, aliasKeys: map[string]string{}, oldCodes: map[string]string{}, keys: map[string]nameKeys{}}
	for alias, target := range m.Aliases {
		b.match.aliases[model.ExactName(alias)] = target
		b.match.aliasKeys[model.AreaKey(alias)] = target
	}
	for old, current := range m.OldCodes {
		b.match.oldCodes[codeKey(old)] = strings.TrimSpace(current)
	}
}

func codeKey(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

func (m *areaMatcher) index(a *model.Area) {
	m.indexCode(a)
	e := model.ExactName(a.Name)
	m.byExact[e] = append(m.byExact[e], a)
	k := model.AreaKey(a.Name)
	m.byKey[k] = append(m.byKey[k], a)
}

// indexCode lets a's code, and the code it changed to, find a.
func (m *areaMatcher) indexCode(a *model.Area) {
	if a.Code != "" {
		m.byCode[codeKey(a.Code)] = a
		m.byCode[m.current(a.Code)] = a
	}
}

// code finds the area with this code, or with the code it changed to.
func (m *areaMatcher) code(code string) *model.Area {
	if code == "" {
		return nil
	}
	if a := m.byCode[codeKey(code)]; a != nil {
		return a
	}
	return m.byCode[m.current(code)]
}

// current is the code in use for code, in upper case.
func (m *areaMatcher) current(code string) string { return codeKey(m.currentAsWritten(code)) }

// currentAsWritten is the code in use for code, as site.toml writes it.
func (m *areaMatcher) currentAsWritten(code string) string {
	if c, ok := m.oldCodes[codeKey(code)]; ok {
		return c
	}
	return strings.TrimSpace(code)
}

func (m *areaMatcher) forms(name string) nameKeys {
	k, ok := m.keys[name]
	if !ok {
		k = nameKeys{model.ExactName(name), model.AreaKey(name)}
		m.keys[name] = k
	}
	return k
}

// name finds the areas a name could mean: one, or several when two areas
// share the name or differ only in the words areaKey drops.
func (m *areaMatcher) name(name string) []*model.Area {
	if name == "" {
		return nil
	}
	k := m.forms(name)
	if exact := m.byExact[k.exact]; len(exact) > 0 {
		return exact
	}
	target, ok := m.aliases[k.exact]
	if !ok {
		target, ok = m.aliasKeys[k.loose]
	}
	if ok {
		if a := m.code(target); a != nil {
			return []*model.Area{a}
		}
		t := m.forms(target)
		if exact := m.byExact[t.exact]; len(exact) > 0 {
			return exact
		}
		return m.byKey[t.loose]
	}
	return m.byKey[k.loose]
}

// closest lists up to three area names nearest to name, for messages.
func (m *areaMatcher) closest(name string, areas []*model.Area) string {
	keys := make([]string, 0, len(areas))
	byKey := map[string]string{}
	for _, a := range areas {
		k := model.AreaKey(a.Name)
		keys = append(keys, k)
		byKey[k] = a.Name
	}
	var found []string
	for range 3 {
		k := diag.Closest(model.AreaKey(name), keys)
		if k == "" {
			break
		}
		found = append(found, fmt.Sprintf("%q", byKey[k]))
		keys = slices.DeleteFunc(keys, func(x string) bool { return x == k })
	}
	if len(found) == 0 {
		return ""
	}
	return "; the closest are " + strings.Join(found, ", ")
}

func (b *builder) resolveArea(get func(string) (string, diag.Loc)) *model.Area {
	name, nameLoc := get("area")
	code, codeLoc := get("area_code")
	if name == "" && code == "" {
		b.problems.Errorf(nameLoc, "area is blank")
		return nil
	}
	byCode := b.match.code(code)
	named := b.match.name(name)
	if areaType, _ := get("area_type"); areaType != "" {
		named = b.match.ofType(name, named, areaType)
	}
	switch {
	case byCode != nil && len(named) > 0 && !slices.Contains(named, byCode):
		b.problems.Errorf(codeLoc, "area code %s is %s, not %q", code, byCode.Name, name)
		return nil
	case byCode != nil:
		return byCode
	case len(named) > 1:
		b.problems.Errorf(nameLoc, "area %q could be %s; give the area code, or the area type (area_type in [source.constants]), or say which in %s:\n[areas.aliases]\n%q = %q",
			name, quoteAreas(named), b.cfg.File, name, aliasTarget(named[0]))
		return nil
	case len(named) == 1 && code != "" && named[0].Code != "" && b.match.current(named[0].Code) != b.match.current(code):
		b.problems.Errorf(codeLoc, "area code %s does not match %s, whose code is %s", code, named[0].Name, named[0].Code)
		return nil
	case len(named) == 1:
		return named[0]
	case b.areasGiven:
		missing, loc := name, nameLoc
		if name == "" {
			missing, loc = code, codeLoc
		}
		b.problems.Errorf(loc, "area %q is not in the areas sheet%s. Add it there, or add an alias in [areas.aliases] in site.toml", missing, b.match.closest(missing, b.d.Areas))
		return nil
	}
	return b.newArea(get, name, code, nameLoc)
}

// ofType narrows the areas a name could mean to those of one type:
// "Devon" in a sheet of councils is the county council, not the ICS, even
// though the ICS is called "Devon" exactly.
func (m *areaMatcher) ofType(name string, named []*model.Area, areaType string) []*model.Area {
	typed := func(areas []*model.Area) []*model.Area {
		return slices.DeleteFunc(slices.Clone(areas), func(a *model.Area) bool { return !strings.EqualFold(a.Type, areaType) })
	}
	if out := typed(named); len(out) > 0 {
		return out
	}
	if out := typed(m.byKey[m.forms(name).loose]); len(out) > 0 {
		return out
	}
	return named
}

// quoteAreas names areas for a message, each with its code (or type)
// where another in the list has the same name, so no name is offered as
// an alternative to itself.
func quoteAreas(areas []*model.Area) string {
	count := map[string]int{}
	for _, a := range areas {
		count[model.ExactName(a.Name)]++
	}
	var names []string
	for _, a := range areas {
		n := fmt.Sprintf("%q", a.Name)
		if count[model.ExactName(a.Name)] > 1 {
			if tag := cmp.Or(a.Code, a.Type); tag != "" {
				n += " (" + tag + ")"
			}
		}
		names = append(names, n)
	}
	return strings.Join(names, ", ")
}

// aliasTarget is what an alias should point at to mean a: its code when
// it has one, since a code is never ambiguous.
func aliasTarget(a *model.Area) string { return cmp.Or(a.Code, a.Name) }

// newArea makes an area from an allocation row, when no areas sheet lists them.
func (b *builder) newArea(get func(string) (string, diag.Loc), name, code string, loc diag.Loc) *model.Area {
	if name == "" {
		name = code
	}
	region, _ := get("region")
	areaType, _ := get("area_type")
	a := &model.Area{Name: name, Code: code, Slug: model.PageSlug(name), Region: region, Type: areaType, Loc: loc, Population: map[fyear.Year]int64{}}
	before := len(b.d.Areas)
	b.addAreaChecked(a)
	if len(b.d.Areas) == before {
		return nil
	}
	return a
}

// pendingParent is a parent named in an areas sheet, found once every area is known.
type pendingParent struct {
	child *model.Area
	text  string
	loc   diag.Loc
}

// noteAreaLinks records an area row's previous code and parent.
func (b *builder) noteAreaLinks(a *model.Area, t *workbook.Table, r workbook.Row, c columns) {
	if prev, _ := c.cell(t, r, "previous_code"); prev != "" && a.Code != "" && !strings.EqualFold(prev, a.Code) {
		b.match.oldCodes[codeKey(prev)] = a.Code
	}
	if parent, loc := c.cell(t, r, "parent"); parent != "" {
		b.parents = append(b.parents, pendingParent{child: a, text: parent, loc: loc})
	}
}

// resolveParents links each area to its parent, which must be a known area
// and must not lead back to the child. A child with no region takes its
// parent's, so a council sits in its integrated care system's region.
func (b *builder) resolveParents() {
	for _, p := range b.parents {
		parent := b.match.code(p.text)
		if parent == nil {
			if named := b.match.name(p.text); len(named) == 1 {
				parent = named[0]
			}
		}
		if parent == nil {
			b.problems.Errorf(p.loc, "parent area %q of %s is not a known area%s", p.text, p.child.Name, b.match.closest(p.text, b.d.Areas))
			continue
		}
		p.child.Parent = parent
	}
	for _, p := range b.parents {
		for a, steps := p.child.Parent, 0; a != nil; a, steps = a.Parent, steps+1 {
			if a == p.child || steps > len(b.d.Areas) {
				b.problems.Errorf(p.loc, "%s is its own parent (through %s); an area cannot contain itself", p.child.Name, p.child.Parent.Name)
				p.child.Parent = nil
				break
			}
		}
	}
	for _, a := range b.d.Areas {
		for p := a.Parent; a.Region == "" && p != nil; p = p.Parent {
			a.Region = p.Region
		}
	}
}

package ingest

import (
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
// code change), then by name, after aliases, in areaKey form.
type areaMatcher struct {
	byCode   map[string]*model.Area
	byKey    map[string][]*model.Area
	aliases  map[string]string // areaKey of an alias to the name it stands for
	oldCodes map[string]string // upper-case old code to current code
	// keys remembers areaKey of each name an allocation gives: a national
	// workbook names each area on every row, and working the key out each
	// time was a third of loading it.
	keys map[string]string
}

func (b *builder) areaMatching(m config.AreaMatching) {
	b.match = areaMatcher{byCode: map[string]*model.Area{}, byKey: map[string][]*model.Area{}, aliases: map[string]string{}, oldCodes: map[string]string{}, keys: map[string]string{}}
	for alias, name := range m.Aliases {
		b.match.aliases[model.AreaKey(alias)] = name
	}
	for old, current := range m.OldCodes {
		b.match.oldCodes[codeKey(old)] = current
	}
}

func codeKey(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

func (m *areaMatcher) index(a *model.Area) {
	if a.Code != "" {
		m.byCode[codeKey(a.Code)] = a
		m.byCode[m.current(a.Code)] = a
	}
	k := model.AreaKey(a.Name)
	m.byKey[k] = append(m.byKey[k], a)
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
func (m *areaMatcher) current(code string) string {
	if c, ok := m.oldCodes[codeKey(code)]; ok {
		return codeKey(c)
	}
	return codeKey(code)
}

// name finds the areas a name could mean: one, or several when two areas
// differ only in the words areaKey drops.
func (m *areaMatcher) name(name string) []*model.Area {
	if name == "" {
		return nil
	}
	key, ok := m.keys[name]
	if !ok {
		key = model.AreaKey(name)
		if target, ok := m.aliases[key]; ok {
			key = model.AreaKey(target)
		}
		m.keys[name] = key
	}
	return m.byKey[key]
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
	if areaType, _ := get("area_type"); len(named) > 1 && areaType != "" {
		named = ofType(named, areaType)
	}
	switch {
	case byCode != nil && len(named) > 0 && !slices.Contains(named, byCode):
		b.problems.Errorf(codeLoc, "area code %s is %s, not %q", code, byCode.Name, name)
		return nil
	case byCode != nil:
		return byCode
	case len(named) > 1:
		b.problems.Errorf(nameLoc, "area %q could be %s; give the area code or the area type (area_type in [source.constants])", name, quoteAreas(named))
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

// ofType narrows areas with the same name to those of one type: "Devon"
// in a sheet of councils is the county council, not the ICS.
func ofType(areas []*model.Area, areaType string) []*model.Area {
	var out []*model.Area
	for _, a := range areas {
		if strings.EqualFold(a.Type, areaType) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return areas
	}
	return out
}

func quoteAreas(areas []*model.Area) string {
	var names []string
	for _, a := range areas {
		names = append(names, a.Name)
	}
	return quoteList(names)
}

// newArea makes an area from an allocation row, when no areas sheet lists them.
func (b *builder) newArea(get func(string) (string, diag.Loc), name, code string, loc diag.Loc) *model.Area {
	if name == "" {
		name = code
	}
	region, _ := get("region")
	areaType, _ := get("area_type")
	a := &model.Area{Name: name, Code: code, Slug: model.Slugify(name), Region: region, Type: areaType, Loc: loc, Population: map[fyear.Year]int64{}}
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

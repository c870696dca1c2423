package geo

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"fundsite/generator/model"
)

// index finds an item by code, by its name as written (model.ExactName),
// or by its name's key (nameKey). A name or key shared by two items finds
// neither: a guess between two areas would put money in the wrong place.
type index struct {
	codes map[string]int
	exact map[string][]int
	keys  map[string][]int
}

func newIndex() index {
	return index{codes: map[string]int{}, exact: map[string][]int{}, keys: map[string][]int{}}
}

func (x index) add(i int, code, name string) {
	x.addCode(i, code)
	x.addName(i, name)
}

func (x index) addCode(i int, code string) { x.codes[strings.ToUpper(code)] = i }

func (x index) addName(i int, name string) {
	if e := model.ExactName(name); !slices.Contains(x.exact[e], i) {
		x.exact[e] = append(x.exact[e], i)
	}
	if k := nameKey(name); k != "" && !slices.Contains(x.keys[k], i) {
		x.keys[k] = append(x.keys[k], i)
	}
}

func (x index) find(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if i, ok := x.codes[strings.ToUpper(s)]; ok {
		return i, true
	}
	if is, ok := x.exact[model.ExactName(s)]; ok {
		return one(is)
	}
	if k := nameKey(s); k != "" {
		return one(x.keys[k])
	}
	return -1, false
}

func one(is []int) (int, bool) {
	if len(is) != 1 {
		return -1, false
	}
	return is[0], true
}

var gssCode = regexp.MustCompile(`^[EKNSW]\d{8}$`)

// isCode reports whether s is a GSS code rather than a name.
func isCode(s string) bool { return gssCode.MatchString(s) }

// nameKey is model.AreaKey (the form the reading side compares area names
// in) after setting aside what official lists of places write differently:
// "the" anywhere ("Telford and the Wrekin", "Yorkshire and The Humber"),
// "Saint" for "St" ("St." already loses its dot), and ONS's ", County of"
// ("Herefordshire, County of") and "County Durham"'s "County". AreaKey
// itself drops "City of", "Council", "NHS … Integrated Care Board" and
// the like, and reads "&" as "and". "City of London" keeps its "City of":
// it is not the region London.
func nameKey(name string) string {
	var words []string
	for _, w := range strings.Split(model.Slugify(name), "-") {
		switch w {
		case "", "the":
			continue
		case "saint":
			w = "st"
		}
		words = append(words, w)
	}
	for changed := true; changed; {
		changed = false
		if len(words) > 2 && words[0] == "county" && words[1] == "of" {
			words, changed = words[2:], true
		}
		if len(words) > 2 && words[len(words)-2] == "county" && words[len(words)-1] == "of" {
			words, changed = words[:len(words)-2], true
		}
		if len(words) > 1 && words[0] == "county" && words[1] != "of" {
			words, changed = words[1:], true
		}
	}
	if len(words) >= 3 && words[0] == "city" && words[1] == "of" && words[2] == "london" {
		return strings.Join(words, "-")
	}
	if len(words) == 0 {
		return ""
	}
	return model.AreaKey(strings.Join(words, " "))
}

// commonNames are names in common use that no rule derives, by kind: the
// short forms councils and funders write, and a council renamed without a
// new code (Shepway became Folkestone and Hythe in 2018).
var commonNames = map[Kind]map[string]string{
	LocalAuthority: {
		"Hull": "E06000010", "Southend": "E06000033", "BCP": "E06000058",
		"City of London Corporation": "E09000001", "Shepway": "E07000112",
	},
	UpperTierAuthority: {
		"Hull": "E06000010", "Southend": "E06000033", "BCP": "E06000058",
		"City of London Corporation": "E09000001",
	},
	Region: {"East": "E12000006"},
}

func addCommonNames(k Kind, d *kindData) error {
	for name, code := range commonNames[k] {
		i, ok := d.places2.codes[code]
		if !ok {
			return fmt.Errorf("common name %q: %s is not a %s", name, code, k)
		}
		d.places2.addName(i, name)
	}
	return nil
}

package opendata

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/model"
)

// The fields fundsite reads and writes a 360Giving file by are the
// standard's, every one: each title and JSON place in the schema (less
// the transactions, which have no columns) is in model.Giving360Fields,
// and nothing else is.
func TestGiving360FieldsAreTheSchemas(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "360giving", "360-giving-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	want := map[string]string{"Currency": "currency"} // its title is on its definition
	var walk func(node map[string]any, titles, path []string)
	walk = func(node map[string]any, titles, path []string) {
		props, _ := node["properties"].(map[string]any)
		for key, p := range props {
			p := resolve(p.(map[string]any), defs)
			title, ok := p["title"].(string)
			if !ok {
				continue // currency, and the transactions
			}
			ts, ps := append(append([]string{}, titles...), title), append(append([]string{}, path...), key)
			switch items, _ := p["items"].(map[string]any); {
			case items != nil && hasProperties(resolve(items, defs)):
				ps[len(ps)-1] += "[]"
				walk(resolve(items, defs), ts, ps)
			case items != nil:
				ps[len(ps)-1] += "[]"
				want[strings.Join(ts, ":")] = strings.Join(ps, ".")
			case hasProperties(p):
				walk(p, ts, ps)
			default:
				want[strings.Join(ts, ":")] = strings.Join(ps, ".")
			}
		}
	}
	walk(schema, nil, nil)
	got := map[string]string{}
	for _, f := range model.Giving360Fields {
		got[f.Title] = f.Path
	}
	for title, path := range want {
		if got[title] != path {
			t.Errorf("the schema has %q at %s; fundsite has it at %q", title, path, got[title])
		}
	}
	for title := range got {
		if _, ok := want[title]; !ok {
			t.Errorf("fundsite has %q, which the schema does not", title)
		}
	}
}

func resolve(p, defs map[string]any) map[string]any {
	ref, ok := p["$ref"].(string)
	if !ok {
		return p
	}
	out := map[string]any{}
	for k, v := range defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any) {
		out[k] = v
	}
	for k, v := range p {
		if k != "$ref" {
			out[k] = v
		}
	}
	return out
}

func hasProperties(p map[string]any) bool { _, ok := p["properties"]; return ok }

// The package is written field by field (appendGrant), closing an object
// when a field outside it comes: each object's fields must come together,
// or it would be written twice.
func TestGiving360FieldsKeepEachObjectTogether(t *testing.T) {
	closed, open := map[string]bool{}, map[string]bool{}
	for _, f := range model.Giving360Fields {
		segs := strings.Split(f.Path, ".")
		now := map[string]bool{}
		for i := 1; i < len(segs); i++ {
			p := strings.Join(segs[:i], ".")
			if closed[p] {
				t.Errorf("%s comes after %s's other fields were closed", f.Title, p)
			}
			now[p] = true
		}
		for p := range open {
			if !now[p] {
				closed[p] = true
			}
		}
		open = now
	}
}

package pages

import (
	"reflect"
	"testing"
)

// A page's rebuild key covers its whole view: change any field a template
// can read, and the key changes, so a field added to Page can never serve
// a stale page.
func TestPageDigestCoversEveryField(t *testing.T) {
	base := func() *Page {
		return &Page{Layout: "area", URL: "/areas/kent/", Title: "Kent", Content: map[string]string{"a": "b"},
			Files: []File{{Path: "areas/kent/chart.json"}}}
	}
	digest := func(p *Page) Digest {
		digestPage(p, nil)
		return p.Digest
	}
	want := digest(base())
	if again := digest(base()); again != want {
		t.Fatalf("the same page has two keys: %x and %x", want, again)
	}
	typ := reflect.TypeOf(Page{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() || f.Name == "Digest" || f.Name == "Version" {
			continue
		}
		p := base()
		changeField(t, reflect.ValueOf(p).Elem().Field(i), f.Name)
		if digest(p) == want {
			t.Errorf("changing Page.%s leaves the page's key as it was", f.Name)
		}
	}
	fileType := reflect.TypeOf(File{})
	for i := range fileType.NumField() {
		f := fileType.Field(i)
		if !f.IsExported() {
			continue
		}
		p := base()
		changeField(t, reflect.ValueOf(&p.Files[0]).Elem().Field(i), f.Name)
		if digest(p) == want {
			t.Errorf("changing File.%s of a page's file leaves the page's key as it was", f.Name)
		}
	}
}

// changeField gives v a value other than the one base gives it.
func changeField(t *testing.T, v reflect.Value, name string) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "changed")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Interface:
		v.Set(reflect.ValueOf([]string{"changed"}))
	case reflect.Array:
		v.Index(0).Set(reflect.ValueOf(byte(1)))
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	default:
		t.Fatalf("field %s is a %s: teach changeField to change it", name, v.Kind())
	}
}

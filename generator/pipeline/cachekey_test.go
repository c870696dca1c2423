package pipeline

import (
	"bytes"
	"reflect"
	"testing"
	"unsafe"

	"fundsite/generator/config"
)

// The model cache's key covers the whole config: change any field of
// config.Config, or of anything it holds (a source, its unpivot, a figure),
// exported or not, and the key changes. Otherwise a setting that ingest
// starts to read — or a line number its messages quote — could serve a
// stale dataset after site.toml is edited.
func TestModelKeyCoversEveryField(t *testing.T) {
	base := func() *config.Config {
		cfg := &config.Config{}
		fillValue(reflect.ValueOf(cfg).Elem())
		return cfg
	}
	want, err := settingsKey(base())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := settingsKey(base()); !bytes.Equal(again, want) {
		t.Fatal("the same config has two keys")
	}
	var paths []string
	walkValue(reflect.ValueOf(base()).Elem(), "Config", func(_ reflect.Value, path string) { paths = append(paths, path) })
	if len(paths) < 50 {
		t.Fatalf("only %d settings walked: is fillValue filling the config?", len(paths))
	}
	for i, path := range paths {
		cfg := base()
		n := 0
		walkValue(reflect.ValueOf(cfg).Elem(), "Config", func(v reflect.Value, _ string) {
			if n == i {
				changeValue(t, v, path)
			}
			n++
		})
		got, err := settingsKey(cfg)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if bytes.Equal(got, want) {
			t.Errorf("changing %s leaves the model cache's key as it was", path)
		}
	}
}

// writable makes v settable even when it is an unexported field, so the
// test can change what only config's own code sets (Source.lines).
func writable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// fillValue gives every field below v a value that is not its zero: a
// pointer points somewhere, a list and a map hold one filled entry.
func fillValue(v reflect.Value) {
	v = writable(v)
	switch v.Kind() {
	case reflect.String:
		v.SetString("s")
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillValue(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillValue(v.Index(0))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		key, elem := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillValue(key)
		fillValue(elem)
		v.SetMapIndex(key, elem)
	case reflect.Struct:
		for i := range v.NumField() {
			fillValue(v.Field(i))
		}
	}
}

// walkValue visits every value below v that changeValue can change, in an
// order that is the same for two filled configs.
func walkValue(v reflect.Value, path string, visit func(reflect.Value, string)) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			walkValue(v.Field(i), path+"."+v.Type().Field(i).Name, visit)
		}
		return
	case reflect.Pointer:
		visit(v, path)
		walkValue(v.Elem(), path, visit)
		return
	case reflect.Slice:
		visit(v, path)
		walkValue(v.Index(0), path+"[0]", visit)
		return
	case reflect.Map:
		visit(v, path)
		walkMapEntry(v, path, visit)
		return
	}
	visit(v, path)
}

// walkMapEntry walks the key and the value of the one entry fillValue put
// in map m: they are copies, as map entries cannot be changed in place, so
// each visit puts the copies back.
func walkMapEntry(m reflect.Value, path string, visit func(reflect.Value, string)) {
	m = writable(m)
	old := m.MapKeys()[0]
	key, elem := reflect.New(old.Type()).Elem(), reflect.New(m.Type().Elem()).Elem()
	key.Set(old)
	elem.Set(m.MapIndex(old))
	putBack := func(v reflect.Value, p string) {
		visit(v, p)
		m.SetMapIndex(old, reflect.Value{})
		m.SetMapIndex(key, elem)
	}
	walkValue(key, path+" key", putBack)
	walkValue(elem, path+"[key]", putBack)
}

// changeValue gives v a value other than the one fillValue gave it.
func changeValue(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	v = writable(v)
	switch v.Kind() {
	case reflect.String:
		v.SetString("changed")
	case reflect.Int, reflect.Int64:
		v.SetInt(2)
	case reflect.Bool:
		v.SetBool(false)
	case reflect.Pointer:
		v.Set(reflect.Zero(v.Type()))
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		key := reflect.New(v.Type().Key()).Elem()
		writable(key).SetString("other") // config's maps are keyed by name
		v.SetMapIndex(key, reflect.New(v.Type().Elem()).Elem())
	default:
		t.Fatalf("%s is a %s: teach changeValue to change it", path, v.Kind())
	}
}

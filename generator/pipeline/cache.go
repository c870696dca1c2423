package pipeline

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"sync"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
)

// ModelCache keeps the last dataset read from the workbooks, so a preview
// that rebuilds after a markdown or theme edit need not read them again.
// It is keyed on the workbooks' bytes, not their modification times: a
// save within the same second, or a copy that keeps the old time, still
// counts as a change.
type ModelCache struct {
	mu       sync.Mutex
	key      [sha256.Size]byte
	data     *model.Dataset
	problems *diag.List
}

// load returns the dataset for cfg and whether it came from the cache. A
// nil cache always reads the workbooks.
func (c *ModelCache) load(cfg *config.Config) (*model.Dataset, *diag.List, bool) {
	if c == nil {
		data, problems := ingest.Load(cfg)
		return data, problems, false
	}
	key, err := modelKey(cfg)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err == nil && c.data != nil && key == c.key {
		return c.data, c.problems, true
	}
	data, problems := ingest.Load(cfg)
	c.data, c.problems, c.key = data, problems, key
	if err != nil {
		c.data = nil // a workbook could not be read to key it; never reuse
	}
	return data, problems, false
}

// modelKey hashes everything ingest.Load reads: all of site.toml's
// settings (the whole config, so a setting ingest.Load starts to use later
// cannot be missed; see settingsKey), and the bytes of every workbook it reads or names
// (ingest.Inputs).
func modelKey(cfg *config.Config) ([sha256.Size]byte, error) {
	h := sha256.New()
	settings, err := settingsKey(cfg)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	h.Write(settings)
	data := filepath.Join(cfg.Root, "data")
	_, err = os.Stat(data)
	fmt.Fprintf(h, "data folder exists: %t\n", err == nil)
	for _, f := range ingest.Inputs(cfg) {
		if err := hashFile(h, f); err != nil {
			return [sha256.Size]byte{}, err
		}
	}
	return [sha256.Size]byte(h.Sum(nil)), nil
}

// settingsKey encodes the whole config, every field at every depth,
// exported or not: json.Marshal would skip a field tagged json:"-" or
// unexported (a source's line numbers, which ingest's messages quote), and
// so would a new field that is. TestModelKeyCoversEveryField holds it to
// that.
func settingsKey(cfg *config.Config) ([]byte, error) {
	var b bytes.Buffer
	err := encodeValue(&b, reflect.ValueOf(cfg))
	return b.Bytes(), err
}

// encodeValue writes v so that two values write the same bytes only when
// they are equal: strings carry their length, lists their length, nil is
// told from empty, and map entries are sorted by their encoding. Config
// holds no cycles, so pointers are simply followed.
func encodeValue(b *bytes.Buffer, v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		fmt.Fprintf(b, "s%d:%s", v.Len(), v.String())
	case reflect.Bool:
		fmt.Fprintf(b, "b%t;", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fmt.Fprintf(b, "i%d;", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		fmt.Fprintf(b, "u%d;", v.Uint())
	case reflect.Float32, reflect.Float64:
		fmt.Fprintf(b, "f%s;", strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil;")
			return nil
		}
		fmt.Fprintf(b, "%s:", v.Elem().Type())
		return encodeValue(b, v.Elem())
	case reflect.Slice, reflect.Array:
		return encodeList(b, v)
	case reflect.Map:
		return encodeMap(b, v)
	case reflect.Struct:
		fmt.Fprintf(b, "%s{", v.Type())
		for i := range v.NumField() {
			fmt.Fprintf(b, "%s=", v.Type().Field(i).Name)
			if err := encodeValue(b, v.Field(i)); err != nil {
				return err
			}
		}
		b.WriteString("}")
	default:
		return fmt.Errorf("cannot key a setting of kind %s", v.Kind())
	}
	return nil
}

func encodeList(b *bytes.Buffer, v reflect.Value) error {
	if v.Kind() == reflect.Slice && v.IsNil() {
		b.WriteString("nil;")
		return nil
	}
	fmt.Fprintf(b, "l%d[", v.Len())
	for i := range v.Len() {
		if err := encodeValue(b, v.Index(i)); err != nil {
			return err
		}
	}
	b.WriteString("]")
	return nil
}

func encodeMap(b *bytes.Buffer, v reflect.Value) error {
	if v.IsNil() {
		b.WriteString("nil;")
		return nil
	}
	entries := make([][]byte, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		var e bytes.Buffer
		if err := encodeValue(&e, it.Key()); err != nil {
			return err
		}
		if err := encodeValue(&e, it.Value()); err != nil {
			return err
		}
		entries = append(entries, e.Bytes())
	}
	slices.SortFunc(entries, bytes.Compare)
	fmt.Fprintf(b, "m%d{", len(entries))
	for _, e := range entries {
		b.Write(e)
	}
	b.WriteString("}")
	return nil
}

func hashFile(w io.Writer, path string) error {
	r, err := os.Open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	info, err := r.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%q %d\n", path, info.Size())
	_, err = io.Copy(w, r)
	return err
}

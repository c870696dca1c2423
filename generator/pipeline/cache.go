package pipeline

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
// cannot be missed), and the bytes of every workbook it reads or names
// (ingest.Inputs).
func modelKey(cfg *config.Config) ([sha256.Size]byte, error) {
	h := sha256.New()
	settings, err := json.Marshal(cfg) // follows pointers; sorts map keys
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

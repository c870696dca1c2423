package pipeline

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/workbook"
)

// writeProject makes a one-workbook project with rows allocations of £1,000.
func writeProject(t *testing.T, dir string, rows int) {
	t.Helper()
	var data [][]any
	for i := range rows {
		data = append(data, []any{"Test Fund", "2023/24", "Area " + string(rune('A'+i)), 1000})
	}
	err := workbook.Write(filepath.Join(dir, "data", "funds.xlsx"), []workbook.SheetSpec{{
		Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: data,
	}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestModelCache(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"Test\"\nbase_url = \"https://example.org/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeProject(t, dir, 2)
	cache := &ModelCache{}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), DefaultTheme: os.DirFS("../../themes/default"), Models: cache}
	steps := []struct {
		name       string
		edit       func()
		wantReused bool
		wantRows   int
	}{
		{"first build reads the workbook", func() {}, false, 2},
		{"nothing changed", func() {}, true, 2},
		{"markdown edit keeps the data", func() {
			if err := os.WriteFile(filepath.Join(dir, "content", "about.md"), []byte("+++\ntitle = \"About\"\n+++\nHello\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true, 2},
		{"workbook edit reads it again", func() { writeProject(t, dir, 3) }, false, 3},
		{"new workbook in data/ is read", func() {
			err := workbook.Write(filepath.Join(dir, "data", "more.xlsx"), []workbook.SheetSpec{{
				Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"},
				Rows: [][]any{{"Test Fund", "2024/25", "Area A", 5}},
			}})
			if err != nil {
				t.Fatal(err)
			}
		}, false, 4},
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		step.edit()
		res, cached, err := renderFiles(opts)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if res.ReusedData != step.wantReused || res.Rows != step.wantRows {
			t.Errorf("%s: reused %t with %d rows, want %t with %d", step.name, res.ReusedData, res.Rows, step.wantReused, step.wantRows)
		}
		fresh := opts
		fresh.Models = nil
		_, want, err := renderFiles(fresh)
		if err != nil {
			t.Fatal(err)
		}
		if len(cached) != len(want) {
			t.Fatalf("%s: %d files with the cache, %d without", step.name, len(cached), len(want))
		}
		for i := range want {
			if cached[i].Path != want[i].Path || !bytes.Equal(cached[i].Data, want[i].Data) {
				t.Errorf("%s: %s differs from a build without the cache", step.name, want[i].Path)
			}
		}
	}
}

// The example's site.toml has every kind of source setting (pointers, maps,
// lists); loading it twice must give the same key, or the cache never hits.
func TestModelKeyIsStable(t *testing.T) {
	var keys [2][32]byte
	for i := range keys {
		cfg, err := config.Load("../../site.toml")
		if err != nil {
			t.Fatal(err)
		}
		if keys[i], err = modelKey(cfg); err != nil {
			t.Fatal(err)
		}
	}
	if keys[0] != keys[1] {
		t.Error("the same site.toml and workbooks give two keys")
	}
}

// keep is an output that hands every file to a function.
type keep func(name string, data []byte)

func (keep) Reuse(string, string) bool { return false }
func (k keep) Write(name string, data []byte, _ string) error {
	k(name, data)
	return nil
}

func (k keep) WriteStream(name, _ string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	k(name, b.Bytes())
	return nil
}

// file is a rendered file of a site.
type file struct {
	Path string
	Data []byte
}

// renderFiles renders a site in memory, as check does, keeping its files.
func renderFiles(opts Options) (*Result, []file, error) {
	res, pl, err := prepare(context.Background(), opts, time.Now())
	if err != nil {
		return res, nil, err
	}
	var files []file
	var mu sync.Mutex
	err = render(context.Background(), res, pl, keep(func(name string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		files = append(files, file{name, bytes.Clone(data)})
	}))
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.Path, b.Path) })
	return res, files, err
}

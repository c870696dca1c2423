package serve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestRelevantChanges(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site.toml"), "[[source]]\nfile = \"workbooks/grants.xlsx\"\n")
	if err := os.MkdirAll(filepath.Join(dir, "workbooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	tests := []struct {
		path string
		op   fsnotify.Op
		want bool
	}{
		{"site.toml", fsnotify.Write, true},
		{"site.toml", fsnotify.Create, true}, // saved by rename
		{"site.toml", fsnotify.Chmod, false},
		{"content/about.md", fsnotify.Write, true},
		{"content/about.md", fsnotify.Remove, true},
		{"content/about.md", fsnotify.Rename, true},
		{"content/news", fsnotify.Create, true},
		{"data/funds.xlsx", fsnotify.Create, true},
		{"data/~$funds.xlsx", fsnotify.Create, false},       // Excel's lock file
		{"data/.~lock.funds.xlsx#", fsnotify.Create, false}, // LibreOffice's
		{"content/.about.md.swp", fsnotify.Write, false},
		{"content/about.md~", fsnotify.Write, false},
		{"content/#about.md#", fsnotify.Write, false},
		{"themes/default/layouts/base.html", fsnotify.Write, true},
		{"README.md", fsnotify.Write, false},
		{"public", fsnotify.Create, false},
		{".git", fsnotify.Create, false},
		{"data", fsnotify.Create, true},
		{"workbooks/grants.xlsx", fsnotify.Create, true}, // named in site.toml
		{"workbooks/notes.txt", fsnotify.Write, false},
		{"workbooks/~$grants.xlsx", fsnotify.Create, false},
	}
	if !slices.Contains(w.WatchList(), filepath.Join(dir, "workbooks")) {
		t.Error("the folder of a workbook named in site.toml is not watched")
	}
	for _, tt := range tests {
		ev := fsnotify.Event{Name: filepath.Join(dir, filepath.FromSlash(tt.path)), Op: tt.op}
		if got := w.relevant(ev); got != tt.want {
			t.Errorf("%s %s: relevant %t, want %t", tt.op, tt.path, got, tt.want)
		}
	}
}

// A folder made before the preview starts, and one made while it runs,
// are both watched, with their subfolders but not hidden ones.
func TestWatchesSubfolders(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content/funds", "content/.git/objects", "themes/mine/layouts"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := newWatcher(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := os.MkdirAll(filepath.Join(dir, "data", "2024", "q1"), 0o755); err != nil {
		t.Fatal(err)
	}
	w.relevant(fsnotify.Event{Name: filepath.Join(dir, "data"), Op: fsnotify.Create})
	watched := map[string]bool{}
	for _, p := range w.WatchList() {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		watched[filepath.ToSlash(rel)] = true
	}
	for _, d := range []string{".", "content", "content/funds", "themes/mine/layouts", "data/2024/q1"} {
		if !watched[d] {
			t.Errorf("%s is not watched", d)
		}
	}
	if watched["content/.git"] {
		t.Error("a hidden folder is watched")
	}
}

package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"

	"fundsite/generator/workbook"
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

// writeBook writes a workbook at path with one allocation to area.
func writeBook(t *testing.T, path, area string, amount int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(path, []workbook.SheetSpec{{
		Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"},
		Rows: [][]any{{"Test Fund", "2023/24", area, amount}},
	}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPreviewFollowsLinkedInputs: a workbook or page linked from data/ or
// content/ to a file kept elsewhere in the project is previewed like any
// other: making the link, editing the file it leads to (seen only in that
// file's own folder) and pointing the link at another file each rebuild
// the preview with the new figure or words.
func TestPreviewFollowsLinkedInputs(t *testing.T) {
	dir := newProject(t)
	sources := filepath.Join(dir, "sources")
	writeBook(t, filepath.Join(sources, "more.xlsx"), "Area C", 3100)
	writeBook(t, filepath.Join(sources, "other.xlsx"), "Area C", 3300)
	writeFile(t, filepath.Join(dir, "notes", "news.md"), "+++\ntitle = \"News\"\n+++\n\nLinked words.\n")
	p := start(t, dir)
	relink := func(target, name string) {
		tmp := name + ".tmp"
		if err := os.Symlink(target, tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, name); err != nil { // as ln -sf does
			t.Fatal(err)
		}
	}
	steps := []struct {
		name, page, want string
		edit             func()
	}{
		{"a new link to a workbook", "/areas/area-c/", "£3,100", func() {
			relink(filepath.Join("..", "sources", "more.xlsx"), filepath.Join(dir, "data", "more.xlsx"))
		}},
		{"the linked workbook edited", "/areas/area-c/", "£3,200", func() {
			writeBook(t, filepath.Join(sources, "more.xlsx"), "Area C", 3200)
		}},
		{"the link pointed at another workbook", "/areas/area-c/", "£3,300", func() {
			relink(filepath.Join("..", "sources", "other.xlsx"), filepath.Join(dir, "data", "more.xlsx"))
		}},
		{"a new link to a page", "/news/", "Linked words.", func() {
			relink(filepath.Join("..", "notes", "news.md"), filepath.Join(dir, "content", "news.md"))
		}},
		{"the linked page edited", "/news/", "Edited words.", func() {
			writeFile(t, filepath.Join(dir, "notes", "news.md"), "+++\ntitle = \"News\"\n+++\n\nEdited words.\n")
		}},
	}
	for _, step := range steps {
		step.edit()
		p.nextBuild(t)
		status, page := p.get(t, step.page)
		if status != 200 || !strings.Contains(text(page), step.want) {
			t.Errorf("%s: %s is %d and lacks %q; preview said:\n%s", step.name, step.page, status, step.want, p.stderr)
		}
	}
}

package publish

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// A large file is written as it is made; when the site being replaced
// holds the same bytes it is linked from it (its inode kept), and
// otherwise it is written and listed as changed.
func TestWriteStreamLinksWhatIsUnchanged(t *testing.T) {
	previous := t.TempDir()
	if err := os.MkdirAll(filepath.Join(previous, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	same := strings.Repeat("row,£1.00\r\n", 300_000) // several chunks
	for name, data := range map[string]string{"same.csv": same, "changed.csv": same} {
		if err := os.WriteFile(filepath.Join(previous, "data", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	changed := same[:len(same)-3] + "2\r\n" // one byte, at the very end
	stage := t.TempDir()
	w := NewWriter(stage, previous)
	for name, data := range map[string]string{"data/same.csv": same, "data/changed.csv": changed} {
		err := w.WriteStream(name, "key", func(out io.Writer) error {
			_, err := io.WriteString(out, data)
			return err
		}, func(fn func() error) error { return fn() })
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := w.Written(); !slices.Equal(got, []string{"data/changed.csv"}) {
		t.Errorf("written: %v, want only data/changed.csv", got)
	}
	for name, want := range map[string]string{"same.csv": same, "changed.csv": changed} {
		got, err := os.ReadFile(filepath.Join(stage, "data", name))
		if err != nil || string(got) != want {
			t.Errorf("%s: %d bytes (%v), want %d", name, len(got), err, len(want))
		}
	}
	old, _ := os.Stat(filepath.Join(previous, "data", "same.csv"))
	linked, _ := os.Stat(filepath.Join(stage, "data", "same.csv"))
	if !os.SameFile(old, linked) {
		t.Error("the unchanged file is a new copy, not the published file linked")
	}
	if entries, _ := os.ReadDir(filepath.Join(stage, "data")); len(entries) != 2 {
		t.Errorf("the folder holds %d files, want 2 (no temporary link left)", len(entries))
	}
}

// A build told to stop while a large file is being made writes nothing
// more: each chunk goes through save, which then refuses.
func TestWriteStreamStopsWhenSaveRefuses(t *testing.T) {
	stage := t.TempDir()
	w := NewWriter(stage, "")
	stopped := errors.New("stopped")
	calls := 0
	save := func(fn func() error) error {
		if calls++; calls > 2 { // the file created, one chunk written
			return stopped
		}
		return fn()
	}
	chunks := 0
	err := w.WriteStream("data/big.json", "", func(out io.Writer) error {
		for range 10 {
			if _, err := out.Write(make([]byte, 1<<20)); err != nil {
				return err
			}
			chunks++
		}
		return nil
	}, save)
	if !errors.Is(err, stopped) {
		t.Fatalf("err = %v, want the refusal", err)
	}
	if info, err := os.Stat(filepath.Join(stage, "data", "big.json")); err != nil || info.Size() > 1<<20 {
		t.Errorf("after the refusal the file grew on: %v, %v", info.Size(), err)
	}
	if chunks > 2 {
		t.Errorf("%d chunks made after the build was told to stop", chunks)
	}
	if len(w.Written()) != 0 {
		t.Error("a file cut short is listed as written")
	}
}

// The preview updates its site where it stands: an unchanged file is left
// as it is (same inode), a changed one replaced, and the files and folders
// the site no longer has deleted; the folder's record stays.
func TestUpdateWriterChangesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	first := map[string]string{"index.html": "home", "areas/a/index.html": "A", "areas/b/index.html": "B", "data/big.csv": "rows"}
	write := func(files map[string]string) {
		t.Helper()
		err := Update(context.Background(), dir, func(stage Stage) error {
			w := NewUpdateWriter(stage.Dir)
			for _, name := range slices.Sorted(maps.Keys(files)) {
				var err error
				if strings.HasSuffix(name, ".csv") {
					err = w.WriteStream(name, "k-"+files[name], func(out io.Writer) error {
						_, err := io.WriteString(out, files[name])
						return err
					}, stage.Save)
				} else if !w.Reuse(name, "k-"+files[name]) {
					err = w.Write(name, []byte(files[name]), "k-"+files[name])
				}
				if err != nil {
					return err
				}
			}
			return w.Close("inputs")
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(first)
	before, _ := os.Stat(filepath.Join(dir, "areas", "a", "index.html"))
	bigBefore, _ := os.Stat(filepath.Join(dir, "data", "big.csv"))
	write(map[string]string{"index.html": "home, edited", "areas/a/index.html": "A", "data/big.csv": "rows"})

	after, _ := os.Stat(filepath.Join(dir, "areas", "a", "index.html"))
	bigAfter, _ := os.Stat(filepath.Join(dir, "data", "big.csv"))
	if !os.SameFile(before, after) || !os.SameFile(bigBefore, bigAfter) {
		t.Error("an unchanged file was written again")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "home, edited" {
		t.Errorf("the changed page holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "areas", "b")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the page the site no longer has, and its folder, are still there: %v", err)
	}
	var left []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			left = append(left, filepath.ToSlash(rel))
		}
		return nil
	})
	want := []string{RecordFile, "areas/a/index.html", "data/big.csv", "index.html"}
	if !slices.Equal(left, want) {
		t.Errorf("the folder holds %v, want %v", left, want)
	}
}

// The preview's folder is updated only when it is empty or fundsite's.
func TestUpdateRefusesAFolderItDidNotBuild(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Update(context.Background(), dir, func(Stage) error { t.Error("filled a folder it did not build"); return nil })
	if err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Errorf("err = %v", err)
	}
}

// TestReuseTakesOnlyWhatWasPublished: a rebuild links a file from the
// last site by its key only while the file there is still the one the last
// build published: never one deleted, edited, or replaced by a link (to
// /etc/passwd) since. One merely touched is still the same file.
func TestReuseTakesOnlyWhatWasPublished(t *testing.T) {
	previous := t.TempDir()
	names := []string{"deleted.html", "edited.html", "linked.html", "touched.html", "kept.html"}
	w := NewWriter(previous, "")
	for _, name := range names {
		if err := w.Write(name, []byte("page "+name), "key-"+name); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close("inputs"); err != nil {
		t.Fatal(err)
	}
	at := func(name string) string { return filepath.Join(previous, name) }
	os.Remove(at("deleted.html"))
	info, _ := os.Stat(at("edited.html"))
	os.WriteFile(at("edited.html"), []byte("PAGE edited.html"), 0o644) // same size: the digest tells
	// File times tick a few milliseconds at a time: make sure the edit's
	// is not the time recorded, as it would not be but for this test's speed.
	os.Chtimes(at("edited.html"), info.ModTime().Add(time.Second), info.ModTime().Add(time.Second))
	os.Remove(at("linked.html"))
	os.Symlink("/etc/passwd", at("linked.html"))
	later := info.ModTime().Add(time.Hour)
	os.Chtimes(at("touched.html"), later, later)

	stage := t.TempDir()
	next := NewWriter(stage, previous)
	for _, name := range names {
		want := name == "touched.html" || name == "kept.html"
		if got := next.Reuse(name, "key-"+name); got != want {
			t.Errorf("Reuse(%s) = %v, want %v", name, got, want)
		}
	}
	filepath.WalkDir(stage, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("%s is a link in the new site", p)
		}
		return nil
	})
}

package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublish(t *testing.T) {
	boom := errors.New("boom")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name     string
		ctx      context.Context
		fill     func(Stage) error
		wantErr  bool
		wantPage string // index.html afterwards
	}{
		{"success replaces the old site", context.Background(), writePage("new"), false, "new"},
		{"failed fill leaves the old site", context.Background(), func(s Stage) error {
			if err := writePage("half")(s); err != nil {
				return err
			}
			return boom
		}, true, "old"},
		{"interrupted build leaves the old site", cancelled, writePage("new"), true, "old"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := writeMarker(out); err != nil {
				t.Fatal(err)
			}
			writeIndex(t, out, "old")
			err := Publish(c.ctx, out, c.fill)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if got := readPage(t, out); got != c.wantPage {
				t.Errorf("index.html = %q, want %q", got, c.wantPage)
			}
			assertOnlyEntry(t, parent, "public")
		})
	}
}

func TestPublishIntoNewFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site", "public")
	if err := Publish(context.Background(), out, writePage("first")); err != nil {
		t.Fatal(err)
	}
	if got := readPage(t, out); got != "first" {
		t.Errorf("index.html = %q", got)
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("published folder mode %v (%v); web servers need 0755", info.Mode(), err)
	}
}

func TestPublishRefusesAFile(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := os.WriteFile(out, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Publish(context.Background(), out, writePage("new")); err == nil {
		t.Fatal("published over a file")
	}
	assertOnlyEntry(t, parent, "public")
}

func writePage(text string) func(Stage) error {
	return func(s Stage) error {
		return os.WriteFile(filepath.Join(s.Dir, "index.html"), []byte(text), 0o644)
	}
}

func writeIndex(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readPage(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertOnlyEntry checks no staging or old-site folder is left beside out.
func assertOnlyEntry(t *testing.T, dir, want string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != want {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only %s", dir, names, want)
	}
}

// TestPublishThroughALink: an output folder that is a link (public linked
// to the web server's folder) is published into the folder it leads to,
// swapped in beside that folder; the link stays a link. A link that leads
// nowhere is refused, saying what to do.
func TestPublishThroughALink(t *testing.T) {
	project, served := t.TempDir(), t.TempDir()
	target := filepath.Join(served, "site")
	buildSite(t, target, "index.html")
	out := filepath.Join(project, "public")
	if err := os.Symlink(target, out); err != nil {
		t.Fatal(err)
	}
	if err := Publish(context.Background(), out, writePage("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(out); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer the link: %v", err)
	}
	if got := readPage(t, target); got != "new" {
		t.Errorf("the folder the link leads to holds %q, want the new site", got)
	}
	assertOnlyEntry(t, project, "public")
	assertOnlyEntry(t, served, "site")

	dangling := filepath.Join(project, "gone")
	if err := os.Symlink(filepath.Join(served, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	err := Publish(context.Background(), dangling, writePage("new"))
	if err == nil || !strings.Contains(err.Error(), "is a link to "+filepath.Join(served, "nowhere")+", which does not exist") ||
		!strings.Contains(err.Error(), "delete the link") {
		t.Fatalf("a link to nowhere: %v, want a refusal saying where it leads and what to do", err)
	}
	assertOnlyEntry(t, served, "site")
}

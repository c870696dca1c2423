package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fundsite/generator/publish"
	"fundsite/generator/synth"
)

// smallProject writes a small synthetic project and builds it into public.
func smallProject(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Areas: 8, Funds: 1, Years: 1, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return opts
}

// edit rewrites a file of the site as someone editing it by hand would,
// its time moved on (file times tick a few milliseconds at a time, and a
// person's edit comes later than this test's).
func edit(t *testing.T, name, text string) {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, text)
	later := info.ModTime().Add(time.Minute)
	os.Chtimes(name, later, later)
}

// TestRebuildChecksThePublishedSite: a rebuild with nothing changed does
// not trust public/ as it finds it. What was deleted or altered there since
// fundsite published it is made again, a link is never carried into the
// site (nor left in it), a file added by hand is refused by name and left
// alone, and the build says what it put right.
func TestRebuildChecksThePublishedSite(t *testing.T) {
	opts := smallProject(t)
	out := opts.OutDir
	published := readSite(t, out)
	at := func(name string) string { return filepath.Join(out, filepath.FromSlash(name)) }
	link := func(t *testing.T, name string) {
		os.Remove(at(name))
		if err := os.Symlink("/etc/passwd", at(name)); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name    string
		damage  func(t *testing.T)
		repair  string // in the warning; "" when refused
		refused string // the file named in the refusal
	}{
		{"the home page deleted", func(t *testing.T) { os.Remove(at("index.html")) }, `made again "index.html" (deleted there)`, ""},
		{"a download deleted", func(t *testing.T) { os.Remove(at("data/allocations.csv")) }, `made again "data/allocations.csv" (deleted there)`, ""},
		{"the home page edited", func(t *testing.T) {
			edit(t, at("index.html"), strings.Replace(string(published["index.html"]), "£", "$", 1))
		}, `made again "index.html" (changed or replaced there)`, ""},
		{"a page replaced by a link to /etc/passwd", func(t *testing.T) { link(t, "robots.txt") }, `made again "robots.txt" (changed or replaced there)`, ""},
		{"a link to /etc/passwd put in", func(t *testing.T) { link(t, "passwd.txt") }, `left out "passwd.txt" (links`, ""},
		{"a file added by hand", func(t *testing.T) { writeFile(t, at("thesis.docx"), "years of work") }, "", "thesis.docx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.damage(t)
			res, err := Build(context.Background(), opts)
			if c.refused != "" {
				var notSite *publish.NotASiteError
				if !errors.As(err, &notSite) || notSite.Example != c.refused {
					t.Fatalf("err = %v, want a refusal naming %s", err, c.refused)
				}
				if data, err := os.ReadFile(at(c.refused)); err != nil || string(data) != "years of work" {
					t.Errorf("the file added by hand is gone or changed: %v", err)
				}
				os.Remove(at(c.refused))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged {
				t.Error("the build says nothing changed and leaves the site as it found it")
			}
			if report := res.Problems.Report(20); !strings.Contains(report, c.repair) {
				t.Errorf("the build's report %q does not say %s", report, c.repair)
			}
			after := readSite(t, out)
			for name, data := range published {
				if !bytes.Equal(after[name], data) {
					t.Errorf("%s is not as published", name)
				}
			}
			if len(after) != len(published) {
				t.Errorf("%d files after the rebuild, %d published", len(after), len(published))
			}
			if _, err := os.Lstat(at("passwd.txt")); err == nil {
				t.Error("the link put in public/ is still there")
			}
			again, err := Build(context.Background(), opts)
			if err != nil || !again.Unchanged {
				t.Errorf("the build after the repair: unchanged %v, %v; want nothing to do", again != nil && again.Unchanged, err)
			}
		})
	}
}

// TestBuildSaysWhatIsWrong: mistakes with the folders a build reads or
// writes are told in a sentence that says what is wrong and what to do.
func TestBuildSaysWhatIsWrong(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, opts Options)
		want  []string
	}{
		{"an empty theme folder", func(t *testing.T, opts Options) {
			os.MkdirAll(filepath.Join(filepath.Dir(opts.ConfigPath), "themes", "default"), 0o755)
		}, []string{"the theme folder themes/default is empty", "delete the empty folder to use the theme built into fundsite"}},
		{"public a link to nowhere", func(t *testing.T, opts Options) {
			os.RemoveAll(opts.OutDir)
			os.Symlink(filepath.Join(t.TempDir(), "www"), opts.OutDir)
		}, []string{"is a link to ", "which does not exist", "make that folder, or delete the link"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := smallProject(t)
			c.setup(t, opts)
			_, err := Build(context.Background(), opts)
			for _, want := range c.want {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("err = %v, want it to say %q", err, want)
				}
			}
		})
	}
}

// TestBuildPublishesThroughALink: public/ as a link to the folder a web
// server serves is published into that folder; the link stays.
func TestBuildPublishesThroughALink(t *testing.T) {
	opts := smallProject(t)
	served := filepath.Join(t.TempDir(), "www")
	if err := os.Rename(opts.OutDir, served); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(served, opts.OutDir); err != nil {
		t.Fatal(err)
	}
	appendTo(t, filepath.Join(filepath.Dir(opts.ConfigPath), "content", "_index.md"), "\nA sentence added to the home page.\n")
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(opts.OutDir); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer a link: %v", err)
	}
	home, err := os.ReadFile(filepath.Join(served, "index.html"))
	if err != nil || !bytes.Contains(home, []byte("A sentence added to the home page.")) {
		t.Errorf("the served folder's home page is not the new one: %v", err)
	}
}

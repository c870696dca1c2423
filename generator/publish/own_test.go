package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeTree writes files (slash paths relative to dir) holding their names.
func writeTree(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// legacyFigures is how a figures manifest from fundsite starts.
const legacyFigures = "{\n  \"data_as_at\": \"2024-07-31\",\n  \"data_version\": \"abc\",\n  \"figures\": []\n}\n"

// buildSite publishes files (each holding its name) into out as a build
// does, with the record of what it published.
func buildSite(t *testing.T, out string, files ...string) {
	t.Helper()
	err := Publish(context.Background(), out, func(s Stage) error {
		w := NewWriter(s.Dir, out)
		for _, f := range files {
			if err := w.Write(f, []byte(f), ""); err != nil {
				return err
			}
		}
		return w.Close("inputs")
	})
	if err != nil {
		t.Fatal(err)
	}
}

// oldSite writes files as an older fundsite left them: its constant
// marker, and a record of keys but not of files.
func oldSite(t *testing.T, out string, keyed []string, files ...string) {
	t.Helper()
	writeTree(t, out, append(keyed, files...)...)
	writeMarker(out)
	keys := map[string]string{}
	for _, k := range keyed {
		keys[k] = "key"
	}
	data, _ := json.Marshal(Record{Inputs: "x", Keys: keys})
	if err := os.WriteFile(filepath.Join(out, RecordFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// smallSite is what the sites the tests publish hold.
var smallSite = []string{"index.html", "sitemap.xml", "data/figures.json"}

// TestPublishReplacesOnlyWhatItBuilt: publishing replaces its folder
// whole, so it must refuse any folder holding what fundsite did not build
// (the project, data/, a parent folder, a file added to a site), leaving
// every file in it. The marker is the same text in every site, so a copy
// of it (or of the record beside it) proves nothing.
func TestPublishReplacesOnlyWhatItBuilt(t *testing.T) {
	// A theme asset as fundsite names them: by the digest of its bytes.
	sum := sha256.Sum256([]byte("assets/style.css"))
	asset := "assets/style." + hex.EncodeToString(sum[:])[:10] + ".css"
	copyRecord := func(t *testing.T, out string) {
		other := filepath.Join(t.TempDir(), "public")
		buildSite(t, other, "index.html", "areas/kent/index.html")
		for _, name := range []string{Marker, RecordFile} {
			data, _ := os.ReadFile(filepath.Join(other, name))
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, name), data, 0o644)
		}
	}
	cases := []struct {
		name    string
		make    func(t *testing.T, out string)
		refused string // the file named in the refusal; "" if published
	}{
		{"absent", func(t *testing.T, out string) {}, ""},
		{"empty", func(t *testing.T, out string) { os.Mkdir(out, 0o755) }, ""},
		{"a site fundsite built", func(t *testing.T, out string) {
			buildSite(t, out, "index.html", "areas/kent/index.html", "assets/old.css")
		}, ""},
		{"a site fundsite built, with a link put in it", func(t *testing.T, out string) {
			buildSite(t, out, "index.html")
			os.Symlink("/etc/passwd", filepath.Join(out, "passwd.txt"))
		}, ""},
		{"a site an older fundsite built", func(t *testing.T, out string) {
			oldSite(t, out, []string{"areas/gone/index.html"}, "index.html", "sitemap.xml", "data/figures.json")
			os.MkdirAll(filepath.Join(out, "assets"), 0o755)
			os.WriteFile(filepath.Join(out, filepath.FromSlash(asset)), []byte("assets/style.css"), 0o644)
		}, ""},
		{"a site from before the marker", func(t *testing.T, out string) {
			writeTree(t, out, "index.html", "sitemap.xml")
			os.MkdirAll(filepath.Join(out, "data"), 0o755)
			os.WriteFile(filepath.Join(out, "data", "figures.json"), []byte(legacyFigures), 0o644)
		}, ""},
		{"a project folder", func(t *testing.T, out string) {
			writeTree(t, out, "site.toml", ".git/HEAD", "data/funding.xlsx", "content/about.md")
		}, ".git/HEAD"},
		{"a data folder", func(t *testing.T, out string) { writeTree(t, out, "funding.xlsx") }, "funding.xlsx"},
		{"one stray file", func(t *testing.T, out string) { writeTree(t, out, "notes.txt") }, "notes.txt"},
		{"a hidden file", func(t *testing.T, out string) { writeTree(t, out, ".env") }, ".env"},
		{"a marker that is a folder", func(t *testing.T, out string) {
			writeTree(t, out, ".fundsite/x", "notes.txt")
		}, ".fundsite/x"},
		{"a sitemap without a manifest", func(t *testing.T, out string) { writeTree(t, out, "sitemap.xml", "notes.txt") }, "notes.txt"},
		{"a copied marker beside a thesis", func(t *testing.T, out string) {
			writeTree(t, out, "thesis.docx")
			writeMarker(out)
		}, "thesis.docx"},
		{"an older fundsite's site with a thesis in it", func(t *testing.T, out string) {
			oldSite(t, out, []string{"areas/kent/index.html"}, "index.html", "thesis.docx")
		}, "thesis.docx"},
		{"a copied marker and record beside a thesis", func(t *testing.T, out string) {
			copyRecord(t, out)
			writeTree(t, out, "thesis.docx")
		}, "thesis.docx"},
		{"a copied marker and record over files of the same names", func(t *testing.T, out string) {
			copyRecord(t, out)
			os.WriteFile(filepath.Join(out, "index.html"), []byte("my own page"), 0o644)
		}, "index.html"},
		{"a site fundsite built, with a file added", func(t *testing.T, out string) {
			buildSite(t, out, "index.html", "areas/kent/index.html")
			writeTree(t, out, "areas/kent/thesis.docx")
		}, "areas/kent/thesis.docx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			c.make(t, out)
			before := snapshotFiles(t, parent)
			err := Publish(context.Background(), out, func(s Stage) error {
				writeTree(t, s.Dir, smallSite...)
				return writePage("new")(s)
			})
			if c.refused == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if readPage(t, out) != "new" {
					t.Error("not published")
				}
				if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
					t.Errorf("published site has no marker: %v", err)
				}
				if _, err := os.Lstat(filepath.Join(out, "passwd.txt")); err == nil {
					t.Error("a link put in the old site is in the new one")
				}
				assertOnlyEntry(t, parent, "public")
				return
			}
			var notSite *NotASiteError
			if !errors.As(err, &notSite) || !strings.Contains(err.Error(), "refusing to publish into "+out) ||
				!strings.Contains(err.Error(), fmt.Sprintf("%q", c.refused)) || !strings.Contains(err.Error(), "empty folder") {
				t.Fatalf("err = %v, want a refusal naming %q, saying why and what to do", err, c.refused)
			}
			if after := snapshotFiles(t, parent); !sameFiles(before, after) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestPublishRefusesTheTopOfTheFileSystem(t *testing.T) {
	err := Publish(context.Background(), "/", writePage("new"))
	if err == nil || !strings.Contains(err.Error(), "top of the file system") {
		t.Fatalf("err = %v", err)
	}
}

// TestPublishRemovesStaleStaging: a build killed mid-way leaves its
// staging folder; the next build deletes it, and nothing else.
func TestPublishRemovesStaleStaging(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	stale := filepath.Join(parent, ".public.new-123")
	staleOld := filepath.Join(parent, ".public.old-456")
	notOurs := filepath.Join(parent, ".public.new-789")
	empty := filepath.Join(parent, ".public.new-000") // killed before its marker
	os.Mkdir(empty, 0o755)
	other := filepath.Join(parent, ".other.new-1")
	for _, dir := range []string{stale, staleOld, other} {
		writeTree(t, dir, "areas/kent/index.html")
		writeMarker(dir)
	}
	writeTree(t, notOurs, "notes.txt")
	if err := Publish(context.Background(), out, writePage("new")); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]bool{stale: false, staleOld: false, empty: false, notOurs: true, other: true} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("%s exists %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}
}

// TestPublishOneBuildAtATime: a second build into the same folder while
// one holds it is refused, naming the process that holds it.
func TestPublishOneBuildAtATime(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	inside, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var firstErr error
	go func() {
		defer wg.Done()
		firstErr = Publish(context.Background(), out, func(s Stage) error {
			close(inside)
			<-release
			return writePage("first")(s)
		})
	}()
	<-inside
	err := Publish(context.Background(), out, writePage("second"))
	close(release)
	wg.Wait()
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())) || !strings.Contains(err.Error(), "wait for it to finish") {
		t.Fatalf("second build: %v, want it refused naming this process", err)
	}
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	if got := readPage(t, out); got != "first" {
		t.Errorf("published %q, want the first build's site whole", got)
	}
	assertOnlyEntry(t, parent, "public") // the lock file is gone too
	if err := Publish(context.Background(), out, writePage("third")); err != nil {
		t.Fatalf("after the first build: %v", err)
	}
}

// TestPublishLockDiesWithItsProcess: a build killed while holding the lock
// does not block the next one.
func TestPublishLockDiesWithItsProcess(t *testing.T) {
	if out := os.Getenv("FUNDSITE_HOLD_LOCK"); out != "" {
		// The helper process: take the lock and wait to be killed,
		// keeping the lock (its file would be closed once collected).
		l, err := acquire(out)
		if err != nil {
			t.Fatal(err)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute) // not select{}: with nothing else to run, that is a deadlock, and the process ends
		l.release()
		return
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestPublishLockDiesWithItsProcess$")
	cmd.Env = append(os.Environ(), "FUNDSITE_HOLD_LOCK="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make([]byte, 7)
	if _, err := io.ReadFull(stdout, line); err != nil || string(line) != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("helper: %q %v", line, err)
	}
	var busy *BusyError
	if err := Publish(context.Background(), out, writePage("x")); !errors.As(err, &busy) || !strings.Contains(err.Error(), "process "+strconv.Itoa(cmd.Process.Pid)) {
		t.Errorf("while another process holds the lock: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if err := Publish(context.Background(), out, writePage("after")); err != nil {
		t.Fatalf("after the holder died: %v", err)
	}
}

// TestPublishIntoAMountPoint: a mount point (a Docker volume) cannot be
// renamed, so its contents are replaced instead. forceInPlace takes that
// path on any folder; a real bind mount is tried where allowed.
func TestPublishIntoAMountPoint(t *testing.T) {
	check := func(t *testing.T, parent, out string) {
		t.Helper()
		os.MkdirAll(out, 0o755)
		buildSite(t, out, "index.html", "areas/gone/index.html", "assets/old.css")
		if err := Publish(context.Background(), out, func(s Stage) error {
			writeTree(t, s.Dir, "areas/kent/index.html")
			return writePage("new")(s)
		}); err != nil {
			t.Fatal(err)
		}
		got := snapshotFiles(t, out)
		want := map[string]string{"index.html": "new", "areas/kent/index.html": "areas/kent/index.html", Marker: markerText}
		if !sameFiles(got, want) {
			t.Errorf("published %v, want %v", got, want)
		}
		assertOnlyEntry(t, parent, "public")
		// A failed build leaves the site and no staging inside the mount.
		if err := Publish(context.Background(), out, func(Stage) error { return errors.New("boom") }); err == nil {
			t.Fatal("failed build published")
		}
		if after := snapshotFiles(t, out); !sameFiles(after, want) {
			t.Errorf("after a failed build %v", after)
		}
	}
	t.Run("forced", func(t *testing.T) {
		forceInPlace = true
		defer func() { forceInPlace = false }()
		parent := t.TempDir()
		check(t, parent, filepath.Join(parent, "public"))
	})
	t.Run("bind mount", func(t *testing.T) {
		parent := t.TempDir()
		out, volume := filepath.Join(parent, "public"), t.TempDir()
		os.Mkdir(out, 0o755)
		if err := exec.Command("mount", "--bind", volume, out).Run(); err != nil {
			t.Skip("cannot bind-mount here:", err)
		}
		defer exec.Command("umount", out).Run()
		if !isMountPoint(out) {
			t.Fatal("a bind mount is not seen as a mount point")
		}
		check(t, parent, out)
	})
}

// TestAbandonLeavesTheOldSite: the command line abandons a build it must
// stop at once; the staging folder goes, the old site stays, and nothing
// more is written.
func TestAbandonLeavesTheOldSite(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeTree(t, out, "index.html")
	writeMarker(out)
	filling := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Publish(context.Background(), out, func(s Stage) error {
			for i := 0; ; i++ {
				err := s.Save(func() error {
					dir := filepath.Join(s.Dir, "areas", strconv.Itoa(i))
					if err := os.MkdirAll(dir, 0o755); err != nil {
						return err
					}
					return os.WriteFile(filepath.Join(dir, "index.html"), nil, 0o644)
				})
				if i == 10 {
					close(filling)
				}
				if err != nil {
					return err
				}
			}
		})
	}()
	<-filling
	Abandon()
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// Let the build end (it is told it was stopped), then let later
	// tests publish again.
	interrupt.busy.Unlock()
	if err := <-done; !errors.Is(err, errAbandoned) {
		t.Errorf("abandoned build returned %v", err)
	}
	interrupt.busy.Lock()
	interrupt.abandoned = false
	interrupt.busy.Unlock()
	if len(names) != 1 || names[0] != "public" {
		t.Errorf("after Abandon the folder holds %v, want only public", names)
	}
	if got := readPage(t, out); got != "index.html" {
		t.Errorf("old site changed: %q", got)
	}
}

// snapshotFiles maps each file under dir (slash paths) to its content.
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	return files
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fundsite/generator/pipeline"
	"fundsite/generator/sitetest"
	"fundsite/generator/workbook"
)

// TestBuildNeverReplacesWhatItDidNotBuild: publishing replaces the output
// folder whole, so --out naming the project, data/, a parent of the project
// or a folder of other work must be refused with every file left as it was.
func TestBuildNeverReplacesWhatItDidNotBuild(t *testing.T) {
	cases := []struct {
		name string
		out  func(t *testing.T, dir string) string // dir is the project
		want string
	}{
		{"the project folder", func(t *testing.T, dir string) string { return dir }, "is the project folder itself"},
		{"the project folder, relative", func(t *testing.T, dir string) string { return filepath.Join(dir, "data", "..") }, "is the project folder itself"},
		{"data", func(t *testing.T, dir string) string { return filepath.Join(dir, "data") }, "in the project's data/ folder"},
		{"inside data", func(t *testing.T, dir string) string { return filepath.Join(dir, "data", "site") }, "in the project's data/ folder"},
		{"content", func(t *testing.T, dir string) string { return filepath.Join(dir, "content") }, "in the project's content/ folder"},
		{"themes", func(t *testing.T, dir string) string { return filepath.Join(dir, "themes") }, "in the project's themes/ folder"},
		{"a parent of the project", func(t *testing.T, dir string) string { return filepath.Dir(dir) }, "holds the project"},
		{"a link to the project", func(t *testing.T, dir string) string {
			link := filepath.Join(t.TempDir(), "link") // beside the folder the test watches
			if err := os.Symlink(dir, link); err != nil {
				t.Fatal(err)
			}
			return link
		}, "is the project folder itself"},
		{"a folder of other work", func(t *testing.T, dir string) string {
			other := filepath.Join(filepath.Dir(dir), "other")
			os.MkdirAll(filepath.Join(other, ".git"), 0o755)
			os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
			return other
		}, "it holds files fundsite did not build"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "project")
			if err := os.Rename(sitetest.SmallProject(t, sitetest.SmallBook(3)), dir); err != nil {
				t.Fatal(err)
			}
			for _, d := range []string{".git", "content", "themes"} {
				os.MkdirAll(filepath.Join(dir, d), 0o755)
			}
			os.WriteFile(filepath.Join(dir, "themes", "README"), []byte("my own theme, one day"), 0o644)
			os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "content", "about.md"), []byte("+++\ntitle = \"About\"\n+++\nHello.\n"), 0o644)
			os.WriteFile(filepath.Join(parent, "elsewhere.txt"), []byte("someone else's"), 0o644)
			out := c.out(t, dir)
			before := sitetest.Snapshot(t, parent)
			code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out)
			if code == 0 {
				t.Fatalf("published into %s", out)
			}
			if !strings.Contains(stderr, "refusing to publish into") || !strings.Contains(stderr, c.want) {
				t.Errorf("stderr does not say why:\n%s", stderr)
			}
			sitetest.SameSnapshot(t, "after the refused build", before, sitetest.Snapshot(t, parent))
		})
	}
}

// TestConcurrentBuildsPublishOneWholeSite: two builds into one folder at
// once must publish one site or the other, whole: never a page of one in
// the other. While one build holds the folder another is refused.
func TestConcurrentBuildsPublishOneWholeSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var configs []string
	for _, fund := range []string{"Alpha Fund", "Beta Fund"} {
		book := sitetest.SmallBook(40)
		for _, r := range book[0].Rows {
			r[0] = fund
		}
		configs = append(configs, filepath.Join(sitetest.SmallProject(t, book), "site.toml"))
	}
	refused := 0
	for round := range 8 {
		var wg sync.WaitGroup
		codes, errs := make([]int, 4), make([]string, 4)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i], errs[i] = sitetest.BuildReport(configs[i%2], out)
			}()
		}
		wg.Wait()
		for i, code := range codes {
			switch {
			case code == 0:
			case strings.Contains(errs[i], "is publishing into"):
				refused++
			default:
				t.Fatalf("round %d, build %d failed: %s", round, i, errs[i])
			}
		}
		// Every page names the one fund of the site it belongs to.
		pages, _ := filepath.Glob(filepath.Join(out, "areas", "*", "index.html"))
		seen := map[string]bool{}
		for _, p := range pages {
			page, _ := os.ReadFile(p)
			for _, fund := range []string{"Alpha Fund", "Beta Fund"} {
				if bytes.Contains(page, []byte(fund)) {
					seen[fund] = true
				}
			}
		}
		if len(pages) == 0 || len(seen) != 1 {
			t.Fatalf("round %d: the published site mixes two builds' pages (%d pages naming %v)", round, len(pages), seen)
		}
	}
	t.Logf("%d builds refused while another held the folder", refused)
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public*")); len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

// TestInterruptedBuildKeepsPreviousSite: a build stopped by Ctrl-C or
// SIGTERM (a cancelled context) publishes nothing.
func TestInterruptedBuildKeepsPreviousSite(t *testing.T) {
	dir := sitetest.SmallProject(t, sitetest.SmallBook(3))
	config, out := filepath.Join(dir, "site.toml"), filepath.Join(dir, "public")
	sitetest.BuildInto(t, config, out)
	before := sitetest.Snapshot(t, out)
	if err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), sitetest.SmallBook(5)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := pipeline.Build(ctx, sitetest.Options(dir))
	if err == nil {
		t.Fatal("an interrupted build succeeded")
	}
	if !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("the error does not say the build was interrupted: %v", err)
	}
	after := sitetest.Snapshot(t, out)
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed after an interrupted build", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("previous site changed: %d files, was %d", len(after), len(before))
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public*")); len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

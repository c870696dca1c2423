package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
)

// TestPreviousMustBeAManifest: a file named with --previous that is not
// there, or is not a manifest, fails the build and names the file; it
// never silently starts the update history again as a first publication,
// and the user is never told to delete a file that is not fundsite's.
func TestPreviousMustBeAManifest(t *testing.T) {
	dir := t.TempDir()
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 530000, "")
	out := filepath.Join(dir, "public")
	buildSmall(t, dir, out)
	kept := filepath.Join(dir, "kept figures.json")
	manifest := readPage(t, out, "data/figures.json")
	if err := os.WriteFile(kept, []byte(manifest[:len(manifest)/2]), 0o644); err != nil {
		t.Fatal(err)
	}
	passwd := filepath.Join(dir, "passwd")
	if err := os.WriteFile(passwd, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "figures-typo.json")
	cases := []struct {
		name, previous string
		want           []string
	}{
		{"a file that is not there", missing, []string{"--previous " + missing + ": there is no such file"}},
		{"a file that is not a manifest", passwd, []string{"--previous " + passwd + ": this is not a figures manifest", "name the data/figures.json of the last published build"}},
		{"a manifest cut off", kept, []string{"--previous " + kept + ": this is not a figures manifest", "it ends part-way through"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, cmd := range []string{"check", "build"} {
				code, stdout, stderr := runCLI(t, cmd, "--config", filepath.Join(dir, "site.toml"), "--out", filepath.Join(dir, "fresh"), "--previous", c.previous)
				if code == 0 || strings.Contains(stdout, "first publication") {
					t.Errorf("%s exit %d:\n%s%s", cmd, code, stdout, stderr)
				}
				for _, want := range c.want {
					if !strings.Contains(stderr, want) {
						t.Errorf("%s says\n%s\nwant %q", cmd, stderr, want)
					}
				}
				if strings.Contains(stderr, "delete") || strings.Contains(stderr, "unexpected end of JSON input") {
					t.Errorf("%s says\n%s", cmd, stderr)
				}
			}
		})
	}
}

// TestNewQuotesTheCommandsItSuggests: the build and serve commands "new"
// prints work when pasted into a shell, for a folder whose name has a
// space, a quote or a dollar sign.
func TestNewQuotesTheCommandsItSuggests(t *testing.T) {
	for _, name := range []string{"my-site", "Funding site", "Bob's $HOME site"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			code, stdout, stderr := runCLI(t, "new", dir)
			if code != 0 {
				t.Fatalf("new exit %d\n%s%s", code, stdout, stderr)
			}
			for _, prefix := range []string{"fundsite build --config ", "fundsite serve --config "} {
				i := strings.Index(stdout, prefix)
				if i < 0 {
					t.Fatalf("no %q in\n%s", prefix, stdout)
				}
				line, _, _ := strings.Cut(stdout[i+len(prefix):], "\n")
				// The shell reads the argument back as the path itself.
				got, err := exec.Command("sh", "-c", "printf '%s|' "+line).Output()
				if want := filepath.Join(dir, "site.toml") + "|"; err != nil || string(got) != want {
					t.Errorf("the shell reads %s as %q (%v), want %q", line, got, err, want)
				}
			}
		})
	}
}

// TestNewRefusesWhatCannotBeAFolder: "new" with an empty name, and on a link to
// nowhere say what is wrong, not mkdir's words.
func TestNewRefusesWhatCannotBeAFolder(t *testing.T) {
	dangling := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(filepath.Join(filepath.Dir(dangling), "gone"), dangling); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{"": "the folder's name is empty", dangling: "which does not exist"} {
		code, _, stderr := runCLI(t, "new", dir)
		if code == 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, "mkdir") {
			t.Errorf("new %q exit %d:\n%s", dir, code, stderr)
		}
	}
}

// TestOneFigureChangedIsCountedOnce: a fund's total for a year is shown on
// the home page and on the fund's page; when one cell changes it, it is one
// figure changed, in the build's summary, on the updates page and in the
// feed, not one for each page it appears on.
func TestOneFigureChangedIsCountedOnce(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 530000, "")
	buildSmall(t, dir, out)
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 541200, "")
	stdout := buildSmall(t, dir, out)
	// The area's figure, the fund's total for the year and the fund's
	// total: three figures, each once.
	want := []string{
		"Mid and South Essex, 2023/24: £530,000 → £541,200",
		"ARF, 2023/24: £930,000 → £941,200",
		"ARF, total: £1,380,000 → £1,391,200",
	}
	if !strings.Contains(stdout, "3 published figure(s) change:") {
		t.Errorf("the build says:\n%s", stdout)
	}
	updates := text(readPage(t, out, "updates/index.html"))
	feed := readPage(t, out, "updates/feed.xml")
	if !strings.Contains(updates, "Update 2: 3 figures changed") || !strings.Contains(feed, "Update 2: 3 figures changed") {
		t.Errorf("the updates page says:\n%s", updates)
	}
	for _, w := range want {
		for name, page := range map[string]string{"build": stdout, "updates page": updates, "feed": feed} {
			if n := strings.Count(page, w); n != 1 {
				t.Errorf("the %s lists %q %d times:\n%s", name, w, n, page)
			}
		}
	}
}

package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
)

func buildSmall(t *testing.T, dir, out string, extra ...string) string {
	t.Helper()
	args := append([]string{"build", "--config", filepath.Join(dir, "site.toml"), "--out", out}, extra...)
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("build exit %d\n%s%s", code, stdout, stderr)
	}
	return stdout
}

// TestWhatChanged builds twice, changing one workbook cell in between: the
// build's output, the updates page and the feed all list that change.
func TestWhatChanged(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 530000, "")
	if stdout := buildSmall(t, dir, out); !strings.Contains(stdout, "first publication") {
		t.Errorf("first build does not say it is the first:\n%s", stdout)
	}
	if stdout := buildSmall(t, dir, out); !strings.Contains(stdout, "No published figure changes") {
		t.Errorf("an unchanged rebuild reports changes:\n%s", stdout)
	}

	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 541200, "")
	code, stdout, stderr := runCLI(t, "check", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	want := "Mid and South Essex, 2023/24: £530,000 → £541,200"
	if code != 0 || !strings.Contains(stdout, want) {
		t.Errorf("check does not show what would change:\n%s", stdout)
	}
	// The figures changed, but data_as_at did not: the new figures would
	// be cited and dated as the old.
	if !strings.Contains(stderr, `site.toml: warning: 3 published figure(s) change, but data_as_at is still "2024-08-31"`) {
		t.Errorf("check does not warn that data_as_at was left as it was:\n%s", stderr)
	}
	stdout = buildSmall(t, dir, out)
	if !strings.Contains(stdout, want) {
		t.Errorf("build does not list the change:\n%s", stdout)
	}
	// The area's own figure, and the totals it is part of, changed; nothing else.
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n")[2:] {
		if !strings.Contains(line, "2023/24") && !strings.Contains(line, "total") && !strings.Contains(line, "East of England") {
			t.Errorf("unexpected change listed: %s", line)
		}
	}
	updates := text(readPage(t, out, "updates/index.html"))
	if !strings.Contains(updates, "Update 2") || !strings.Contains(updates, want) || !strings.Contains(updates, "First publication") {
		t.Errorf("updates page lacks the change or the history:\n%s", updates)
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readPage(t, out, "updates/feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 2 || !strings.Contains(feed.Entries[0].Summary, want) || feed.Entries[0].Updated != "2024-08-31T00:00:00Z" {
		t.Errorf("feed entries: %+v", feed.Entries)
	}

	// --previous compares with a manifest kept elsewhere, as on Netlify.
	kept := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(kept, []byte(readPage(t, out, "data/figures.json")), 0o644); err != nil {
		t.Fatal(err)
	}
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 530000, "")
	if stdout := buildSmall(t, dir, filepath.Join(dir, "fresh"), "--previous", kept); !strings.Contains(stdout, "£541,200 → £530,000") {
		t.Errorf("--previous is not compared with:\n%s", stdout)
	}
}

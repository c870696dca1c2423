package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// smallProject writes a site whose areas are named in an Areas sheet and
// referred to by code, as a renamed area would be.
func smallProject(t *testing.T, dir string, essexName string, essexAmount any, note string) {
	t.Helper()
	config := "title = \"Test funding\"\nbase_url = \"https://example.org/\"\npublisher = \"Test council\"\n" +
		"licence = \"OGL\"\ndata_as_at = \"2024-08-31\"\n"
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), []workbook.SheetSpec{
		{
			Name:   "Allocations",
			Header: []string{"Fund", "Financial year", "Area code", "Amount", "Status", "Notes"},
			Rows: [][]any{
				{"ARF", "2023/24", "E54000026", essexAmount, "published lower bound", note},
				{"ARF", "2023/24", "E54000032", 400000, "published", nil},
				{"ARF", "2024/25", "E54000026", 450000, "estimate", nil},
			},
		},
		{
			Name:   "Areas",
			Header: []string{"Area code", "Name", "Region"},
			Rows: [][]any{
				{"E54000026", essexName, "East of England"},
				{"E54000032", "Kent and Medway", "South East"},
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}

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
	smallProject(t, dir, "Mid and South Essex", 530000, "")
	if stdout := buildSmall(t, dir, out); !strings.Contains(stdout, "first publication") {
		t.Errorf("first build does not say it is the first:\n%s", stdout)
	}
	if stdout := buildSmall(t, dir, out); !strings.Contains(stdout, "No published figure changes") {
		t.Errorf("an unchanged rebuild reports changes:\n%s", stdout)
	}

	smallProject(t, dir, "Mid and South Essex", 541200, "")
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
	smallProject(t, dir, "Mid and South Essex", 530000, "")
	if stdout := buildSmall(t, dir, filepath.Join(dir, "fresh"), "--previous", kept); !strings.Contains(stdout, "£541,200 → £530,000") {
		t.Errorf("--previous is not compared with:\n%s", stdout)
	}
}

// TestRenamedAreaRedirects renames an area: its old address and its code
// redirect to the new page, and the record in data/ keeps the old address
// even for a build that starts without the previous site.
func TestRenamedAreaRedirects(t *testing.T) {
	dir := t.TempDir()
	smallProject(t, dir, "Mid and South Essex", 530000, "")
	buildSmall(t, dir, filepath.Join(dir, "public"))
	smallProject(t, dir, "Essex and Southend", 530000, "")
	fresh := filepath.Join(dir, "fresh") // no previous site, as on Netlify
	buildSmall(t, dir, fresh)
	redirects := readPage(t, fresh, "_redirects")
	for _, want := range []string{
		"/areas/mid-and-south-essex/  /areas/essex-and-southend/  301",
		"/areas/E54000026/  /areas/essex-and-southend/  301",
		"/areas/E54000032/  /areas/kent-and-medway/  301",
	} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	if _, err := os.Stat(filepath.Join(fresh, "areas", "essex-and-southend", "index.html")); err != nil {
		t.Error("the renamed area has no page")
	}
}

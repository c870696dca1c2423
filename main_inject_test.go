package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// redirectLine is every line fundsite may write to _redirects: an area
// address (ASCII, percent-encoded), where it goes, and 301.
var redirectLine = regexp.MustCompile(`^/areas/[A-Za-z0-9%._-]+/  /areas/(?:[A-Za-z0-9%._-]+/)?  301$`)

func checkRedirects(t *testing.T, out string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if !strings.HasPrefix(line, "#") && !redirectLine.MatchString(line) {
			t.Errorf("_redirects has a line fundsite never writes: %q", line)
		}
	}
}

// areasBook is an allocations sheet and an areas sheet with the codes given.
func areasBook(codes ...string) []workbook.SheetSpec {
	var allocs, areas [][]any
	for i, code := range codes {
		name := []string{"Kent", "Essex", "Surrey"}[i]
		allocs = append(allocs, []any{"ARF", "2023/24", name, 1000 * (i + 1)})
		areas = append(areas, []any{code, name, "South East"})
	}
	return []workbook.SheetSpec{
		{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount (£)"}, Rows: allocs},
		{Name: "Areas", Header: []string{"Area code", "Name", "Region"}, Rows: areas},
	}
}

// TestWorkbookTextNeverWritesRedirects: an area code holding a newline and
// a rule of its own (a forced proxy of the whole site to another host)
// must be refused at its cell, as must a slug injected into the record of
// addresses; a site built from good data writes only redirects of areas.
func TestWorkbookTextNeverWritesRedirects(t *testing.T) {
	const evil = "\n/*  https://evil.example/:splat  200!"
	dir := writeSmallProject(t, areasBook("E1", "E2", "E3"))
	config, out := filepath.Join(dir, "site.toml"), filepath.Join(dir, "public")
	if code, _, stderr := runCLI(t, "build", "--config", config, "--out", out); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	checkRedirects(t, out)
	before := snapshot(t, out)
	record, err := os.ReadFile(filepath.Join(dir, "data", "addresses.json"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("an area code", func(t *testing.T) {
		if err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), areasBook("E1"+evil, "E2", "E3")); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "build", "--config", config, "--out", out)
		if code == 0 || !strings.Contains(stderr, `data/funding.xlsx: Areas!`) || !strings.Contains(stderr, `area code "E1\n/*  https://evil.example/:splat  200!" of "Kent" can only hold letters, digits`) {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
		sameSnapshot(t, "after the refused build", before, snapshot(t, out))
	})
	t.Run("a slug in the record of addresses", func(t *testing.T) {
		if err := workbook.Write(filepath.Join(dir, "data", "funding.xlsx"), areasBook("E1", "E2", "E3")); err != nil {
			t.Fatal(err)
		}
		bad := strings.Replace(string(record), `"slug": "kent"`, `"slug": "kent/  https://evil.example/  200!\n/*"`, 1)
		if bad == string(record) {
			t.Fatalf("no slug kent in %s", record)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", "addresses.json"), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(filepath.Join(dir, "data", "addresses.json"), record, 0o644)
		code, _, stderr := runCLI(t, "build", "--config", config, "--out", out)
		if code == 0 || !strings.Contains(stderr, "addresses.json: area 2: ") || !strings.Contains(stderr, "is not a web address fundsite makes") {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
		sameSnapshot(t, "after the refused build", before, snapshot(t, out))
	})
}

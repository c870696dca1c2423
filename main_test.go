package main

import (
	"bytes"
	"context"
	stdhtml "html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// copyExample copies the bundled example project (config, workbooks,
// narratives; not the theme, so the embedded one is used) into a temp dir.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := copyExampleTo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyExampleTo(dir string) error { return copyInto(dir, "site.toml", "data", "content") }

// copyInto copies files and folders of this repository into dir, at the
// same paths.
func copyInto(dir string, srcs ...string) error {
	for _, src := range srcs {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			target := filepath.Join(dir, p)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func buildExample(t *testing.T, dir, out string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 {
		t.Fatalf("build exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "111 rows") { // 84 national, 27 council
		t.Errorf("summary does not report the rows read: %q", stdout)
	}
}

func readPage(t *testing.T, out, page string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// resolveLink is the site address a link on the page at pageURL
// ("/areas/bolton/") leads to: "../kent/#fig-x" is "/areas/kent/#fig-x".
func resolveLink(pageURL, href string) string {
	base := &url.URL{Scheme: "http", Host: "site", Path: pageURL}
	ref, err := url.Parse(stdhtml.UnescapeString(href))
	if err != nil {
		return "unparsable link " + href
	}
	u := base.ResolveReference(ref)
	if u.Host != "site" {
		return u.String()
	}
	if u.Fragment != "" {
		return u.Path + "#" + u.Fragment
	}
	return u.Path
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestCheckWritesNothing(t *testing.T) {
	dir := copyExample(t)
	code, stdout, stderr := runCLI(t, "check", "--config", filepath.Join(dir, "site.toml"), "--out", filepath.Join(dir, "public"))
	if code != 0 {
		t.Fatalf("check exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote an output folder")
	}
	// It says what a build would write, never that it wrote anything.
	if !regexp.MustCompile(`^read 2 workbook\(s\), 111 rows; would write 73 pages \(\d+ files\); checked in .*; no problems found, nothing written\n`).MatchString(stdout) {
		t.Errorf("check's summary: %q", stdout)
	}
}

func TestExampleWorkbookIsUpToDate(t *testing.T) {
	fresh := filepath.Join(t.TempDir(), "x.xlsx")
	code, _, stderr := runCLI(t, "example-data", "--out", fresh)
	if code != 0 {
		t.Fatal(stderr)
	}
	want, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("data/adult-social-care.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// The committed workbooks must be exactly what the generator makes from
	// the sources, so the example can always be regenerated and audited.
	if !bytes.Equal(got, want) {
		t.Error("data/adult-social-care.xlsx differs from what `go run . example-data` writes; regenerate it")
	}
	wantCouncils, err := os.ReadFile(filepath.Join(filepath.Dir(fresh), "council-grants.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	gotCouncils, err := os.ReadFile("data/council-grants.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotCouncils, wantCouncils) {
		t.Error("data/council-grants.xlsx differs from what `go run . example-data` writes; regenerate it")
	}
}

// --timings says where a build's time went, phase by phase, adding up to
// no more than the time the build reports; without it, nothing is said.
func TestBuildTimings(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	code, stdout, stderr := runCLI(t, "build", "--timings", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 {
		t.Fatalf("build exit %d: %s %s", code, stdout, stderr)
	}
	var names []string
	var sum float64
	for _, line := range regexp.MustCompile(`(?m)^  (\S.*?)\s+([0-9.]+) s$`).FindAllStringSubmatch(stderr, -1) {
		names = append(names, line[1])
		took, _ := strconv.ParseFloat(line[2], 64)
		sum += took
	}
	want := []string{
		"check whether anything changed", "settings and workbooks", "narratives",
		"views of the home, fund and data pages", "area pages and downloads: build, render, write",
		"history: compare figures with the last build", "other pages and files",
		"publish: swap in the new site, delete the old",
	}
	if !slices.Equal(names, want) {
		t.Errorf("phases:\n%q\nwant\n%q\n(stderr %s)", names, want, stderr)
	}
	total := regexp.MustCompile(`in ([0-9.]+)(m?s);`).FindStringSubmatch(stdout)
	if total == nil {
		t.Fatalf("no build time in %q", stdout)
	}
	seconds, _ := strconv.ParseFloat(total[1], 64)
	if total[2] == "ms" {
		seconds /= 1000
	}
	if sum > seconds+0.01*float64(len(want)) { // each phase is rounded to 0.01 s
		t.Errorf("phases add up to %.2f s, more than the build's %.3f s", sum, seconds)
	}
	code, _, stderr = runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 || strings.Contains(stderr, "timings") {
		t.Errorf("a build without --timings printed them (exit %d): %s", code, stderr)
	}
}

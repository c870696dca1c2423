package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// copyExample copies the bundled example project (config, workbooks,
// narratives; not the theme, so the embedded one is used) into a temp dir.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, src := range []string{"site.toml", "data", "content"} {
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
			t.Fatal(err)
		}
	}
	return dir
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
	if !strings.Contains(stdout, "84 rows") {
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

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

func TestExampleSite(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)

	home := text(readPage(t, out, "index.html"))
	for _, want := range []string{"£42.6m", "across 2023/24 to 2024/25", "£20m", "across 42 integrated care systems", "Areas 42"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	areas, _ := filepath.Glob(filepath.Join(out, "areas", "*", "index.html"))
	if len(areas) != 42 {
		t.Errorf("%d area pages, want 42", len(areas))
	}
	essex := readPage(t, out, "areas/mid-and-south-essex/index.html")
	fig2023 := section(t, essex, "fig-arf-2023-24-total")
	if !strings.Contains(text(fig2023), "£530,000") || !strings.Contains(text(fig2023), "Published lower bound") {
		t.Errorf("Mid and South Essex 2023/24 is not £530,000 marked as a published lower bound:\n%s", text(fig2023))
	}
	if !strings.Contains(fig2023, "Allocations!H") {
		t.Errorf("2023/24 figure does not cite its workbook cell:\n%s", fig2023)
	}
	fig2024 := text(section(t, essex, "fig-arf-2024-25-total"))
	if !strings.Contains(fig2024, "Estimate") {
		t.Errorf("Mid and South Essex 2024/25 is not marked as an estimate:\n%s", fig2024)
	}
	if !strings.Contains(text(essex), "Enhanced Wellbeing Grants") {
		t.Error("Mid and South Essex page lacks its narrative")
	}
	for _, page := range []string{"funds/accelerating-reform-fund/index.html", "areas/index.html", "about/index.html"} {
		html := readPage(t, out, page)
		if !strings.Contains(html, `<html lang="en-GB">`) || !strings.Contains(html, `href="#main"`) {
			t.Errorf("%s lacks lang or skip link", page)
		}
	}
	fund := text(readPage(t, out, "funds/accelerating-reform-fund/index.html"))
	for _, want := range []string{"2023/24 £20,000,000 42", "2024/25 £22,600,000 42", "East of England", "Greater Manchester"} {
		if !strings.Contains(fund, want) {
			t.Errorf("fund page lacks %q", want)
		}
	}
}

// section returns the element with the given id and what follows up to its close.
func section(t *testing.T, html, id string) string {
	t.Helper()
	start := strings.Index(html, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no element with id %q", id)
	}
	end := strings.Index(html[start:], "</section>")
	if end < 0 {
		end = len(html) - start
	}
	return html[start : start+end]
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := copyExample(t)
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	buildExample(t, dir, a)
	buildExample(t, dir, b)
	filesA, filesB := snapshot(t, a), snapshot(t, b)
	if len(filesA) != len(filesB) {
		t.Fatalf("%d files vs %d", len(filesA), len(filesB))
	}
	for name, data := range filesA {
		if !bytes.Equal(data, filesB[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
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

func TestFailedBuildLeavesPreviousSite(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	before := snapshot(t, out)

	if err := os.WriteFile(filepath.Join(dir, "data", "adult-social-care.xlsx"), []byte("area,amount\nKent,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code == 0 {
		t.Fatal("build of a broken workbook succeeded")
	}
	if !strings.Contains(stderr, "data/adult-social-care.xlsx") || !strings.Contains(stderr, "text file") {
		t.Errorf("error does not name the file and what is wrong: %s", stderr)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("previous site changed: %d files, was %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
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
	// The committed workbook must be exactly what its generator makes from
	// the sources, so the example can always be regenerated and audited.
	if !bytes.Equal(got, want) {
		t.Error("data/adult-social-care.xlsx differs from what `go run . example-data` writes; regenerate it")
	}
}

// Package sitetest builds sites for the tests of the packages that make
// them, so those tests live beside their code rather than in package main.
//
// A test either reads the one build of the bundled example its package
// shares (Shared), or writes a small project of its own inline: its text
// files from a txtar archive in the test (Project), its workbooks generated
// by workbook.Write, never edited by hand. Builds go through
// pipeline.Build with the embedded default theme, as "fundsite build" does.
package sitetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"fundsite/generator/browsertest"
	"fundsite/generator/diag"
	"fundsite/generator/pipeline"
	"fundsite/generator/workbook"
	"fundsite/themes"
)

// Root is the repository's root folder, where the bundled example lives:
// found from this file's path, so tests run from any package's folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// ExampleFiles are the example project's files and folders, relative to
// Root: its settings, workbooks and narratives; not a theme, so the
// embedded default is used.
var ExampleFiles = []string{"site.toml", "data", "content"}

// Example is a copy of the bundled example project in a folder of t's own.
func Example(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := CopyInto(dir, ExampleFiles...); err != nil {
		t.Fatal(err)
	}
	return dir
}

// CopyInto copies files and folders of the repository (paths relative to
// Root) into dir, at the same paths.
func CopyInto(dir string, srcs ...string) error {
	root := Root()
	for _, src := range srcs {
		err := filepath.WalkDir(filepath.Join(root, src), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			target := filepath.Join(dir, rel)
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

// Options builds the project in dir into dir/public with the embedded
// default theme, as "fundsite build --config dir/site.toml" does.
func Options(dir string) pipeline.Options {
	return pipeline.Options{
		ConfigPath:   filepath.Join(dir, "site.toml"),
		OutDir:       filepath.Join(dir, "public"),
		DefaultTheme: themes.Default(),
	}
}

// Build builds the project in dir into dir/public and returns the folder
// built; a failed build fails t.
func Build(t testing.TB, dir string) string {
	t.Helper()
	opts := Options(dir)
	if _, err := pipeline.Build(context.Background(), opts); err != nil {
		t.Fatalf("building %s: %v", dir, err)
	}
	return opts.OutDir
}

// Project writes a project into a folder of t's own: each file of the txtar
// archive, then each workbook, named by its path in the project.
func Project(t testing.TB, archive string, books map[string][]workbook.SheetSpec) string {
	t.Helper()
	dir := t.TempDir()
	WriteArchive(t, dir, archive)
	for name, sheets := range books {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := workbook.Write(path, sheets); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// WriteArchive writes each file of a txtar archive into dir.
func WriteArchive(t testing.TB, dir, archive string) {
	t.Helper()
	files, err := ParseArchive(archive)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(f.Data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Shared is one build of the example for all the tests of a package that
// only read it, served once: building it for each test cost a second or
// more on a busy machine, and every build gave the same bytes. Declare one
// per package and call Stop from TestMain.
type Shared struct {
	once sync.Once
	dir  string // the project; public/ holds the build
	srv  *httptest.Server
	err  error
}

// Out is the shared build's public/ folder. Tests must not change it; one
// that needs a changed site builds its own.
func (s *Shared) Out(t testing.TB) string {
	t.Helper()
	s.once.Do(s.build)
	if s.err != nil {
		t.Fatal(s.err)
	}
	return filepath.Join(s.dir, "public")
}

// URL is the shared build's address on a server that sends the site's
// strict CSP, as browsertest.Serve does.
func (s *Shared) URL(t testing.TB) string {
	t.Helper()
	s.Out(t)
	return s.srv.URL
}

func (s *Shared) build() {
	s.dir, s.err = os.MkdirTemp("", "fundsite-example-")
	if s.err != nil {
		return
	}
	if s.err = CopyInto(s.dir, ExampleFiles...); s.err != nil {
		return
	}
	opts := Options(s.dir)
	if _, s.err = pipeline.Build(context.Background(), opts); s.err != nil {
		return
	}
	s.srv = httptest.NewServer(browsertest.Handler(opts.OutDir))
}

// Stop closes the server and deletes the shared build.
func (s *Shared) Stop() {
	if s.srv != nil {
		s.srv.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// ReadPage is the file page (a slash path) of the site built into out.
func ReadPage(t testing.TB, out, page string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// AppendConfig adds settings to the end of the project's site.toml.
func AppendConfig(t testing.TB, dir, text string) {
	t.Helper()
	path := filepath.Join(dir, "site.toml")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n" + strings.TrimSpace(text) + "\n"); err != nil {
		t.Fatal(err)
	}
}

// BuildInto builds the project whose settings are config into out, as
// "fundsite build --config config --out out" does; a failed build fails t.
func BuildInto(t testing.TB, config, out string) *pipeline.Result {
	t.Helper()
	res, err := BuildOut(config, out)
	if err != nil {
		t.Fatalf("building %s: %v", config, err)
	}
	return res
}

// BuildOut is the build "fundsite build --config config --out out" makes.
func BuildOut(config, out string) (*pipeline.Result, error) {
	return pipeline.Build(context.Background(), pipeline.Options{ConfigPath: config, OutDir: out, DefaultTheme: themes.Default()})
}

// CheckOut is the check "fundsite check --config config" makes.
func CheckOut(config string) (*pipeline.Result, error) {
	return pipeline.Check(context.Background(), pipeline.Options{ConfigPath: config, OutDir: filepath.Join(filepath.Dir(config), "public"), DefaultTheme: themes.Default()})
}

// Warnings is the report of a build's warnings that "fundsite build" prints.
func Warnings(res *pipeline.Result) string {
	if res == nil || res.Problems == nil {
		return ""
	}
	return res.Problems.Report(20)
}

// SetConfig sets a top-level key of a project's site.toml.
func SetConfig(t testing.TB, dir, key, value string) {
	t.Helper()
	name := filepath.Join(dir, "site.toml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^` + key + ` = .*$`)
	if !line.Match(data) {
		t.Fatalf("site.toml has no %s", key)
	}
	data = line.ReplaceAll(data, []byte(key+` = "`+value+`"`))
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Snapshot is every file under root, by its path relative to root.
func Snapshot(t testing.TB, root string) map[string][]byte {
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

// BuildReport builds as "fundsite build --config config --out out" does
// and returns its exit code (0 or 1) and the problems it reports: its
// warnings, then, if it failed, its error.
func BuildReport(config, out string) (code int, report string) {
	return codeAndReport(BuildOut(config, out))
}

// CheckReport checks as "fundsite check --config config" does and returns
// its exit code (0 or 1) and the problems it reports.
func CheckReport(config string) (code int, report string) {
	return codeAndReport(CheckOut(config))
}

func codeAndReport(res *pipeline.Result, err error) (int, string) {
	var failure *diag.Failure
	report := ""
	if !errors.As(err, &failure) {
		report = Warnings(res) // a failure's report holds its warnings too
	}
	if err != nil {
		return 1, report + err.Error() + "\n"
	}
	return 0, report
}

// SmallBook is a valid allocations sheet (header on row 1, data from row
// 2) with n rows.
func SmallBook(n int) []workbook.SheetSpec {
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{"ARF", "2023/24", fmt.Sprintf("Area %02d", i+1), 1000 * (i + 1)}
	}
	return []workbook.SheetSpec{{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount (£)"}, Rows: rows}}
}

// SmallProject is a project of the least settings and one workbook,
// data/funding.xlsx, of the sheets given.
func SmallProject(t testing.TB, sheets []workbook.SheetSpec) string {
	t.Helper()
	return Project(t, `
-- site.toml --
title = "Test"
base_url = "https://example.org/"
`, map[string][]workbook.SheetSpec{"data/funding.xlsx": sheets})
}

// SameSnapshot fails t when a snapshot after differs from the one before.
func SameSnapshot(t testing.TB, what string, before, after map[string][]byte) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("%s: %d files, was %d", what, len(after), len(before))
	}
	for name, data := range before {
		if got, ok := after[name]; !ok {
			t.Errorf("%s: %s is gone", what, name)
		} else if !bytes.Equal(data, got) {
			t.Errorf("%s: %s changed", what, name)
		}
	}
}

// AreaCodesProject writes into dir a site whose areas are named in an Areas sheet and
// referred to by code, as a renamed area would be.
func AreaCodesProject(t testing.TB, dir string, essexName string, essexAmount any, note string) {
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

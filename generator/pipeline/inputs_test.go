package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fundsite/generator/diag"
	"fundsite/generator/workbook"
)

// linkedProject writes a small project whose workbook (data/funds.xlsx)
// and about page (content/about.md) are relative links to files kept
// elsewhere in the project, as the README allows: sources/funds.xlsx and
// notes/about.md. It returns the build's options.
func linkedProject(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"data", "content", "sources", "notes"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Test\"\nbase_url = \"https://example.org/\"\n")
	writeFile(t, filepath.Join(dir, "content", "_index.md"), "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n")
	writeAmount(t, filepath.Join(dir, "sources", "funds.xlsx"), 1234)
	writeFile(t, filepath.Join(dir, "notes", "about.md"), "+++\ntitle = \"About\"\n+++\n\nFirst words.\n")
	link(t, filepath.Join("..", "sources", "funds.xlsx"), filepath.Join(dir, "data", "funds.xlsx"))
	link(t, filepath.Join("..", "notes", "about.md"), filepath.Join(dir, "content", "about.md"))
	return Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
}

// writeAmount writes a workbook with one allocation of amount pounds.
func writeAmount(t *testing.T, path string, amount int) {
	t.Helper()
	err := workbook.Write(path, []workbook.SheetSpec{{
		Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"},
		Rows: [][]any{{"Test Fund", "2023/24", "Area A", amount}},
	}})
	if err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// published reads a file of the built site.
func published(t *testing.T, opts Options, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(opts.OutDir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestLinkedInputsAreReadAgain: a workbook or narrative that is a link to
// a file elsewhere in the project is an input like any other: after its
// target is edited, the rebuild publishes the new figure or words, rather
// than finding "nothing changed" and keeping the old.
func TestLinkedInputsAreReadAgain(t *testing.T) {
	tests := []struct {
		name       string
		edit       func(t *testing.T, dir string)
		file       string // the published file that shows the edit
		old, fresh string
	}{
		{"workbook", func(t *testing.T, dir string) {
			writeAmount(t, filepath.Join(dir, "sources", "funds.xlsx"), 5678)
		}, "data/allocations.csv", "1234", "5678"},
		{"narrative", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "notes", "about.md"), "+++\ntitle = \"About\"\n+++\n\nSecond words.\n")
		}, "about/index.html", "First words.", "Second words."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := linkedProject(t)
			if _, err := Build(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			if got := published(t, opts, tt.file); !strings.Contains(got, tt.old) {
				t.Fatalf("the first build's %s does not show %q:\n%.1000s", tt.file, tt.old, got)
			}
			tt.edit(t, filepath.Dir(opts.ConfigPath))
			res, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged {
				t.Errorf("the rebuild after editing the linked %s said: %s", tt.name, res)
			}
			got := published(t, opts, tt.file)
			if !strings.Contains(got, tt.fresh) || strings.Contains(got, tt.old) {
				t.Errorf("after editing the linked %s, %s shows the old %q, not %q:\n%.1000s", tt.name, tt.file, tt.old, tt.fresh, got)
			}
		})
	}
}

// TestWhatCannotBeAnInputIsRefused: what cannot be a workbook or a page is
// refused, naming it, on every build, including a rebuild that would
// otherwise find nothing changed; never skipped without a word.
func TestWhatCannotBeAnInputIsRefused(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, dir string)
		want string // in the message, after the file's name
	}{
		{"a folder named like a workbook", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "data", "x.xlsx"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, "data/x.xlsx: this is a folder, not a workbook"},
		{"a linked folder in content/", func(t *testing.T, dir string) {
			link(t, filepath.Join("..", "notes"), filepath.Join(dir, "content", "news"))
		}, "content/news: a link to the folder notes/: fundsite does not follow linked folders"},
		{"a linked folder in content/ outside the project", func(t *testing.T, dir string) {
			link(t, t.TempDir(), filepath.Join(dir, "content", "elsewhere"))
		}, "content/elsewhere: a link to /"},
		{"a FIFO in data/", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "data", "pipe.xlsx"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "data/pipe.xlsx: this is a named pipe (FIFO)"},
		{"a link to a FIFO in content/", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "notes", "pipe.md"), 0o644); err != nil {
				t.Fatal(err)
			}
			link(t, filepath.Join("..", "notes", "pipe.md"), filepath.Join(dir, "content", "pipe.md"))
		}, "content/pipe.md: it links to notes/pipe.md: this is a named pipe (FIFO)"},
		{"a link to a device in data/", func(t *testing.T, dir string) {
			link(t, "/dev/null", filepath.Join(dir, "data", "null.txt"))
		}, "data/null.txt: a link to /dev/null, outside the project"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := linkedProject(t)
			if _, err := Build(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			tt.make(t, filepath.Dir(opts.ConfigPath))
			// Twice: a failed build must not teach the next to skip it.
			for range 2 {
				res, err := Build(context.Background(), opts)
				var failure *diag.Failure
				if !errors.As(err, &failure) {
					t.Fatalf("build: %v (%v), want the problem reported at its file", err, res)
				}
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("build: %v\nwant %q", err, tt.want)
				}
			}
			if got := published(t, opts, "data/allocations.csv"); !strings.Contains(got, "1234") {
				t.Errorf("the published site changed:\n%s", got)
			}
		})
	}
}

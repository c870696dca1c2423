package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// TestWorkbookOutsideTheProjectIsNotRead: a workbook in data/ (or named by
// a [[source]]) that is a link out of the project is refused before it is
// opened, so none of its cells reaches a message: the refusal used to come
// with the workbook's own problems, quoting its cells.
func TestWorkbookOutsideTheProjectIsNotRead(t *testing.T) {
	elsewhere := t.TempDir()
	secret := filepath.Join(elsewhere, "private.xlsx")
	err := workbook.Write(secret, []workbook.SheetSpec{{
		Name:   "Allocations",
		Header: []string{"Fund", "Financial year", "Area", "Amount"},
		Rows:   [][]any{{"Test Fund", "2023/24", "Barnet", "salary of J. Smith: 41,000"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, toml := range []string{"", "[[source]]\nfile = \"private/pay.xlsx\"\nsheet = \"Allocations\"\n"} {
		dir := t.TempDir()
		link := filepath.Join(dir, "data", "funds.xlsx")
		if toml != "" {
			link = filepath.Join(dir, "private", "pay.xlsx")
		}
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(secret, link); err != nil {
			t.Fatal(err)
		}
		site := "title = \"Test\"\nbase_url = \"https://example.org/\"\n" + toml
		if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(site), 0o644); err != nil {
			t.Fatal(err)
		}
		opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
		_, err := Build(context.Background(), opts)
		if err == nil {
			t.Fatal("built from a workbook outside the project")
		}
		report := err.Error()
		if !strings.Contains(report, "a link to "+secret+", outside the project") {
			t.Errorf("the link is not refused:\n%s", report)
		}
		for _, cell := range []string{"J. Smith", "Barnet", "Test Fund"} {
			if strings.Contains(report, cell) {
				t.Errorf("a cell of the workbook outside the project, %q, is in the messages:\n%s", cell, report)
			}
		}
	}
}

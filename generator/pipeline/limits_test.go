package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// TestBuildRowBudget: the rows of all the workbooks are bounded together,
// not only sheet by sheet, and the build stops in the sheet that crosses
// the limit, naming it and the limit. Four workbooks of a million rows
// each (every one within the per-sheet limit) took 7.2 GB.
func TestBuildRowBudget(t *testing.T) {
	saved := workbook.MaxBuildRows
	workbook.MaxBuildRows = 50
	t.Cleanup(func() { workbook.MaxBuildRows = saved })
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		var rows [][]any
		for i := range 30 {
			rows = append(rows, []any{"ARF", "2023/24", fmt.Sprintf("Area %d %s", i, name), 1000 + i})
		}
		err := workbook.Write(filepath.Join(dir, "data", name), []workbook.SheetSpec{{Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: rows}})
		if err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Budget\"\nbase_url = \"https://budget.example/\"\n")
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	res, err := Build(context.Background(), opts)
	if err == nil {
		t.Fatal("a build past the limit on rows published")
	}
	report := res.Problems.Report(0)
	want := "data/b.xlsx: Allocations: the workbooks have more than 50 rows in all (the build limit), more than fundsite reads in one build: this sheet goes past row 19, all the sheets read before it left"
	if !strings.Contains(report, want) {
		t.Errorf("report:\n%s\nwant a line starting %s", report, want)
	}
	if strings.Contains(report, "a.xlsx:") {
		t.Errorf("the first workbook, within the limit, is blamed:\n%s", report)
	}
	if _, err := os.Stat(opts.OutDir); err == nil {
		t.Error("the build wrote its output folder")
	}
}

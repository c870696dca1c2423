package pipeline

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/publish"
	"fundsite/generator/synth"
)

// TestRebuildDoesOnlyWhatChanged: a rebuild renders only the pages whose
// inputs changed and rewrites exactly the files whose bytes changed, and
// what it publishes is byte for byte what a build from scratch would.
func TestRebuildDoesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Areas: 60, Funds: 2, Years: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	narratives, _ := filepath.Glob(filepath.Join(dir, "content", "areas", "*.md"))
	workbook := filepath.Join(dir, "data", "funding.xlsx")
	tests := []struct {
		name      string
		change    func(t *testing.T)
		unchanged bool // nothing the site is made from changed
		rendered  int  // pages rendered; -1: some, but not every one
	}{
		{"nothing changed", func(*testing.T) {}, true, 0},
		{"a file in data/ that no page shows", func(t *testing.T) {
			writeFile(t, filepath.Join(dir, "data", "notes.txt"), "Ask the funder about 2025/26.\n")
		}, false, 0},
		{"one area's narrative", func(t *testing.T) {
			appendTo(t, narratives[0], "\nOne more sentence for residents.\n")
		}, false, 1},
		{"one status cell", func(t *testing.T) {
			setCells(t, workbook, "Allocations", map[string]any{"G7": "published"})
		}, false, -1},
		{"one amount, and the fund's announced total with it", func(t *testing.T) {
			f, err := excelize.OpenFile(workbook)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			amount, _ := f.GetCellValue("Allocations", "F9", excelize.Options{RawCellValue: true})
			fund, _ := f.GetCellValue("Allocations", "A9")
			announced := ""
			row := 0
			for r := 2; ; r++ {
				name, _ := f.GetCellValue("Funds", "A"+itoa(r))
				if name == "" {
					break
				}
				if name == fund {
					announced, _ = f.GetCellValue("Funds", "E"+itoa(r), excelize.Options{RawCellValue: true})
					row = r
				}
			}
			if row == 0 {
				t.Fatalf("fund %q of Allocations!A9 is not in Funds", fund)
			}
			setCells(t, workbook, "Allocations", map[string]any{"F9": plus(t, amount, 1000)})
			setCells(t, workbook, "Funds", map[string]any{"E" + itoa(row): plus(t, announced, 1000)})
		}, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := readSite(t, opts.OutDir)
			tt.change(t)
			res, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged != tt.unchanged {
				t.Errorf("unchanged = %v, want %v", res.Unchanged, tt.unchanged)
			}
			switch {
			case tt.rendered >= 0 && res.Rendered != tt.rendered:
				t.Errorf("rendered %d pages, want %d", res.Rendered, tt.rendered)
			case tt.rendered < 0 && (res.Rendered == 0 || res.Rendered >= res.Pages):
				t.Errorf("rendered %d of %d pages, want some but not all", res.Rendered, res.Pages)
			}
			after := readSite(t, opts.OutDir)
			// A build from scratch of the changed project is the truth.
			fresh := Options{ConfigPath: opts.ConfigPath, OutDir: filepath.Join(t.TempDir(), "public"), DefaultTheme: opts.DefaultTheme}
			if _, err := Build(context.Background(), fresh); err != nil {
				t.Fatal(err)
			}
			truth := readSite(t, fresh.OutDir)
			for name, data := range truth {
				if name == "updates/index.html" || name == "updates/feed.xml" || name == "data/figures.json" {
					continue // from scratch there is no history to compare with
				}
				if !bytes.Equal(after[name], data) {
					t.Errorf("%s differs from a build from scratch", name)
					if os.Getenv("DEBUGDIFF") != "" {
						t.Logf("after:\n%.600s\ntruth:\n%.600s", after[name], data)
					}
				}
			}
			if len(after) != len(truth) {
				t.Errorf("%d files after the rebuild, %d from scratch", len(after), len(truth))
			}
			var changed []string
			for name, data := range after {
				if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
					changed = append(changed, name)
				}
			}
			slices.Sort(changed)
			if !slices.Equal(res.Changed, changed) {
				t.Errorf("rewrote %v\nwant exactly the files whose bytes changed: %v", res.Changed, changed)
			}
			t.Logf("rendered %d of %d pages; %d of %d files changed", res.Rendered, res.Pages, len(changed), len(after))
		})
	}
}

// readSite reads every file of a built site but its record of keys.
func readSite(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == publish.RecordFile {
			return nil
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	old, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, name, string(old)+text)
}

// setCells edits cells, as a comms team does in Excel.
func setCells(t *testing.T, name, sheet string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, v := range cells {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// plus adds pounds to an amount as a cell holds it.
func plus(t *testing.T, amount string, pounds float64) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSpace(amount), 64)
	if err != nil {
		t.Fatalf("amount %q: %v", amount, err)
	}
	return v + pounds
}

// TestFailedPreviewLeavesItAsItWas: the preview updates its folder in
// place, and a problem in an area's narrative is found only as the area
// pages are written. The pages made before it must not show until the
// whole build succeeds, and the record of keys must still describe the
// folder: undoing the edit must bring back the pages as they were.
func TestFailedPreviewLeavesItAsItWas(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Areas: 60, Funds: 2, Years: 2, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "preview"), DefaultTheme: os.DirFS("../../themes/default"), Preview: true, InPlace: true}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	before := readSite(t, opts.OutDir)
	narratives, _ := filepath.Glob(filepath.Join(dir, "content", "areas", "*.md"))
	if len(narratives) < 10 {
		t.Fatalf("%d area narratives", len(narratives))
	}
	originals := map[string][]byte{}
	for i, name := range narratives {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		originals[name] = data
		edit := "\nA sentence added to every page.\n"
		if i == len(narratives)/2 {
			edit = "\nA figure for an area that is not in the data: {{ sum area=\"Nowhere at all\" }}.\n"
		}
		appendTo(t, name, edit)
	}
	res, err := Build(context.Background(), opts)
	if err == nil || !strings.Contains(res.Problems.Report(20), `no area "Nowhere at all"`) {
		t.Fatalf("the build with a broken narrative: %v\n%s", err, res.Problems.Report(20))
	}
	after := readSite(t, opts.OutDir)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed though the build failed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s appeared though the build failed", name)
		}
	}

	for name, data := range originals {
		writeFile(t, name, string(data))
	}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	undone := readSite(t, opts.OutDir)
	for name, data := range before {
		if !bytes.Equal(undone[name], data) {
			t.Errorf("%s is not as it was once the edit was undone", name)
		}
	}
	if len(undone) != len(before) {
		t.Errorf("%d files once the edit was undone, %d before", len(undone), len(before))
	}
}

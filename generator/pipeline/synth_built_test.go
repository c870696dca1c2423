package pipeline_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/publish"
	"fundsite/generator/sitetest"
	"fundsite/generator/synth"
)

// synthProject writes a small synthetic project and returns its site.toml.
func synthProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	if err := synth.Write(dir, synth.Options{Areas: 30, Funds: 2, Years: 2, Seed: 1}); err != nil {
		t.Fatalf("synth: %v", err)
	}
	return filepath.Join(dir, "site.toml")
}

func buildInto(t *testing.T, config, out string) {
	t.Helper()
	sitetest.BuildInto(t, config, out)
}

// Area pages render on every core; the site must not depend on how many.
func TestBuildIsTheSameOnAnyNumberOfCores(t *testing.T) {
	config := synthProject(t)
	var sites []map[string][]byte
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		out := filepath.Join(t.TempDir(), "public")
		buildInto(t, config, out)
		runtime.GOMAXPROCS(old)
		sites = append(sites, sitetest.Snapshot(t, out))
	}
	if len(sites[0]) != len(sites[1]) {
		t.Fatalf("%d files on one core, %d on four", len(sites[0]), len(sites[1]))
	}
	for name, data := range sites[0] {
		if name == publish.RecordFile {
			continue // the build's bookkeeping, with each file's time: no page of the site
		}
		if !bytes.Equal(data, sites[1][name]) {
			t.Errorf("%s differs between one core and four", name)
		}
	}
}

// A rebuild over the published site writes only the files whose bytes
// change; the rest keep their inode (hard links from the old site), while
// the new site is still swapped in whole.
func TestRebuildRewritesOnlyChangedFiles(t *testing.T) {
	config := synthProject(t)
	dir := filepath.Dir(config)
	out := filepath.Join(dir, "public")
	narratives, _ := filepath.Glob(filepath.Join(dir, "content", "areas", "*.md"))
	narrative := narratives[0]
	slug := strings.TrimSuffix(filepath.Base(narrative), ".md")
	tests := []struct {
		name   string
		change func(t *testing.T)
		// want is the files rewritten; nil means "every page, and no more
		// downloads than the one area's and the site-wide ones".
		want []string
	}{
		{"nothing changed", func(*testing.T) {}, []string{}},
		{"one area's narrative", func(t *testing.T) {
			appendFile(t, narrative, "\nOne more sentence for residents.\n")
		}, []string{"areas/" + slug + "/index.html"}},
		{"one workbook cell", func(t *testing.T) {
			// The source address of one allocation: a total-preserving edit.
			setCell(t, filepath.Join(dir, "data", "funding.xlsx"), "Allocations", "I5", "https://www.gov.uk/government/publications/revised")
		}, nil},
	}
	buildInto(t, config, out)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := inodes(t, out)
			tt.change(t)
			buildInto(t, config, out)
			after := inodes(t, out)
			var rewritten []string
			for name, info := range after {
				if name == publish.RecordFile {
					continue // the build's own record of what each file was made from
				}
				if old, ok := before[name]; !ok || !os.SameFile(old, info) {
					rewritten = append(rewritten, filepath.ToSlash(name))
				}
			}
			slices.Sort(rewritten)
			if tt.want != nil {
				if !slices.Equal(rewritten, tt.want) {
					t.Errorf("rewrote %d files %v, want %v", len(rewritten), firstFew(rewritten), tt.want)
				}
				return
			}
			// Pages and downloads cite the version of their own figures, so
			// the pages and CSVs of areas the cell is not about stay put.
			csvs := 0
			for _, name := range rewritten {
				if strings.HasPrefix(name, "areas/") && strings.HasSuffix(name, ".csv") {
					csvs++
				}
			}
			if csvs > 1 || len(rewritten) >= len(after)/4 {
				t.Errorf("rewrote %d of %d files, %d of them area CSVs (want at most one): %v", len(rewritten), len(after), csvs, firstFew(rewritten))
			}
			t.Logf("a one-cell change rewrote %d of %d files", len(rewritten), len(after))
		})
	}
}

func firstFew(names []string) []string { return names[:min(len(names), 12)] }

func inodes(t *testing.T, root string) map[string]os.FileInfo {
	t.Helper()
	files := map[string]os.FileInfo{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Stat(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = info
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatal(err)
	}
}

// setCell edits one cell, as a comms team does in Excel.
func setCell(t *testing.T, name, sheet, cell string, value any) {
	t.Helper()
	f, err := excelize.OpenFile(name)
	if err == nil {
		err = f.SetCellValue(sheet, cell, value)
	}
	if err == nil {
		err = f.Save()
	}
	if err != nil {
		t.Fatal(err)
	}
}

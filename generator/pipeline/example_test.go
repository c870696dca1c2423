package pipeline_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/publish"
	"fundsite/generator/sitetest"
)

func readPage(t *testing.T, out, page string) string {
	t.Helper()
	return sitetest.ReadPage(t, out, page)
}

// buildExample builds the example project in dir into out.
func buildExample(t *testing.T, dir, out string) {
	t.Helper()
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := sitetest.Example(t)
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	buildExample(t, dir, a)
	buildExample(t, dir, b)
	filesA, filesB := sitetest.Snapshot(t, a), sitetest.Snapshot(t, b)
	if _, ok := filesA[filepath.FromSlash("funds/accelerating-reform-fund/chart-arf-2023-24-areas.csv")]; !ok {
		t.Error("the build has no chart files to compare")
	}
	if len(filesA) != len(filesB) {
		t.Fatalf("%d files vs %d", len(filesA), len(filesB))
	}
	for name, data := range filesA {
		if name == publish.RecordFile {
			continue // the build's bookkeeping, with each file's time: no page of the site
		}
		if !bytes.Equal(data, filesB[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestFailedBuildLeavesPreviousSite(t *testing.T) {
	dir := sitetest.Example(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	before := sitetest.Snapshot(t, out)

	if err := os.WriteFile(filepath.Join(dir, "data", "adult-social-care.xlsx"), []byte("area,amount\nKent,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sitetest.BuildOut(filepath.Join(dir, "site.toml"), out)
	if err == nil {
		t.Fatal("build of a broken workbook succeeded")
	}
	if stderr := err.Error(); !strings.Contains(stderr, "data/adult-social-care.xlsx") || !strings.Contains(stderr, "text file") {
		t.Errorf("error does not name the file and what is wrong: %s", stderr)
	}
	after := sitetest.Snapshot(t, out)
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

func TestCheckReportsBrokenFigures(t *testing.T) {
	tests := []struct {
		name       string
		file, edit string // replace the first line containing edit's key
		old        string
		want       []string
	}{
		{
			name: "expect in markdown",
			file: "content/areas/mid-and-south-essex.md",
			old:  `expect="£530,000"`, edit: `expect="£540,000"`,
			want: []string{`content/areas/mid-and-south-essex.md:7:63:`, `expect="£540,000" but the figure is "£530,000"`},
		},
		{
			name: "expect of a named figure",
			file: "site.toml",
			old:  `expect = "£42.6m"`, edit: `expect = "£42m"`,
			want: []string{`site.toml:`, `expect="£42m" but the figure is "£42.6m"`},
		},
		{
			name: "area typo",
			file: "content/funds/accelerating-reform-fund.md",
			old:  `{{ min year="2023/24" }}`, edit: `{{ min year="2023/24" area="Mid and South Esex" }}`,
			want: []string{`content/funds/accelerating-reform-fund.md:`, `no area "Mid and South Esex" in the data (did you mean "Mid and South Essex"?)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.Example(t)
			path := filepath.Join(dir, filepath.FromSlash(tt.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tt.old) {
				t.Fatalf("%s no longer contains %s", tt.file, tt.old)
			}
			if err := os.WriteFile(path, []byte(strings.Replace(string(data), tt.old, tt.edit, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = sitetest.CheckOut(filepath.Join(dir, "site.toml"))
			if err == nil {
				t.Fatal("check passed with a broken figure")
			}
			stderr := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("check output lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

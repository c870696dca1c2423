package serve

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fundsite/generator/example"
)

// copyExample copies the bundled example project (site.toml, data/,
// content/) into a temporary folder.
func copyExample(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	for _, src := range []string{"site.toml", "data", "content"} {
		err := filepath.WalkDir(filepath.Join("..", "..", src), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(filepath.Join("..", ".."), p)
			if err != nil {
				return err
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkSaveToReload measures what a comms team waits for: from saving
// a file in the example project to the reload event reaching a page. It
// includes the debounce. Run with -benchtime=15x; the median is reported
// as ms-median (the mean, ns/op, is skewed by the odd slow rebuild).
func BenchmarkSaveToReload(b *testing.B) {
	b.Run("markdown", func(b *testing.B) {
		dir := copyExample(b)
		path := filepath.Join(dir, "content", "about.md")
		original, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		measure(b, dir, false, func(i int) {
			if err := os.WriteFile(path, append(original, []byte("\nEdit "+string(rune('a'+i%26))+".\n")...), 0o644); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("workbook", func(b *testing.B) {
		dir := copyExample(b)
		path := filepath.Join(dir, filepath.FromSlash(example.WorkbookName))
		original, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		// Swapping two areas' amounts changes their pages but keeps every
		// total, so each save builds. Save as Excel does: a temporary file
		// renamed over the workbook.
		versions := [][]byte{swapAmounts(b, original), original}
		tmp := filepath.Join(dir, "data", "8A3B2C00")
		measure(b, dir, true, func(i int) {
			if err := os.WriteFile(tmp, versions[i%2], 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// measure times b.N saves, each to its reload event. Every rebuild must
// succeed, and read the workbooks again exactly when wantRead says so.
func measure(b *testing.B, dir string, wantRead bool, save func(i int)) {
	p := start(b, dir)
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		save(i)
		p.nextBuild(b)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	if strings.Contains(p.stderr.String(), "fundsite:") {
		b.Fatalf("a rebuild failed:\n%s", p.stderr)
	}
	builds := strings.Split(strings.TrimSpace(p.stdout.String()), "\n")
	for _, line := range builds[2:] { // after the first build and the address
		if reused := strings.Contains(line, "not read again"); reused == wantRead {
			b.Fatalf("rebuild read the workbooks: %t, want %t: %s", !reused, wantRead, line)
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}

// swapAmounts is the example workbook with the first two allocations'
// amounts (cells H4 and H5 of Allocations, the first sheet) swapped, edited
// in place as Excel would save it.
func swapAmounts(b *testing.B, xlsx []byte) []byte {
	r, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			b.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			h4, h5 := cellValue.FindSubmatch(data), cellValue.FindAllSubmatch(data, 2)[1]
			if h4 == nil || string(h4[1]) != "H4" || string(h5[1]) != "H5" {
				b.Fatal("the example's first amounts are not in H4 and H5")
			}
			data = bytes.Replace(data, h4[0], []byte(strings.Replace(string(h4[0]), string(h4[2]), string(h5[2]), 1)), 1)
			data = bytes.Replace(data, h5[0], []byte(strings.Replace(string(h5[0]), string(h5[2]), string(h4[2]), 1)), 1)
		}
		fw, err := w.Create(f.Name)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

var cellValue = regexp.MustCompile(`<c r="(H\d+)"[^>]*><v>(\d+)</v></c>`)

package pipeline_test

// Benchmarks for each stage of a build, on synthetic projects. They only run
// with -bench; the project is generated on first use, never in plain tests.
//
//	go test -run '^$' -bench . ./generator/pipeline                   # small
//	go test -run '^$' -bench . ./generator/pipeline -size medium,large
//
// scripts/bench.sh times the compiled binary end to end instead.

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/ingest"
	"fundsite/generator/pipeline"
	"fundsite/generator/synth"
	"fundsite/generator/workbook"
)

var sizes = flag.String("size", "small", "comma-separated synthetic sizes to benchmark: small, medium, large, grants, AREASxFUNDSxYEARS such as 200x10x10, or a grant list AREASxFUNDSxYEARSgGRANTS such as 1000x5x2g10000")

// theme is the repository's default theme, read from disk as main embeds it.
var theme = os.DirFS(filepath.Join("..", "..", "themes", "default"))

var projects = map[string]string{} // size name to project folder, made once per run

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, dir := range projects {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// eachSize runs fn as a sub-benchmark per size asked for, with the
// project's folder.
func eachSize(b *testing.B, fn func(b *testing.B, dir string, o synth.Options)) {
	for _, name := range strings.Split(*sizes, ",") {
		o, ok := synth.SizeNamed(name)
		if n, _ := fmt.Sscanf(name, "%dx%dx%dg%d", &o.Areas, &o.Funds, &o.Years, &o.Grants); n >= 3 {
			ok = true
		}
		if !ok {
			b.Fatalf("unknown size %q", name)
		}
		b.Run(name, func(b *testing.B) {
			dir, ok := projects[name]
			if !ok {
				var err error
				if dir, err = os.MkdirTemp("", "fundsite-bench-"+name+"-"); err != nil {
					b.Fatal(err)
				}
				if err := synth.Write(dir, o); err != nil {
					b.Fatal(err)
				}
				projects[name] = dir
			}
			fn(b, dir, o)
		})
	}
}

func loadConfig(b *testing.B, dir string) *config.Config {
	cfg, err := config.Load(filepath.Join(dir, "site.toml"))
	if err != nil {
		b.Fatal(err)
	}
	return cfg
}

// perSecond reports throughput beside ns/op.
func perSecond(b *testing.B, n int, unit string) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), unit+"/s")
}

// pages is how many pages a synthetic project has: a page per area and
// fund, home, areas, about, data, updates and accessibility, and past 400
// areas the finder's pages by first letters (one at least).
func pages(o synth.Options) int {
	n := o.Areas + o.Funds + 6
	if o.Areas > 400 {
		n++ // at least; checked as at least
	}
	return n
}

func BenchmarkReadWorkbook(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		for b.Loop() {
			w, err := workbook.Open(filepath.Join(dir, synth.WorkbookName), synth.WorkbookName, workbook.DefaultLimits)
			if err != nil {
				b.Fatal(err)
			}
			for _, sheet := range w.Sheets() {
				if _, err := w.Read(sheet); err != nil {
					b.Fatal(err)
				}
			}
			w.Close()
		}
		perSecond(b, o.Rows(), "rows")
	})
}

// BenchmarkLoad is reading plus validating and indexing: ingest.Load.
func BenchmarkLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		cfg := loadConfig(b, dir)
		for b.Loop() {
			if _, problems := ingest.Load(cfg); problems.HasErrors() {
				b.Fatal(problems.Report(5))
			}
		}
		perSecond(b, o.Rows(), "rows")
	})
}

// BenchmarkCheck reads, checks and renders everything, writing nothing.
func BenchmarkCheck(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		opts := pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(b.TempDir(), "public"), DefaultTheme: theme}
		for b.Loop() {
			if _, err := pipeline.Check(context.Background(), opts); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b, pages(o), "pages")
	})
}

// BenchmarkBuild is the whole flow, as "fundsite build" runs it.
func BenchmarkBuild(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		opts := pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(b.TempDir(), "public"), DefaultTheme: theme}
		for b.Loop() {
			res, err := pipeline.Build(context.Background(), opts)
			if err != nil {
				b.Fatal(err)
			}
			if res.Pages < pages(o) {
				b.Fatalf("built %d pages, want %d at least", res.Pages, pages(o))
			}
		}
		perSecond(b, o.Rows(), "rows")
		perSecond(b, pages(o), "pages")
	})
}

// BenchmarkPreviewEdit is what the preview does when a narrative is saved:
// an update of its site where it stands, with the workbooks' data kept from
// before. For issue 22's target, a narrative edit shown within a second on
// a 1,000-area site:
//
//	go test -run '^$' -bench PreviewEdit ./generator/pipeline -size 1000x5x2
func BenchmarkPreviewEdit(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		models := &pipeline.ModelCache{}
		opts := pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), DefaultTheme: theme, Models: models, Preview: true, InPlace: true,
			OutDir: filepath.Join(b.TempDir(), "site")}
		if _, err := pipeline.Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
		narratives, _ := filepath.Glob(filepath.Join(dir, "content", "areas", "*.md"))
		n := 0
		for b.Loop() {
			n++
			f, err := os.OpenFile(narratives[0], os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			fmt.Fprintf(f, "\nEdit %d.\n", n)
			f.Close()
			res, err := pipeline.Build(context.Background(), opts)
			if err != nil {
				b.Fatal(err)
			}
			if res.Rendered != 1 {
				b.Fatalf("rendered %d pages for one narrative's edit", res.Rendered)
			}
		}
	})
}

// BenchmarkRebuildUnchanged is "fundsite build" run again with nothing
// changed: it checks the inputs and the published site against the
// site's record, and publishes nothing.
func BenchmarkRebuildUnchanged(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		opts := pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(b.TempDir(), "public"), DefaultTheme: theme}
		if _, err := pipeline.Build(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			res, err := pipeline.Build(context.Background(), opts)
			if err != nil {
				b.Fatal(err)
			}
			if !res.Unchanged {
				b.Fatal("a rebuild with nothing changed built the site again")
			}
		}
	})
}

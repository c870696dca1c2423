package build_test

// Benchmarks for each stage of a build, on synthetic projects. They only run
// with -bench; the project is generated on first use, never in plain tests.
//
//	go test -run '^$' -bench . ./generator/build                   # small
//	go test -run '^$' -bench . ./generator/build -size medium,large
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

	"fundsite/generator/build"
	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
	"fundsite/generator/publish"
	"fundsite/generator/site"
	"fundsite/generator/synth"
	"fundsite/generator/workbook"
)

var sizes = flag.String("size", "small", "comma-separated synthetic sizes to benchmark: small, medium, large, or AREASxFUNDSxYEARS such as 200x10x10")

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
		if n, _ := fmt.Sscanf(name, "%dx%dx%d", &o.Areas, &o.Funds, &o.Years); n == 3 {
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

func pages(o synth.Options) int { return o.Areas + o.Funds + 6 } // + home, areas, about, data, updates, accessibility

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

// BenchmarkLoad is reading plus validating and indexing: model.Load.
func BenchmarkLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		cfg := loadConfig(b, dir)
		for b.Loop() {
			if _, problems := model.Load(cfg); problems.HasErrors() {
				b.Fatal(problems.Report(5))
			}
		}
		perSecond(b, o.Rows(), "rows")
	})
}

func renderInput(b *testing.B, dir string) site.Input {
	cfg := loadConfig(b, dir)
	data, problems := model.Load(cfg)
	renderer := narrative.NewRenderer(narrative.Options{}, narrative.Figures(figures.New(data, cfg, problems)))
	pages := narrative.Load(os.DirFS(filepath.Join(dir, "content")), renderer, problems)
	if problems.HasErrors() {
		b.Fatal(problems.Report(5))
	}
	return site.Input{Config: cfg, Data: data, Pages: pages, Theme: theme, Version: "bench"}
}

func BenchmarkRender(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		in := renderInput(b, dir)
		for b.Loop() {
			if _, err := site.Render(in, &diag.List{}); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b, pages(o), "pages")
	})
}

// BenchmarkPublish writes every file and swaps it in over the previous
// build, as a rebuild does.
func BenchmarkPublish(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		outputs, err := site.Render(renderInput(b, dir), &diag.List{})
		if err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			err := publish.Publish(context.Background(), out, func(stage publish.Stage) error { return site.Write(stage.Dir, outputs) })
			if err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b, pages(o), "pages")
	})
}

// BenchmarkBuild is the whole flow, as "fundsite build" runs it.
func BenchmarkBuild(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string, o synth.Options) {
		opts := build.Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(b.TempDir(), "public"), DefaultTheme: theme}
		for b.Loop() {
			res, err := build.Build(context.Background(), opts)
			if err != nil {
				b.Fatal(err)
			}
			if res.Pages != pages(o) {
				b.Fatalf("built %d pages, want %d", res.Pages, pages(o))
			}
		}
		perSecond(b, o.Rows(), "rows")
		perSecond(b, pages(o), "pages")
	})
}

// Package build runs the whole flow: config, workbooks, model, narratives,
// pages, and (for build, not check) an atomic publish.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/history"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
	"fundsite/generator/publish"
	"fundsite/generator/site"
)

// Options say what to build and where.
type Options struct {
	ConfigPath string
	OutDir     string
	// DefaultTheme is the embedded theme, used when the project has no
	// themes/<name>/ folder of its own.
	DefaultTheme fs.FS
	// Previous is the figures manifest of the last published build; ""
	// means OutDir's data/figures.json, if there is one.
	Previous string
	// FetchPrevious, when there is no previous manifest on disk, fetches
	// the one the live site published (base_url + data/figures.json), as
	// a build on Netlify starts without the last build.
	FetchPrevious bool
	// Models, when set, reuses the dataset while the workbooks are unchanged.
	Models *ModelCache
	// Preview builds (serve's) publish nothing for readers, so they leave
	// the project's record of published addresses alone.
	Preview bool
}

// Result summarises a build for the terminal.
type Result struct {
	Workbooks int
	Rows      int
	Pages     int
	Files     int
	Duration  time.Duration
	// ReusedData says the workbooks were unchanged and not read again.
	ReusedData bool
	// Problems holds warnings (and, on failure, errors) to show the user.
	Problems *diag.List
	// addressFile and addresses are the record of addresses to save once
	// the site is published.
	addressFile string
	addresses   []history.Address
	// Changes are the published figures this build changes, adds or
	// removes, compared with the previous build.
	Changes []history.Change
	// First is true when there was no previous build to compare with.
	First bool
	// Checked says nothing was written (Check): the pages and files are
	// what a build would write.
	Checked bool
	// Fetched is the live site's address of the manifest compared with,
	// when it was fetched rather than read from disk.
	Fetched string
	started time.Time
}

func (r *Result) String() string {
	if r.Checked {
		return fmt.Sprintf("read %d workbook(s), %d rows; would write %d pages (%d files); checked in %s",
			r.Workbooks, r.Rows, r.Pages, r.Files, r.Duration.Round(time.Millisecond))
	}
	return fmt.Sprintf("read %d workbook(s), %d rows; wrote %d pages (%d files) in %s",
		r.Workbooks, r.Rows, r.Pages, r.Files, r.Duration.Round(time.Millisecond))
}

// Check reads and validates everything and renders; it writes nothing.
func Check(ctx context.Context, opts Options) (*Result, error) {
	res, in, err := prepare(ctx, opts)
	res.Checked = true
	if err != nil {
		return res, err
	}
	return res, render(res, in, func(site.Output) error { return nil })
}

// Build renders the site and publishes it atomically into opts.OutDir:
// files are written into a staging folder as they are rendered, and a
// build with any error leaves opts.OutDir as it was.
func Build(ctx context.Context, opts Options) (*Result, error) {
	res, in, err := prepare(ctx, opts)
	if err != nil {
		return res, err
	}
	err = publish.Publish(ctx, opts.OutDir, func(dir string) error {
		return render(res, in, site.NewWriter(dir, opts.OutDir).Write)
	})
	if err != nil {
		return res, err
	}
	if opts.Preview {
		return res, nil
	}
	// The site is out by now, so a failure here must not say otherwise.
	if err := history.WriteAddresses(res.addressFile, res.addresses); err != nil {
		res.Problems.Warnf(diag.Loc{File: AddressFile}, "the site is published, but the record of its addresses could not be saved, so a later rename may lose a redirect: %v", err)
	}
	return res, nil
}

// render renders the site, handing each file to emit, and counts them. Any
// problem the rendering finds (a narrative naming an unknown area) fails it.
func render(res *Result, in site.Input, emit func(site.Output) error) error {
	var mu sync.Mutex
	err := site.RenderTo(in, res.Problems, func(o site.Output) error {
		mu.Lock()
		res.Files++
		if filepath.Base(o.Path) == "index.html" {
			res.Pages++
		}
		mu.Unlock()
		return emit(o)
	})
	if err != nil {
		return err
	}
	if err := res.Problems.Err(); err != nil {
		return err
	}
	res.Duration = time.Since(res.started)
	return nil
}

// prepare reads and checks everything the pages are made from.
func prepare(ctx context.Context, opts Options) (*Result, site.Input, error) {
	res := &Result{Problems: &diag.List{}, started: time.Now()}
	cfg, err := config.Load(opts.ConfigPath)
	if err != nil {
		return res, site.Input{}, err
	}
	data, problems, reused := opts.Models.load(cfg)
	res.Problems.Merge(problems)
	res.ReusedData = reused
	res.Workbooks, res.Rows = len(data.Files), len(data.Allocations)
	figs := figures.New(data, cfg, res.Problems)
	renderer := narrative.NewRenderer(narrative.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}, narrative.Figures(figs), narrative.Charts(figs, data))
	pages := narrative.Load(contentFS(cfg), renderer, res.Problems)
	if err := res.Problems.Err(); err != nil {
		return res, site.Input{}, err
	}
	figs.Check(res.Problems)
	if err := ctx.Err(); err != nil {
		return res, site.Input{}, fmt.Errorf("build interrupted: %w", err)
	}
	theme, err := themeFS(cfg, opts.DefaultTheme)
	if err != nil {
		return res, site.Input{}, err
	}
	version, err := dataVersion(data.Files)
	if err != nil {
		return res, site.Input{}, err
	}
	past, err := remember(ctx, cfg, opts, data, version, append(site.Figures(data), namedFigures(cfg, figs)...), res)
	if err != nil {
		return res, site.Input{}, err
	}
	return res, site.Input{Config: cfg, Data: data, Pages: pages, Theme: theme, Version: version, History: past}, nil
}

// contentFS is content/, or nil when the project has none.
func contentFS(cfg *config.Config) fs.FS {
	dir := cfg.Path("content")
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	return os.DirFS(dir)
}

// themeFS finds the theme like Hugo does: the project's own themes/<name>/
// first, then the embedded default.
func themeFS(cfg *config.Config, embedded fs.FS) (fs.FS, error) {
	dir := cfg.Path(filepath.Join("themes", cfg.Theme))
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return os.DirFS(dir), nil
	}
	if cfg.Theme == "default" && embedded != nil {
		return embedded, nil
	}
	return nil, errors.New(cfg.File + ": theme " + cfg.Theme + ": no folder themes/" + cfg.Theme + " in the project")
}

// dataVersion is a short hash of the input workbooks, so two citations of
// the site can be compared.
func dataVersion(files []string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, r)
		r.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// AddressFile is the project's record of every area address it has
// published, kept beside the workbooks and committed with them.
const AddressFile = "data/addresses.json"

// remember compares this build's figures with the previous build's and
// works out the addresses to keep redirecting.
func remember(ctx context.Context, cfg *config.Config, opts Options, data *model.Dataset, version string, published []history.Figure, res *Result) (*history.Manifest, error) {
	prevPath := opts.Previous
	if prevPath == "" {
		prevPath = filepath.Join(opts.OutDir, "data", "figures.json")
	}
	prev, err := history.Read(prevPath)
	if err != nil {
		return nil, err
	}
	if prev == nil && opts.FetchPrevious {
		prev = fetchPrevious(ctx, cfg, res)
	}
	res.addressFile = cfg.Path(AddressFile)
	record, err := history.ReadAddresses(res.addressFile)
	if err != nil {
		return nil, err
	}
	cur := history.Manifest{DataAsAt: cfg.DataAsAt, Version: version, Figures: published}
	var prevAreas []history.Address
	if prev != nil {
		prevAreas = prev.Areas
	}
	cur.Areas = history.MergeAddresses(site.Addresses(data), record, prevAreas)
	next, changes := history.Next(prev, cur)
	res.Changes, res.First, res.addresses = changes, prev == nil, next.Areas
	return &next, nil
}

// fetchPrevious fetches the live site's manifest, or says in a warning
// why it could not: the build goes on, but cannot say what changed, and
// the updates history it publishes starts again.
func fetchPrevious(ctx context.Context, cfg *config.Config, res *Result) *history.Manifest {
	at := diag.Loc{File: cfg.File}
	const consequence = "so this build cannot say what changed, and its updates page starts again as a first publication"
	if !strings.HasPrefix(cfg.BaseURL, "http://") && !strings.HasPrefix(cfg.BaseURL, "https://") {
		res.Problems.Warnf(at, "--fetch-previous needs base_url, the live site's address, to fetch its published figures; %s", consequence)
		return nil
	}
	url := cfg.BaseURL + "data/figures.json"
	prev, err := history.Fetch(ctx, url)
	if err != nil {
		res.Problems.Warnf(at, "could not fetch the published figures from %s (%v), %s", url, err, consequence)
		return nil
	}
	res.Fetched = url
	return prev
}

// namedFigures are site.toml's named figures: the ones press releases
// quote, so a change to any of them is listed too.
func namedFigures(cfg *config.Config, figs *figures.Set) []history.Figure {
	var out []history.Figure
	for _, name := range slices.Sorted(maps.Keys(cfg.Figures)) {
		call := figures.Call{Name: figures.NamedCall, Positional: []figures.Arg{{Value: name}}}
		// Check has already evaluated each one, so this cannot fail.
		fig, ok := figs.Eval(call, figures.Context{}, &diag.List{})
		if ok {
			out = append(out, history.Figure{Key: "site.toml#" + name, Label: "Figure " + name + " in site.toml", Text: fig.Text, Status: fig.Status().String()})
		}
	}
	return out
}

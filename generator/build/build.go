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
	"path"
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
	"fundsite/generator/urls"
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
	First   bool
	started time.Time
	// project is the project folder, open while the build reads it.
	project projectFS
}

// done closes what the build had open.
func (r *Result) done() {
	if r.project.root != nil {
		r.project.root.Close()
	}
}

func (r *Result) String() string {
	return fmt.Sprintf("read %d workbook(s), %d rows; wrote %d pages (%d files) in %s",
		r.Workbooks, r.Rows, r.Pages, r.Files, r.Duration.Round(time.Millisecond))
}

// Check reads and validates everything and renders; it writes nothing.
func Check(ctx context.Context, opts Options) (*Result, error) {
	res, in, err := prepare(ctx, opts)
	defer res.done()
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
	defer res.done()
	if err != nil {
		return res, err
	}
	if err := checkOut(in.Config, opts.OutDir); err != nil {
		return res, err
	}
	err = publish.Publish(ctx, opts.OutDir, func(stage publish.Stage) error {
		w := site.NewWriter(stage.Dir, opts.OutDir)
		return render(res, in, func(o site.Output) error {
			return stage.Save(func() error { return w.Write(o) })
		})
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
	if res.project, err = openProject(cfg); err != nil {
		return res, site.Input{}, err
	}
	checkLinksStayInside(cfg, res.Problems)
	if cfg.BaseURL == "" && !opts.Preview {
		res.Problems.Errorf(diag.Loc{File: cfg.File}, "%v", urls.CheckBase(""))
	}
	data, problems, reused := opts.Models.load(cfg)
	res.Problems.Merge(problems)
	model.CheckNames(data, res.Problems)
	model.CheckLinks(data, res.Problems)
	res.ReusedData = reused
	res.Workbooks, res.Rows = len(data.Files), len(data.Allocations)
	figs := figures.New(data, cfg, res.Problems)
	renderer := narrative.NewRenderer(narrative.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}, narrative.Figures(figs), narrative.Charts(figs, data))
	pages := narrative.Load(res.project.sub("content"), renderer, res.Problems)
	if err := res.Problems.Err(); err != nil && !onlyInContent(res.Problems) {
		return res, site.Input{}, err
	}
	figs.Check(res.Problems)
	if err := ctx.Err(); err != nil {
		return res, site.Input{}, fmt.Errorf("build interrupted: %w", err)
	}
	theme, err := themeFS(cfg, res.project, opts.DefaultTheme)
	if err != nil {
		return res, site.Input{}, err
	}
	version, err := dataVersion(data.Files)
	if err != nil {
		return res, site.Input{}, err
	}
	past, err := remember(cfg, opts, data, version, append(site.Figures(data), namedFigures(cfg, figs)...), res)
	if err != nil {
		return res, site.Input{}, err
	}
	in := site.Input{Config: cfg, Data: data, Pages: pages, Theme: theme, Version: version, History: past}
	if res.Problems.HasErrors() {
		// Only the pages have problems, and the data is whole: render
		// them, writing nothing, so that a mistake in one figure on a
		// page does not hide the other figures' problems.
		_ = render(res, in, func(site.Output) error { return nil })
		return res, site.Input{}, res.Problems.Err()
	}
	return res, in, nil
}

// onlyInContent reports whether every error so far is in a page under
// content/, so the data and settings are sound.
func onlyInContent(problems *diag.List) bool {
	for _, d := range problems.Errors() {
		if !strings.HasPrefix(d.Loc.File, "content/") {
			return false
		}
	}
	return true
}

// themeFS finds the theme like Hugo does: the project's own themes/<name>/
// first, then the embedded default.
func themeFS(cfg *config.Config, project projectFS, embedded fs.FS) (fs.FS, error) {
	if theme := project.sub(path.Join("themes", cfg.Theme)); theme != nil {
		return theme, nil
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
func remember(cfg *config.Config, opts Options, data *model.Dataset, version string, published []history.Figure, res *Result) (*history.Manifest, error) {
	prevPath := opts.Previous
	if prevPath == "" {
		prevPath = filepath.Join(opts.OutDir, "data", "figures.json")
	}
	prev, err := history.Read(prevPath)
	if err != nil {
		return nil, err
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
	for _, a := range cur.Areas {
		// CheckNames has refused bad codes at their cells; this is the
		// last look before they reach _redirects.
		if err := a.Check(); err != nil {
			return nil, fmt.Errorf("area address: %w", err)
		}
	}
	next, changes := history.Next(prev, cur)
	res.Changes, res.First, res.addresses = changes, prev == nil, next.Areas
	return &next, nil
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

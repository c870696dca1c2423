// Package build runs the whole flow: config, workbooks, model, narratives,
// pages, and (for build, not check) an atomic publish.
package pipeline

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
	"sync/atomic"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/history"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
	"fundsite/generator/pages"
	"fundsite/generator/parallel"
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
	// FetchPrevious, when there is no previous manifest on disk, fetches
	// the one the live site published (base_url + data/figures.json), as
	// a build on Netlify starts without the last build.
	FetchPrevious bool
	// InPlace updates OutDir where it stands, making and writing only
	// what changed, rather than staging a whole new site and swapping it
	// in (publish.NewUpdateWriter): the preview's way, as no reader sees
	// a preview half-written. Never for a site that is published.
	InPlace bool

	digests *fileDigests // for one build (Build sets it)
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
	// Rendered counts the pages rendered; the others were unchanged and
	// taken from the last build as they were. Unchanged says nothing the
	// site is made from changed, so nothing was built or published.
	Rendered  int
	Unchanged bool
	// Changed lists the files whose bytes this build changed or added.
	Changed []string
	// Repaired says what the build put right in the site it replaced
	// (files deleted, altered or linked there since it was published).
	Repaired string
	// Checked says nothing was written (Check): the pages and files are
	// what a build would write.
	Checked bool
	// Fetched is the live site's address of the manifest compared with,
	// when it was fetched rather than read from disk.
	Fetched string
	// project is the project folder, open while the build reads it.
	project projectFS
	// Phases are how long each step took, in order, for --timings.
	Phases []Phase
	lapped time.Time
}

// Phase is how long one step of a build took.
type Phase struct {
	Name string
	Took time.Duration
}

// lap ends a phase of the build, which began when the last ended.
func (r *Result) lap(name string) {
	now := time.Now()
	r.Phases = append(r.Phases, Phase{name, now.Sub(r.lapped)})
	r.lapped = now
}

// timed notes how long the build took since start.
func (r *Result) timed(start time.Time) { r.Duration = time.Since(start) }

// started begins the first phase of a build that began at start.
func (r *Result) started(start time.Time) *Result { r.lapped = start; return r }

// done closes what the build had open.
func (r *Result) done() {
	if r.project.root != nil {
		r.project.root.Close()
	}
}

func (r *Result) String() string {
	if r.Unchanged {
		return fmt.Sprintf("nothing the site is made from has changed since the last build, so it was left as it is (%s)", r.Duration.Round(time.Millisecond))
	}
	if r.Checked {
		return fmt.Sprintf("read %d workbook(s), %d rows; would write %d pages (%d files); checked in %s",
			r.Workbooks, r.Rows, r.Pages, r.Files, r.Duration.Round(time.Millisecond))
	}
	rendered := "every page rendered"
	if r.Rendered < r.Pages {
		rendered = fmt.Sprintf("%d pages rendered, the rest unchanged", r.Rendered)
	}
	return fmt.Sprintf("read %d workbook(s), %d rows; wrote %d pages (%d files; %s) in %s",
		r.Workbooks, r.Rows, r.Pages, r.Files, rendered, r.Duration.Round(time.Millisecond))
}

// Check reads and validates everything and renders; it writes nothing.
func Check(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	res, pl, err := prepare(ctx, opts, start)
	res.Checked = true
	defer res.done()
	defer res.timed(start)
	if err != nil {
		return res, err
	}
	return res, render(ctx, res, pl, discard{})
}

// discard takes a check's files and keeps none.
type discard struct{}

func (discard) Reuse(string, string) bool          { return false }
func (discard) Write(string, []byte, string) error { return nil }
func (discard) WriteStream(_, _ string, write func(io.Writer) error) error {
	return write(io.Discard) // made, so its errors are found
}

// Build renders the site and publishes it atomically into opts.OutDir:
// files are written into a staging folder as they are rendered, and a
// build with any error leaves opts.OutDir as it was.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	opts.digests = &fileDigests{}
	if res, ok := unchanged(opts); ok && publishedIntact(opts) {
		res.timed(start)
		return res, nil
	}
	checked := time.Now()
	res, pl, err := prepare(ctx, opts, checked)
	res.Phases = slices.Insert(res.Phases, 0, Phase{"check whether anything changed", checked.Sub(start)})
	defer res.done()
	// The whole wait, swapping the site in and deleting the old one too.
	defer res.timed(start)
	if err != nil {
		return res, err
	}
	if err := checkOut(pl.config, opts.OutDir); err != nil {
		return res, err
	}
	write := func(stage publish.Stage, w *publish.Writer) error {
		if err := render(ctx, res, pl, staged{w, stage}); err != nil {
			return err
		}
		reportRepairs(res, opts.OutDir, stage.Found)
		res.Changed = w.Written()
		return stage.Save(func() error { return w.Close(pl.inputs) })
	}
	if opts.InPlace {
		err = publish.Update(ctx, opts.OutDir, func(stage publish.Stage) error {
			w := publish.NewUpdateWriter(stage.Dir)
			err := write(stage, w)
			if err != nil {
				// A problem in an area's narrative is found as the area
				// pages are written: the preview stays as it was.
				w.Discard()
			}
			return err
		})
	} else {
		err = publish.Publish(ctx, opts.OutDir, func(stage publish.Stage) error {
			return write(stage, publish.NewWriter(stage.Dir, opts.OutDir))
		})
	}
	if err != nil {
		return res, err
	}
	res.lap("publish: swap in the new site, delete the old")
	if opts.Preview {
		return res, nil
	}
	// The site is out by now, so a failure here must not say otherwise.
	if err := history.WriteAddresses(res.addressFile, res.addresses); err != nil {
		res.Problems.Warnf(diag.Loc{File: AddressFile}, "the site is published, but the record of its addresses could not be saved, so a later rename may lose a redirect: %v", err)
	}
	// The record of addresses is one of the inputs: note the inputs as
	// they now are, so the next build knows nothing has changed.
	if inputs, err := inputsOf(pl.config, opts, pl.theme); err == nil && inputs != pl.inputs {
		_ = publish.SetInputs(opts.OutDir, inputs)
	}
	return res, nil
}

// publishedIntact reports whether the site in opts.OutDir is still
// exactly what fundsite published there, so a build that would publish the
// same site may leave it as it is. Otherwise (a page deleted, a file
// edited or replaced by a link, one added) the build goes on: it makes
// again what is missing or altered, and refuses a file added by hand.
func publishedIntact(opts Options) bool {
	found, err := publish.Inspect(opts.OutDir)
	return err == nil && found.Intact()
}

// reportRepairs says, in a warning, what the build put right in the site
// it replaces: what had been deleted, altered or linked in it since
// fundsite published it.
func reportRepairs(res *Result, out string, found publish.Survey) {
	res.Repaired = found.Repairs()
	if res.Repaired != "" {
		res.Problems.Warnf(diag.Loc{File: out}, "the published site had changed since fundsite built it, and this build put it right: %s", res.Repaired)
	}
}

// plan is a prepared build: the theme, and every page and file the site
// will have.
type plan struct {
	config *config.Config
	theme  *site.Theme
	site   *pages.Site
	// global identifies what every file depends on: fundsite itself, the
	// theme, site.toml and the site's navigation; inputs identifies all
	// the build read.
	global pages.Digest
	inputs string
	// remember compares the figures the pages show with the last
	// build's, once every page is built, and gives the history to publish.
	remember func() (*history.Manifest, error)
}

// output is where a build's files go: a staging folder, or nowhere.
type output interface {
	Reuse(name, key string) bool
	Write(name string, data []byte, key string) error
	WriteStream(name, key string, write func(io.Writer) error) error
}

// staged writes into a staging folder, each file only while the build has
// not been interrupted (publish.Stage.Save).
type staged struct {
	w     *publish.Writer
	stage publish.Stage
}

func (s staged) Reuse(name, key string) bool {
	reused := false
	_ = s.stage.Save(func() error { reused = s.w.Reuse(name, key); return nil })
	return reused
}

func (s staged) Write(name string, data []byte, key string) error {
	return s.stage.Save(func() error { return s.w.Write(name, data, key) })
}

func (s staged) WriteStream(name, key string, write func(io.Writer) error) error {
	return s.w.WriteStream(name, key, write, s.stage.Save)
}

// key is what a file's bytes depend on: everything every file does, and
// its own digest. "" for a file with no digest, which is always made.
func (pl *plan) key(name string, d pages.Digest) string {
	if d == (pages.Digest{}) {
		return ""
	}
	h := sha256.New()
	h.Write(pl.global[:])
	h.Write([]byte(name))
	h.Write(d[:])
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// render renders every page and makes every file of the site, handing
// each to out, and counts them. A file whose key is the one the last build
// recorded is taken from it as it was, not made again. The areas' pages
// come first, each built as it is rendered (pages.Site.Stream), then the
// history their figures make, then the other pages and files. Pages render
// on every core, and several files are written at once: on a typical disk
// creating a file costs more than rendering it.
func render(ctx context.Context, res *Result, pl *plan, out output) error {
	r := &renderer{pl: pl, out: out}
	// The national downloads are made from the data, not the pages: one
	// goroutine writes them, one at a time (each is large), while the
	// areas' pages are built on every core.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	downloads := pl.site.Files
	done := make(chan error, 1)
	go func() { done <- r.large(ctx, downloads) }()
	err := pl.site.Stream(func(n int, job func(i int) error) error { return inParallel(ctx, n, job) }, r.page)
	if err != nil {
		cancel()
	}
	if err := errors.Join(err, <-done); err != nil {
		return err
	}
	res.lap("area pages and downloads: build, render, write")
	if err := res.Problems.Err(); err != nil {
		return err // in an area's narrative
	}
	past, err := pl.remember()
	if err != nil {
		return err
	}
	if err := pl.site.AddHistory(past); err != nil {
		return err
	}
	res.lap("history: compare figures with the last build")
	if err := r.large(ctx, pl.site.Files[len(downloads):]); err != nil {
		return err // the history's: figures.json
	}
	var files []pages.File
	for _, f := range pl.theme.Files() {
		files = append(files, pages.FileOf(f.Path, f.Data))
	}
	for _, f := range pl.site.Files {
		if !f.Large {
			files = append(files, f)
		}
	}
	if err := inParallel(ctx, len(files), func(i int) error { return r.file(files[i]) }); err != nil {
		return err
	}
	if err := inParallel(ctx, len(pl.site.Pages), func(i int) error { return r.page(pl.site.Pages[i]) }); err != nil {
		return err
	}
	res.lap("other pages and files")
	res.Files, res.Rendered, res.Pages = int(r.files.Load()), int(r.rendered.Load()), pl.site.AreaPages()
	for _, p := range pl.site.Pages {
		if path.Base(p.Path()) == "index.html" {
			res.Pages++ // 404.html is no page of the site's
		}
	}
	return res.Problems.Err()
}

// renderer renders pages and makes files for out, counting them.
type renderer struct {
	pl              *plan
	out             output
	files, rendered atomic.Int64
}

// large makes the large files among files, one at a time: each is
// written as it is made, and several at once held several buffers and
// fought over the disk.
func (r *renderer) large(ctx context.Context, files []pages.File) error {
	for _, f := range files {
		if !f.Large {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.file(f); err != nil {
			return err
		}
	}
	return nil
}

// file makes a file, unless the last build's is unchanged.
func (r *renderer) file(f pages.File) error {
	r.files.Add(1)
	key := r.pl.key(f.Path, f.Digest)
	if r.out.Reuse(f.Path, key) {
		return nil
	}
	var err error
	if f.Large {
		err = r.out.WriteStream(f.Path, key, f.Stream)
	} else {
		var data []byte
		if data, err = f.Make(); err == nil {
			err = r.out.Write(f.Path, data, key)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	return nil
}

// page renders a page and makes its files, unless the last build's are
// unchanged.
func (r *renderer) page(p *pages.Page) error {
	theme := r.pl.theme
	if !theme.Has(p.Layout) {
		return nil // an optional page (404.html) this theme has no layout for
	}
	for _, f := range p.Files {
		if err := r.file(f); err != nil {
			return err
		}
	}
	r.files.Add(1)
	key := r.pl.key(p.Path(), p.Digest)
	if r.out.Reuse(p.Path(), key) {
		return nil
	}
	if path.Base(p.Path()) == "index.html" {
		r.rendered.Add(1) // counted as Pages is, so never more than it
	}
	p.Finish()
	buf, err := theme.Render(r.pl.site.View, p)
	if err != nil {
		return err
	}
	defer site.Recycle(buf)
	return r.out.Write(p.Path(), buf.Bytes(), key)
}

// workers is how many files are made and written at once: more than the
// cores, as writing a file mostly waits on the disk.
func workers() int { return max(4, parallel.Cores()) }

// inParallel calls job(0) to job(n-1) on workers() goroutines, stopping
// at the first error or when ctx is cancelled (Ctrl-C).
func inParallel(ctx context.Context, n int, job func(i int) error) error {
	return parallel.Each(ctx, workers(), n, job)
}

// prepare reads and checks everything the pages are made from, and
// builds every page's view.
func prepare(ctx context.Context, opts Options, start time.Time) (*Result, *plan, error) {
	res := (&Result{Problems: &diag.List{}}).started(start)
	cfg, err := config.Load(opts.ConfigPath)
	if err != nil {
		return res, nil, err
	}
	if res.project, err = openProject(cfg); err != nil {
		return res, nil, err
	}
	// A link out of the project is refused before anything is read
	// through it: a workbook's problems quote its cells.
	if checkLinksStayInside(cfg, res.Problems); res.Problems.HasErrors() {
		return res, nil, res.Problems.Err()
	}
	previous := readPrevious(opts)
	// Hashed while the workbooks are read, on another core: at large,
	// hashing 10,000 narratives took most of a second.
	hashed := parallel.Later(func() (hashedInputs, error) { return hashInputs(cfg, opts) })
	if cfg.BaseURL == "" && !opts.Preview {
		res.Problems.Errorf(diag.Loc{File: cfg.File}, "%v", urls.CheckBase(""))
	}
	data, problems, reused := opts.Models.load(cfg)
	res.Problems.Merge(problems)
	model.CheckNames(data, res.Problems)
	model.CheckLinks(data, res.Problems)
	res.ReusedData = reused
	res.lap("settings and workbooks")
	res.Workbooks, res.Rows = len(data.Files), len(data.Allocations)
	// The theme before the narratives: its templates write their figures.
	themeDir, err := themeFS(cfg, res.project, opts.DefaultTheme)
	if err != nil {
		return res, nil, err
	}
	theme, err := site.Load(themeDir, cfg, res.Problems)
	if err != nil {
		return res, nil, err
	}
	figs := figures.New(data, cfg, res.Problems)
	renderer := narrative.NewRenderer(narrative.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}, narrative.Figures(figs, theme.Markup()), narrative.Charts(figs, data))
	narratives := narrative.Load(res.project.sub("content"), renderer, res.Problems)
	inputs, err := hashed()
	if err != nil {
		return res, nil, err
	}
	res.Problems.Merge(inputs.problems) // what cannot be an input, all at once with the rest
	// With problems only in the pages, the data is sound: the pages stage
	// still works out every figure, so that a mistake in one figure on a
	// page does not hide the problems of the others.
	if err := res.Problems.Err(); err != nil && !onlyInContent(res.Problems) {
		return res, nil, err
	}
	figs.Check(res.Problems)
	res.lap("narratives")
	if err := ctx.Err(); err != nil {
		return res, nil, fmt.Errorf("build interrupted: %w", err)
	}
	version, err := dataVersion(data.Files, opts.digests)
	if err != nil {
		return res, nil, err
	}
	digest := inputsDigest(opts, theme, inputs.lines)
	built := pages.Build(pages.Input{Config: cfg, Data: data, Narratives: narratives, Version: version, ChartHTML: theme.ChartHTML, AmountHTML: theme.AmountHTML}, res.Problems)
	if err := res.Problems.Err(); err != nil {
		return res, nil, err
	}
	global, err := globalDigest(cfg, theme, built.View)
	if err != nil {
		return res, nil, err
	}
	res.lap("views of the home, fund and data pages")
	pl := &plan{config: cfg, theme: theme, site: built, global: global, inputs: digest,
		remember: func() (*history.Manifest, error) {
			return remember(ctx, cfg, opts, previous, data, version, append(built.Figures, namedFigures(cfg, figs)...), res)
		}}
	return res, pl, nil
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
		if holdsNoFile(theme) {
			return nil, emptyTheme(cfg)
		}
		return theme, nil
	}
	if cfg.Theme == "default" && embedded != nil {
		return embedded, nil
	}
	return nil, errors.New(cfg.File + ": theme " + cfg.Theme + ": no folder themes/" + cfg.Theme + " in the project")
}

// holdsNoFile reports whether a folder has no file in it, at any depth.
func holdsNoFile(dir fs.FS) bool {
	found := errors.New("found")
	err := fs.WalkDir(dir, ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			return found
		}
		return nil
	})
	return !errors.Is(err, found)
}

// emptyTheme says what to do about a theme folder with nothing in it,
// which the project's own theme folder overrides the built-in one with.
func emptyTheme(cfg *config.Config) error {
	folder := "themes/" + cfg.Theme
	advice := "copy a whole theme into it (its layouts/ and static/ folders), or set theme = \"default\" in " + cfg.File + " to use the theme built into fundsite"
	if cfg.Theme == "default" {
		advice = "delete the empty folder to use the theme built into fundsite, or copy a whole theme into it (its layouts/ and static/ folders)"
	}
	return fmt.Errorf("%s: the theme folder %s is empty, so there is no theme to build the site with: %s", cfg.File, folder, advice)
}

// dataVersion is a short hash of the input workbooks, so two citations of
// the site can be compared. It is made from each workbook's digest, which
// hashing the inputs has already worked out, rather than by reading a
// national workbook once more.
func dataVersion(files []string, digests *fileDigests) (string, error) {
	h := sha256.New()
	for _, f := range files {
		info, err := os.Stat(f) // a linked workbook's own size and time, for the digests remembered
		if err != nil {
			return "", err
		}
		sum, err := digests.of(f, info)
		if err != nil {
			return "", err
		}
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// AddressFile is the project's record of every area address it has
// published, kept beside the workbooks and committed with them.
const AddressFile = "data/addresses.json"

// readPrevious starts reading the last build's manifest (--previous, or
// the one in the output folder), which a national site's rebuild took a
// second over, while the workbooks are read on another core; the function
// it returns waits for it.
func readPrevious(opts Options) func() (*history.Manifest, error) {
	inOut := filepath.Join(opts.OutDir, "data", "figures.json")
	switch {
	case opts.Preview && opts.Previous != "":
		// A preview compares with the published site, which need not have
		// been built yet.
		return parallel.Later(func() (*history.Manifest, error) { return history.Read(opts.Previous) })
	case opts.Previous != "" && filepath.Clean(opts.Previous) != filepath.Clean(inOut):
		// Named with --previous: a file that is not there is an error,
		// not a first publication.
		return parallel.Later(func() (*history.Manifest, error) { return history.ReadNamed(opts.Previous) })
	}
	return parallel.Later(func() (*history.Manifest, error) { return history.Read(inOut) })
}

// remember compares this build's figures with the previous build's and
// works out the addresses to keep redirecting.
func remember(ctx context.Context, cfg *config.Config, opts Options, previous func() (*history.Manifest, error), data *model.Dataset, version string, published []history.Figure, res *Result) (*history.Manifest, error) {
	prev, err := previous()
	if err != nil {
		return nil, err
	}
	if prev == nil && opts.FetchPrevious {
		prev = fetchPrevious(ctx, cfg, published, res)
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
	cur.Areas = history.MergeAddresses(pages.Addresses(data), record, prevAreas)
	for _, a := range cur.Areas {
		// CheckNames has refused bad codes at their cells; this is the
		// last look before they reach _redirects.
		if err := a.Check(); err != nil {
			return nil, fmt.Errorf("area address: %w", err)
		}
	}
	next, changes := history.Next(prev, cur)
	res.Changes, res.First, res.addresses = changes, prev == nil, next.Areas
	if prev != nil && len(changes) > 0 && prev.DataAsAt == cfg.DataAsAt {
		res.Problems.Warnf(diag.Loc{File: cfg.File}, "%d published figure(s) change, but data_as_at is still %q: citations and the updates feed will date the new figures as the old; set data_as_at to the date of the new data", len(changes), cfg.DataAsAt)
	}
	return &next, nil
}

// fetchPrevious fetches the live site's manifest, or says in a warning
// why it could not: the build goes on, but cannot say what changed, and
// the updates history it publishes starts again.
func fetchPrevious(ctx context.Context, cfg *config.Config, published []history.Figure, res *Result) *history.Manifest {
	at := diag.Loc{File: cfg.File}
	const consequence = "so this build cannot say what changed, and its updates page starts again as a first publication"
	// The build has already refused a base_url that is not http(s).
	url := cfg.BaseURL + "data/figures.json"
	prev, err := history.Fetch(ctx, url, published)
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

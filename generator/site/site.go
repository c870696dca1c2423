// Package site renders the dataset and narratives into the pages of the
// site, using a theme's templates, and writes them into a folder.
package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/history"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
)

// Input is everything a site is rendered from.
type Input struct {
	Config  *config.Config
	Data    *model.Dataset
	Pages   []*narrative.Page
	Theme   fs.FS // layouts/ and static/
	Version string
	// History is what this build publishes and remembers (figures, updates,
	// past addresses); nil renders no updates page, feed or redirects.
	History *history.Manifest
}

// SiteView is what every page knows about the site.
type SiteView struct {
	Title        string
	Description  string
	BaseURL      string
	Language     string
	Publisher    string
	PublisherURL string
	Licence      string
	LicenceURL   string
	DataAsAt     string
	Version      string
	Nav          []NavItem
	// Statement is the accessibility statement's address, "" when none.
	Statement string
}

// NavItem is a link in the site navigation.
type NavItem struct {
	Title string
	URL   string
}

// PageData is what a template receives.
type PageData struct {
	Site        *SiteView
	Title       string
	Description string
	URL         string // site-relative, "/areas/kent/"
	Canonical   string
	Current     string // nav section
	Content     any
	// Downloads are the page's tables as CSV and JSON; JSONLD is its
	// schema.org description, if it has one.
	Downloads []Download
	JSONLD    any
	// Charts says the page has charts, so it loads the chart scripts.
	Charts bool
	assets map[string]string
}

// Asset returns the fingerprinted address of a static file.
func (p PageData) Asset(name string) string {
	if a, ok := p.assets[name]; ok {
		return a
	}
	return "/" + name
}

// Output is a rendered file: a site path and its bytes.
type Output struct {
	Path string // slash-separated, relative to the site root
	Data []byte
	// page is the pooled buffer holding Data, when Data is a page; it is
	// reused once Data is saved.
	page *bytes.Buffer
}

// pageBuffers are reused for page after page: a national site's pages are
// 80 KB each, and a fresh buffer for each, cleared by the allocator, was a
// tenth of rendering them.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// recycle returns the page's buffer for reuse, once o.Data is saved and
// no longer read: Writer does, other receivers of outputs need not.
func (o Output) recycle() {
	if o.page != nil {
		// Wiped, so a page read after its buffer went back shows as
		// zeros (and fails tests), never as parts of another page.
		clear(o.page.Bytes())
		o.page.Reset()
		pageBuffers.Put(o.page)
	}
}

// Render produces every file of the site in a stable order. Problems (an
// unknown fund or area named by a narrative) go into problems.
func Render(in Input, problems *diag.List) ([]Output, error) {
	var out []Output
	var mu sync.Mutex
	err := RenderTo(in, problems, func(o Output) error {
		mu.Lock()
		defer mu.Unlock()
		o.page = nil // the caller keeps the files, so no writer may reuse their buffers
		out = append(out, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Output) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// RenderTo hands each file of the site to emit as soon as it is rendered,
// so a national site is never held in memory whole. emit is called from
// several goroutines at once, in no set order; its first error stops the
// rendering.
func RenderTo(in Input, problems *diag.List, emit func(Output) error) error {
	p := newPipe(emit)
	r := &renderer{in: in, problems: problems, emit: p.send}
	err := r.loadTheme()
	if err == nil {
		r.brandColours()
		err = r.renderAll()
	}
	if emitErr := p.close(); err == nil {
		err = emitErr
	}
	return err
}

// pipe hands files to emit on goroutines of its own, so writing files
// overlaps rendering the next ones, and several are written at once: on
// a typical disk creating a file costs more than rendering it.
type pipe struct {
	files  chan Output
	done   chan error
	failed atomic.Bool
}

// errStopped tells the renderer that emit has failed; close returns why.
var errStopped = errors.New("stopped: a file could not be saved")

// writers is how many files are written at once; queued is how many
// rendered files may wait for them: enough to keep them busy while a batch
// of area pages renders, few enough that a slow disk does not fill memory
// with pages (4,096 held 60 MB of a national build's pages).
const (
	writers = 4
	queued  = 1024
)

func newPipe(emit func(Output) error) *pipe {
	p := &pipe{files: make(chan Output, queued), done: make(chan error, writers)}
	for range writers {
		go func() {
			var err error
			for o := range p.files {
				if err == nil && !p.failed.Load() {
					if err = emit(o); err != nil {
						p.failed.Store(true)
					}
				}
			}
			p.done <- err
		}()
	}
	return p
}

func (p *pipe) send(o Output) error {
	if p.failed.Load() {
		return errStopped
	}
	p.files <- o
	return nil
}

// close waits for every file sent to be emitted, and returns emit's error.
func (p *pipe) close() error {
	close(p.files)
	var first error
	for range writers {
		if err := <-p.done; first == nil {
			first = err
		}
	}
	return first
}

type renderer struct {
	in        Input
	problems  *diag.List
	site      *SiteView
	templates map[string]*template.Template
	// pageSizes are the size of the last page of each layout: a page's
	// buffer starts that size (and a little more), as the next page of the
	// layout is most likely much the same, rather than doubling its way up.
	pageSizes map[string]*atomic.Int64
	assets    map[string]string
	downloads map[string][]Download
	jsonld    map[string]any
	data      DataView
	// emit takes each file, in order; emitErr is its first error, after
	// which files are dropped. pages are the addresses of the pages emitted, for the
	// sitemap.
	emit    func(Output) error
	emitErr error
	pages   []string
}

// keep hands files to emit.
func (r *renderer) keep(files ...Output) {
	for _, o := range files {
		if path.Base(o.Path) == "index.html" {
			r.pages = append(r.pages, "/"+strings.TrimSuffix(o.Path, "index.html"))
		}
		if r.emitErr == nil {
			r.emitErr = r.emit(o)
		}
	}
}

func (r *renderer) loadTheme() error {
	r.assets = map[string]string{}
	err := fs.WalkDir(r.in.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(r.in.Theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		published := name
		if ext := path.Ext(name); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(data)
			// Fingerprinted files live under assets/, the one folder
			// netlify.toml lets browsers cache for good.
			published = "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		}
		r.assets[name] = "/" + published
		r.keep(Output{Path: published, Data: data})
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	base, err := fs.ReadFile(r.in.Theme, "layouts/base.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	partials, err := fs.ReadFile(r.in.Theme, "layouts/partials.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	r.templates = map[string]*template.Template{}
	r.pageSizes = map[string]*atomic.Int64{}
	for _, name := range []string{"home", "fund", "areas", "area", "page", "data", "updates", "accessibility", "404"} {
		body, err := fs.ReadFile(r.in.Theme, "layouts/"+name+".html")
		if name == "404" && errors.Is(err, fs.ErrNotExist) {
			continue // a theme from before the 404 page; hosts show their own
		}
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		t, err := template.New("base").Parse(string(base))
		if err == nil {
			_, err = t.New("partials").Parse(string(partials))
		}
		if err == nil {
			err = parseLayout(t, r.in.Theme, "open")
		}
		if err == nil {
			err = parseLayout(t, r.in.Theme, "charts")
		}
		if err == nil {
			_, err = t.New(name).Parse(string(body))
		}
		if err != nil {
			return fmt.Errorf("theme layouts/%s.html: %w", name, err)
		}
		r.templates[name] = t
		r.pageSizes[name] = new(atomic.Int64)
	}
	return nil
}

func (r *renderer) renderAll() error {
	cfg := r.in.Config
	d := r.in.Data
	r.site = &SiteView{
		Title: cfg.Title, Description: cfg.Description, BaseURL: cfg.BaseURL, Language: cfg.Language,
		Publisher: cfg.Publisher, PublisherURL: cfg.PublisherURL, Licence: cfg.Licence, LicenceURL: cfg.LicenceURL,
		DataAsAt: cfg.DataAsAt, Version: r.in.Version,
	}
	if cfg.Accessibility != nil {
		r.site.Statement = statementURL
	}
	attached := r.attachPages()
	if err := r.openData(); err != nil {
		return err
	}
	r.site.Nav = []NavItem{{"Home", "/"}}
	for _, f := range d.Funds {
		r.site.Nav = append(r.site.Nav, NavItem{f.Name, fundURL(f)})
	}
	r.site.Nav = append(r.site.Nav, NavItem{"Areas", "/areas/"})
	for _, p := range attached.plain {
		if inNav(p) {
			r.site.Nav = append(r.site.Nav, NavItem{p.Title, pageURL(p)})
		}
	}
	r.site.Nav = append(r.site.Nav, NavItem{"Open data", "/data/"})

	var funds []FundView
	for _, f := range d.Funds {
		fv := buildFund(d, f)
		pc := newPageCharts(fv.URL)
		fv.Charts = pc.placeAll(fundCharts(d, f)...)
		fv.Body = r.body(attached.funds[f], narrative.Context{Context: figures.Context{Fund: f}, Taken: fv.figureIDs(), Chart: r.chartHTML(pc)})
		funds = append(funds, fv)
		if err := r.page("fund", fv.URL, f.Name, fv.Lead, fv.URL, fv, pc); err != nil {
			return err
		}
	}
	home := buildHome(d, funds)
	pc := newPageCharts("/")
	home.Charts = pc.placeAll(fundCharts(d, nil)...)
	home.Body = r.body(attached.home, narrative.Context{Taken: headlineIDs(home.Headlines), Chart: r.chartHTML(pc)})
	if err := r.page("home", "/", cfg.Title, home.Lead, "/", home, pc); err != nil {
		return err
	}
	if err := r.page("areas", "/areas/", "Areas", "Every area and what it received.", "/areas/", home.AreaTable, nil); err != nil {
		return err
	}
	if err := r.areaPages(attached.areas); err != nil {
		return err
	}
	for _, p := range attached.plain {
		pc := newPageCharts(pageURL(p))
		body := r.body(p, narrative.Context{Chart: r.chartHTML(pc)})
		if err := r.page("page", pageURL(p), p.Title, p.Summary, pageURL(p), PageView{Page: p, Body: body}, pc); err != nil {
			return err
		}
	}
	// The statement comes before renderOpen, whose sitemap lists every page.
	if err := r.statement(); err != nil {
		return err
	}
	if err := r.notFound(); err != nil {
		return err
	}
	return r.renderOpen()
}

// body renders a page's narrative (if it has one) for that page, so live
// figures take the page's area or fund and do not repeat its anchors.
func (r *renderer) body(p *narrative.Page, ctx narrative.Context) template.HTML {
	if p == nil {
		return ""
	}
	return p.Render(ctx, r.problems)
}

// attachment sorts narratives into the pages they belong to.
type attachment struct {
	home  *narrative.Page
	funds map[*model.Fund]*narrative.Page
	areas map[*model.Area]*narrative.Page
	plain []*narrative.Page
}

// attachPages gives each narrative its page: content/_index.md is the home
// page; a page naming a fund or area (or under content/areas/ named after
// one) adds its text to that page; any other becomes a page of its own.
func (r *renderer) attachPages() attachment {
	d := r.in.Data
	at := attachment{funds: map[*model.Fund]*narrative.Page{}, areas: map[*model.Area]*narrative.Page{}}
	for _, p := range r.in.Pages {
		loc := diag.Loc{File: "content/" + p.Path, Line: 1}
		stem := strings.TrimSuffix(path.Base(p.Path), ".md")
		switch {
		case p.Path == "_index.md":
			at.home = p
		case p.Area != "" || strings.HasPrefix(p.Path, "areas/"):
			name := p.Area
			if name == "" {
				name = stem
			}
			if a := d.AreaByName(name); a != nil {
				at.areas[a] = p
			} else {
				r.problems.Errorf(loc, "area %q is not in the data%s", name, diag.DidYouMean(name, d.AreaNames()))
			}
		case p.Fund != "" || strings.HasPrefix(p.Path, "funds/"):
			name := p.Fund
			if name == "" {
				name = stem
			}
			if f := d.FundByName(name); f != nil {
				at.funds[f] = p
			} else {
				r.problems.Errorf(loc, "fund %q is not in the data%s", name, diag.DidYouMean(name, d.FundNames()))
			}
		default:
			if p.Title == "" {
				r.problems.Errorf(loc, "page has no title; add title = \"…\" to its front matter")
				continue
			}
			at.plain = append(at.plain, p)
		}
	}
	slices.SortStableFunc(at.plain, func(a, b *narrative.Page) int { return a.Weight - b.Weight })
	return at
}

// inNav is whether the site's navigation lists a plain page: a page at the
// top of content/ (content/about.md, or content/guides/_index.md for
// /guides/) is listed, a page in a folder (content/guides/reading.md) is
// not, and the page's nav setting overrides either. Every page carries the
// navigation, so listing every page made a site of 10,000 pages in a folder
// take minutes to build, and gave each page a menu no one could use.
func inNav(p *narrative.Page) bool {
	if p.Nav != nil {
		return *p.Nav
	}
	return !strings.Contains(strings.TrimSuffix(p.Path, "/_index.md"), "/")
}

// pageURL is the address of a plain page: content/about.md is /about/.
func pageURL(p *narrative.Page) string {
	stem := strings.TrimSuffix(p.Path, ".md")
	stem = strings.TrimSuffix(stem, "/_index")
	parts := strings.Split(stem, "/")
	for i, part := range parts {
		parts[i] = model.Slugify(part)
	}
	return "/" + strings.Join(parts, "/") + "/"
}

// page renders a page and keeps it, with its charts' CSV files; pc holds
// the page's charts, nil for a page without any.
func (r *renderer) page(layout, url, title, description, current string, content any, pc *pageCharts) error {
	out, err := r.render(layout, url, title, description, current, content, pc)
	r.keep(out...)
	return err
}

// render renders a page and returns it with its charts' CSV files. It only
// reads r, so pages render in parallel.
func (r *renderer) render(layout, url, title, description, current string, content any, pc *pageCharts) ([]Output, error) {
	data := PageData{
		Site: r.site, Title: title, Description: description, URL: url,
		Canonical: strings.TrimSuffix(r.site.BaseURL, "/") + url, Current: current, Content: content,
		Downloads: r.downloads[url], JSONLD: r.jsonld[url], assets: r.assets,
	}
	var out []Output
	if pc != nil {
		data.Charts = len(pc.ids) > 0
		out = pc.files
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	last := r.pageSizes[layout]
	buf.Grow(int(last.Load() * 9 / 8))
	if err := r.templates[layout].ExecuteTemplate(buf, "base", data); err != nil {
		Output{page: buf}.recycle()
		return nil, fmt.Errorf("rendering %s: %w", url, err)
	}
	buf = r.localLinks(buf, url)
	last.Store(int64(buf.Len()))
	return append(out, Output{Path: strings.TrimPrefix(url, "/") + "index.html", Data: buf.Bytes(), page: buf}), nil
}

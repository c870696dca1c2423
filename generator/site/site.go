// Package site is the theme: it loads a theme's layouts and static files
// (the project's own themes/<name>/, or the embedded default) and renders
// the pages package's views into HTML. What a page says is decided before
// it gets here; this package only decides how it looks.
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
	"fundsite/generator/narrative"
	"fundsite/generator/pages"
)

// layouts are the page layouts every theme has, one file each under
// layouts/, each rendered inside layouts/base.html; optional ones a theme
// may leave out (a theme from before the 404 page: hosts show their own; one
// from before places has no place pages).
var (
	layouts  = []string{"home", "fund", "areas", "area", "page", "data", "updates", "accessibility"}
	optional = []string{"404", "place", "places"}
)

// File is a static file of the theme, under its published address.
type File struct {
	Path string // slash-separated, relative to the site root
	Data []byte
}

// Theme is a loaded theme, ready to render pages. It is never changed
// after Load, so pages render on several goroutines at once.
type Theme struct {
	templates map[string]*template.Template
	// pageSizes are the size of the last page of each layout: a page's
	// buffer starts that size (and a little more), as the next page of the
	// layout is most likely much the same, rather than doubling its way up.
	pageSizes map[string]*atomic.Int64
	// assets are the published addresses of static files, by name under
	// static/ ("style.css" is "/assets/style.1a2b3c4d5e.css").
	assets map[string]string
	files  []File
	// digest identifies the theme's every byte, for rebuild keys.
	digest [sha256.Size]byte
}

// Load reads a theme: its static files (fingerprinting CSS and JS), its
// layouts, and site.toml's brand colours as a stylesheet of their own,
// warning about colours that leave too little contrast.
func Load(theme fs.FS, cfg *config.Config, problems *diag.List) (*Theme, error) {
	t := &Theme{assets: map[string]string{}, templates: map[string]*template.Template{}, pageSizes: map[string]*atomic.Int64{}}
	h := sha256.New()
	err := fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		if name, ok := strings.CutPrefix(p, "static/"); ok {
			t.addStatic(name, data)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if err := t.parseLayouts(theme); err != nil {
		return nil, err
	}
	if css := brandColours(cfg, themePalette(theme), problems); css != nil {
		h.Write(css)
		t.addStatic("colours.css", css)
	}
	h.Sum(t.digest[:0])
	return t, nil
}

// addStatic publishes a static file. CSS and JS are fingerprinted and live
// under assets/, the one folder netlify.toml lets browsers cache for good.
func (t *Theme) addStatic(name string, data []byte) {
	published := name
	if ext := path.Ext(name); ext == ".css" || ext == ".js" {
		sum := sha256.Sum256(data)
		published = "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
	}
	t.assets[name] = "/" + published
	t.files = append(t.files, File{Path: published, Data: data})
}

func (t *Theme) parseLayouts(theme fs.FS) error {
	base, err := fs.ReadFile(theme, "layouts/base.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	partials, err := fs.ReadFile(theme, "layouts/partials.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	for _, name := range append(slices.Clone(layouts), optional...) {
		if _, err := fs.Stat(theme, "layouts/"+name+".html"); errors.Is(err, fs.ErrNotExist) && slices.Contains(optional, name) {
			continue
		}
		tmpl, err := template.New("base").Parse(string(base))
		if err == nil {
			_, err = tmpl.New("partials").Parse(string(partials))
		}
		for _, shared := range []string{"open", "charts", name} {
			if err == nil {
				err = parseLayout(tmpl, theme, shared)
			}
		}
		if err != nil {
			return fmt.Errorf("theme layouts/%s.html: %w", name, err)
		}
		t.templates[name] = tmpl
		t.pageSizes[name] = new(atomic.Int64)
	}
	for _, name := range []string{narrative.FigureTemplate, narrative.FigureNotesTemplate, AmountTemplate} {
		if t.Markup().Lookup(name) == nil {
			return fmt.Errorf("theme layouts/partials.html: no {{define %q}}: narratives' figures are written with it (see the default theme's)", name)
		}
	}
	return nil
}

// parseLayout adds layouts/<name>.html to t.
func parseLayout(t *template.Template, theme fs.FS, name string) error {
	body, err := fs.ReadFile(theme, "layouts/"+name+".html")
	if err != nil {
		return err
	}
	_, err = t.New(name).Parse(string(body))
	return err
}

// Has reports whether the theme has a layout.
func (t *Theme) Has(layout string) bool { return t.templates[layout] != nil }

// Files are the theme's static files, as published.
func (t *Theme) Files() []File { return t.files }

// Digest identifies every byte of the theme (and the brand colours), so a
// rebuild knows whether pages it did not render would look the same.
func (t *Theme) Digest() [sha256.Size]byte { return t.digest }

// PageData is what a layout receives.
type PageData struct {
	*pages.Page
	Site *pages.SiteView
	// Canonical is the page's full address.
	Canonical string
	assets    map[string]string
}

// Asset returns the fingerprinted address of a static file.
func (p PageData) Asset(name string) string {
	if a, ok := p.assets[name]; ok {
		return a
	}
	return "/" + name
}

// HasAsset reports whether the site publishes a static file, for links to
// optional ones such as colours.css.
func (p PageData) HasAsset(name string) bool {
	_, ok := p.assets[name]
	return ok
}

// pageBuffers are reused for page after page: a national site's pages are
// tens of KB each, and a fresh buffer for each, cleared by the allocator,
// was a tenth of rendering them.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render renders a page with its layout. The caller hands the buffer back
// with Recycle once it has saved the bytes.
func (t *Theme) Render(sv *pages.SiteView, p *pages.Page) (*bytes.Buffer, error) {
	tmpl, ok := t.templates[p.Layout]
	if !ok {
		return nil, fmt.Errorf("rendering %s: the theme has no layout %q", p.URL, p.Layout)
	}
	data := PageData{Page: p, Site: sv, Canonical: sv.Absolute(p.URL), assets: t.assets}
	buf := pageBuffers.Get().(*bytes.Buffer)
	last := t.pageSizes[p.Layout]
	buf.Grow(int(last.Load() * 9 / 8))
	if err := tmpl.ExecuteTemplate(buf, "base", data); err != nil {
		Recycle(buf)
		return nil, fmt.Errorf("rendering %s: %w", p.URL, err)
	}
	buf = localLinks(buf, p.URL, sv.BaseURL)
	last.Store(int64(buf.Len()))
	return buf, nil
}

// Recycle hands a rendered page's buffer back for the next page. The
// buffer is wiped first, so a page read after it went back shows as
// zeros (and fails tests), never as parts of another page.
func Recycle(buf *bytes.Buffer) {
	clear(buf.Bytes())
	buf.Reset()
	pageBuffers.Put(buf)
}

// Markup is the theme's templates for what a narrative quotes (figures
// and their notes), shared by every page.
func (t *Theme) Markup() *template.Template { return t.templates["page"] }

// AmountTemplate is the template a theme writes an amount with; it is
// given a pages.Amount.
const AmountTemplate = "amount"

// AmountHTML renders an amount a headline shows, with the theme's markup.
func (t *Theme) AmountHTML(a pages.Amount) (template.HTML, error) {
	return t.execute(AmountTemplate, a)
}

// ChartHTML renders a chart a narrative places, with the theme's markup.
func (t *Theme) ChartHTML(c pages.ChartView) (template.HTML, error) {
	html, err := t.execute("chart", c)
	if err != nil {
		return "", fmt.Errorf("chart %s: %w", c.Spec.ID, err)
	}
	return html, nil
}

// execute renders one of the theme's shared templates (partials.html's).
func (t *Theme) execute(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := t.Markup().ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil //nolint:gosec // rendered by html/template
}

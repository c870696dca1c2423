// Package narrative reads the markdown pages in content/: TOML front matter
// between +++ lines, then markdown rendered with goldmark. Raw HTML is
// dropped unless the site turns it on. Shortcodes such as live figures,
// {{ sum fund="ARF" }}, are parsed when a page is read and rendered when
// the site renders the page, because they depend on which page it is.
package narrative

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/model"
	"fundsite/generator/parallel"
)

// FrontMatter is what a page says about itself.
type FrontMatter struct {
	Title   string `toml:"title"`
	Summary string `toml:"summary"`
	// Fund and Area attach the page's text to that fund's or area's page.
	Fund string `toml:"fund"`
	Area string `toml:"area"`
	// Weight orders pages in navigation; lower first.
	Weight int  `toml:"weight"`
	Draft  bool `toml:"draft"`
	// Nav, when set, says whether the page is listed in the site's
	// navigation, whatever its folder (see the site package's inNav).
	Nav *bool `toml:"nav"`
}

// Page is one markdown file, parsed; Render turns it into HTML.
type Page struct {
	// Path is the file's path under content/, with forward slashes.
	Path string
	FrontMatter
	// Source is the markdown, for diagnostics by line.
	Source []byte
	// BodyLine is the file line the markdown body starts on.
	BodyLine int

	body []byte
	r    *Renderer
	// calls are the page's shortcodes, in reading order, as Load parsed
	// them: Prepare works them out without parsing the page again.
	calls []figures.Call
	// overLimit says the page has more shortcodes than MaxShortcodes.
	overLimit bool
}

// Options are the site's markdown settings.
type Options struct {
	UnsafeHTML bool
}

// Renderer turns markdown into HTML.
type Renderer struct {
	md    goldmark.Markdown
	codes map[string]Shortcode
}

// NewRenderer configures goldmark: GFM tables and the like, heading ids for
// linking, table alignment as attributes (a strict CSP blocks style=), and
// {{ … }} for the shortcodes given.
func NewRenderer(opts Options, codes ...Shortcode) *Renderer {
	r := &Renderer{codes: map[string]Shortcode{}}
	for _, c := range codes {
		for _, name := range c.Names() {
			r.codes[name] = c
		}
	}
	rendererOpts := []goldmark.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.Footnote,
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(shortcodeHTML{}, 100))),
	)...)
	r.md = md
	return r
}

// Render turns the page into HTML as it reads on the page ctx describes.
// Problems with its shortcodes go into problems.
func (p *Page) Render(ctx Context, problems *diag.List) template.HTML {
	return p.Prepare(ctx, problems).Render()
}

// Prepared is a page's shortcodes worked out for the page it is shown on:
// all of the narrative that depends on the data. Turning it into HTML
// (Render) reads only the markdown and these, so a rebuild that finds them
// and the markdown unchanged need not render the page again.
type Prepared struct {
	page *Page
	// html is each shortcode's rendering, in reading order.
	html []template.HTML
	end  template.HTML
}

// Prepare works out every shortcode of the page for the page ctx
// describes, reporting their problems. It does not parse the markdown
// again: Load kept the calls.
func (p *Page) Prepare(ctx Context, problems *diag.List) *Prepared {
	started := map[Shortcode]PageShortcode{}
	var order []PageShortcode
	pp := &Prepared{page: p, html: make([]template.HTML, len(p.calls))}
	for i, call := range p.calls {
		code := p.r.codes[call.Name]
		page, ok := started[code]
		if !ok {
			page = code.Page(ctx)
			started[code] = page
			order = append(order, page)
		}
		pp.html[i], _ = page.Render(call, problems)
	}
	var end strings.Builder
	for _, page := range order {
		end.WriteString(string(page.End(problems)))
	}
	pp.end = template.HTML(end.String()) //nolint:gosec // shortcodes escape their own
	return pp
}

// Render turns the markdown and its worked-out shortcodes into HTML.
func (pp *Prepared) Render() template.HTML {
	p := pp.page
	// Load reported the markdown's problems already.
	doc := p.parse(&diag.List{})
	i := 0
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if n, ok := node.(*shortcodeNode); ok && entering && n.parsed {
			n.html = pp.html[i]
			i++
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := p.r.md.Renderer().Render(&buf, p.body, doc); err != nil {
		// goldmark's HTML renderer fails only when its writer does, and
		// a bytes.Buffer does not.
		panic(fmt.Sprintf("%s: rendering markdown: %v", p.file(), err))
	}
	buf.WriteString(string(pp.end))
	return template.HTML(buf.String()) //nolint:gosec // goldmark escapes text and drops raw HTML unless the site allows it; shortcodes escape their own
}

// Digest writes what the page's HTML is made from (the markdown and its
// shortcodes' renderings) to h: the same digest, the same HTML.
func (pp *Prepared) Digest(h io.Writer) {
	fmt.Fprintf(h, "%s\x00%d\x00", pp.page.Path, len(pp.page.Source))
	h.Write(pp.page.Source)
	for _, s := range pp.html {
		fmt.Fprintf(h, "\x00%d\x00%s", len(s), s)
	}
	fmt.Fprintf(h, "\x00%d\x00%s", len(pp.end), pp.end)
}

func (p *Page) file() string { return "content/" + p.Path }

// Load reads every .md file under root (content/), in path order. A nil
// root is a project without narratives.
func Load(root fs.FS, r *Renderer, problems *diag.List) []*Page {
	if root == nil {
		return nil
	}
	var paths []string
	_ = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problems.Errorf(diag.Loc{File: "content/" + p}, "%v", err)
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			// Hidden files are editors' lock and swap files (Emacs writes
			// .#page.md while a page is open), never pages.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && path.Ext(p) == ".md" {
			if err := reservedForTheme(p); err != nil {
				problems.Errorf(diag.Loc{File: "content/" + p}, "%v", err)
				return nil
			}
			paths = append(paths, p)
		}
		return nil
	})
	// A national site has a narrative for each of 10,000 areas: they are
	// read and parsed on every core, and their problems reported in the
	// order of their files.
	loaded := make([]*Page, len(paths))
	found := make([]diag.List, len(paths))
	parallel.For(len(paths), func(i int) { loaded[i] = loadPage(root, paths[i], r, &found[i]) })
	var pages []*Page
	for i, page := range loaded {
		problems.Merge(&found[i])
		if page != nil && !page.Draft {
			pages = append(pages, page)
		}
	}
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}

// themeFolders are the addresses the theme publishes its files under:
// /assets/ (cached by browsers for a year, see netlify.toml) and /vendor/.
var themeFolders = []string{"assets", "vendor"}

// reservedForTheme refuses a narrative whose page would be published among
// the theme's files (content/assets/notes.md is /assets/notes/), named
// before it is read. The first part of its path is compared as its
// address is made, so content/Assets/ is refused too.
func reservedForTheme(p string) error {
	first, _, _ := strings.Cut(strings.TrimSuffix(p, ".md"), "/")
	if slug := model.Slugify(first); slices.Contains(themeFolders, slug) {
		return fmt.Errorf("narratives cannot be under content/%s/ (or be content/%s.md): the address /%s/ is reserved for the theme's own files; move the file to another folder", first, first, slug)
	}
	return nil
}

func loadPage(root fs.FS, p string, r *Renderer, problems *diag.List) *Page {
	name := "content/" + p
	data, err := fs.ReadFile(root, p)
	if err != nil {
		problems.Errorf(diag.Loc{File: name}, "%v", err)
		return nil
	}
	fm, body, bodyLine, err := splitFrontMatter(data)
	page := &Page{Path: p, Source: data}
	if err != nil {
		problems.Errorf(diag.Loc{File: name, Line: 1}, "%v", err)
		return nil
	}
	if fm != nil {
		md, err := toml.Decode(string(fm), &page.FrontMatter)
		var perr toml.ParseError
		switch {
		case errors.As(err, &perr):
			problems.Errorf(diag.Loc{File: name, Line: perr.Position.Line + 1}, "front matter: %s", perr.Message)
			return nil
		case err != nil:
			problems.Errorf(diag.Loc{File: name, Line: 2}, "front matter: %v", err)
			return nil
		}
		for _, k := range md.Undecoded() {
			problems.Errorf(diag.Loc{File: name, Line: 2}, "front matter: unknown setting %q%s", k.String(),
				diag.DidYouMean(k.String(), []string{"title", "summary", "fund", "area", "weight", "draft", "nav"}))
		}
	}
	page.BodyLine, page.body, page.r = bodyLine, body, r
	// Checked before goldmark reads the page, which would take minutes.
	if n := tooDeep(body); n >= 0 {
		problems.Errorf(diag.Loc{File: name, Line: bodyLine + n}, "quotes and lists nest more than %d deep here, more than fundsite reads in a page (the nesting limit); a page that deep is not one people can read", MaxNesting)
		return nil
	}
	var found diag.List
	doc := page.parse(&found)
	problems.Merge(&found)
	if found.HasErrors() && page.overLimit {
		return nil // not worked out or rendered
	}
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if n, ok := node.(*shortcodeNode); ok && entering && n.parsed {
			page.calls = append(page.calls, n.call)
		}
		return ast.WalkContinue, nil
	})
	return page
}

// parse reads the markdown and its shortcodes, reporting their problems.
// A page is parsed to be checked when loaded and again when rendered, not
// kept parsed in between: a national site's 10,000 area narratives, held
// parsed, were a third of the memory its build used while rendering.
func (p *Page) parse(problems *diag.List) ast.Node {
	doc := p.r.md.Parser().Parse(text.NewReader(p.body))
	p.parseShortcodes(doc, problems)
	p.checkLinks(doc, problems)
	return doc
}

// splitFrontMatter separates "+++\n…\n+++\n" from the markdown after it and
// says on which line the markdown starts.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	if !bytes.HasPrefix(data, []byte("+++")) {
		return nil, data, 1, nil
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(string(lines[i])) == "+++" {
			return bytes.Join(lines[1:i], nil), bytes.Join(lines[i+1:], nil), i + 2, nil
		}
	}
	return nil, nil, 0, errors.New("front matter starts with +++ but has no closing +++ line")
}

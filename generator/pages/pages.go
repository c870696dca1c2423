// Package pages decides what every page and download of the site says:
// it builds each page's view (its figures, tables, charts and narrative)
// once, from the dataset and the narratives, for both the theme that
// renders it and the record of published figures each build compares
// with the last. How a page looks is the site package's business; where
// its bytes are written is publish's.
package pages

import (
	"bytes"
	"html/template"
	"io"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fundsite/generator/charts"
	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/history"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/narrative"
	"fundsite/generator/parallel"
)

// Input is everything the pages are made from.
type Input struct {
	Config     *config.Config
	Data       *model.Dataset
	Narratives []*narrative.Page
	Version    string
	// ChartHTML is the theme's markup for a chart a narrative places.
	ChartHTML func(ChartView) (template.HTML, error)
	// AmountHTML is the theme's markup for an amount a headline shows,
	// made here so that the page's digest covers the headline as shown.
	AmountHTML func(Amount) (template.HTML, error)
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
	// Unit and Units are what the site calls its areas, "area" and
	// "areas" or "recipient" and "recipients"; UnitTitle and UnitsTitle
	// begin with a capital, for headings.
	Unit, Units, UnitTitle, UnitsTitle string
	// Millions says the house style writes "£42.6 million", not "£42.6m",
	// for the charts' labels.
	Millions bool
}

// Absolute turns a site address into a full URL for citations and feeds.
func (s *SiteView) Absolute(url string) string {
	return strings.TrimSuffix(s.BaseURL, "/") + url
}

// NavItem is a link in the site navigation.
type NavItem struct {
	Title string
	URL   string
}

// Page is one page of the site, ready for the theme.
type Page struct {
	Layout      string
	URL         string // site-relative, "/areas/kent/"
	Title       string
	Description string
	Current     string // nav section
	Content     any
	// Downloads are the page's tables as CSV and JSON; JSONLD is its
	// schema.org description, if it has one.
	Downloads []Download
	JSONLD    any
	// Charts says the page has charts, so it loads the chart scripts.
	Charts bool
	// Files go beside the page: its charts' data.
	Files []File
	// Digest identifies all the page shows; Version is its short form,
	// which the page cites as the version of its data.
	Digest  Digest
	Version string
	// finish completes Content, just before the page is rendered, with
	// what an unchanged page need not make (its narrative's HTML); nil
	// for a page built whole.
	finish func()
}

// Path is where the page is written: "areas/kent/index.html", or
// "404.html" for NotFoundURL.
func (p *Page) Path() string {
	if strings.HasSuffix(p.URL, ".html") {
		return strings.TrimPrefix(p.URL, "/")
	}
	return strings.TrimPrefix(p.URL, "/") + "index.html"
}

// NotFoundURL is the page a host shows for an address with no page:
// Netlify serves /404.html for any such address.
const NotFoundURL = "/404.html"

// Finish completes the page for rendering.
func (p *Page) Finish() {
	if p.finish != nil {
		p.finish()
	}
}

// File is a file of the site that is not a page: a download, a chart's
// data, the sitemap.
type File struct {
	Path string // slash-separated, relative to the site root
	// Digest identifies what the file is made from, so a rebuild need not
	// make it again; zero for a file cheap enough to make every time.
	Digest Digest
	// Large says the file is big enough (a national download) to be
	// written to disk as it is made, one at a time: held whole, several at
	// once were most of a build's memory.
	Large bool
	// One of make and stream makes the file.
	make   func() ([]byte, error)
	stream func(io.Writer) error
}

// Make makes the file's bytes.
func (f File) Make() ([]byte, error) {
	if f.make != nil {
		return f.make()
	}
	var b bytes.Buffer
	err := f.stream(&b)
	return b.Bytes(), err
}

// Stream writes the file's bytes to w as they are made: how a Large file
// is written.
func (f File) Stream(w io.Writer) error {
	if f.stream != nil {
		return f.stream(w)
	}
	data, err := f.make()
	if err == nil {
		_, err = w.Write(data)
	}
	return err
}

// FileOf is a file whose bytes are already made.
func FileOf(path string, data []byte) File {
	return File{Path: path, make: func() ([]byte, error) { return data, nil }}
}

// Site is every page and file of the site, in a stable order: the areas'
// pages, which Stream builds, and then Pages and Files.
type Site struct {
	View  *SiteView
	Pages []*Page
	Files []File
	// Figures are the figures the pages show with an anchor: what this
	// build publishes, for the next build to compare with. The areas'
	// join them as Stream builds them.
	Figures []history.Figure
	// in and problems are kept for the pages that come with the history,
	// and b for the areas' pages, which Stream builds.
	in       Input
	problems *diag.List
	b        *builder
}

// Build makes every page's view but the areas' (Stream). Problems a narrative has (a figure
// naming an unknown area) go into problems. The updates page, feed,
// redirects and sitemap come later, with the history (AddHistory).
func Build(in Input, problems *diag.List) *Site {
	b := &builder{in: in, problems: problems, site: &Site{in: in, problems: problems}}
	b.site.b = b
	b.rows = digestRows(in.Data)
	b.whole = datasetDigest(in.Data, b.rows)
	b.build()
	return b.site
}

type builder struct {
	in       Input
	problems *diag.List
	site     *Site
	// downloads and jsonld are each page's downloads and schema.org
	// description, by address.
	downloads map[string][]Download
	jsonld    map[string]any
	data      DataView
	style     money.Style
	coverage  map[coverageKey]coverage
	// rankings rank the areas of each type for each fund and year the
	// data covers in full, for the area pages' charts.
	rankings map[coverageKey]*charts.Ranking
	// citations say who published each fund's figures, and when.
	citations map[*model.Fund]string
	// labels name each fund's figure for each year; missing are the
	// figures the data marks as not given, by area.
	labels  map[fundYearKey]fundYear
	missing map[*model.Area][]*model.Allocation
	// areaNarratives are the areas' narratives, for Stream.
	areaNarratives map[*model.Area]*narrative.Page
	// rows and whole identify the data, for the downloads' digests.
	rows  rowDigests
	whole Digest
	// places are the areas found in the built-in geography, for maps.
	places placeMatch
}

// addPage adds a page, with its downloads and schema.org description, and
// works out its digest; extra writes what else it is made from that its
// view does not hold (its narrative, when that is rendered later).
func (b *builder) addPage(p *Page, extra func(io.Writer)) {
	p.Downloads, p.JSONLD = b.downloads[p.URL], b.jsonld[p.URL]
	digestPage(p, extra)
	b.site.Pages = append(b.site.Pages, p)
}

func (b *builder) addFiles(files ...File) { b.site.Files = append(b.site.Files, files...) }

func (b *builder) build() {
	cfg := b.in.Config
	d := b.in.Data
	sv := &SiteView{
		Title: cfg.Title, Description: cfg.Description, BaseURL: cfg.BaseURL, Language: cfg.Language,
		Publisher: cfg.Publisher, PublisherURL: cfg.PublisherURL, Licence: cfg.Licence, LicenceURL: cfg.LicenceURL,
		DataAsAt: cfg.DataAsAt, Version: b.in.Version,
	}
	b.site.View = sv
	units := d.Units
	if units.Many == "" {
		units = model.AreaUnits
	}
	sv.Unit, sv.Units, sv.UnitTitle, sv.UnitsTitle = units.One, units.Many, upperFirst(units.One), upperFirst(units.Many)
	b.style = cfg.Numbers.Style()
	sv.Millions = b.style.Words
	b.coverage = coverages(d, cfg.Areas.Complete)
	b.labels = labels(d)
	b.missing = map[*model.Area][]*model.Allocation{}
	for _, m := range d.Missing {
		b.missing[m.Area] = append(b.missing[m.Area], m)
	}
	b.citations = map[*model.Fund]string{}
	for _, f := range d.Funds {
		b.citations[f] = citation(cfg, f)
	}
	if cfg.Accessibility != nil {
		sv.Statement = statementURL
	}
	attached := b.attachPages()
	b.places = matchPlaces(d)
	b.openData()
	sv.Nav = []NavItem{{"Home", "/"}}
	for _, f := range d.Funds {
		sv.Nav = append(sv.Nav, NavItem{f.Name, fundURL(f)})
	}
	sv.Nav = append(sv.Nav, NavItem{sv.UnitsTitle, "/areas/"})
	for _, p := range attached.plain {
		if inNav(p) {
			sv.Nav = append(sv.Nav, NavItem{p.Title, pageURL(p)})
		}
	}
	sv.Nav = append(sv.Nav, NavItem{"Open data", "/data/"})

	// Each fund's page ranks and totals every row of the fund: on every
	// core, a fund to a job, added in the funds' order.
	funds := make([]FundView, len(d.Funds))
	fundCharts := make([]*pageCharts, len(d.Funds))
	fundProblems := make([]diag.List, len(d.Funds))
	parallel.For(len(d.Funds), func(i int) {
		f := d.Funds[i]
		fv := b.buildFund(f, &fundProblems[i])
		pc := newPageCharts(fv.URL)
		fv.Charts = pc.placeAll(b.fundCharts(f, model.Years(d.Select(model.Filter{Fund: f})))...)
		fv.Body = b.body(attached.funds[f], narrative.Context{Context: figures.Context{Fund: f}, Taken: fv.figureIDs(), Chart: b.chartHTML(pc)}, &fundProblems[i])
		fv.Maps = b.fundMaps(f, &fundProblems[i])
		funds[i], fundCharts[i] = fv, pc
	})
	for i, fv := range funds {
		b.problems.Merge(&fundProblems[i])
		pc := fundCharts[i]
		b.addPage(&Page{Layout: "fund", URL: fv.URL, Title: fv.Fund.Name, Description: fv.Lead, Current: fv.URL, Content: fv, Charts: len(pc.ids) > 0, Files: pc.files}, nil)
	}
	home := b.buildHome(funds, b.problems)
	home.Maps = b.homeMaps(b.problems)
	pc := newPageCharts("/")
	var taken []Headline
	for _, f := range home.Funds {
		taken = append(taken, f.Headlines...)
	}
	home.Body = b.body(attached.home, narrative.Context{Taken: headlineIDs(taken), Chart: b.chartHTML(pc)}, b.problems)
	b.addPage(&Page{Layout: "home", URL: "/", Title: cfg.Title, Description: home.Lead, Current: "/", Content: home, Charts: len(pc.ids) > 0, Files: pc.files}, nil)
	b.figures(home, funds)
	b.finder()
	b.placePages()
	b.areaPages(attached.areas)
	for _, p := range attached.plain {
		pc := newPageCharts(pageURL(p))
		body := b.body(p, narrative.Context{Chart: b.chartHTML(pc)}, b.problems)
		b.addPage(&Page{Layout: "page", URL: pageURL(p), Title: p.Title, Description: p.Summary, Current: pageURL(p), Content: PageView{Page: p, Body: body}, Charts: len(pc.ids) > 0, Files: pc.files}, nil)
	}
	b.statement()
	b.addPage(&Page{Layout: "404", URL: NotFoundURL, Title: "Page not found"}, nil)
	desc := "Every figure on this site as CSV and JSON, with its status and the workbook cell it came from."
	b.addPage(&Page{Layout: "data", URL: "/data/", Title: "Open data", Description: desc, Current: "/data/", Content: b.data}, nil)
}

// body renders a page's narrative (if it has one) for that page, so live
// figures take the page's area or fund and do not repeat its anchors.
func (b *builder) body(p *narrative.Page, ctx narrative.Context, problems *diag.List) template.HTML {
	if p == nil {
		return ""
	}
	return p.Render(ctx, problems)
}

// chartHTML renders a chart a narrative places on pc's page, with the
// theme's markup.
func (b *builder) chartHTML(pc *pageCharts) func(charts.Spec) (template.HTML, error) {
	return func(s charts.Spec) (template.HTML, error) {
		if b.in.ChartHTML == nil {
			return "", nil
		}
		return b.in.ChartHTML(pc.place(spec{Spec: s, ok: true}))
	}
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
func (b *builder) attachPages() attachment {
	d := b.in.Data
	at := attachment{funds: map[*model.Fund]*narrative.Page{}, areas: map[*model.Area]*narrative.Page{}}
	for _, p := range b.in.Narratives {
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
				attachOnce(b, at.areas, a, p, "area", a.Name)
			} else {
				b.problems.Errorf(loc, "area %q is not in the data%s", name, diag.DidYouMean(name, d.AreaNames()))
			}
		case p.Fund != "" || strings.HasPrefix(p.Path, "funds/"):
			name := p.Fund
			if name == "" {
				name = stem
			}
			if f := d.FundByName(name); f != nil {
				attachOnce(b, at.funds, f, p, "fund", f.Name)
			} else {
				b.problems.Errorf(loc, "fund %q is not in the data%s", name, diag.DidYouMean(name, d.FundNames()))
			}
		default:
			if p.Title == "" {
				b.problems.Errorf(loc, "page has no title; add title = \"…\" to its front matter")
				continue
			}
			at.plain = append(at.plain, p)
		}
	}
	at.plain = b.checkPageAddresses(at.plain)
	slices.SortStableFunc(at.plain, func(a, b *narrative.Page) int { return a.Weight - b.Weight })
	return at
}

// attachOnce gives the page of a fund or area (kind) called name its
// narrative p, refusing a second: keeping either would drop the other
// without a word. Narratives come in path order, so the message is the
// same on every build.
func attachOnce[K comparable](b *builder, at map[K]*narrative.Page, key K, p *narrative.Page, kind, name string) {
	first, taken := at[key]
	if !taken {
		at[key] = p
		return
	}
	b.problems.Errorf(diag.Loc{File: "content/" + p.Path, Line: 1},
		"two narratives for the %s %q: content/%s and content/%s; its page has one narrative, so join them into one file, or set area or fund in one to attach it to another page",
		kind, name, first.Path, p.Path)
}

// upperFirst begins s with a capital: "local authorities" heads a page
// as "Local authorities".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
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

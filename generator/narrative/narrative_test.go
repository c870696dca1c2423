package narrative

import (
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"fundsite/generator/charts"
	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
	"fundsite/generator/workbook"
	"fundsite/themes"
)

// testData writes a two-area workbook and loads it.
func testData(t *testing.T) *model.Dataset {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "grants.xlsx"), []workbook.SheetSpec{{
		Name:   "Allocations",
		Header: []string{"Fund", "Financial year", "Area", "Amount", "Status"},
		Rows: [][]any{
			{"ARF", "2023/24", "Kent and Medway", 400000, "published"},
			{"ARF", "2023/24", "Mid and South Essex", 530000, "published lower bound"},
			{"ARF", "2024/25", "Kent and Medway", 600000, "estimate"},
			{"XYZ", "2023/24", "Bath & <b>North</b>", 5, "published"},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	d, problems := ingest.Load(&config.Config{Root: dir})
	if problems.HasErrors() {
		t.Fatal(problems.Report(0))
	}
	return d
}

// render loads one markdown file as content/page.md and renders it for ctx.
func render(t *testing.T, d *model.Dataset, markdown string, ctx Context, codes ...Shortcode) (template.HTML, string) {
	t.Helper()
	var problems diag.List
	set := figures.New(d, &config.Config{File: "site.toml", Figures: map[string]config.Figure{
		"arf_total": {Op: "sum", Fund: "ARF", Line: 4},
	}}, &problems)
	r := NewRenderer(Options{}, append([]Shortcode{Figures(set, defaultMarkup(t))}, codes...)...)
	pages := Load(fstest.MapFS{"page.md": {Data: []byte(markdown)}}, r, &problems)
	if len(pages) != 1 {
		t.Fatalf("loaded %d pages: %s", len(pages), problems.Report(0))
	}
	html := pages[0].Render(ctx, &problems)
	return html, problems.Report(0)
}

var tags = regexp.MustCompile(`<[^>]+>`)

func visible(html template.HTML) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(string(html), " ")), " ")
}

func TestFiguresInMarkdown(t *testing.T) {
	d := testData(t)
	essex := d.AreaByName("Mid and South Essex")
	tests := []struct {
		name, markdown string
		ctx            Context
		want, not      []string
	}{
		{
			name:     "a figure, its anchor and its note",
			markdown: `The fund gave {{ sum fund="ARF" year="2023/24" }} in all.`,
			want: []string{
				`The fund gave <data class="live-figure" id="fig-arf-2023-24-total" value="930000.00">£930,000</data><sup class="figure-ref"><a href="#fig-arf-2023-24-total-how"><span class="visually-hidden">how we got this figure: note </span>1</a></sup> in all.`,
				`<h2 id="figure-notes">How we got these figures</h2>`,
				`<li id="fig-arf-2023-24-total-how"><a href="#fig-arf-2023-24-total">£930,000</a>: the total of 2 allocations. Covers ARF, 2023/24.`,
				`1 is a published lower bound`,
				`From data/grants.xlsx: Allocations!D2–D3.</li>`,
			},
		},
		{
			name:     "the page's area is the default",
			markdown: "+++\ntitle = \"x\"\n+++\nEssex got {{ sum fund=\"ARF\" }}.",
			ctx:      Context{Context: figures.Context{Area: essex}},
			want:     []string{`id="fig-arf-total" value="530000.00">£530,000</data>`, "Covers ARF, Mid and South Essex."},
		},
		{
			name:     "same figure twice: one anchor, one note",
			markdown: "{{ sum fund=\"ARF\" }} and again {{ sum fund=\"ARF\" format=\"full\" }}, then {{ count areas }}.",
			want: []string{
				`<data class="live-figure" id="fig-arf-total" value="1530000.00">£1.5m</data><sup class="figure-ref"><a href="#fig-arf-total-how"><span class="visually-hidden">how we got this figure: note </span>1</a></sup>`,
				`again <data class="live-figure" value="1530000.00">£1,530,000</data><sup class="figure-ref"><a href="#fig-arf-total-how"><span class="visually-hidden">how we got this figure: note </span>1</a></sup>`,
				`<a href="#fig-areas-how"><span class="visually-hidden">how we got this figure: note </span>2</a>`,
			},
			not: []string{`id="fig-arf-total-how"><a href="#fig-arf-total">£1,530,000`},
		},
		{
			name:     "an anchor the page already has is not repeated",
			markdown: `Kent got {{ sum fund="ARF" area="Kent and Medway" }}.`,
			ctx:      Context{Taken: map[string]bool{"fig-arf-kent-and-medway-total": true}},
			want:     []string{`<data class="live-figure" value="1000000.00">£1m</data>`, `<li id="fig-arf-kent-and-medway-total-how"><a href="#fig-arf-kent-and-medway-total">`},
			not:      []string{`id="fig-arf-kent-and-medway-total"`},
		},
		{
			name:     "figures without a single number are spans",
			markdown: `Over {{ years }}, a share of {{ share area="Mid and South Essex" year="2023/24" fund="ARF" }}.`,
			want:     []string{`<span class="live-figure" id="fig-years">2023/24 to 2024/25</span>`, `<span class="live-figure" id="fig-arf-2023-24-mid-and-south-essex-share">57.0%</span>`},
		},
		{
			name:     "named figure",
			markdown: `In total {{ figure arf_total }}.`,
			want:     []string{`id="fig-arf-total" value="1530000.00">£1.5m</data>`},
		},
		{
			name:     "code spans, fenced code and escapes stay literal",
			markdown: "Write `{{ sum }}` or \\{{ sum }}.\n\n```\n{{ sum fund=\"ARF\" }}\n```\n\n    {{ count areas }}\n",
			want:     []string{`<code>{{ sum }}</code>`, `or {{ sum }}.`, "<pre><code>{{ sum fund=&quot;ARF&quot; }}\n</code></pre>", "<pre><code>{{ count areas }}\n</code></pre>"},
			not:      []string{"live-figure", "figure-notes"},
		},
		{
			name:     "a single brace is text",
			markdown: `A set {a, b} and {x}.`,
			want:     []string{`A set {a, b} and {x}.`},
		},
		{
			name:     "figures in headings, emphasis, lists and tables",
			markdown: "## {{ sum }} in all\n\n*{{ count rows }}* rows\n\n- {{ count areas }}\n\n| a | b |\n| - | - |\n| {{ years }} | x |\n",
			want:     []string{`<data class="live-figure" id="fig-total" value="1530005.00">£1.5m</data><sup class="figure-ref"><a href="#fig-total-how"><span class="visually-hidden">how we got this figure: note </span>1</a></sup> in all</h2>`, `<em><data class="live-figure" id="fig-rows"`, `<li><data class="live-figure" id="fig-areas"`, `<td><span class="live-figure" id="fig-years">`},
		},
		{
			name:     "area names from the workbook are escaped",
			markdown: `{{ max fund="XYZ" }}`,
			want:     []string{"the largest total for one area (Bath &amp; &lt;b&gt;North&lt;/b&gt;)"},
			not:      []string{"<b>North"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, problems := render(t, d, tt.markdown, tt.ctx)
			if problems != "" {
				t.Fatal(problems)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(html), w) {
					t.Errorf("HTML lacks %s\n%s", w, html)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(html), n) {
					t.Errorf("HTML has %s\n%s", n, html)
				}
			}
		})
	}
}

func TestFigureErrorsInMarkdown(t *testing.T) {
	d := testData(t)
	tests := []struct {
		name, markdown string
		want           []string
	}{
		{"place counts the front matter", "+++\ntitle = \"x\"\n+++\n\nFirst line.\nIt got {{ sum fund=\"ARX\" }}.\n",
			[]string{`content/page.md:6:15: no fund "ARX" in the data (did you mean "ARF"?)`}},
		{"columns count characters, not bytes", "£ café {{ sum yeer=\"2023/24\" }}",
			[]string{`content/page.md:1:15: unknown setting "yeer"`}},
		{"every problem at once", "{{ summ }}\n\n{{ sum area=\"Kent and Medwya\" }}\n\n{{ sum expect=\"£1m\" }}\n",
			[]string{
				`content/page.md:1:4: unknown {{ summ }}; use one of average, change, count, figure, max, min, per-head, rank, share, sum, years (did you mean "sum"?)`,
				`content/page.md:3:8: no area "Kent and Medwya" in the data (did you mean "Kent and Medway"?)`,
				`content/page.md:5:8: expect="£1m" but the figure is "£1.5m"`,
			}},
		{"unclosed braces", "Text {{ sum fund=\"ARF\"\nmore }}", []string{`content/page.md:1:6: {{ is not closed by }} on the same line (to show two braces, write \{{)`}},
		{"malformed call", `{{ sum fund="ARF }}`, []string{`content/page.md:1:13: the quote opened here is not closed`}},
		{"empty call", `{{}}`, []string{`content/page.md:1:3: empty {{ }}`}},
		{"figure in a link", `[{{ sum }}](https://example.org)`, []string{`content/page.md:1:4: {{ sum }} is inside a link's text`}},
		{"filter matching nothing", `{{ sum fund="ARF" year="2024/25" area="Mid and South Essex" }}`,
			[]string{`content/page.md:1:4: no allocations match this figure (ARF, 2024/25, Mid and South Essex)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := render(t, d, tt.markdown, Context{})
			for _, w := range tt.want {
				if !strings.Contains(problems, w) {
					t.Errorf("report lacks %s\n%s", w, problems)
				}
			}
		})
	}
}

// stubChartCode stands in for another kind of shortcode: a new name needs a
// Shortcode, not a change to the parser.
type stubChartCode struct{}

func (stubChartCode) Names() []string                { return []string{"chart"} }
func (stubChartCode) Page(ctx Context) PageShortcode { return &stubChartPage{area: ctx.Area} }

type stubChartPage struct {
	area  *model.Area
	calls []string
}

func (p *stubChartPage) Render(call figures.Call, _ *diag.List) (template.HTML, bool) {
	p.calls = append(p.calls, call.Positional[0].Value)
	return template.HTML(`<span class="chart">` + template.HTMLEscapeString(call.Positional[0].Value+" for "+p.area.Name) + `</span>`), true
}

func (p *stubChartPage) End(*diag.List) template.HTML {
	return template.HTML("<p>charts: " + template.HTMLEscapeString(strings.Join(p.calls, ", ")) + "</p>")
}

func TestOtherShortcodes(t *testing.T) {
	d := testData(t)
	ctx := Context{Context: figures.Context{Area: d.AreaByName("Kent and Medway")}}
	html, problems := render(t, d, `{{ chart "by-year" }} and {{ chart "<b>" }} beside {{ sum }}`, ctx, stubChartCode{})
	if problems != "" {
		t.Fatal(problems)
	}
	for _, want := range []string{
		`<span class="chart">by-year for Kent and Medway</span> and <span class="chart">&lt;b&gt; for Kent and Medway</span> beside <data class="live-figure"`,
		`How we got these figures`,
		`<p>charts: by-year, &lt;b&gt;</p>`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("HTML lacks %s\n%s", want, html)
		}
	}
	// Each page starts afresh: notes and charts do not carry over.
	again, _ := render(t, d, `{{ chart "other" }}`, ctx, stubChartCode{})
	if strings.Contains(string(again), "by-year") || strings.Contains(visible(again), "How we got") {
		t.Errorf("state carried over between pages:\n%s", again)
	}
}

func TestLoadSkipsEditorFiles(t *testing.T) {
	page := []byte("+++\ntitle = \"About\"\n+++\nText.\n")
	root := fstest.MapFS{
		"about.md":          {Data: page},
		".#about.md":        {Data: []byte("emacs lock, not markdown +++")},
		".drafts/notes.md":  {Data: []byte("+++ broken")},
		"areas/kent.md":     {Data: page},
		"areas/kent.md~":    {Data: page},
		"areas/.kent.md.sw": {Data: page},
	}
	var problems diag.List
	pages := Load(root, NewRenderer(Options{}), &problems)
	if problems.HasErrors() {
		t.Fatalf("problems: %v", problems.Errors())
	}
	var paths []string
	for _, p := range pages {
		paths = append(paths, p.Path)
	}
	if strings.Join(paths, " ") != "about.md areas/kent.md" {
		t.Errorf("loaded %v, want only about.md and areas/kent.md", paths)
	}
}

func TestChartShortcode(t *testing.T) {
	d := testData(t)
	kent := d.AreaByName("Kent and Medway")
	// The site renders charts with the theme; here a chart is its id and
	// description, which is what the shortcode decides.
	show := func(s charts.Spec) (template.HTML, error) {
		return template.HTML(template.HTMLEscapeString(s.ID + ": " + s.Description)), nil
	}
	tests := []struct {
		name, markdown string
		ctx            Context
		want           string // in the HTML, or in the problems when problem
		problem        bool
	}{
		{"by year for a fund", `{{ chart "by-year" fund="ARF" }}`, Context{Chart: show}, "arf-by-year: The ARF came to", false},
		{"a fund and year", `{{ chart "areas" fund="ARF" year="2023/24" }}`, Context{Chart: show}, "arf-2023-24-areas: Of", false},
		{"the page's area is picked out", `{{ chart "areas" }}`, Context{Context: figures.Context{Area: kent}, Chart: show}, "Kent and Medway was 1st of", false},
		{"a chart replaces its paragraph", "Before.\n\n{{ chart \"by-year\" }}\n\nAfter.", Context{Chart: show}, "<p>Before.</p>\nby-year: The allocations came to", false},
		{"a chart inside a sentence", `See {{ chart "by-year" }} here.`, Context{Chart: show}, "put {{ chart }} in a paragraph of its own", true},
		{"unknown chart", `{{ chart "pie" }}`, Context{Chart: show}, `content/page.md:1:4: write which chart once`, true},
		{"a figure's setting", `{{ chart "by-year" format="short" }}`, Context{Chart: show}, "chart does not take format=", true},
		{"unknown fund, as for figures", `{{ chart "by-year" fund="ARX" }}`, Context{Chart: show}, `did you mean "ARF"`, true},
		{"a page without charts", `{{ chart "by-year" }}`, Context{}, "charts cannot be shown here", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var problems diag.List
			set := figures.New(d, &config.Config{}, &problems)
			r := NewRenderer(Options{}, Figures(set, defaultMarkup(t)), Charts(set, d))
			pages := Load(fstest.MapFS{"page.md": {Data: []byte(tt.markdown)}}, r, &problems)
			html := pages[0].Render(tt.ctx, &problems)
			got := string(html)
			if tt.problem {
				got = problems.Report(0)
			} else if problems.HasErrors() {
				t.Fatal(problems.Report(0))
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

// defaultMarkup is the default theme's templates for figures, as a site
// using it writes them.
func defaultMarkup(t *testing.T) *template.Template {
	t.Helper()
	partials, err := fs.ReadFile(themes.Default(), "layouts/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	return template.Must(template.New("partials").Parse(string(partials)))
}

// A theme writes a quoted figure and its notes with its own templates.
func TestThemeRestylesFigures(t *testing.T) {
	d := testData(t)
	markup := template.Must(template.New("partials").Parse(
		`{{define "figure"}}<b class="mine"{{if .Anchor}} id="{{.ID}}"{{end}}>{{.Text}}</b>[{{.Note}}]{{end}}` +
			`{{define "figure-notes"}}<aside class="my-notes">{{range .}}<p id="{{.ID}}-how">{{.Text}}: {{.Method}}; {{.Sources}}</p>{{end}}</aside>{{end}}`))
	var problems diag.List
	set := figures.New(d, &config.Config{}, &problems)
	r := NewRenderer(Options{}, Figures(set, markup))
	pages := Load(fstest.MapFS{"page.md": {Data: []byte(`The fund gave {{ sum fund="ARF" year="2023/24" }}.`)}}, r, &problems)
	html := string(pages[0].Render(Context{}, &problems))
	for _, want := range []string{
		`The fund gave <b class="mine" id="fig-arf-2023-24-total">£930,000</b>[1].`,
		`<aside class="my-notes"><p id="fig-arf-2023-24-total-how">£930,000: `,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
	if strings.Contains(html, "live-figure") || strings.Contains(html, "figure-notes") {
		t.Errorf("the default markup is still written:\n%s", html)
	}
	if problems.HasErrors() {
		t.Error(problems.Report(0))
	}
}

// A theme's figure template that fails is reported where the figure is
// quoted, not published as a blank.
func TestFailingFigureTemplate(t *testing.T) {
	d := testData(t)
	markup := template.Must(template.New("partials").Parse(`{{define "figure"}}{{.Missing}}{{end}}{{define "figure-notes"}}{{end}}`))
	var problems diag.List
	set := figures.New(d, &config.Config{}, &problems)
	r := NewRenderer(Options{}, Figures(set, markup))
	pages := Load(fstest.MapFS{"page.md": {Data: []byte("Text.\n\nThe fund gave {{ sum fund=\"ARF\" }}.")}}, r, &problems)
	pages[0].Render(Context{}, &problems)
	if got := problems.Report(0); !strings.Contains(got, "page.md:3") || !strings.Contains(got, "theme: ") || !strings.Contains(got, "Missing") {
		t.Errorf("problems:\n%s\nwant the figure's line and the theme's error", got)
	}
}

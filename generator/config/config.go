// Package config reads site.toml: what the site is called, where it is
// published, and where its data comes from. Decoding is strict: a misspelt
// key is an error naming its line, never silently ignored.
package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"fundsite/generator/diag"
	"fundsite/generator/money"
	"fundsite/generator/regular"
)

// Config is a whole site.toml, with paths resolved against its folder.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	BaseURL     string `toml:"base_url"`
	Language    string `toml:"language"`
	Publisher   string `toml:"publisher"`
	// PublisherURL is the publisher's own home page, linked from every page.
	PublisherURL string `toml:"publisher_url"`
	Licence      string `toml:"licence"`
	LicenceURL   string `toml:"licence_url"`
	// DataAsAt is the date the data describes, shown in citations. It is
	// never the build clock, so rebuilding does not change the site.
	DataAsAt string `toml:"data_as_at"`
	// Theme names a folder under themes/; the embedded default is used when
	// the project has no such folder.
	Theme    string   `toml:"theme"`
	Markdown Markdown `toml:"markdown"`
	Sources  []Source `toml:"source"`
	// Figures are named figures: defined once here, quoted in markdown as
	// {{ figure name }}.
	Figures map[string]Figure `toml:"figures"`
	// OpenData holds identifiers for the open data downloads.
	OpenData OpenData `toml:"open_data"`
	// Areas holds the name aliases and code changes that match the names
	// real workbooks use to the areas the site knows.
	Areas AreaMatching `toml:"areas"`
	// Units is what the site calls the places or bodies it has a page for:
	// "area", "recipient", "local authority". Empty means the default for
	// the data: recipients for grant lists, areas otherwise.
	Units Noun `toml:"units"`
	// MissingValues are words that mean "not known" in an amount cell, on
	// top of the built-in ones (NA, N/A, Not given, -), in every source.
	MissingValues []string `toml:"missing_values"`
	// Accessibility fills in the accessibility statement; nil when the
	// project has no [accessibility] table (the build warns).
	Accessibility *Accessibility `toml:"accessibility"`
	// Colours are brand colours that replace the theme's own.
	Colours Colours `toml:"colours"`
	// Numbers is the house style for amounts and percentages.
	Numbers Numbers `toml:"numbers"`

	// Root is the folder site.toml is in; data/ and content/ are read from it.
	Root string `toml:"-"`
	// File is site.toml's path as given, for messages.
	File string `toml:"-"`
}

// Markdown controls how narratives are rendered.
type Markdown struct {
	// UnsafeHTML lets raw HTML in markdown through. Off by default: markdown
	// is written by many hands and published under the council's name.
	UnsafeHTML bool `toml:"unsafe_html"`
}

// Source is one sheet of one workbook and how to read it.
type Source struct {
	File string `toml:"file"`
	// Sheet names the sheet; empty means the sheet named after Kind, or the
	// first sheet whose headers fit.
	Sheet string `toml:"sheet"`
	// Kind is what the rows are: "allocations", "areas" or "funds".
	Kind string `toml:"kind"`
	// HeaderRow is the 1-based row holding the headers; 0 finds it.
	HeaderRow int `toml:"header_row"`
	// Columns maps a field (amount, fund, area, …) to the header text used
	// in this sheet, for sheets that do not use the default headers.
	Columns map[string]string `toml:"columns"`
	// Constants gives a field one value for every row, e.g. fund = "…".
	Constants map[string]string `toml:"constants"`
	// SheetNumber picks the sheet by its 1-based position when its name
	// changes from year to year.
	SheetNumber int `toml:"sheet_number"`
	// SkipRows are row numbers (as Excel shows them) below the header that
	// hold no figures: subheadings, notes, a second header line.
	SkipRows []int `toml:"skip_rows"`
	// Rows are the rows (as Excel numbers them) that form the table, from
	// its header to its last row: "3:46", or "7:" to the end of the
	// sheet. Empty means the table runs from its header down to where a
	// gap and a new header, or two blank rows, end it.
	Rows string `toml:"rows"`
	// Unpivot turns a wide sheet (years or funds across the top) into one
	// record per cell.
	Unpivot *Unpivot `toml:"unpivot"`
	// Measure is what the amounts are: "money" (the default) or "count".
	Measure string `toml:"measure"`
	// Noun names what a count counts: {one = "contract", many = "contracts"}.
	Noun Noun `toml:"noun"`
	// Round says how to round amounts with more decimals than the measure
	// keeps: "penny" or "pound" for money, "whole" for counts. Empty
	// means such an amount is an error.
	Round string `toml:"round"`
	// MissingValues add to the site's words for "not known", for this source.
	MissingValues []string `toml:"missing_values"`
	// TotalRows, when false, reads a row labelled "Total" as data rather
	// than as a total to check. Nil means true.
	TotalRows *bool `toml:"total_rows"`
	// Places maps a kind of place to the column naming each row's place
	// of that kind: { local_authority = "Local Authority" }. See places.go.
	Places map[string]string `toml:"places"`

	// Line is the line of this source's [[source]] in site.toml, and
	// lines the line of each key set in it ("columns.amount"), for
	// messages about a setting.
	Line  int            `toml:"-" json:"-"`
	lines map[string]int `toml:"-"`
}

// Noun is a word in the singular and the plural: "local authority",
// "local authorities".
type Noun struct {
	One  string `toml:"one"`
	Many string `toml:"many"`
}

// Unpivot describes a wide sheet: each column headed by a year (or fund)
// holds amounts, and becomes one record per row.
type Unpivot struct {
	// Field is what the column headers are: "year" or "fund".
	Field string `toml:"field"`
	// Columns lists the headers to unpivot; empty means every header that
	// reads as a financial year (only when Field is "year").
	Columns []string `toml:"columns"`
}

// AreaMatching maps the names and codes workbooks use to the areas known.
type AreaMatching struct {
	// Aliases maps a name as some workbook spells it to the area's name.
	Aliases map[string]string `toml:"aliases"`
	// OldCodes maps a code no longer in use to its current code, e.g.
	// "E54000052" = "E54000063" (Surrey Heartlands, April 2023).
	OldCodes map[string]string `toml:"old_codes"`
	// Complete names the area types ("Integrated care system") that the
	// areas sheets list in full: with a figure for every one of them,
	// ranks, shares and averages among them are true.
	Complete []string `toml:"complete"`
	// ShowEmpty gives a page to every area an areas sheet lists, even one
	// no figure is for. Off by default: an areas sheet is often a national
	// list, and a page per area with nothing on it helps no one.
	ShowEmpty bool `toml:"show_empty"`
}

// Numbers is how the site writes amounts and percentages in sentences,
// headline figures, tables and charts. Downloads always carry plain
// numbers.
type Numbers struct {
	// Millions is "m" ("£42.6m", the default) or "million" ("£42.6 million").
	Millions string `toml:"millions"`
	// Percent is "%" ("2.7%", the default) or "per cent" ("2.7 per cent").
	Percent string `toml:"percent"`
}

// Style is the money package's form of the house style.
func (n Numbers) Style() money.Style {
	return money.Style{Words: n.Millions == "million", PerCent: n.Percent == "per cent"}
}

// Figure defines a named figure with the settings a {{ … }} figure in
// markdown takes. Checking them is the figures package's job: config only
// knows the keys, so a misspelt one is still an error naming its line.
type Figure struct {
	// Op is the operation and any word after it: "sum", "count areas".
	Op     string `toml:"op"`
	Fund   string `toml:"fund"`
	Year   string `toml:"year"`
	Area   string `toml:"area"`
	Region string `toml:"region"`
	Status string `toml:"status"`
	From   string `toml:"from"`
	To     string `toml:"to"`
	Format string `toml:"format"`
	Expect string `toml:"expect"`
	// Line is where the figure is defined in site.toml, for messages.
	Line int `toml:"-"`
}

// OpenData holds what only the publisher knows about its open data.
type OpenData struct {
	// GrantPrefix starts every grant identifier in the 360Giving export: the
	// publisher's registered 360Giving prefix, such as "360G-examplecouncil".
	GrantPrefix string `toml:"grant_prefix"`
	// FunderID is the funder's org-id for the 360Giving export, such as
	// "GB-GOV-10"; blank when unknown.
	FunderID string `toml:"funder_id"`
}

// Kinds of source a sheet can be.
const (
	KindAllocations = "allocations"
	KindAreas       = "areas"
	KindFunds       = "funds"
	// KindGrants is a grant list: one row per award, many to a recipient.
	KindGrants = "grants"
)

// Kinds are the kinds of source, in the order they are read: a funds and
// an areas sheet first, so allocations and grants are matched to them.
var Kinds = []string{KindFunds, KindAreas, KindAllocations, KindGrants}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Load reads and checks site.toml. Every problem is reported at once.
func Load(path string) (*Config, error) {
	data, err := regular.ReadFile(path, maxConfigBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cfg := &Config{File: filepath.Base(path), Root: filepath.Dir(path)}
	var problems diag.List
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			problems.Errorf(diag.Loc{File: cfg.File, Line: perr.Position.Line, Column: perr.Position.Col}, "%s\n%s",
				perr.Message, excerpt(string(data), perr.Position))
			return nil, problems.Err()
		}
		problems.Errorf(diag.Loc{File: cfg.File}, "%v", err)
		return nil, problems.Err()
	}
	for _, key := range md.Undecoded() {
		problems.Errorf(diag.Loc{File: cfg.File, Line: lineOf(string(data), key)},
			"unknown setting %q%s", key.String(), diag.DidYouMean(key[len(key)-1], knownKeys(key)))
	}
	for name, f := range cfg.Figures {
		f.Line = lineOf(string(data), toml.Key{"figures", name})
		cfg.Figures[name] = f
	}
	cfg.locateColours(string(data))
	cfg.locateSources(string(data))
	cfg.applyDefaults()
	cfg.validate(&problems)
	cfg.validateLinks(&problems, string(data))
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (c *Config) applyDefaults() {
	if c.Language == "" {
		c.Language = "en-GB"
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.Title == "" {
		c.Title = "Funding"
	}
	if c.BaseURL != "" {
		c.BaseURL = strings.TrimRight(c.BaseURL, "/") + "/"
	}
	for i := range c.Sources {
		c.Sources[i].Kind = strings.ToLower(c.Sources[i].Kind)
		if c.Sources[i].Kind == "" {
			c.Sources[i].Kind = KindAllocations
		}
		c.Sources[i].Measure = strings.ToLower(strings.TrimSpace(c.Sources[i].Measure))
		c.Sources[i].Round = strings.ToLower(strings.TrimSpace(c.Sources[i].Round))
	}
}

func (c *Config) validate(problems *diag.List) {
	at := diag.Loc{File: c.File}
	if c.DataAsAt != "" {
		if !isDate(c.DataAsAt) {
			problems.Errorf(at, "data_as_at %q must be a date written YYYY-MM-DD", c.DataAsAt)
		}
	}
	if strings.ContainsAny(c.Theme, `/\`) || strings.HasPrefix(c.Theme, ".") {
		problems.Errorf(at, "theme %q must be a folder name under themes/", c.Theme)
	}
	c.validateAccessibility(problems)
	c.validateColours(problems)
	if m := c.Numbers.Millions; m != "" && m != "m" && m != "million" {
		problems.Errorf(at, `[numbers] millions = %q must be "m" (£42.6m) or "million" (£42.6 million)`, m)
	}
	if p := c.Numbers.Percent; p != "" && p != "%" && p != "per cent" {
		problems.Errorf(at, `[numbers] percent = %q must be "%%" (2.7%%) or "per cent" (2.7 per cent)`, p)
	}
	for i, s := range c.Sources {
		where := fmt.Sprintf("[[source]] number %d", i+1)
		switch {
		case s.File == "":
			problems.Errorf(at, "%s has no file", where)
		case filepath.IsAbs(s.File) || strings.HasPrefix(filepath.Clean(s.File), ".."):
			problems.Errorf(at, "%s: file %q must be inside the project folder", where, s.File)
		}
		validateLayout(problems, at, where, s)
		if !slices.Contains(Kinds, s.Kind) {
			problems.Errorf(c.SourceLoc(s, "kind"), "%s: kind %q must be allocations, grants, areas or funds%s", where, s.Kind,
				diag.DidYouMean(s.Kind, Kinds))
		}
		c.validateMeasure(problems, where, s)
		c.validatePlaces(problems, where, s)
	}
}

// isDate reports whether s is a real date written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil && isoDate.MatchString(s)
}

// Path resolves a project-relative path.
func (c *Config) Path(rel string) string { return filepath.Join(c.Root, filepath.FromSlash(rel)) }

// knownKeys lists the keys allowed beside the unknown one, for suggestions.
func knownKeys(key toml.Key) []string {
	switch {
	case len(key) == 1:
		return tomlNames(Config{})
	case key[0] == "markdown":
		return tomlNames(Markdown{})
	case key[0] == "open_data":
		return tomlNames(OpenData{})
	case key[0] == "source" && len(key) == 3 && key[1] == "unpivot":
		return tomlNames(Unpivot{})
	case key[0] == "source" && len(key) == 3 && key[1] == "noun", key[0] == "units":
		return tomlNames(Noun{})
	case key[0] == "source":
		return tomlNames(Source{})
	case key[0] == "areas" && len(key) == 2:
		return tomlNames(AreaMatching{})
	case key[0] == "figures" && len(key) == 3:
		return tomlNames(Figure{})
	case key[0] == "accessibility":
		return tomlNames(Accessibility{})
	case key[0] == "colours":
		return tomlNames(Colours{})
	case key[0] == "numbers":
		return tomlNames(Numbers{})
	}
	return nil
}

// lineOf finds the line where the last part of key is set, looking after
// the line that opens its table. 0 when it cannot be found.
func lineOf(text string, key toml.Key) int {
	lines := strings.Split(text, "\n")
	start := 0
	if len(key) > 1 {
		table := strings.Join(key[:len(key)-1], ".")
		for i, l := range lines {
			t := strings.TrimSpace(l)
			if t == "["+table+"]" || t == "[["+table+"]]" {
				start = i
				break
			}
		}
	}
	name := key[len(key)-1]
	assign := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(name) + `"?\s*=`)
	header := regexp.MustCompile(`^\s*\[\[?[^\]]*\b` + regexp.QuoteMeta(name) + `\]\]?`)
	for i := start; i < len(lines); i++ {
		if assign.MatchString(lines[i]) || header.MatchString(lines[i]) {
			return i + 1
		}
	}
	return 0
}

// excerpt shows the line of site.toml a parse error is on, with carets
// under the characters at fault, as toml's own ErrorWithPosition does, so
// a comms officer sees the mistake rather than counting columns.
func excerpt(data string, at toml.Position) string {
	lines := strings.Split(data, "\n")
	if at.Line < 1 || at.Line > len(lines) {
		return ""
	}
	line := strings.TrimRight(lines[at.Line-1], "\r")
	start := min(max(at.Col-1, 0), len(line))
	// The caret goes under the character, counting what the reader sees:
	// a tab as a tab, a letter beyond ASCII as one.
	pad := strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		return ' '
	}, line[:start])
	gutter := fmt.Sprintf("%6d | ", at.Line)
	return gutter + line + "\n" + strings.Repeat(" ", len(gutter)) + pad + strings.Repeat("^", max(at.Len, 1))
}

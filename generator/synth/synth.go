// Package synth writes synthetic fundsite projects of any size (N areas, F
// funds, Y financial years, so N×F×Y allocation rows; or G grants to N
// recipients) for benchmarks. A project is a real one: an .xlsx workbook
// written with workbook.Write, site.toml, and markdown narratives. The
// same options and seed always give byte-identical files, so timings are
// comparable.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
	"fundsite/generator/workbook"
)

// Options size a project.
type Options struct {
	Areas, Funds, Years int
	// Grants, when set, makes the project a grant list: this many awards,
	// each from one of the funds in one of the years, to the Areas as
	// recipients (about Grants/Areas each), read as kind = "grants".
	Grants int
	// Seed makes a different but equally deterministic project.
	Seed uint64
	// Edit changes one cell of the workbook (the first allocation's
	// status, or the first grant's title): a comms team's one-cell fix,
	// for timing the rebuild it causes.
	Edit bool
}

// Rows is how many allocation (or grant) rows the project has.
func (o Options) Rows() int {
	if o.Grants > 0 {
		return o.Grants
	}
	return o.Areas * o.Funds * o.Years
}

// Size is a named benchmark size.
type Size struct {
	Name string
	Options
}

// Sizes are the benchmark's sizes, smallest first: small is the example's
// shape (42 areas, one fund, two years); medium is deep (100,000 rows, 1,000
// area pages); large is wide (100,000 rows, 10,000 area pages); grants is
// large's rows and pages as a grant list (100,000 grants to 10,000
// recipients).
var Sizes = []Size{
	{"small", Options{Areas: 42, Funds: 1, Years: 2}},
	{"medium", Options{Areas: 1_000, Funds: 10, Years: 10}},
	{"large", Options{Areas: 10_000, Funds: 5, Years: 2}},
	{"grants", Options{Areas: 10_000, Funds: 5, Years: 2, Grants: 100_000}},
	{"huge", Options{Areas: 10_000, Funds: 10, Years: 10}},
}

// SizeNamed finds a size by name.
func SizeNamed(name string) (Options, bool) {
	for _, s := range Sizes {
		if s.Name == name {
			return s.Options, true
		}
	}
	return Options{}, false
}

// WorkbookName is the workbook's path in the project.
const WorkbookName = "data/funding.xlsx"

// firstYear is the start of the earliest financial year; later years follow.
const firstYear = 2015

// Write creates the project in dir (which may exist; files are overwritten).
func Write(dir string, o Options) error {
	if o.Areas < 1 || o.Funds < 1 || o.Years < 1 {
		return fmt.Errorf("a project needs at least one area, fund and year (got %d, %d, %d)", o.Areas, o.Funds, o.Years)
	}
	p := newProject(o)
	for _, d := range []string{"data", "content/funds", "content/areas"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	if err := workbook.Write(filepath.Join(dir, filepath.FromSlash(WorkbookName)), p.sheets()); err != nil {
		return fmt.Errorf("writing the workbook: %w", err)
	}
	for name, text := range p.textFiles() {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

type area struct {
	code, name, region string
	population         []int64 // by year
	weight             int64   // share of each fund, in parts per million-ish
}

type fund struct {
	name, short, department string
	scale                   int64 // pounds per weight unit
	total                   money.Pence
}

type project struct {
	o     Options
	rng   *rand.Rand
	areas []area
	funds []fund
	years []fyear.Year
}

func newProject(o Options) *project {
	p := &project{o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x66756e6473697465))} // "fundsite"
	for y := range o.Years {
		p.years = append(p.years, fyear.Of(firstYear+y))
	}
	p.makeAreas()
	p.makeFunds()
	return p
}

var regions = []string{
	"East Midlands", "East of England", "London", "North East", "North West",
	"South East", "South West", "West Midlands", "Yorkshire and the Humber",
}

// Place-name parts, combined into names such as "Ashby and Thornbury".
var (
	stems = []string{
		"Ash", "Bram", "Brook", "Calder", "Chester", "Clay", "Cold", "Dun", "Elm", "Fair",
		"Fern", "Glen", "Hart", "Hazel", "Holm", "Kings", "Lang", "Lark", "Lin", "Marsh",
		"Mill", "Moor", "Nor", "Oak", "Pen", "Red", "Rose", "Salt", "Stan", "Stone",
		"Sud", "Thorn", "Wal", "West", "Whit", "Wick", "Wild", "Willow", "Wood", "Yar",
	}
	endings = []string{
		"bury", "by", "combe", "dale", "don", "field", "ford", "ham", "hurst", "ley",
		"mouth", "stead", "thorpe", "ton", "wich", "worth",
	}
	joins = []string{"%s", "%s and %s", "%s, %s and %s", "North %s", "South %s", "East %s", "West %s", "Greater %s"}
)

func (p *project) placeName() string {
	word := func() string { return stems[p.rng.IntN(len(stems))] + endings[p.rng.IntN(len(endings))] }
	j := joins[p.rng.IntN(len(joins))]
	args := make([]any, strings.Count(j, "%s"))
	for i := range args {
		args[i] = word()
	}
	return fmt.Sprintf(j, args...)
}

func (p *project) makeAreas() {
	seen := map[string]bool{}
	for i := range p.o.Areas {
		name := p.placeName()
		for try := 0; seen[model.Slugify(name)]; try++ {
			name = p.placeName()
			if try > 3 {
				name = fmt.Sprintf("%s %d", name, i+1)
			}
		}
		seen[model.Slugify(name)] = true
		base := 50_000 + p.rng.Int64N(1_500_000)
		a := area{
			code:   fmt.Sprintf("E%02d%06d", 6+i%5, 1+i),
			name:   name,
			region: regions[p.rng.IntN(len(regions))],
			weight: base / 100,
		}
		for range p.years {
			a.population = append(a.population, base)
			base += base * (p.rng.Int64N(30) - 5) / 1000 // -0.5% to +2.5% a year
		}
		p.areas = append(p.areas, a)
	}
}

var fundNames = []struct{ name, short, department string }{
	{"Accelerating Reform Fund", "ARF", "Department of Health and Social Care"},
	{"Better Care Fund", "BCF", "Department of Health and Social Care"},
	{"Discharge Fund", "DF", "Department of Health and Social Care"},
	{"Market Sustainability Fund", "MSF", "Department of Health and Social Care"},
	{"Public Health Grant", "PHG", "Department of Health and Social Care"},
	{"Household Support Fund", "HSF", "Department for Work and Pensions"},
	{"Levelling Up Fund", "LUF", "Ministry of Housing, Communities and Local Government"},
	{"Shared Prosperity Fund", "SPF", "Ministry of Housing, Communities and Local Government"},
	{"Towns Fund", "TF", "Ministry of Housing, Communities and Local Government"},
	{"Holiday Activities and Food Programme", "HAF", "Department for Education"},
}

func (p *project) makeFunds() {
	for i := range p.o.Funds {
		n := fundNames[i%len(fundNames)]
		f := fund{name: n.name, short: n.short, department: n.department, scale: 1 + p.rng.Int64N(40)}
		if round := i / len(fundNames); round > 0 {
			f.name = fmt.Sprintf("%s %d", n.name, round+1)
			f.short = fmt.Sprintf("%s%d", n.short, round+1)
		}
		p.funds = append(p.funds, f)
	}
}

// allocation is one row; amounts are whole pounds except every 97th, which
// has pence and is written as text the way some workbooks store money.
func (p *project) allocation(fi, yi, ai int) []any {
	f, a := &p.funds[fi], p.areas[ai]
	pounds := a.weight * f.scale * int64(100+5*yi+p.rng.IntN(20)) / 100
	amount := money.Pounds(pounds)
	var cell any = pounds
	if (fi+yi+ai)%97 == 0 {
		amount += money.Pence(1 + p.rng.IntN(99))
		cell = money.Full(amount/100*100) + fmt.Sprintf(".%02d", amount%100)
	}
	f.total += amount
	status, basis := "published", ""
	switch r := p.rng.IntN(100); {
	case r < 7:
		status, basis = "estimate", "Estimated from the area's share of the population"
	case r < 10:
		status, basis = "published lower bound", "The source says “over” this amount"
	}
	source := "https://www.gov.uk/government/publications/" + model.Slugify(f.name) + "-" + p.years[yi].Slug()
	return []any{f.name, p.years[yi].String(), a.code, a.name, a.region, cell, status, basis, source}
}

func (p *project) sheets() []workbook.SheetSpec {
	if p.o.Grants > 0 {
		grants := p.grantSheet()
		if p.o.Edit {
			grants.Rows[0][3] = fmt.Sprint(grants.Rows[0][3]) + " (corrected)"
		}
		return []workbook.SheetSpec{grants, p.fundSheet()}
	}
	alloc := workbook.SheetSpec{
		Name:         "Allocations",
		Titles:       []string{fmt.Sprintf("Synthetic allocations: %d areas, %d funds, %d years", p.o.Areas, p.o.Funds, p.o.Years)},
		Header:       []string{"Fund", "Financial year", "Area code", "Area", "Region", "Amount (£)", "Status", "Basis", "Source"},
		MoneyColumns: []int{5},
		Rows:         make([][]any, 0, p.o.Rows()),
	}
	for fi := range p.funds {
		for yi := range p.years {
			for ai := range p.areas {
				alloc.Rows = append(alloc.Rows, p.allocation(fi, yi, ai))
			}
		}
	}
	if p.o.Edit {
		status := "published"
		if alloc.Rows[0][6] == "published" {
			status = "estimate"
		}
		alloc.Rows[0][6] = status
	}
	areas := workbook.SheetSpec{
		Name:   "Areas",
		Titles: []string{"Synthetic areas"},
		Header: []string{"Area code", "Name", "Area type", "Region"},
	}
	for _, y := range p.years {
		areas.Header = append(areas.Header, "Population "+y.String())
	}
	for _, a := range p.areas {
		row := []any{a.code, a.name, "Local authority", a.region}
		for _, n := range a.population {
			row = append(row, n)
		}
		areas.Rows = append(areas.Rows, row)
	}
	return []workbook.SheetSpec{alloc, areas, p.fundSheet()}
}

// fundSheet lists the funds with the totals of their rows, which the
// rows must be made first to know.
func (p *project) fundSheet() workbook.SheetSpec {
	funds := workbook.SheetSpec{
		Name:   "Funds",
		Header: []string{"Name", "Short name", "Department", "Description", "Announced total (£)", "Source address"},
	}
	for _, f := range p.funds {
		funds.Rows = append(funds.Rows, []any{f.name, f.short, f.department,
			"A synthetic fund for benchmarks.", f.total.Decimal(), "https://www.gov.uk/government/collections/" + model.Slugify(f.name)})
	}
	return funds
}

// grantSheet is a grant list as funders publish one: an identifier, the
// recipient and its identifier, a title, the amount and the award date
// (an Excel date) of each award.
func (p *project) grantSheet() workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name:         "Grants",
		Titles:       []string{fmt.Sprintf("Synthetic grants: %d awards to %d recipients", p.o.Grants, p.o.Areas)},
		Header:       []string{"Identifier", "Recipient", "Recipient identifier", "Title", "Amount (£)", "Award date", "Fund"},
		MoneyColumns: []int{4},
		Rows:         make([][]any, 0, p.o.Grants),
	}
	for g := range p.o.Grants {
		fi, yi := g%len(p.funds), p.rng.IntN(len(p.years))
		a := p.areas[g%len(p.areas)] // every recipient has a grant
		if g >= len(p.areas) {
			a = p.areas[p.rng.IntN(len(p.areas))]
		}
		f := &p.funds[fi]
		pounds := 500 + p.rng.Int64N(a.weight*f.scale/10+1)
		f.total += money.Pounds(pounds)
		// A day in the financial year, as Excel stores dates: days since
		// 30 December 1899.
		day := time.Date(p.years[yi].Start, time.April, 1+p.rng.IntN(360), 0, 0, 0, 0, time.UTC)
		serial := int(day.Sub(time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		s.Rows = append(s.Rows, []any{fmt.Sprintf("360G-synthetic-%07d", g+1), a.name, "GB-CHC-" + a.code[1:],
			fmt.Sprintf("%s project %d", strings.Fields(a.name)[0], g+1), pounds, serial, f.name})
	}
	return s
}

// textFiles are site.toml and the narratives, by project path.
func (p *project) textFiles() map[string]string {
	files := map[string]string{
		"site.toml": `title = "Synthetic funding"
description = "A synthetic project for benchmarking fundsite."
base_url = "https://synthetic.example/"
publisher = "fundsite benchmarks"
licence = "Open Government Licence v3.0"
licence_url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
data_as_at = "2025-03-31"

[accessibility]
contact_email = "accessibility@synthetic.example"
statement_date = "2025-03-31"
compliance = "full"
` + p.sources(),
		"content/_index.md": `+++
title = "Synthetic funding"
summary = "Every area and every fund, generated for benchmarks."
+++

This site is **synthetic**: the areas, funds and amounts are made up, so the
build can be timed at national scale. See [the methodology](/about/).
`,
		"content/about.md": `+++
title = "About the data"
summary = "How the synthetic data is made."
+++

## Method

Each area has a population; each fund shares its money in proportion to it,
with noise. About one figure in fourteen is an **estimate**.

| Column | Meaning |
| --- | ---: |
| Amount | pounds |
| Status | how far to rely on it |
`,
	}
	first, last := p.years[0].String(), p.years[len(p.years)-1].String()
	for _, f := range p.funds {
		files["content/funds/"+model.Slugify(f.name)+".md"] = fmt.Sprintf(`+++
title = %q
fund = %q
+++

## What the %s is for

The %s is paid by the %s to every area each year: {{ sum }}
over {{ years }}, to {{ count areas }} areas. This text is synthetic, but
written like a real narrative: it has *emphasis*, a [link](/areas/) and a list.

- It is shared by population: the most any area received was {{ max }}.
- It was paid in {{ count rows format="number" }} allocations.
`, f.name, f.short, f.name, f.name, f.department)
		if first != last {
			files["content/funds/"+model.Slugify(f.name)+".md"] += fmt.Sprintf("- From %s to %s it changed by {{ change from=%q to=%q }}.\n", first, last, first, last)
		}
	}
	// Every area page has a narrative of live figures, as a comms team
	// would write for a national site, so the benchmark renders them.
	// TODO(issue 10): add a chart shortcode once charts (issue 4) are on main.
	f := p.funds[0]
	if p.o.Grants > 0 {
		for name, text := range p.recipientNarratives() {
			files[name] = text
		}
		return files
	}
	for _, a := range p.areas {
		files["content/areas/"+model.Slugify(a.name)+".md"] = fmt.Sprintf(`+++
area = %q
+++

## What %s is doing with the money

%s, in %s, received {{ sum fund="all" }} from every fund over {{ years fund="all" }}.
From the %s it received {{ sum fund=%q year=%q }} in %s: {{ per-head fund=%q year=%q }}
a head, {{ share fund=%q year=%q }} of the national total, placing it
{{ rank fund=%q year=%q }} of all areas.
`, a.name, a.name, a.name, a.region, f.name, f.short, last, last, f.short, last, f.short, last, f.short, last)
	}
	return files
}

// sources end site.toml: none for the default layout; for a grant list,
// the sheets to read.
func (p *project) sources() string {
	if p.o.Grants == 0 {
		return ""
	}
	return `
[[source]]
file = "` + WorkbookName + `"
sheet = "Funds"
kind = "funds"

[[source]]
file = "` + WorkbookName + `"
sheet = "Grants"
kind = "grants"
`
}

// recipientNarratives are a recipient page's live figures: recipients
// have no population, so no per-head figure.
func (p *project) recipientNarratives() map[string]string {
	files := map[string]string{}
	for _, a := range p.areas {
		files["content/areas/"+model.Slugify(a.name)+".md"] = fmt.Sprintf(`+++
area = %q
+++

## What %s is doing with its grants

%s received {{ sum fund="all" }} in {{ count rows fund="all" format="number" }} grants over {{ years fund="all" }}:
{{ share fund="all" }} of the whole, placing it {{ rank fund="all" }} of all recipients.
It had grants in {{ count years fund="all" }} financial years.
`, a.name, a.name, a.name)
	}
	return files
}

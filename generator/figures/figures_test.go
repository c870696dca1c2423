package figures

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
	"fundsite/generator/workbook"
)

// testData writes a small workbook (the way a comms team would) and loads
// it. Amounts are chosen so every figure can be checked by hand:
//
//	row  fund  year     area                  amount        status
//	2    ARF   2023/24  Kent and Medway       400,000       published
//	3    ARF   2023/24  Mid and South Essex   530,000       published lower bound
//	4    ARF   2023/24  Surrey Heartlands     300,000       estimate
//	5    ARF   2023/24  Norfolk and Waveney   300,000       estimate
//	6    ARF   2024/25  Kent and Medway       600,000       estimate
//	7    ARF   2024/25  Mid and South Essex   450,000       estimate
//	8    BCF   2023/24  Kent and Medway       1,000,000.50  published
func testData(t testing.TB) *model.Dataset {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "grants.xlsx"), []workbook.SheetSpec{
		{
			Name:   "Allocations",
			Header: []string{"Fund", "Financial year", "Area", "Amount", "Status"},
			Rows: [][]any{
				{"ARF", "2023/24", "Kent and Medway", 400000, "published"},
				{"ARF", "2023/24", "Mid and South Essex", 530000, "published lower bound"},
				{"ARF", "2023/24", "Surrey Heartlands", 300000, "estimate"},
				{"ARF", "2023/24", "Norfolk and Waveney", 300000, "estimate"},
				{"ARF", "2024/25", "Kent and Medway", 600000, "estimate"},
				{"ARF", "2024/25", "Mid and South Essex", 450000, "estimate"},
				{"BCF", "2023/24", "Kent and Medway", "1000000.50", "published"},
			},
		},
		{
			Name:   "Areas",
			Header: []string{"Area code", "Name", "Region", "Population 2023/24", "Population 2024/25"},
			Rows: [][]any{
				{"E1", "Kent and Medway", "South East", 1000000, 1000000},
				{"E2", "Mid and South Essex", "East of England", 500000, 400000},
				{"E3", "Surrey Heartlands", "South East", 250000, nil},
				{"E4", "Norfolk and Waveney", "East of England", nil, nil},
			},
		},
		{
			Name:   "Funds",
			Header: []string{"Name", "Short name"},
			Rows:   [][]any{{"Accelerating Reform Fund", "ARF"}, {"Better Care Fund", "BCF"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	d, problems := ingest.Load(&config.Config{Root: dir, File: "site.toml"})
	if problems.HasErrors() {
		t.Fatal(problems.Report(0))
	}
	return d
}

var at = diag.Loc{File: "content/page.md", Line: 7, Column: 12}

// evaluate parses text as the inside of {{ … }} and evaluates it.
func evaluate(t *testing.T, s *Set, text string, ctx Context) (Figure, string) {
	t.Helper()
	var problems diag.List
	call, ok := Parse(text, at, &problems)
	if !ok {
		return Figure{}, problems.Report(0)
	}
	fig, ok := s.Eval(call, ctx, &problems)
	if ok != !problems.HasErrors() {
		t.Errorf("%s: ok=%v but problems: %s", text, ok, problems.Report(0))
	}
	return fig, problems.Report(0)
}

func TestOperations(t *testing.T) {
	d := testData(t)
	s := New(d, &config.Config{}, &diag.List{})
	kent, essex := d.AreaByName("Kent and Medway"), d.AreaByName("Mid and South Essex")
	arf := d.FundByName("ARF")
	tests := []struct {
		name, call string
		ctx        Context
		text, id   string
	}{
		{"sum of a fund", `sum fund="ARF"`, Context{}, "£2.6m", "fig-arf-total"},
		{"sum of everything", `sum`, Context{}, "£3.6m", "fig-total"},
		{"sum in pence", `sum fund="BCF" format="full"`, Context{}, "£1,000,000.50", "fig-bcf-total"},
		{"sum of one area and year", `sum fund="ARF" year="2023/24" area="Mid and South Essex"`, Context{}, "£530,000", "fig-arf-2023-24-mid-and-south-essex-total"},
		{"count areas", `count areas fund="ARF"`, Context{}, "4", "fig-arf-areas"},
		{"count areas in a year", `count areas fund="ARF" year="2024/25"`, Context{}, "2", "fig-arf-2024-25-areas"},
		{"count rows", `count rows fund="ARF"`, Context{}, "6", "fig-arf-rows"},
		{"count years", `count years fund="ARF"`, Context{}, "2", "fig-arf-year-count"},
		{"min, ties to the first name", `min fund="ARF" year="2023/24"`, Context{}, "£300,000", "fig-arf-2023-24-min"},
		{"max", `max fund="ARF" year="2023/24"`, Context{}, "£530,000", "fig-arf-2023-24-max"},
		{"max over years adds an area's rows", `max fund="ARF"`, Context{}, "£1m", "fig-arf-max"},
		{"average per area", `average fund="ARF" year="2023/24"`, Context{}, "£382,500", "fig-arf-2023-24-average"},
		{"share of an area", `share fund="ARF" year="2023/24" area="Mid and South Essex"`, Context{}, "34.6%", "fig-arf-2023-24-mid-and-south-essex-share"},
		{"share of a region", `share fund="ARF" year="2023/24" region="South East"`, Context{}, "45.8%", "fig-arf-2023-24-region-south-east-share"},
		{"share of a status", `share fund="ARF" status="estimate"`, Context{}, "64.0%", "fig-arf-estimate-share"},
		{"per head in pence", `per-head fund="ARF" year="2023/24" area="Kent and Medway"`, Context{}, "£0.40", "fig-arf-2023-24-kent-and-medway-per-head"},
		{"per head of several areas", `per-head fund="ARF" year="2024/25"`, Context{}, "£0.75", "fig-arf-2024-25-per-head"},
		{"change, a fall", `change fund="ARF" from="2023/24" to="2024/25"`, Context{}, "-£480,000", "fig-arf-2023-24-to-2024-25-change"},
		{"change as a percentage", `change fund="ARF" from="2023/24" to="2024/25" format="percent"`, Context{}, "-31.4%", "fig-arf-2023-24-to-2024-25-change-percent"},
		{"change of an area, a rise", `change fund="ARF" area="Kent and Medway" from="2023/24" to="2024/25" format="percent"`, Context{}, "50.0%", "fig-arf-2023-24-to-2024-25-kent-and-medway-change-percent"},
		{"rank", `rank fund="ARF" year="2023/24" area="Kent and Medway"`, Context{}, "2nd", "fig-arf-2023-24-kent-and-medway-rank"},
		{"rank shares a tie", `rank fund="ARF" year="2023/24" area="Norfolk and Waveney"`, Context{}, "3rd", "fig-arf-2023-24-norfolk-and-waveney-rank"},
		{"years", `years fund="ARF"`, Context{}, "2023/24 to 2024/25", "fig-arf-years"},
		{"years, one", `years fund="BCF"`, Context{}, "2023/24", "fig-bcf-years"},

		// Filters.
		{"fund by full name", `sum fund="accelerating reform fund"`, Context{}, "£2.6m", "fig-arf-total"},
		{"year as people write it", `sum fund="ARF" year="2023-2024"`, Context{}, "£1.5m", "fig-arf-2023-24-total"},
		{"years listed", `sum fund="ARF" year="2024/25, 2023/24"`, Context{}, "£2.6m", "fig-arf-2023-24-2024-25-total"},
		{"area by code", `sum fund="ARF" area="E2"`, Context{}, "£980,000", "fig-arf-mid-and-south-essex-total"},
		{"region", `sum fund="ARF" region="east of england"`, Context{}, "£1.3m", "fig-arf-region-east-of-england-total"},
		{"status", `sum status="published"`, Context{}, "£1.4m", "fig-published-total"},
		{"statuses listed", `sum fund="ARF" status="published lower bound, published"`, Context{}, "£930,000", "fig-arf-published-published-lower-bound-total"},
		{"curly quotes from a word processor", `sum fund=“ARF” year=“2023/24”`, Context{}, "£1.5m", "fig-arf-2023-24-total"},
		{"bare values", `sum fund=ARF year=2023/24`, Context{}, "£1.5m", "fig-arf-2023-24-total"},

		// The page's area and fund are defaults, left out of the anchor.
		{"area page", `sum fund="ARF" year="2023/24"`, Context{Area: essex}, "£530,000", "fig-arf-2023-24-total"},
		{"area page, same area named", `sum fund="ARF" year="2023/24" area="Mid and South Essex"`, Context{Area: essex}, "£530,000", "fig-arf-2023-24-total"},
		{"area page, another area", `sum fund="ARF" year="2023/24" area="Kent and Medway"`, Context{Area: essex}, "£400,000", "fig-arf-2023-24-kent-and-medway-total"},
		{"area page, all areas", `sum fund="ARF" year="2023/24" area="all"`, Context{Area: essex}, "£1.5m", "fig-arf-2023-24-all-areas-total"},
		{"area page rank", `rank fund="ARF" year="2024/25"`, Context{Area: kent}, "1st", "fig-arf-2024-25-rank"},
		{"area page share", `share fund="ARF" year="2023/24"`, Context{Area: kent}, "26.1%", "fig-arf-2023-24-share"},
		{"fund page", `sum year="2024/25"`, Context{Fund: arf}, "£1.1m", "fig-arf-2024-25-total"},
		{"fund page, all funds", `sum fund="all"`, Context{Fund: arf}, "£3.6m", "fig-total"},

		// Formats.
		{"money short", `sum fund="ARF" format="short"`, Context{}, "£2.6m", "fig-arf-total"},
		{"money full", `sum fund="ARF" format="full"`, Context{}, "£2,580,000", "fig-arf-total"},
		{"money words", `sum fund="ARF" format="words"`, Context{}, "£2.6 million", "fig-arf-total"},
		{"per head short", `per-head fund="ARF" year="2023/24" area="Kent and Medway" format="short"`, Context{}, "£0", "fig-arf-2023-24-kent-and-medway-per-head"},
		{"count number", `count rows format="number"`, Context{}, "7", "fig-rows"},
		{"count words", `count areas fund="ARF" year="2024/25" format="words"`, Context{}, "two", "fig-arf-2024-25-areas"},
		{"share percent", `share fund="ARF" area="Kent and Medway" format="percent"`, Context{}, "38.8%", "fig-arf-kent-and-medway-share"},
		{"rank number", `rank fund="ARF" year="2023/24" area="Kent and Medway" format="number"`, Context{}, "2", "fig-arf-2023-24-kent-and-medway-rank"},
		{"rank words", `rank fund="ARF" year="2023/24" area="Kent and Medway" format="words"`, Context{}, "second", "fig-arf-2023-24-kent-and-medway-rank"},
		{"format in capitals", `sum fund="ARF" format="FULL"`, Context{}, "£2,580,000", "fig-arf-total"},

		// expect= holds when the printed figure matches.
		{"expect matches", `sum fund="ARF" year="2023/24" area="Mid and South Essex" expect="£530,000"`, Context{}, "£530,000", "fig-arf-2023-24-mid-and-south-essex-total"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig, problems := evaluate(t, s, tt.call, tt.ctx)
			if problems != "" {
				t.Fatalf("{{ %s }}: %s", tt.call, problems)
			}
			if fig.Text != tt.text || fig.ID != tt.id {
				t.Errorf("{{ %s }} = %q #%s, want %q #%s", tt.call, fig.Text, fig.ID, tt.text, tt.id)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	d := testData(t)
	s := New(d, &config.Config{File: "site.toml", Figures: map[string]config.Figure{
		"arf_total": {Op: "sum", Fund: "ARF", Line: 9},
	}}, &diag.List{})
	tests := []struct {
		name, call string
		ctx        Context
		want       []string // each must be in the report
	}{
		{"unknown operation", `summ fund="ARF"`, Context{}, []string{"content/page.md:7:12:", `unknown figure "summ"`, `did you mean "sum"`}},
		{"unknown setting", `sum fund="ARF" yeer="2023/24"`, Context{}, []string{"content/page.md:7:27:", `unknown setting "yeer"`, `did you mean "year"`}},
		{"setting of another operation", `sum from="2023/24"`, Context{}, []string{"sum does not take from=", "for change"}},
		{"unknown fund", `sum fund="ARX"`, Context{}, []string{"content/page.md:7:16:", `no fund "ARX"`, `did you mean "ARF"`}},
		{"unknown area suggests the closest", `sum area="Kent and Medwya"`, Context{}, []string{`no area "Kent and Medwya"`, `did you mean "Kent and Medway"`}},
		{"year not in the data", `sum year="2030/31"`, Context{}, []string{"no allocations in 2030/31", "2023/24, 2024/25"}},
		{"year not a year", `sum year="last year"`, Context{}, []string{`financial year "last year" is not in a form we know`}},
		{"unknown region", `sum region="South Eats"`, Context{}, []string{`no region "South Eats"`, `did you mean "South East"`}},
		{"unknown status", `sum status="guess"`, Context{}, []string{`status "guess" must be published`}},
		{"empty setting", `sum fund=""`, Context{}, []string{"fund is empty"}},
		{"filter matching no rows", `sum fund="BCF" year="2024/25"`, Context{}, []string{"content/page.md:7:12:", "no allocations match this figure (Better Care Fund, 2024/25)"}},
		{"several problems at once", `sum fund="ARX" area="Kentt"`, Context{}, []string{`no fund "ARX"`, `no area "Kentt"`}},
		{"expect mismatch", `sum fund="ARF" expect="£2.5m"`, Context{}, []string{"content/page.md:7:27:", `expect="£2.5m" but the figure is "£2.6m"`}},
		{"expect same amount, other format", `sum fund="ARF" expect="2580000"`, Context{}, []string{`but the figure is "£2.6m"`, `add format="full"`}},
		{"format that does not suit", `sum format="percent"`, Context{}, []string{`format="percent" does not suit sum; use short, full, words`}},
		{"unknown format", `count areas format="roman"`, Context{}, []string{`format="roman" does not suit count; use number, words`}},
		{"count of nothing", `count fund="ARF"`, Context{}, []string{"count needs what to count: count areas, count rows, count years"}},
		{"count of something unknown", `count area`, Context{}, []string{`cannot count "area"`, `did you mean "areas"`}},
		{"count of two things", `count areas rows`, Context{}, []string{`count takes one word`}},
		{"word on an operation without one", `sum areas`, Context{}, []string{`sum takes no word "areas"`}},
		{"share of everything", `share fund="ARF"`, Context{}, []string{"share needs area=, region= or status="}},
		{"per head over years", `per-head fund="ARF"`, Context{}, []string{"per-head needs one year"}},
		{"per head without population", `per-head fund="ARF" year="2023/24" region="East of England"`, Context{}, []string{
			`Norfolk and Waveney has no population for 2023/24; add a "Population 2023/24" column to the Areas sheet`}},
		{"change without to", `change fund="ARF" from="2023/24"`, Context{}, []string{"change needs from= and to="}},
		{"change, same year", `change fund="ARF" from="2023/24" to="2023-24"`, Context{}, []string{"from and to are both 2023/24"}},
		{"change with year", `change fund="ARF" year="2023/24" from="2023/24" to="2024/25"`, Context{}, []string{"change does not take year="}},
		{"change of an area missing a year", `change fund="ARF" area="Surrey Heartlands" from="2023/24" to="2024/25"`, Context{}, []string{"no allocations match this figure (Accelerating Reform Fund, Surrey Heartlands, 2024/25)"}},
		{"rank without an area", `rank fund="ARF"`, Context{}, []string{"rank needs an area"}},
		{"named figure unknown", `figure arf_totl`, Context{}, []string{`no figure called "arf_totl"`, `did you mean "arf_total"`}},
		{"named figure without a name", `figure`, Context{}, []string{"write the figure's name once"}},
		{"named figure changed at the call", `figure arf_total year="2023/24"`, Context{}, []string{"takes only format= and expect="}},
		{"named figure, expect at the call", `figure arf_total expect="£2.5m"`, Context{}, []string{"content/page.md:7:29:", `expect="£2.5m" but the figure is "£2.6m"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := evaluate(t, s, tt.call, tt.ctx)
			if problems == "" {
				t.Fatalf("{{ %s }} was accepted", tt.call)
			}
			for _, w := range tt.want {
				if !strings.Contains(problems, w) {
					t.Errorf("{{ %s }}: report lacks %q:\n%s", tt.call, w, problems)
				}
			}
		})
	}
}

func TestExplanation(t *testing.T) {
	d := testData(t)
	s := New(d, &config.Config{}, &diag.List{})
	tests := []struct {
		call                  string
		ctx                   Context
		method, scope, status string
		sources               []string
	}{
		{`sum fund="ARF" year="2023/24"`, Context{},
			"the total of 4 allocations", "Accelerating Reform Fund, 2023/24",
			"Of the 4 allocations used, 2 are estimates, not published figures; 1 is a published lower bound (the source said “over” that amount).",
			[]string{"data/grants.xlsx: Allocations!D2–D5"}},
		{`sum fund="ARF" year="2023/24"`, Context{Area: d.AreaByName("Mid and South Essex")},
			"the total of 1 allocation", "Accelerating Reform Fund, 2023/24, Mid and South Essex",
			"The allocation used is a published lower bound (the source said “over” that amount).",
			[]string{"data/grants.xlsx: Allocations!D3"}},
		{`sum area="Kent and Medway"`, Context{},
			"the total of 3 allocations", "Kent and Medway",
			"Of the 3 allocations used, 1 is an estimate, not a published figure.",
			[]string{"data/grants.xlsx: Allocations!D2, D6, D8"}},
		{`sum status="published"`, Context{},
			"the total of 2 allocations", "status published",
			"All 2 allocations used are published figures.",
			[]string{"data/grants.xlsx: Allocations!D2, D8"}},
		{`share year="2023/24" fund="ARF"`, Context{Area: d.AreaByName("Kent and Medway")},
			"£400,000 out of £1,530,000, the total for Accelerating Reform Fund, 2023/24, all areas", "Accelerating Reform Fund, 2023/24, Kent and Medway",
			"Of the 4 allocations used, 2 are estimates, not published figures; 1 is a published lower bound (the source said “over” that amount).",
			[]string{"data/grants.xlsx: Allocations!D2–D5"}},
		{`sum fund="ARF" area="all"`, Context{Area: d.AreaByName("Kent and Medway")},
			"the total of 6 allocations", "Accelerating Reform Fund, all areas",
			"Of the 6 allocations used, 4 are estimates, not published figures; 1 is a published lower bound (the source said “over” that amount).",
			[]string{"data/grants.xlsx: Allocations!D2–D7"}},
		{`min fund="ARF" year="2023/24"`, Context{},
			"the smallest total for one area (Norfolk and Waveney) among 4 areas", "Accelerating Reform Fund, 2023/24",
			"The allocation used is an estimate, not a published figure.",
			[]string{"data/grants.xlsx: Allocations!D5"}},
		{`average fund="ARF" year="2024/25"`, Context{},
			"£1,050,000 shared equally among 2 areas, to the nearest penny", "Accelerating Reform Fund, 2024/25",
			"All 2 allocations used are estimates, not published figures.",
			[]string{"data/grants.xlsx: Allocations!D6–D7"}},
		{`per-head fund="ARF" year="2023/24" area="Kent and Medway"`, Context{},
			"£400,000 divided by a population of 1,000,000 in 2023/24", "Accelerating Reform Fund, 2023/24, Kent and Medway",
			"The allocation used is a published figure.",
			[]string{"data/grants.xlsx: Allocations!D2"}},
		{`change fund="ARF" area="Kent and Medway" from="2023/24" to="2024/25" format="percent"`, Context{},
			"the change from £400,000 in 2023/24 to £600,000 in 2024/25, as a percentage of 2023/24", "Accelerating Reform Fund, Kent and Medway",
			"Of the 2 allocations used, 1 is an estimate, not a published figure.",
			[]string{"data/grants.xlsx: Allocations!D2, D6"}},
		{`rank fund="ARF" year="2023/24" area="Kent and Medway"`, Context{},
			"Kent and Medway's place among 4 areas by total, largest first (equal totals share a place)", "Accelerating Reform Fund, 2023/24, Kent and Medway",
			"Of the 4 allocations used, 2 are estimates, not published figures; 1 is a published lower bound (the source said “over” that amount).",
			[]string{"data/grants.xlsx: Allocations!D2–D5"}},
	}
	for _, tt := range tests {
		fig, problems := evaluate(t, s, tt.call, tt.ctx)
		if problems != "" {
			t.Fatalf("{{ %s }}: %s", tt.call, problems)
		}
		if fig.Method != tt.method || fig.Scope != tt.scope || fig.StatusNote() != tt.status {
			t.Errorf("{{ %s }}:\n method %q\n scope  %q\n status %q\nwant\n method %q\n scope  %q\n status %q",
				tt.call, fig.Method, fig.Scope, fig.StatusNote(), tt.method, tt.scope, tt.status)
		}
		if got := fig.Sources(); strings.Join(got, "|") != strings.Join(tt.sources, "|") {
			t.Errorf("{{ %s }}: sources %q, want %q", tt.call, got, tt.sources)
		}
	}
}

func TestFigureStatusIsTheLeastCertain(t *testing.T) {
	d := testData(t)
	s := New(d, &config.Config{}, &diag.List{})
	tests := []struct {
		call string
		want model.Status
	}{
		{`sum status="published"`, model.Published},
		{`sum fund="ARF" year="2023/24" area="E2"`, model.PublishedLowerBound},
		{`sum fund="ARF" year="2023/24"`, model.Estimate},
	}
	for _, tt := range tests {
		fig, problems := evaluate(t, s, tt.call, Context{})
		if problems != "" {
			t.Fatal(problems)
		}
		if fig.Status() != tt.want {
			t.Errorf("{{ %s }} status %v, want %v", tt.call, fig.Status(), tt.want)
		}
	}
}

func TestNamedFigures(t *testing.T) {
	d := testData(t)
	cfg := &config.Config{File: "site.toml", Figures: map[string]config.Figure{
		"arf_total":   {Op: "sum", Fund: "ARF", Expect: "£2.6m", Line: 3},
		"arf_areas":   {Op: "count areas", Fund: "ARF", Year: "2023/24", Format: "words", Line: 8},
		"essex_share": {Op: "share", Fund: "ARF", Area: "Mid and South Essex", Year: "2023/24", Line: 14},
	}}
	var problems diag.List
	s := New(d, cfg, &problems)
	s.Check(&problems)
	if problems.Len() > 0 {
		t.Fatal(problems.Report(0))
	}
	essex := d.AreaByName("Mid and South Essex")
	tests := []struct {
		call     string
		ctx      Context
		text, id string
	}{
		{`figure arf_total`, Context{}, "£2.6m", "fig-arf-total"},
		{`figure arf_total format="full" expect="£2,580,000"`, Context{}, "£2,580,000", "fig-arf-total"},
		{`figure arf_areas`, Context{}, "four", "fig-arf-2023-24-areas"},
		// Named figures mean the same on every page: the area page's area
		// is not applied, and the anchor says the figure covers all areas.
		{`figure arf_total`, Context{Area: essex}, "£2.6m", "fig-arf-all-areas-total"},
		{`figure essex_share`, Context{Area: essex}, "34.6%", "fig-arf-2023-24-share"},
	}
	for _, tt := range tests {
		fig, report := evaluate(t, s, tt.call, tt.ctx)
		if report != "" {
			t.Fatalf("{{ %s }}: %s", tt.call, report)
		}
		if fig.Text != tt.text || fig.ID != tt.id {
			t.Errorf("{{ %s }} = %q #%s, want %q #%s", tt.call, fig.Text, fig.ID, tt.text, tt.id)
		}
	}
}

func TestNamedFigureErrors(t *testing.T) {
	d := testData(t)
	cfg := &config.Config{File: "site.toml", Figures: map[string]config.Figure{
		"arf_total": {Op: "sum", Fund: "ARF", Expect: "£2.5m", Line: 3},
		"no_op":     {Fund: "ARF", Line: 7},
		"bad_op":    {Op: "total", Line: 10},
		"Bad-Name":  {Op: "sum", Line: 13},
		"typo_area": {Op: "sum", Area: "Kent and Medwey", Line: 16},
	}}
	var problems diag.List
	s := New(d, cfg, &problems)
	s.Check(&problems)
	report := problems.Report(0)
	for _, want := range []string{
		`site.toml:3: expect="£2.5m" but the figure is "£2.6m"`,
		`site.toml:7: figure no_op has no op`,
		`site.toml:10: unknown figure "total"`,
		`site.toml:13: figure name "Bad-Name" must be lower-case`,
		`site.toml:16: no area "Kent and Medwey" in the data (did you mean "Kent and Medway"?)`,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

func TestNumberFormats(t *testing.T) {
	tests := []struct {
		n                                int64
		number, words, ordinal, ordWords string
	}{
		{0, "0", "zero", "0th", "0th"},
		{1, "1", "one", "1st", "first"},
		{2, "2", "two", "2nd", "second"},
		{3, "3", "three", "3rd", "third"},
		{9, "9", "nine", "9th", "ninth"},
		{10, "10", "10", "10th", "10th"},
		{11, "11", "11", "11th", "11th"},
		{12, "12", "12", "12th", "12th"},
		{13, "13", "13", "13th", "13th"},
		{22, "22", "22", "22nd", "22nd"},
		{42, "42", "42", "42nd", "42nd"},
		{101, "101", "101", "101st", "101st"},
		{111, "111", "111", "111th", "111th"},
		{2727995, "2,727,995", "2,727,995", "2727995th", "2727995th"},
		{-1234, "-1,234", "-1,234", "-1234th", "-1234th"},
	}
	for _, tt := range tests {
		if got := Number(tt.n); got != tt.number {
			t.Errorf("Number(%d) = %q, want %q", tt.n, got, tt.number)
		}
		if got := CountWords(tt.n); got != tt.words {
			t.Errorf("CountWords(%d) = %q, want %q", tt.n, got, tt.words)
		}
		if got := Ordinal(tt.n); got != tt.ordinal {
			t.Errorf("Ordinal(%d) = %q, want %q", tt.n, got, tt.ordinal)
		}
		if got := OrdinalWords(tt.n); got != tt.ordWords {
			t.Errorf("OrdinalWords(%d) = %q, want %q", tt.n, got, tt.ordWords)
		}
	}
}

func TestSelect(t *testing.T) {
	d := testData(t)
	s := New(d, &config.Config{}, &diag.List{})
	kent, arf := d.AreaByName("Kent and Medway"), d.FundByName("ARF")
	tests := []struct {
		name, call string
		ctx        Context
		rows       int    // allocations the filter picks
		problem    string // "" for none
	}{
		{"whole data", `chart "by-year"`, Context{}, 7, ""},
		{"a fund and a year", `chart "by-year" fund="ARF" year="2023/24"`, Context{}, 4, ""},
		{"the page's area", `chart "by-year"`, Context{Area: kent}, 3, ""},
		{"the page's fund, every area", `chart "by-year" area="all"`, Context{Fund: arf}, 6, ""},
		{"a region", `chart "by-year" region="South East"`, Context{}, 4, ""},
		{"unknown fund", `chart "by-year" fund="ARX"`, Context{}, 0, `did you mean "ARF"`},
		{"a figure's setting", `chart "by-year" format="full"`, Context{}, 0, "chart does not take format="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var problems diag.List
			call, ok := Parse(tt.call, at, &problems)
			if !ok {
				t.Fatal(problems.Report(0))
			}
			f, ok := s.Select(call, tt.ctx, &problems)
			report := problems.Report(0)
			if tt.problem != "" {
				if ok || !strings.Contains(report, tt.problem) {
					t.Errorf("ok=%v, problems %q; want %q", ok, report, tt.problem)
				}
				return
			}
			if !ok {
				t.Fatal(report)
			}
			if got := len(d.Select(f)); got != tt.rows {
				t.Errorf("picked %d allocations, want %d", got, tt.rows)
			}
		})
	}
}

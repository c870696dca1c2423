package figures

import (
	"strings"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

// countData is a workbook of counts beside one of money, as a
// journalists' FOI workbook has them: contracts per council, and a grant
// whose amount was rounded from fractions of a penny.
func countData() *model.Dataset {
	contracts := &model.Fund{Name: "Contracts", Slug: "contracts", Measure: model.Measure{Count: true, Noun: model.Noun{One: "contract", Many: "contracts"}}}
	grants := &model.Fund{Name: "Grants", Slug: "grants", Measure: model.Measure{Round: "penny"}}
	angus := &model.Area{Name: "Angus", Slug: "angus"}
	fife := &model.Area{Name: "Fife", Slug: "fife"}
	y := model.Allocation{}.Year
	cell := func(row int) diag.Loc { return diag.Loc{File: "data/foi.xlsx", Sheet: "Contracts", Row: row, Col: 2} }
	d := &model.Dataset{
		Funds: []*model.Fund{contracts, grants},
		Areas: []*model.Area{angus, fife},
		Allocations: []*model.Allocation{
			{Fund: contracts, Area: angus, Year: y, Amount: 1500, Loc: cell(2)},
			{Fund: contracts, Area: fife, Year: y, Amount: 100, Loc: cell(3)},
			{Fund: grants, Area: angus, Year: y, Amount: money.Pounds(162905) + 48, Rounded: true, Loc: cell(9),
				Grant: &model.Grant{Identifier: "G-1"}},
		},
		Units: model.Noun{One: "council", Many: "councils"},
	}
	d.Finish()
	return d
}

func TestCountsAreNeverMoney(t *testing.T) {
	s := New(countData(), &config.Config{}, &diag.List{})
	for _, tt := range []struct{ call, text, method string }{
		{`sum fund="Contracts" area="Angus"`, "15 contracts", "the total of 1 allocation"},
		{`sum fund="Contracts" area="Fife"`, "1 contract", ""},
		{`sum fund="Contracts" area="Angus" format="number"`, "15", ""},
		{`sum fund="Contracts" area="Fife" format="words"`, "one contract", ""},
		{`max fund="Contracts"`, "15 contracts", "the largest total for one council (Angus) among 2 councils"},
		{`average fund="Contracts"`, "8 contracts", "16 contracts shared equally among 2 councils, to the nearest hundredth"},
		{`share fund="Contracts" area="Angus"`, "93.8%", "15 contracts out of 16 contracts, the total for Contracts, all councils"},
		{`count councils fund="Contracts"`, "2", "the number of councils with an allocation"},
		{`sum fund="Grants"`, "£162,905", "the total of 1 grant"},
	} {
		fig, report := evaluate(t, s, tt.call, Context{})
		if report != "" {
			t.Errorf("%s: %s", tt.call, report)
			continue
		}
		if fig.Text != tt.text || tt.method != "" && fig.Method != tt.method {
			t.Errorf("%s: %q (%s), want %q (%s)", tt.call, fig.Text, fig.Method, tt.text, tt.method)
		}
	}
	if _, report := evaluate(t, s, `sum area="Angus"`, Context{}); !strings.Contains(report, "picks rows of money and of counts") {
		t.Errorf("money and counts added up: %q", report)
	}
	fig, _ := evaluate(t, s, `sum fund="Grants"`, Context{})
	if want := "The grant used is a published figure. One amount used had more decimal places in the workbook and is rounded to the nearest penny."; fig.StatusNote() != want {
		t.Errorf("note %q, want %q", fig.StatusNote(), want)
	}
}

// A figure of many rows cites every one of its cells, in runs.
func TestFigureCitesEveryCell(t *testing.T) {
	s := New(countData(), &config.Config{}, &diag.List{})
	fig, report := evaluate(t, s, `sum fund="Contracts"`, Context{})
	if report != "" {
		t.Fatal(report)
	}
	if got := strings.Join(fig.Sources(), "; "); got != "data/foi.xlsx: Contracts!B2–B3" {
		t.Errorf("sources %q", got)
	}
}

// A figure built from amounts the workbook gives in £000s or £m says so:
// a reader checking £120,000 finds 120 in the cell.
func TestNoteSaysWhichAmountsWereScaled(t *testing.T) {
	f := &model.Fund{Name: "F", Slug: "f"}
	row := func(scale string) *model.Allocation {
		return &model.Allocation{Fund: f, Amount: money.Pounds(120_000), Status: model.Published, Scale: scale}
	}
	for _, tt := range []struct {
		scales []string
		want   string
	}{
		{[]string{""}, "The allocation used is a published figure."},
		{[]string{"£000s"}, "The allocation used is a published figure. The amount is given in £000s in the workbook."},
		{[]string{"£000s", "£000s"}, "All 2 allocations used are published figures. Amounts are given in £000s in the workbook."},
		{[]string{"£m", "", "£000s", "£000s"}, "All 4 allocations used are published figures. Of the 4 amounts used, 2 are given in £000s and 1 in £m in the workbook, the rest in pounds."},
		{[]string{"£m", "£000s"}, "All 2 allocations used are published figures. Of the 2 amounts used, 1 is given in £000s and 1 in £m in the workbook."},
	} {
		var rows []*model.Allocation
		for _, s := range tt.scales {
			rows = append(rows, row(s))
		}
		if got := statusNote(rows); got != tt.want {
			t.Errorf("scales %q: note %q, want %q", tt.scales, got, tt.want)
		}
	}
}

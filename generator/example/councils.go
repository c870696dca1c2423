package example

import (
	"fmt"
	"strconv"
	"strings"

	"fundsite/generator/workbook"
)

// CouncilWorkbookName is the second example workbook: real per-council
// grants laid out as gov.uk publishes them, councils down the side and
// years (or funds) across the top, read through the mapping in site.toml.
const CouncilWorkbookName = "council-grants.xlsx"

// Fund names as the grant determinations give them.
const (
	ibcf      = "Improved Better Care Fund"
	discharge = "Adult Social Care Discharge Fund"
	uec       = "LA Urgent and Emergency Care Support Fund"
)

// figure is one published council figure with the determination it is from.
type figure struct {
	fund, council, year string
	amount              int64
	source, basis       string
}

// WriteCouncils saves the council workbook at path.
func WriteCouncils(path string) error {
	rows, err := readCSV("sources/published-figures.csv")
	if err != nil {
		return err
	}
	parents, err := readCSV("sources/council-ics.csv")
	if err != nil {
		return err
	}
	figs, err := councilFigures(rows)
	if err != nil {
		return err
	}
	return workbook.Write(path, []workbook.SheetSpec{
		yearsAcross(figs),
		fundsAcross(figs),
		councilsSheet(parents),
		councilFundsSheet(figs),
	})
}

// councilFigures keeps the local authority rows, each with its source:
// "same" in the source column means the address on the row above.
func councilFigures(rows []map[string]string) ([]figure, error) {
	var out []figure
	source, basis := "", ""
	for i, r := range rows {
		if r["source_url"] != "same" {
			source, basis = r["source_url"], r["note"]
		}
		if r["area_type"] != "local authority" {
			continue
		}
		if source == "" {
			continue // only figures whose source is given
		}
		amount, err := strconv.ParseInt(r["amount_gbp"], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("published-figures.csv row %d: %w", i+2, err)
		}
		out = append(out, figure{fund: r["fund"], council: r["area"], year: strings.Replace(r["financial_year"], "-", "/", 1),
			amount: amount, source: source, basis: determination(basis)})
	}
	return out, nil
}

// determination keeps "determination 31/6644 Annex A" from a note.
func determination(note string) string {
	note, _, _ = strings.Cut(note, ";")
	if !strings.HasPrefix(note, "determination") {
		return ""
	}
	return "Grant " + note
}

// councilOrder lists councils as they first appear, one per council
// however its name is spelt; the first spelling is kept, as published.
func councilOrder(figs []figure, keep func(figure) bool) []string {
	var names []string
	seen := map[string]bool{}
	for _, f := range figs {
		k := strings.ToLower(f.council)
		if keep(f) && !seen[k] {
			seen[k] = true
			names = append(names, f.council)
		}
	}
	return names
}

func find(figs []figure, fund, council, year string) (figure, bool) {
	for _, f := range figs {
		if f.fund == fund && strings.EqualFold(f.council, council) && f.year == year {
			return f, true
		}
	}
	return figure{}, false
}

// cells gives a figure's amount, source and basis, or blanks where the
// workbook does not have it.
func cells(f figure, ok bool) []any {
	if !ok {
		return []any{nil, nil, nil}
	}
	return []any{f.amount, f.source, f.basis}
}

// yearsAcross is the Improved Better Care Fund the way its determinations
// are kept side by side: a column per year.
func yearsAcross(figs []figure) workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name:         "iBCF",
		Titles:       []string{ibcf + ": allocations to councils", "Transcribed from the grant determinations on gov.uk. Blank where this workbook does not give the figure."},
		Header:       []string{"Local authority", "2023/24", "Source 2023/24", "Basis 2023/24", "2024/25", "Source 2024/25", "Basis 2024/25"},
		MoneyColumns: []int{1, 4},
	}
	s.Rows = append(s.Rows, []any{"Figures are in pounds."})
	for _, c := range councilOrder(figs, func(f figure) bool { return f.fund == ibcf }) {
		row := []any{c}
		row = append(row, cells(find(figs, ibcf, c, "2023/24"))...)
		row = append(row, cells(find(figs, ibcf, c, "2024/25"))...)
		s.Rows = append(s.Rows, row)
	}
	return s
}

// fundsAcross is the smaller 2023/24 grants with a column per fund.
func fundsAcross(figs []figure) workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name:         "Other grants 2023-24",
		Titles:       []string{"Other adult social care grants to councils, 2023/24"},
		Header:       []string{"Council", discharge, "Source " + discharge, "Basis " + discharge, uec, "Source " + uec, "Basis " + uec},
		MoneyColumns: []int{1, 4},
	}
	for _, c := range councilOrder(figs, func(f figure) bool { return f.fund != ibcf }) {
		row := []any{c}
		row = append(row, cells(find(figs, discharge, c, "2023/24"))...)
		row = append(row, cells(find(figs, uec, c, "2023/24"))...)
		s.Rows = append(s.Rows, row)
	}
	return s
}

// councilsSheet places each council in its integrated care system, by the
// system's code in the Areas sheet of the national workbook.
func councilsSheet(rows []map[string]string) workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name:   "Councils",
		Titles: []string{"Councils and the integrated care system each is part of"},
		Header: []string{"Council", "Area type", "Integrated care system code", "Integrated care system"},
	}
	for _, r := range rows {
		s.Rows = append(s.Rows, []any{r["council"], "Council", r["ics_code"], r["ics"]})
	}
	return s
}

func councilFundsSheet(figs []figure) workbook.SheetSpec {
	s := workbook.SheetSpec{
		Name:   "Funds",
		Header: []string{"Name", "Short name", "Description", "Source address"},
	}
	about := map[string][2]string{
		ibcf:      {"iBCF", "A grant to councils for adult social care, part of the pooled Better Care Fund they agree with the NHS."},
		discharge: {"Discharge Fund", "A grant to councils to help people leave hospital as soon as they are well enough, with care in place."},
		uec:       {"UEC Support Fund", "A grant to councils to ease pressure on urgent and emergency care through adult social care."},
	}
	for _, fund := range []string{ibcf, discharge, uec} {
		source := ""
		for _, f := range figs {
			if f.fund == fund {
				source = f.source
				break
			}
		}
		s.Rows = append(s.Rows, []any{fund, about[fund][0], about[fund][1], source})
	}
	return s
}

package ingest

import (
	"fmt"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/workbook"
)

// scale is the unit a column's numbers are given in, as a power of ten of
// pounds (or of ones, for a count): 3 for £000s, 6 for £m.
type scale struct {
	pow10 int
	// label names the scale in a figure's note ("£000s", "£m",
	// "thousands"); "" for pounds or ones, which need no note.
	label string
}

// unitKind is what a unit is a unit of.
type unitKind int

const (
	unitMoney unitKind = iota // "£", "£000s"
	unitBare                  // "000s", "thousands": of whatever the column holds
	unitCount                 // "number"
)

type knownUnit struct {
	kind  unitKind
	pow10 int
}

// scaleSuffixes are the ways of writing each scale after a sign or alone.
var scaleSuffixes = map[string]int{
	"": 0, "000": 3, "000s": 3, "k": 3, "thousand": 3, "thousands": 3,
	"m": 6, "mn": 6, "million": 6, "millions": 6,
	"bn": 9, "billion": 9, "billions": 9,
}

// knownUnits are the units fundsite reads, keyed by workbook.UnitKey with
// the spaces taken out: "£ thousand" is "£thousand".
var knownUnits = func() map[string]knownUnit {
	out := map[string]knownUnit{"pounds": {unitMoney, 0}, "pound": {unitMoney, 0},
		"number": {unitCount, 0}, "numbers": {unitCount, 0}, "no.": {unitCount, 0}, "count": {unitCount, 0}}
	for suffix, pow := range scaleSuffixes {
		out["£"+suffix] = knownUnit{unitMoney, pow}
		out["gbp"+suffix] = knownUnit{unitMoney, pow}
		if suffix != "" && suffix != "k" && suffix != "m" && suffix != "mn" && suffix != "bn" && suffix != "000" {
			out[suffix+"ofpounds"] = knownUnit{unitMoney, pow}
		}
		if pow > 0 && suffix != "k" && suffix != "m" {
			out[suffix] = knownUnit{unitBare, pow}
		}
	}
	return out
}()

// knownUnitsText lists the units in a message.
const knownUnitsText = `£ (or pounds), £000s, £'000, £k, £ thousands, £m, £ millions, £bn, £ billions; for a count (measure = "count"): number, 000s, thousands, millions`

var scaleLabels = map[bool][]string{false: {0: "", 3: "£000s", 6: "£m", 9: "£bn"}, true: {0: "", 3: "thousands", 6: "millions", 9: "billions"}}

// readUnit reads a unit a workbook states for a column of money or of a
// count, and says why it cannot when fundsite does not know it or it does
// not fit the column.
func readUnit(text string, count bool) (scale, error) {
	u, ok := knownUnits[strings.ReplaceAll(workbook.UnitKey(text), " ", "")]
	switch {
	case !ok:
		return scale{}, fmt.Errorf("unit %q is not one fundsite knows; it knows %s", text, knownUnitsText)
	case u.kind == unitMoney && count:
		return scale{}, fmt.Errorf("unit %q is money, but this source is a count (measure = \"count\"); a count's unit is one of number, 000s, thousands, millions", text)
	case u.kind == unitCount && !count:
		return scale{}, fmt.Errorf("unit %q is a count, but this source is money; if it counts something, add measure = \"count\" to its [[source]] in site.toml", text)
	}
	return scale{pow10: u.pow10, label: scaleLabels[count][u.pow10]}, nil
}

// statedUnit is a unit the workbook states, and where.
type statedUnit struct {
	text  string
	loc   diag.Loc
	scale scale
}

// titleUnits are the units the rows above the header give the whole
// sheet: a cell that is a unit ("£ thousand") or a bracket in a title
// ("Net current expenditure (£ thousand)"). Only units fundsite knows:
// a title is prose, and "(£5k and over)" is not a unit.
func titleUnits(t *workbook.Table, above []workbook.Row, count bool) []statedUnit {
	var out []statedUnit
	for _, r := range above {
		for i, c := range r.Cells {
			for _, text := range append([]string{c}, unitGroupIn(c)...) {
				if !workbook.IsUnit(text) {
					continue
				}
				if sc, err := readUnit(strings.TrimSpace(text), count); err == nil {
					out = append(out, statedUnit{strings.TrimSpace(text), t.Loc(r.Num, i+1), sc})
					break
				}
			}
		}
	}
	return out
}

// unitGroupIn is the bracketed parts of a title.
func unitGroupIn(text string) []string {
	var out []string
	for {
		open := strings.IndexByte(text, '(')
		if open < 0 {
			return out
		}
		end := strings.IndexByte(text[open:], ')')
		if end < 0 {
			return out
		}
		out = append(out, text[open+1:open+end])
		text = text[open+end+1:]
	}
}

// amountScale is the unit of the amount column: the one its header
// gives ("Amount (£000s)"), the one a units row under the header gives,
// or the one a title above the header gives the whole sheet. A unit
// fundsite does not know, and two that disagree, are errors at their
// cells: reading on would publish every amount a thousand times wrong.
func (b *builder) amountScale(s *sheet, unitsRow *workbook.Row) (scale, bool) {
	col, ok := s.cols.index["amount"]
	if !ok {
		return scale{}, true
	}
	count := s.measure.Count
	var stated []statedUnit
	if _, u := workbook.SplitUnit(cellAt(s.header, col)); u != "" {
		stated = append(stated, statedUnit{text: u, loc: s.t.Loc(s.header.Num, col+1)})
	}
	if unitsRow != nil {
		if text := strings.TrimSpace(cellAt(*unitsRow, col)); workbook.IsUnit(text) {
			stated = append(stated, statedUnit{text: text, loc: s.t.Loc(unitsRow.Num, col+1)})
		}
	}
	for i := range stated {
		sc, err := readUnit(stated[i].text, count)
		if err != nil {
			b.problems.Errorf(stated[i].loc, "amount %v", err)
			return scale{}, false
		}
		stated[i].scale = sc
	}
	stated = append(stated, s.titleUnits...)
	for _, u := range stated[min(1, len(stated)):] {
		if first := stated[0]; u.scale.pow10 != first.scale.pow10 {
			b.problems.Errorf(first.loc, "the amounts' unit is %q here but %q at %s; say the unit once, or make them agree",
				first.text, u.text, u.loc.Cell())
			return scale{}, false
		}
	}
	if len(stated) == 0 {
		return scale{}, true
	}
	return stated[0].scale, true
}

// cellAt is a row's cell in column col (0-based), "" past its end.
func cellAt(r workbook.Row, col int) string {
	if col < len(r.Cells) {
		return r.Cells[col]
	}
	return ""
}

// headerScale is the unit a column's header gives a single number, such
// as an announced total or a population: reported at the header when
// fundsite does not know it.
func (b *builder) headerScale(s *sheet, col int, what string, count bool) (scale, bool) {
	_, u := workbook.SplitUnit(cellAt(s.header, col))
	if u == "" {
		return scale{}, true
	}
	sc, err := readUnit(u, count)
	if err != nil {
		b.problems.Errorf(s.t.Loc(s.header.Num, col+1), "%s %v", what, err)
		return scale{}, false
	}
	return sc, true
}

package pages

import (
	"fmt"

	"fundsite/generator/model"
	"fundsite/generator/money"
)

// homeLead is the home page's first sentence, for a resident who reads no
// further: who gave how much to how many, and when. "Between 2023/24 and
// 2024/25, the Accelerating Reform Fund gave £42.6 million to 42 integrated
// care systems."
func homeLead(d *model.Dataset) string {
	rows := d.Allocations
	if len(rows) == 0 || len(d.Years) == 0 {
		return "There are no allocations in this data yet."
	}
	when := "In " + d.Years[0].String()
	if n := len(d.Years); n > 1 {
		when = fmt.Sprintf("Between %s and %s", d.Years[0], d.Years[n-1])
	}
	funds := fmt.Sprintf("%d funds", len(d.Funds))
	if len(d.Funds) == 1 {
		funds = "the " + d.Funds[0].Name
	}
	amount := money.Words(model.Sum(rows))
	switch model.WorstStatus(rows) {
	case model.PublishedLowerBound:
		amount = "at least " + amount
	case model.Estimate:
		amount = "an estimated " + amount
	}
	areas := model.AreasOf(rows)
	return fmt.Sprintf("%s, %s gave %s to %d %s.", when, funds, amount, len(areas), model.AreaNoun(areas, len(areas)))
}

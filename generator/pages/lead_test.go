package pages

import (
	"testing"

	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

func TestHomeLead(t *testing.T) {
	arf := &model.Fund{Name: "Accelerating Reform Fund"}
	other := &model.Fund{Name: "Discharge Fund"}
	essex := &model.Area{Name: "Mid and South Essex", Type: "Integrated care system"}
	kent := &model.Area{Name: "Kent and Medway", Type: "Integrated care system"}
	y23, y24 := fyear.Year{Start: 2023}, fyear.Year{Start: 2024}
	row := func(f *model.Fund, a *model.Area, y fyear.Year, pounds int64, s model.Status) *model.Allocation {
		return &model.Allocation{Fund: f, Area: a, Year: y, Amount: money.Pence(pounds * 100), Status: s}
	}
	tests := []struct {
		name string
		d    model.Dataset
		want string
	}{
		{"empty", model.Dataset{}, "There are no allocations in this data yet."},
		{"one fund, one year", model.Dataset{Funds: []*model.Fund{arf}, Years: []fyear.Year{y23},
			Allocations: []*model.Allocation{row(arf, essex, y23, 530_000, model.Published)}},
			"In 2023/24, the Accelerating Reform Fund gave £530,000 to 1 integrated care system."},
		{"two years, a lower bound", model.Dataset{Funds: []*model.Fund{arf}, Years: []fyear.Year{y23, y24},
			Allocations: []*model.Allocation{row(arf, essex, y23, 20_000_000, model.PublishedLowerBound), row(arf, kent, y24, 22_600_000, model.Published)}},
			"Between 2023/24 and 2024/25, the Accelerating Reform Fund gave at least £42.6m to 2 integrated care systems."},
		{"two funds are never added together", model.Dataset{Funds: []*model.Fund{arf, other}, Years: []fyear.Year{y24},
			Allocations: []*model.Allocation{row(arf, essex, y24, 1_000_000, model.Published), row(other, essex, y24, 500_000, model.Estimate)}},
			"In 2024/25, the Accelerating Reform Fund gave £1m to 1 integrated care system. This site shows one more fund, on its own page."},
		{"the fund reaching most areas leads", model.Dataset{Funds: []*model.Fund{arf, other}, Years: []fyear.Year{y24},
			Allocations: []*model.Allocation{row(arf, essex, y24, 1_000_000, model.Published), row(other, essex, y24, 500_000, model.Estimate), row(other, kent, y24, 700_000, model.Estimate)}},
			"In 2024/25, the Discharge Fund gave an estimated £1.2m to 2 integrated care systems. This site shows one more fund, on its own page."},
		{"part estimated is not called estimated", model.Dataset{Funds: []*model.Fund{arf}, Years: []fyear.Year{y24},
			Allocations: []*model.Allocation{row(arf, essex, y24, 1_000_000, model.Published), row(arf, kent, y24, 500_000, model.Estimate)}},
			"In 2024/25, the Accelerating Reform Fund gave £1.5m (£500,000 of it estimated) to 2 integrated care systems."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := homeLead(&tt.d, money.Style{}); got != tt.want {
				t.Errorf("homeLead\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

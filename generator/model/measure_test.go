package model

import (
	"testing"

	"fundsite/generator/money"
)

// A count is never printed with £, and keeps its noun in the singular for one.
func TestMeasurePrintsCountsWithoutPounds(t *testing.T) {
	contracts := Measure{Count: true, Noun: Noun{"contract", "contracts"}}
	bare := Measure{Count: true}
	for _, tt := range []struct {
		m           Measure
		v           money.Pence
		full, short string
	}{
		{Money, money.Pounds(15), "£15", "£15"},
		{Money, money.Pounds(1_250_000), "£1,250,000", "£1.3m"},
		{contracts, 1500, "15 contracts", "15 contracts"},
		{contracts, 100, "1 contract", "1 contract"},
		{contracts, 125_000_000, "1,250,000 contracts", "1,250,000 contracts"},
		{contracts, 1250, "12.5 contracts", "12.5 contracts"},
		{bare, -300, "-3", "-3"},
	} {
		if got := tt.m.Full(tt.v); got != tt.full {
			t.Errorf("Full(%d) = %q, want %q", tt.v, got, tt.full)
		}
		if got := tt.m.Short(tt.v); got != tt.short {
			t.Errorf("Short(%d) = %q, want %q", tt.v, got, tt.short)
		}
	}
}

func TestCompleteNoun(t *testing.T) {
	for _, tt := range []struct{ in, want Noun }{
		{Noun{One: "council"}, Noun{"council", "councils"}},
		{Noun{One: "local authority"}, Noun{"local authority", "local authorities"}},
		{Noun{Many: "organisations"}, Noun{"organisation", "organisations"}},
		{Noun{Many: "local authorities"}, Noun{"local authority", "local authorities"}},
		{Noun{"person", "people"}, Noun{"person", "people"}},
		{Noun{}, Noun{}},
	} {
		if got := CompleteNoun(tt.in); got != tt.want {
			t.Errorf("CompleteNoun(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// Money and counts cannot be summed together; a dataset of money alone
// never looks at its rows to say so.
func TestMeasureOf(t *testing.T) {
	pounds := &Fund{Name: "Grants"}
	people := &Fund{Name: "People", Measure: Measure{Count: true, Noun: Noun{"person", "people"}}}
	d := &Dataset{Funds: []*Fund{pounds, people}}
	d.Finish()
	rows := []*Allocation{{Fund: pounds}, {Fund: people}}
	if _, ok := d.MeasureOf(rows); ok {
		t.Error("money and people were taken as one measure")
	}
	if m, ok := d.MeasureOf(rows[1:]); !ok || !m.Count {
		t.Errorf("people: %+v %v", m, ok)
	}
}

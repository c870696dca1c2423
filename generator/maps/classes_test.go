package maps

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestBreaks(t *testing.T) {
	tests := []struct {
		name   string
		method Classing
		values []int64
		want   []Class
	}{
		{"no values", Quantiles, nil, nil},
		{"one value", Quantiles, []int64{7}, []Class{{7, 7, 1}}},
		{"all equal", Quantiles, []int64{3, 3, 3}, []Class{{3, 3, 3}}},
		{"two distinct values give two classes", Quantiles, []int64{2, 1}, []Class{{1, 1, 1}, {2, 2, 1}}},
		{"quantiles cut by rank", Quantiles, []int64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1},
			[]Class{{1, 2, 2}, {3, 4, 2}, {5, 6, 2}, {7, 8, 2}, {9, 10, 2}}},
		{"a tie straddling a cut stays in one class", Quantiles, []int64{1, 2, 2, 2, 3, 4, 5, 6, 7, 8},
			[]Class{{1, 1, 1}, {2, 2, 3}, {3, 4, 2}, {5, 6, 2}, {7, 8, 2}}},
		{"many ties move cuts to the next distinct value", Quantiles, []int64{1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5},
			[]Class{{1, 1, 8}, {2, 2, 1}, {3, 3, 1}, {4, 4, 1}, {5, 5, 1}}},
		{"ties at the top still leave five classes", Quantiles, []int64{1, 2, 3, 4, 9, 9, 9, 9, 9, 9},
			[]Class{{1, 1, 1}, {2, 2, 1}, {3, 3, 1}, {4, 8, 1}, {9, 9, 6}}},
		{"a tie is cut at its nearer end", Quantiles, []int64{1, 2, 3, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9},
			[]Class{{1, 2, 2}, {3, 3, 7}, {4, 5, 2}, {6, 7, 2}, {8, 9, 2}}},
		{"negative values", Quantiles, []int64{0, -5, 10, -1, 3},
			[]Class{{-5, -2, 1}, {-1, -1, 1}, {0, 2, 1}, {3, 9, 1}, {10, 10, 1}}},
		{"empty method means quantiles", "", []int64{1, 2}, []Class{{1, 1, 1}, {2, 2, 1}}},
		{"equal intervals", EqualIntervals, []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
			[]Class{{0, 1, 2}, {2, 3, 2}, {4, 5, 2}, {6, 7, 2}, {8, 10, 3}}},
		{"equal intervals round breaks up", EqualIntervals, []int64{0, 1, 2}, []Class{{0, 0, 1}, {1, 1, 1}, {2, 2, 1}}},
		{"equal intervals keep empty classes", EqualIntervals, []int64{0, 1, 1000},
			[]Class{{0, 333, 2}, {334, 666, 0}, {667, 1000, 1}}},
		{"equal intervals of one value", EqualIntervals, []int64{5, 5}, []Class{{5, 5, 2}}},
		{"equal intervals of no values", EqualIntervals, nil, nil},
		{"equal intervals over the whole int64 range", EqualIntervals, []int64{math.MaxInt64, math.MinInt64},
			[]Class{{math.MinInt64, -1, 1}, {0, math.MaxInt64, 1}}},
		{"equal intervals from a negative minimum", EqualIntervals, []int64{-10, 0, 10, 20, 30, 40},
			[]Class{{-10, -1, 1}, {0, 9, 1}, {10, 19, 1}, {20, 29, 1}, {30, 40, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Breaks(tt.values, tt.method)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Classes, tt.want) {
				t.Errorf("Breaks(%v, %q) = %v, want %v", tt.values, tt.method, got.Classes, tt.want)
			}
		})
	}
}

func TestBreaksRefusesUnknownMethod(t *testing.T) {
	if _, err := Breaks([]int64{1}, "jenks"); err == nil {
		t.Error(`Breaks(..., "jenks") gave no error`)
	}
}

// TestBreaksInvariants checks, over many random sets of values, what a
// reader of the legend relies on: the classes are in order and touch,
// every value is in the class whose range holds it, equal values share a
// class, no quantile class is empty, and there are five classes whenever
// there are five distinct values.
func TestBreaksInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := 1 + rng.IntN(60)
		spread := int64(1 + rng.IntN(1_000_000))
		values := make([]int64, n)
		for i := range values {
			values[i] = rng.Int64N(spread) - spread/4
			if trial%2 == 0 && rng.IntN(3) == 0 && i > 0 {
				values[i] = values[i-1] // ties
			}
		}
		for _, method := range []Classing{Quantiles, EqualIntervals} {
			s, err := Breaks(values, method)
			if err != nil {
				t.Fatal(err)
			}
			checkScale(t, trial, method, values, s)
		}
	}
}

func checkScale(t *testing.T, trial int, method Classing, values []int64, s Scale) {
	t.Helper()
	cl := s.Classes
	for i := 1; i < len(cl); i++ {
		if cl[i].Min != cl[i-1].Max+1 {
			t.Fatalf("trial %d %s: classes %v do not touch", trial, method, cl)
		}
	}
	total := 0
	for _, c := range cl {
		total += c.Count
		if method == Quantiles && c.Count == 0 {
			t.Fatalf("trial %d: quantile class empty in %v", trial, cl)
		}
	}
	if total != len(values) {
		t.Fatalf("trial %d %s: counts add to %d, want %d", trial, method, total, len(values))
	}
	for _, v := range values {
		c := cl[s.Of(v)]
		if v < c.Min || v > c.Max {
			t.Fatalf("trial %d %s: %d put in class %v", trial, method, v, c)
		}
	}
	if want := min(MaxClasses, distinctOf(values)); len(cl) != want && method == Quantiles {
		t.Fatalf("trial %d: %d classes for %d distinct values: %v", trial, len(cl), distinctOf(values), cl)
	}
	if method == Quantiles && distinctOf(values) == len(values) {
		lo, hi := len(values), 0
		for _, c := range cl {
			lo, hi = min(lo, c.Count), max(hi, c.Count)
		}
		if hi-lo > 1 {
			t.Fatalf("trial %d: distinct values split unevenly: %v", trial, cl)
		}
	}
}

func distinctOf(values []int64) int {
	seen := map[int64]bool{}
	for _, v := range values {
		seen[v] = true
	}
	return len(seen)
}

package maps

import (
	"fmt"
	"slices"
	"sort"
)

// Classing is how a map's values are split into colour classes.
type Classing string

const (
	// Quantiles puts about the same number of areas in each class.
	Quantiles Classing = "quantiles"
	// EqualIntervals gives each class a range of the same width.
	EqualIntervals Classing = "equal-intervals"
)

// MaxClasses is how many colours a map uses at most: five, as ONS and
// Explore Education Statistics do, because readers cannot match more
// shades of one hue to a legend.
const MaxClasses = 5

// Class is one band of values: Min up to the next class's Min (the last
// class up to and including Max). Count is how many values fall in it.
type Class struct {
	Min, Max int64
	Count    int
}

// Scale is the classes values were split into, lowest first.
type Scale struct {
	Method  Classing
	Classes []Class
}

// Breaks splits values into at most five classes, with integer arithmetic
// only so a break is an exact amount a reader can check:
//
//   - quantiles: the n sorted values are cut by rank into k classes of
//     n/k values, as near as ties allow (see quantileStarts);
//   - equal intervals: the i-th break is min + ⌈i·(max−min)/k⌉.
//
// Equal values always share a class. A map has fewer classes than five
// when there are fewer distinct values (and, with equal intervals, when
// max−min is under four). No values give no classes.
func Breaks(values []int64, method Classing) (Scale, error) {
	if method == "" {
		method = Quantiles
	}
	if method != Quantiles && method != EqualIntervals {
		return Scale{}, fmt.Errorf("classing %q is neither %q nor %q", method, Quantiles, EqualIntervals)
	}
	s := Scale{Method: method}
	if len(values) == 0 {
		return s, nil
	}
	sorted := slices.Sorted(slices.Values(values))
	k := min(MaxClasses, distinct(sorted))
	var starts []int64
	if method == Quantiles {
		starts = quantileStarts(sorted, k)
	} else {
		starts = intervalStarts(sorted[0], sorted[len(sorted)-1], k)
	}
	for i, lo := range starts {
		c := Class{Min: lo, Max: sorted[len(sorted)-1]}
		if i+1 < len(starts) {
			c.Max = starts[i+1] - 1
		}
		s.Classes = append(s.Classes, c)
	}
	for _, v := range sorted {
		s.Classes[s.Of(v)].Count++
	}
	return s, nil
}

// Of is the index of the class v falls in (values below the first class
// go in it, values above the last in the last).
func (s Scale) Of(v int64) int {
	i := sort.Search(len(s.Classes), func(i int) bool { return s.Classes[i].Min > v })
	return max(i-1, 0)
}

func distinct(sorted []int64) int {
	n := 0
	for i, v := range sorted {
		if i == 0 || v != sorted[i-1] {
			n++
		}
	}
	return n
}

// quantileStarts are the lowest values of each class, cut by rank. A
// cut can only fall where the value changes, so equal values share a
// class. Each cut is the one nearest an even split of the values above
// the previous cut (rank p + (n−p)/m, with m classes still to fill), so
// a big tie in one class does not squeeze the classes after it, and
// enough cuts are left for those classes: there are k classes whenever
// there are k distinct values. Without ties, class sizes differ by one
// at most.
func quantileStarts(sorted []int64, k int) []int64 {
	n := len(sorted)
	var cuts []int // ranks j where sorted[j] > sorted[j-1]
	for j := 1; j < n; j++ {
		if sorted[j] != sorted[j-1] {
			cuts = append(cuts, j)
		}
	}
	starts := []int64{sorted[0]}
	first, prev := 0, 0
	for i := 1; i < k; i++ {
		m := k - i + 1
		// |j·m − (p·m + n − p)| is m times the distance from the
		// target rank, kept in integers.
		dist := func(c int) int { return abs(cuts[c]*m - (prev*m + n - prev)) }
		best := first
		for c := first + 1; c < len(cuts)-(k-1-i); c++ {
			if dist(c) < dist(best) {
				best = c
			}
		}
		starts = append(starts, sorted[cuts[best]])
		first, prev = best+1, cuts[best]
	}
	return starts
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// intervalStarts are lo + ⌈i·(hi−lo)/k⌉. The width is held as uint64 so
// even a range from a negative minimum cannot overflow, and i·width/k is
// split into quotient and remainder for the same reason.
func intervalStarts(lo, hi int64, k int) []int64 {
	width := uint64(hi) - uint64(lo)
	q, r := width/uint64(k), width%uint64(k)
	starts := []int64{lo}
	for i := uint64(1); i < uint64(k); i++ {
		offset := q*i + (r*i+uint64(k)-1)/uint64(k)
		t := int64(uint64(lo) + offset)
		if t > starts[len(starts)-1] {
			starts = append(starts, t)
		}
	}
	return starts
}

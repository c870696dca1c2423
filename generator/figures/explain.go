package figures

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"fundsite/generator/diag"
	"fundsite/generator/model"
)

// Status is the least certain status of the figure's rows: a figure built
// from any estimate is an estimate.
func (f Figure) Status() model.Status { return model.WorstStatus(f.Rows) }

// StatusNote tells a reader, in a sentence, how far the figure's rows can
// be relied on.
func (f Figure) StatusNote() string {
	if f.shared() {
		return f.sources.get(f.Rows).statusNote
	}
	return statusNote(f.Rows)
}

func statusNote(rows []*model.Allocation) string {
	note := statusSentence(rows)
	if n := model.Rounded(rows); n > 0 {
		note += " " + rows[0].Fund.Measure.RoundingNote(n)
	}
	if s := scaleNote(rows); s != "" {
		note += " " + s
	}
	return note
}

// scaleNote says which of the rows' amounts the workbook gives in
// thousands or millions ("Amounts are given in £000s in the workbook."),
// so a reader checking the figure against its cells finds 120 where the
// page says £120,000; "" when every amount is in pounds (or ones).
func scaleNote(rows []*model.Allocation) string {
	var labels []string
	counts := map[string]int{}
	for _, r := range rows {
		if r.Scale == "" {
			continue
		}
		if counts[r.Scale] == 0 {
			labels = append(labels, r.Scale)
		}
		counts[r.Scale]++
	}
	switch {
	case len(labels) == 0:
		return ""
	case len(labels) == 1 && counts[labels[0]] == len(rows) && len(rows) == 1:
		return "The amount is given in " + labels[0] + " in the workbook."
	case len(labels) == 1 && counts[labels[0]] == len(rows):
		return "Amounts are given in " + labels[0] + " in the workbook."
	}
	slices.SortFunc(labels, func(a, b string) int { return cmp.Compare(scaleOrder[a], scaleOrder[b]) })
	scaled := 0
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = Number(int64(counts[l])) + " in " + l
		scaled += counts[l]
	}
	verb := " are given in "
	if counts[labels[0]] == 1 {
		verb = " is given in "
	}
	parts[0] = strings.Replace(parts[0], " in ", verb, 1)
	note := "Of the " + Number(int64(len(rows))) + " amounts used, " + joinAnd(parts) + " in the workbook"
	if scaled < len(rows) {
		note += ", the rest in " + unitOf(rows)
	}
	return note + "."
}

// scaleOrder puts thousands before millions before billions.
var scaleOrder = map[string]int{"£000s": 3, "thousands": 3, "£m": 6, "millions": 6, "£bn": 9, "billions": 9}

// unitOf names the unscaled unit of the rows: pounds, or ones.
func unitOf(rows []*model.Allocation) string {
	if rows[0].Fund != nil && rows[0].Fund.Measure.Count {
		return "ones"
	}
	return "pounds"
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// rowNouns name a figure's rows: grants when they all come from grant
// lists, allocations otherwise.
func rowNouns(rows []*model.Allocation) (one, many string) {
	for _, r := range rows {
		if r.Grant == nil {
			return "allocation", "allocations"
		}
	}
	return "grant", "grants"
}

func statusSentence(rows []*model.Allocation) string {
	n := len(rows)
	one, many := rowNouns(rows)
	counts := map[model.Status]int{}
	for _, r := range rows {
		counts[r.Status]++
	}
	if counts[model.Published] == n {
		if n == 1 {
			return "The " + one + " used is a published figure."
		}
		return fmt.Sprintf("All %s %s used are published figures.", Number(int64(n)), many)
	}
	var parts []string
	for _, s := range []struct {
		status    model.Status
		one, many string
	}{
		{model.Estimate, "an estimate, not a published figure", "estimates, not published figures"},
		{model.PublishedLowerBound, "a published lower bound (the source said “over” that amount)", "published lower bounds (the sources said “over” those amounts)"},
	} {
		switch c := counts[s.status]; {
		case c == 0:
		case n == 1:
			return "The " + one + " used is " + s.one + "."
		case c == n:
			return fmt.Sprintf("All %s %s used are %s.", Number(int64(n)), many, s.many)
		case c == 1:
			parts = append(parts, "1 is "+s.one)
		default:
			parts = append(parts, fmt.Sprintf("%s are %s", Number(int64(c)), s.many))
		}
	}
	return fmt.Sprintf("Of the %s %s used, %s.", Number(int64(n)), many, strings.Join(parts, "; "))
}

// Sources lists the cells the figure's rows came from, one line per sheet,
// with runs of cells as ranges: "data/x.xlsx: Allocations!H3–H44, H50".
func (f Figure) Sources() []string {
	if f.shared() {
		return f.sources.get(f.Rows).sources
	}
	return sources(f.Rows)
}

// sharedRows is the fewest rows worth explaining once for all pages: a
// fund's or the nation's rows, which every area page's notes cite. An
// area's own few rows are quicker to explain again than to keep.
const sharedRows = 64

func (f Figure) shared() bool { return f.sources != nil && len(f.Rows) >= sharedRows }

// sourceCache keeps the Sources and StatusNote of each long row slice. It
// is keyed by the slice's first element's address and length: rows of a
// figure come either from Whole (one shared slice per filter) or are a
// fresh slice, and the map's key keeps that slice alive, so no other slice
// can share the address. Each area's rank note lists every area's cells;
// sorting them on every area page was a third of a national build, and
// counting their statuses a twentieth.
type sourceCache struct {
	mu    sync.Mutex
	lists map[sourceKey]explanation
}

type sourceKey struct {
	first **model.Allocation
	n     int
}

type explanation struct {
	sources    []string
	statusNote string
}

func (c *sourceCache) get(rows []*model.Allocation) explanation {
	key := sourceKey{&rows[0], len(rows)}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.lists[key]
	if !ok {
		e = explanation{sources(rows), statusNote(rows)}
		c.lists[key] = e
	}
	return e
}

// sources cites every cell the rows came from (diag.Cite): in full for a
// figure of a few rows, and for a national figure its first cells, how
// many more, and that every one is in the download.
func sources(rows []*model.Allocation) []string {
	locs := make([]diag.Loc, len(rows))
	for i, r := range rows {
		locs[i] = r.Loc
	}
	return diag.Cite(locs, diag.CiteRuns)
}

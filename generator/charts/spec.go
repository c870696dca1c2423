// Package charts turns questions asked of the data (total by year, by
// region, how areas compare) into chart specs: a heading, one sentence
// written from the data, the same data as a table and a CSV file, and the
// ECharts option that draws it. go-echarts builds and validates the option;
// only its JSON is used, never its page renderer, which would add inline
// scripts and links to a CDN. The theme's charts.js draws every chart.
package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"fundsite/generator/csvout"
	"fundsite/generator/money"
)

// Spec is one chart, everything a page needs to show it.
type Spec struct {
	// ID is derived from what the chart shows ("arf-by-year"), so it is
	// the same in every build and a link to it keeps working.
	ID      string
	Heading string
	// Description says in one plain sentence what the chart shows; it is
	// also the chart's aria description.
	Description string
	// Columns head the table: the label column, then one per series.
	Columns []string
	Rows    []Row
	// Format says how charts.js prints the values: "money", or "count"
	// for figures that are not money (never with £).
	Format string
	// series and layout are the chart's shape; Option draws it.
	series []series
	layout layout
}

// Row is one category: a year, a region or an area, and its amounts.
type Row struct {
	Label  string
	Values []money.Pence
	// None marks the values the data does not give (an area with no
	// figure from a fund that year): a gap in the chart, never £0.
	None []bool
}

// none reports whether value i of the row is missing.
func (r Row) none(i int) bool { return i < len(r.None) && r.None[i] }

// Option is the ECharts option as JSON, safe inside a <script> element.
// It is made when asked for: a page's charts are drawn from their specs
// only when the page is rendered.
func (s Spec) Option() []byte { return option(s, s.series, s.layout) }

// Digest writes everything the chart's HTML, option and CSV are made
// from to h: the same digest, the same chart.
func (s Spec) Digest(h io.Writer) {
	fmt.Fprintf(h, "%q %q %q %q %q %+v %+v\n", s.ID, s.Heading, s.Description, s.Columns, s.Format, s.series, s.layout)
	for _, r := range s.Rows {
		fmt.Fprintf(h, "%q %v %v\n", r.Label, r.Values, r.None)
	}
}

// ElementID is the id of the chart's container on the page.
func (s Spec) ElementID() string { return "chart-" + s.ID }

// CSVName is the chart's data file, written next to its page.
func (s Spec) CSVName() string { return "chart-" + s.ID + ".csv" }

// Cells are a row's amounts in full, for the table.
func (r Row) Cells() []string {
	out := make([]string, len(r.Values))
	for i, v := range r.Values {
		out[i] = money.Full(v)
		if r.none(i) {
			out[i] = "no figure"
		}
	}
	return out
}

// CSV is exactly the table's data, amounts in pounds and pence.
func (s Spec) CSV() []byte {
	header := append([]string{s.Columns[0]}, s.Columns[1:]...)
	for i := 1; i < len(header) && s.Format != "count"; i++ {
		header[i] += " (£)"
	}
	var rows [][]string
	for _, r := range s.Rows {
		row := []string{r.Label}
		for i, v := range r.Values {
			if r.none(i) {
				row = append(row, "")
				continue
			}
			row = append(row, v.Decimal())
		}
		rows = append(rows, row)
	}
	return csvout.Bytes(header, slices.Values(rows))
}

// Colours of bars, each at least 3:1 against the white page (WCAG 2.2
// non-text contrast) and told apart by more than colour: a label, a legend
// and decal patterns.
const (
	colourMain      = "#1d4f91" // the theme’s brand blue, 8.1:1
	colourHighlight = "#b1410b" // burnt orange, 5.8:1
	colourNational  = "#505a5f" // grey, 7.1:1
	colourRegion    = "#00703c" // green, 6.2:1
)

// series is one set of bars.
type series struct {
	name   string
	colour string
	// highlight is the index of the bar to colour and label; -1 for none.
	highlight int
}

// layout says how the bars run.
type layout struct {
	// horizontal puts categories down the side, for long names.
	horizontal bool
	// labels writes each bar's amount on it.
	labels bool
	// decals adds patterns so series differ by more than colour.
	decals bool
}

// option is the ECharts option for s's rows, one series per value column,
// as JSON. encoding/json escapes <, > and & as \u003c and the like, so
// text from a workbook cannot end the <script> it sits in, and sorts map
// keys, so the bytes are the same in every build.
//
// go-echarts builds each shape of option (layout and series colours) once,
// with holes where a chart's own description, categories, series names and
// bars go; filling them gives the bytes building the whole option would.
// Building every option whole, with go-echarts' reflective defaults and
// its option marshalled as a map, was an eighth of the CPU of a build with
// 10,000 area pages, each with ten charts of a few shapes.
func option(s Spec, ss []series, l layout) []byte {
	if len(ss) == 0 {
		return nil
	}
	sk := skeletonFor(ss, l)
	categories := make([]any, len(s.Rows))
	for i, r := range s.Rows {
		categories[i] = r.Label
		if i == ss[0].highlight {
			// The reader's own area is named in bold as well as drawn in
			// another colour, so it stands out to those who cannot tell
			// the colours apart.
			categories[i] = map[string]any{"value": r.Label, "textStyle": map[string]string{"fontWeight": "bold"}}
		}
	}
	fills := make([][]byte, 0, 2+2*len(ss))
	fills = append(fills, mustJSON(s.Description), mustJSON(categories))
	for i, se := range ss {
		fills = append(fills, mustJSON(se.name), mustJSON(bars(s.Rows, i, se.highlight)))
	}
	return sk.fill(fills)
}

// bars are the bars of the series in value column i; the one at highlight
// (-1 for none) is coloured and labelled with its category's name.
func bars(rows []Row, i, highlight int) []opts.BarData {
	data := make([]opts.BarData, len(rows))
	for j, r := range rows {
		// A bar takes its name ({b} in a label) from its category, so the
		// names are not written a second time: they were a tenth of an
		// area page with a ranking for each fund.
		data[j] = opts.BarData{Value: json.Number(r.Values[i].Decimal())}
		if r.none(i) {
			data[j].Value = "-" // ECharts' mark for a value the data lacks
		}
		if j == highlight {
			data[j].ItemStyle = &opts.ItemStyle{Color: colourHighlight}
		}
	}
	return data
}

// skeleton is an option's JSON cut at its holes, in the order they come
// in the JSON: literal[0], fill holes[0], literal[1], … literal[len(holes)].
// Holes are numbered: description, categories, then each series' name and
// bars.
type skeleton struct {
	literal [][]byte
	holes   []int
}

func (sk *skeleton) fill(fills [][]byte) []byte {
	n := 0
	for _, b := range sk.literal {
		n += len(b)
	}
	for _, b := range fills {
		n += len(b)
	}
	out := make([]byte, 0, n)
	for i, h := range sk.holes {
		out = append(out, sk.literal[i]...)
		out = append(out, fills[h]...)
	}
	return append(out, sk.literal[len(sk.holes)]...)
}

var skeletons sync.Map // shape key to *skeleton

func skeletonFor(ss []series, l layout) *skeleton {
	key := fmt.Sprintf("%+v", l)
	for _, se := range ss {
		key += " " + se.colour
	}
	if sk, ok := skeletons.Load(key); ok {
		return sk.(*skeleton)
	}
	sk, _ := skeletons.LoadOrStore(key, buildSkeleton(ss, l))
	return sk.(*skeleton)
}

// hole marks where a fill goes; its JSON, quotes and all, is cut out.
func hole(n int) string { return fmt.Sprintf("@@fundsite-hole-%d@@", n) }

func buildSkeleton(ss []series, l layout) *skeleton {
	p := optionParts{description: hole(0), categories: hole(1)}
	for i := range ss {
		p.names = append(p.names, hole(2+2*i))
		p.bars = append(p.bars, hole(3+2*i))
	}
	whole := wholeOption(ss, l, p)
	type cut struct{ at, hole, width int }
	var cuts []cut
	for n := range 2 + 2*len(ss) {
		marker := mustJSON(hole(n))
		at := bytes.Index(whole, marker)
		if at < 0 || bytes.Count(whole, marker) != 1 {
			panic(fmt.Sprintf("charts: hole %d is not once in the option", n))
		}
		cuts = append(cuts, cut{at, n, len(marker)})
	}
	slices.SortFunc(cuts, func(a, b cut) int { return a.at - b.at })
	sk, from := &skeleton{}, 0
	for _, c := range cuts {
		sk.literal = append(sk.literal, whole[from:c.at])
		sk.holes = append(sk.holes, c.hole)
		from = c.at + c.width
	}
	sk.literal = append(sk.literal, whole[from:])
	return sk
}

// optionParts are what differs between options of one shape.
type optionParts struct {
	description string
	categories  any      // []string, or a hole
	names       []string // of each series
	bars        []any    // of each series: []opts.BarData, or a hole
}

// wholeOption builds an option with go-echarts.
func wholeOption(ss []series, l layout, p optionParts) []byte {
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: p.description},
			Decal: &opts.AriaDecal{Show: opts.Bool(l.decals)}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(ss) > 1), Top: "0", Left: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: gridTop(len(ss)), Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(opts.Colors{colourMain, colourNational, colourRegion}),
	)
	if l.horizontal {
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		)
	} else {
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
		)
	}
	bar.SetXAxis(p.categories)
	for i, se := range ss {
		bar.AddSeries(p.names[i], nil,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: se.colour}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(l.labels), Position: labelPosition(l), Color: "#0b0c0c"}),
		)
		bar.MultiSeries[i].Data = p.bars[i]
	}
	if l.horizontal {
		bar.XYReversal()
	}
	bar.Validate()
	if l.horizontal {
		// XYReversal moves the categories to the y axis but leaves the
		// value axis typed as a category axis.
		bar.XAxisList[0].Type = "value"
	}
	return mustJSON(bar.JSON())
}

// mustJSON marshals what this package builds: strings, numbers and bools.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("charts: marshalling option: %v", err))
	}
	return b
}

// gridTop leaves room for the legend; charts.js widens it to fit the
// legend as it wraps at the reader's screen width.
func gridTop(series int) string {
	if series > 1 {
		return "72"
	}
	return "24"
}

func labelPosition(l layout) string {
	if l.horizontal {
		return "insideRight"
	}
	return "top"
}

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
	"slices"

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
	// Option is the ECharts option as JSON, safe inside a <script> element.
	Option []byte
}

// Row is one category: a year, a region or an area, and its amounts.
type Row struct {
	Label  string
	Values []money.Pence
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
	}
	return out
}

// CSV is exactly the table's data, amounts in pounds and pence.
func (s Spec) CSV() []byte {
	header := append([]string{s.Columns[0]}, s.Columns[1:]...)
	for i := 1; i < len(header); i++ {
		header[i] += " (£)"
	}
	var rows [][]string
	for _, r := range s.Rows {
		row := []string{r.Label}
		for _, v := range r.Values {
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
	// hideCategories leaves category labels off (42 area names do not
	// fit); the highlighted bar is labelled instead.
	hideCategories bool
	// labels writes each bar's amount on it.
	labels bool
	// decals adds patterns so series differ by more than colour.
	decals bool
}

// option builds the ECharts option for s's rows, one series per value
// column, and marshals it. encoding/json escapes <, > and & as \u003c and
// the like, so text from a workbook cannot end the <script> it sits in,
// and sorts map keys, so the bytes are the same in every build.
func option(s Spec, ss []series, l layout) []byte {
	bar := charts.NewBar()
	categories := make([]string, len(s.Rows))
	for i, r := range s.Rows {
		categories[i] = r.Label
	}
	bar.SetGlobalOptions(
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: s.Description},
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
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Show: opts.Bool(!l.hideCategories)}}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
		)
	}
	bar.SetXAxis(categories)
	for i, se := range ss {
		data := make([]opts.BarData, len(s.Rows))
		for j, r := range s.Rows {
			// A bar takes its name ({b} in a label) from its category, so
			// the names are not written a second time: they were a tenth of
			// an area page with a ranking for each fund.
			data[j] = opts.BarData{Value: json.Number(r.Values[i].Decimal())}
			if j == se.highlight {
				data[j].ItemStyle = &opts.ItemStyle{Color: colourHighlight}
				data[j].Label = &opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{b}", Color: "#0b0c0c", Align: alignAt(j, len(s.Rows))}
			}
		}
		bar.AddSeries(se.name, data,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: se.colour}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(l.labels), Position: labelPosition(l), Color: "#0b0c0c"}),
		)
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
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(bar.JSON()); err != nil {
		// Every value is a string, number or bool built here.
		panic(fmt.Sprintf("charts: marshalling option %s: %v", s.ID, err))
	}
	return bytes.TrimSpace(buf.Bytes())
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

// alignAt keeps a bar's label inside the chart: the label runs right from
// bars in the left half and left from those in the right half.
func alignAt(i, n int) string {
	if i < n/2 {
		return "left"
	}
	return "right"
}

package opendata

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"fundsite/generator/model"
)

// Giving360Options are what the 360Giving layout needs beyond the data:
// identifiers only the publisher can give.
type Giving360Options struct {
	// Prefix starts every grant identifier fundsite makes: the
	// publisher's 360Giving prefix, such as "360G-examplecouncil".
	Prefix string
	// FunderID is the funding organisation's org-id, such as "GB-GOV-10".
	FunderID string
	// Publisher names the funder when a fund names no department.
	Publisher string
	// DataAsAt is the "Last Modified" date, YYYY-MM-DD.
	DataAsAt string
	// LicenceURL is the data's licence, for the JSON package.
	LicenceURL string
	// Title names the JSON package: the site's title.
	Title string
}

// Titles of the standard's fields that fundsite fills in itself.
const (
	tID, tTitle, tDescription, tCurrency = "Identifier", "Title", "Description", "Currency"
	tAmount, tAwardDate                  = "Amount Awarded", "Award Date"
	tPlannedStart, tPlannedEnd           = "Planned Dates:Start Date", "Planned Dates:End Date"
	tRecipientID, tRecipientName         = "Recipient Org:Identifier", "Recipient Org:Name"
	tIndividualID, tIndividualName       = "Recipient Ind:Identifier", "Recipient Ind:Name"
	tFunderID, tFunderName, tProgramme   = "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Title"
	tLocationName, tLocationCode         = "Beneficiary Location:Name", "Beneficiary Location:Geographic Code"
	tModified, tSource                   = "Last Modified", "Data Source"
	statusTitle                          = "Allocation Status"
)

// grant360 is one grant as the 360Giving Data Standard has it: the
// standard's fields, in model.Giving360Fields' order ("" for a field the
// grant does not have), and the source's columns that are not the
// standard's, for the CSV.
type grant360 struct {
	std    []string
	extra  []model.Cell
	status string
}

// giving360Index is each of the standard's fields' place in
// model.Giving360Fields, by title.
var giving360Index = func() map[string]int {
	m := make(map[string]int, len(model.Giving360Fields))
	for i, f := range model.Giving360Fields {
		m[f.Title] = i
	}
	return m
}()

// The places of the fields fundsite fills in itself.
var (
	iID, iTitle, iDescription, iCurrency = giving360Index[tID], giving360Index[tTitle], giving360Index[tDescription], giving360Index[tCurrency]
	iAmount, iAwardDate                  = giving360Index[tAmount], giving360Index[tAwardDate]
	iPlannedStart, iPlannedEnd           = giving360Index[tPlannedStart], giving360Index[tPlannedEnd]
	iRecipientID, iRecipientName         = giving360Index[tRecipientID], giving360Index[tRecipientName]
	iIndividualID, iIndividualName       = giving360Index[tIndividualID], giving360Index[tIndividualName]
	iFunderID, iFunderName, iProgramme   = giving360Index[tFunderID], giving360Index[tFunderName], giving360Index[tProgramme]
	iLocationName, iLocationCode         = giving360Index[tLocationName], giving360Index[tLocationCode]
	iModified, iSource                   = giving360Index[tModified], giving360Index[tSource]
)

// giving360Rows are the rows of money: the standard has no place for a
// count of people or contracts.
func giving360Rows(rows []*model.Allocation) []*model.Allocation {
	if !slices.ContainsFunc(rows, func(a *model.Allocation) bool { return a.Fund.Measure.Count }) {
		return rows
	}
	return slices.DeleteFunc(slices.Clone(rows), func(a *model.Allocation) bool { return a.Fund.Measure.Count })
}

// fill lays one allocation out as grant g, reusing g's room: a national
// file has 100,000 grants, each with room for every field of the
// standard. A grant read from a
// 360Giving file is written back as the file gave it, every field of the
// standard the file fills: see fromFile. Everything else gets
// identifiers made from the publisher's prefix, stable from one build to
// the next, and, when the data has no date, the financial year as its
// dates; the status says which amounts are estimates, since the standard
// has no field for that.
func (g *grant360) fill(a *model.Allocation, o Giving360Options) {
	area := a.Area.Code
	if area == "" {
		area = a.Area.Slug
	}
	if g.std == nil {
		g.std = make([]string, len(model.Giving360Fields))
	}
	clear(g.std)
	g.extra, g.status = g.extra[:0], a.Status.String()
	g.std[iID] = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), a.Year.Slug(), area, model.Slugify(a.Tranche), model.Slugify(a.Programme)), "-")
	g.std[iTitle] = a.Fund.Name + " " + a.Year.String() + ": " + a.Area.Name
	g.std[iDescription] = a.Fund.Name + " allocation for " + a.Year.String() + "."
	g.std[iCurrency] = "GBP"
	g.std[iAmount] = a.Amount.Decimal()
	g.std[iAwardDate] = fmt.Sprintf("%d-04-01", a.Year.Start)
	g.std[iPlannedStart] = fmt.Sprintf("%d-04-01", a.Year.Start)
	g.std[iPlannedEnd] = fmt.Sprintf("%d-03-31", a.Year.Start+1)
	g.std[iRecipientID] = strings.Join(nonEmpty(o.Prefix, area), "-")
	g.std[iRecipientName] = a.Area.Name
	g.std[iFunderID] = o.FunderID
	g.std[iFunderName] = cmp.Or(a.Fund.Department, o.Publisher)
	g.std[iProgramme] = cmp.Or(a.Programme, a.Fund.Name)
	g.std[iLocationName] = a.Area.Name
	g.std[iLocationCode] = a.Area.Code
	g.std[iSource] = a.Source
	if o.DataAsAt != "" {
		g.std[iModified] = o.DataAsAt + "T00:00:00Z"
	}
	if a.Basis != "" {
		g.std[iDescription] += " Basis: " + a.Basis + "."
	}
	if gr := a.Grant; gr != nil {
		g.fromGrantList(a, gr, o)
	}
	if gr := a.Grant; gr != nil && gr.From360Giving {
		g.fromFile(a, gr)
	}
}

// fromGrantList fills in what a grant list says about the award.
func (g *grant360) fromGrantList(a *model.Allocation, gr *model.Grant, o Giving360Options) {
	std := g.std
	std[iPlannedStart] = ""
	std[iPlannedEnd] = ""
	std[iDescription] = a.Fund.Name + " grant for " + a.Year.String() + "."
	if gr.AwardDate != "" {
		std[iAwardDate] = gr.AwardDate
	}
	if gr.Title != "" {
		std[iTitle] = gr.Title
	}
	if gr.Description != "" {
		std[iDescription] = gr.Description
	}
	if gr.RecipientName != "" && gr.RecipientName != a.Area.Name {
		// The page's unit is a place (grants by local authority): the
		// place is where the grant's beneficiaries are.
		std[iRecipientName] = gr.RecipientName
		std[iRecipientID] = strings.Join(nonEmpty(o.Prefix, model.Slugify(gr.RecipientName)), "-")
	} else {
		std[iLocationName] = ""
		std[iLocationCode] = ""
	}
	if gr.RecipientID != "" {
		std[iRecipientID] = gr.RecipientID
	}
	if gr.Identifier != "" {
		std[iID] = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), model.Slugify(gr.Identifier)), "-")
	} else {
		// Grants with no identifier of their own are told apart by
		// their cell, the only thing two equal awards do not share.
		std[iID] = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), model.Slugify(a.Loc.Sheet), fmt.Sprintf("row-%d", a.Loc.Row)), "-")
	}
}

// fromFile writes a 360Giving row's own cells over what fundsite would
// give the grant: what the file leaves blank keeps fundsite's, so every
// grant still has the fields the standard requires. The amount is the
// one read (the file's, to the penny). A grant to a person stays one.
func (g *grant360) fromFile(a *model.Allocation, gr *model.Grant) {
	if a.Programme == "" {
		g.std[iProgramme] = "" // the file names none: the fund is its funder
	}
	org := false
	for _, c := range gr.Cells {
		i, ok := giving360Index[c.Title]
		if !ok {
			g.extra = append(g.extra, c)
			continue
		}
		g.std[i] = c.Value
		org = org || i == iRecipientID || i == iRecipientName
	}
	g.std[iID] = cmp.Or(gr.Identifier, g.std[iID])
	g.std[iAmount] = a.Amount.Decimal()
	if (g.std[iIndividualName] != "" || g.std[iIndividualID] != "") && !org {
		g.std[iIndividualID] = cmp.Or(g.std[iIndividualID], g.std[iRecipientID])
		g.std[iIndividualName] = cmp.Or(g.std[iIndividualName], g.std[iRecipientName])
		g.std[iRecipientID] = ""
		g.std[iRecipientName] = ""
	}
}

// Giving360 lays the grants out in the 360Giving Data Standard's columns
// (https://standard.threesixtygiving.org/), one grant per allocation of
// money: see fill. rows are the known amounts only: the standard
// requires every grant to have an amount (amountAwarded, a number), so a
// figure the workbook does not give cannot be a grant; the description
// says so and where those rows are.
func Giving360(rows []*model.Allocation, o Giving360Options) Table {
	rows = giving360Rows(rows)
	t := Table{
		Name: "360giving", Title: "Allocations in the 360Giving Data Standard layout",
		Description: "One grant per allocation, in the 360Giving Data Standard's column layout. Amounts marked estimate in Allocation Status are not published figures. " +
			"An allocation whose amount is not given is left out, as the standard requires every grant to have an amount; it is in allocations.csv with an empty amount.",
	}
	cols := giving360Columns(rows)
	t.Columns = make([]Column, len(cols))
	for i, c := range cols {
		t.Columns[i] = c.Column
	}
	t.Len = len(rows)
	t.Rows = func(yield func([]string) bool) {
		var g grant360 // one per pass over the rows, reused for each
		for _, a := range rows {
			g.fill(a, o)
			out := make([]string, len(cols))
			for i, c := range cols {
				switch {
				case c.Header == statusTitle:
					out[i] = g.status
				case c.standard:
					out[i] = g.std[c.field]
				default:
					out[i] = extraCell(g.extra, c.Header)
				}
			}
			if !yield(out) {
				return
			}
		}
	}
	return t
}

// giving360Column is a column of the 360Giving CSV, and whether it is one
// of the standard's fields.
type giving360Column struct {
	Column
	standard bool
	field    int // the standard's field, in model.Giving360Fields
}

// giving360Base are the columns every 360Giving CSV has: the fields
// fundsite gives every grant, and the status the standard has no field for.
var giving360Base = []string{
	tID, tTitle, tDescription, tCurrency, tAmount, tAwardDate, tPlannedStart, tPlannedEnd,
	tRecipientID, tRecipientName, tFunderID, tFunderName, tProgramme, tLocationName, tLocationCode, tModified, tSource,
}

// giving360Columns are the base columns, then every other field of the
// standard a 360Giving source fills (in the standard's order), then the
// sources' columns outside the standard (in the order first met), so the
// CSV keeps all a source says.
func giving360Columns(rows []*model.Allocation) []giving360Column {
	used, seen := map[string]bool{}, map[string]bool{}
	var others []string
	for _, a := range rows {
		if a.Grant == nil {
			continue
		}
		for _, c := range a.Grant.Cells {
			if _, ok := model.Giving360FieldOf(c.Title); ok {
				used[c.Title] = true
			} else if !seen[c.Title] {
				seen[c.Title] = true
				others = append(others, c.Title)
			}
		}
	}
	var out []giving360Column
	add := func(title string, standard bool) {
		kind := Text
		if title == tAmount {
			kind = Money
		}
		out = append(out, giving360Column{Column{title, columnKey(title), kind}, standard, giving360Index[title]})
	}
	for _, t := range giving360Base {
		add(t, true)
	}
	for _, f := range model.Giving360Fields {
		if used[f.Title] && !slices.Contains(giving360Base, f.Title) {
			add(f.Title, true)
		}
	}
	add(statusTitle, false)
	for _, t := range others {
		if t != statusTitle && !slices.Contains(giving360Base, t) {
			add(t, false)
		}
	}
	return out
}

// columnKey is a title as a JSON key: "Recipient Org:Name" is
// "recipient_org_name".
func columnKey(title string) string {
	return strings.ReplaceAll(model.Slugify(title), "-", "_")
}

func extraCell(cells []model.Cell, title string) string {
	for _, c := range cells {
		if c.Title == title {
			return c.Value
		}
	}
	return ""
}

// HasGiving360Package reports whether rows hold grants of money, which
// the standard's JSON package needs at least one of.
func HasGiving360Package(rows []*model.Allocation) bool {
	return slices.ContainsFunc(rows, func(a *model.Allocation) bool { return !a.Fund.Measure.Count })
}

// WriteGiving360Package writes the grants as the standard's JSON data
// package ({"grants": [...]}), the format 360Giving's tools read; only
// when HasGiving360Package.
func WriteGiving360Package(w io.Writer, rows []*model.Allocation, o Giving360Options) error {
	rows = giving360Rows(rows)
	// The package is written a grant at a time, one grant to a line, so a
	// national file (100,000 grants, about 60 MB) is never held whole:
	// encoding it at once, indented, held three copies of it (the grants,
	// the encoding, the indented encoding).
	head := struct {
		Version   string     `json:"version"`
		Title     string     `json:"title,omitempty"`
		Publisher *publisher `json:"publisher,omitempty"`
		License   string     `json:"license,omitempty"`
		Modified  string     `json:"modified,omitempty"`
	}{Version: "1.4", Title: o.Title, License: o.LicenceURL}
	if o.Publisher != "" {
		head.Publisher = &publisher{o.Publisher}
	}
	if o.DataAsAt != "" {
		head.Modified = o.DataAsAt + "T00:00:00Z"
	}
	if !isWebAddress(head.License) {
		head.License = ""
	}
	top, err := json.MarshalIndent(head, "", " ")
	if err != nil {
		return err
	}
	b := bufio.NewWriterSize(w, 64<<10)
	b.Write(top[:len(top)-2]) // up to the closing "\n}"
	b.WriteString(",\n \"grants\": [")
	var line []byte
	var g grant360
	for i, a := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		line = appendGrant(line[:0], &g, a, o)
		b.Write(line)
	}
	b.WriteString("\n ]\n}\n")
	return b.Flush()
}

type publisher struct {
	Name string `json:"name"`
}

// appendGrant appends a grant as the standard's JSON schema has it: each
// field of the standard the grant has, at its place in the JSON (see
// model.Giving360Field) and of its type, in the standard's order. A value
// the schema would refuse (a duration that is not a number, a web
// address that is not one) is left out of the JSON; the CSV has it as
// written. The JSON is written as the fields come, not built and then
// encoded: a national package has 100,000 grants.
func appendGrant(b []byte, g *grant360, a *model.Allocation, o Giving360Options) []byte {
	g.fill(a, o)
	if g.status != model.Published.String() {
		g.std[iDescription] += " Status: " + g.status + " (not a published figure)."
	}
	// The standard requires the funder's and recipient's identifier and
	// name, blank or not.
	required := func(i int) bool {
		switch i {
		case iFunderID, iFunderName:
			return true
		case iRecipientID, iRecipientName:
			return g.std[iIndividualName] == ""
		}
		return false
	}
	var open []string     // the objects (and one-item lists) open, innermost last
	first := []bool{true} // whether each open object has no member yet
	key := func(k string) {
		if !first[len(first)-1] {
			b = append(b, ',')
		}
		first[len(first)-1] = false
		b = append(b, '"')
		b = append(b, strings.TrimSuffix(k, "[]")...)
		b = append(b, '"', ':')
	}
	closeTo := func(n int) {
		for len(open) > n {
			b = append(b, '}')
			if strings.HasSuffix(open[len(open)-1], "[]") {
				b = append(b, ']')
			}
			open, first = open[:len(open)-1], first[:len(first)-1]
		}
	}
	b = append(b, '{')
	for i, f := range model.Giving360Fields {
		text := g.std[i]
		if text == "" && !required(i) {
			continue
		}
		v, ok := jsonValue(f, text)
		if !ok {
			continue
		}
		path := giving360Paths[i]
		parents, leaf := path[:len(path)-1], path[len(path)-1]
		shared := 0
		for shared < len(open) && shared < len(parents) && open[shared] == parents[shared] {
			shared++
		}
		closeTo(shared)
		for _, p := range parents[shared:] {
			key(p)
			if strings.HasSuffix(p, "[]") {
				b = append(b, '[')
			}
			b = append(b, '{')
			open, first = append(open, p), append(first, true)
		}
		key(leaf)
		if strings.HasSuffix(leaf, "[]") {
			v = "[" + v + "]"
		}
		b = append(b, v...)
	}
	closeTo(0)
	return append(b, '}')
}

// giving360Paths are each field's place in the JSON, split at its dots.
var giving360Paths = func() [][]string {
	out := make([][]string, len(model.Giving360Fields))
	for i, f := range model.Giving360Fields {
		out[i] = strings.Split(f.Path, ".")
	}
	return out
}()

// jsonValue is text as the JSON value of field f, and whether the schema
// takes it.
func jsonValue(f model.Giving360Field, text string) (string, bool) {
	switch f.Type {
	case model.Giving360Number:
		n := strings.TrimSpace(text)
		return n, number.MatchString(n)
	case model.Giving360Date:
		// An event's dates may leave out the day, or the month too.
		partial := f.Path != "awardDate" && yearOrMonth.MatchString(text)
		return quote(text), isDate(text) || isDateTime(text) || partial
	case model.Giving360DateTime:
		if isDate(text) {
			text += "T00:00:00Z"
		}
		return quote(text), isDateTime(text)
	case model.Giving360URI:
		return quote(text), isWebAddress(text)
	}
	if f.Path == "fromOpenCall" {
		// The standard takes Yes or No, so written.
		switch strings.ToLower(text) {
		case "yes", "y", "true":
			return quote("Yes"), true
		case "no", "n", "false":
			return quote("No"), true
		}
		return "", false
	}
	return quote(text), true
}

var (
	datePattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$`)
	yearOrMonth = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[012]))?$`)
)

func isDate(s string) bool { return datePattern.MatchString(s) }

func isDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// isWebAddress reports whether s is an absolute http(s) address, as the
// standard's uri fields must be.
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

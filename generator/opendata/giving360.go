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
// standard's fields by their column titles, and the source's columns
// that are not the standard's, for the CSV.
type grant360 struct {
	std    map[string]string
	extra  []model.Cell
	status string
}

// giving360Rows are the rows of money: the standard has no place for a
// count of people or contracts.
func giving360Rows(rows []*model.Allocation) []*model.Allocation {
	if !slices.ContainsFunc(rows, func(a *model.Allocation) bool { return a.Fund.Measure.Count }) {
		return rows
	}
	return slices.DeleteFunc(slices.Clone(rows), func(a *model.Allocation) bool { return a.Fund.Measure.Count })
}

// asGrant lays one allocation out as a grant. A grant read from a
// 360Giving file is written back as the file gave it, every field of the
// standard the file fills: see fromFile. Everything else gets
// identifiers made from the publisher's prefix, stable from one build to
// the next, and, when the data has no date, the financial year as its
// dates; the status says which amounts are estimates, since the standard
// has no field for that.
func asGrant(a *model.Allocation, o Giving360Options) grant360 {
	area := a.Area.Code
	if area == "" {
		area = a.Area.Slug
	}
	g := grant360{status: a.Status.String(), std: map[string]string{
		tID:            strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), a.Year.Slug(), area, model.Slugify(a.Tranche), model.Slugify(a.Programme)), "-"),
		tTitle:         a.Fund.Name + " " + a.Year.String() + ": " + a.Area.Name,
		tDescription:   a.Fund.Name + " allocation for " + a.Year.String() + ".",
		tCurrency:      "GBP",
		tAmount:        a.Amount.Decimal(),
		tAwardDate:     fmt.Sprintf("%d-04-01", a.Year.Start),
		tPlannedStart:  fmt.Sprintf("%d-04-01", a.Year.Start),
		tPlannedEnd:    fmt.Sprintf("%d-03-31", a.Year.Start+1),
		tRecipientID:   strings.Join(nonEmpty(o.Prefix, area), "-"),
		tRecipientName: a.Area.Name,
		tFunderID:      o.FunderID,
		tFunderName:    cmp.Or(a.Fund.Department, o.Publisher),
		tProgramme:     cmp.Or(a.Programme, a.Fund.Name),
		tLocationName:  a.Area.Name,
		tLocationCode:  a.Area.Code,
		tSource:        a.Source,
	}}
	if o.DataAsAt != "" {
		g.std[tModified] = o.DataAsAt + "T00:00:00Z"
	}
	if a.Basis != "" {
		g.std[tDescription] += " Basis: " + a.Basis + "."
	}
	if gr := a.Grant; gr != nil {
		g.fromGrantList(a, gr, o)
	}
	if gr := a.Grant; gr != nil && gr.From360Giving {
		g.fromFile(a, gr)
	}
	for k, v := range g.std {
		if v == "" {
			delete(g.std, k)
		}
	}
	return g
}

// fromGrantList fills in what a grant list says about the award.
func (g *grant360) fromGrantList(a *model.Allocation, gr *model.Grant, o Giving360Options) {
	std := g.std
	delete(std, tPlannedStart)
	delete(std, tPlannedEnd)
	std[tDescription] = a.Fund.Name + " grant for " + a.Year.String() + "."
	if gr.AwardDate != "" {
		std[tAwardDate] = gr.AwardDate
	}
	if gr.Title != "" {
		std[tTitle] = gr.Title
	}
	if gr.Description != "" {
		std[tDescription] = gr.Description
	}
	if gr.RecipientName != "" && gr.RecipientName != a.Area.Name {
		// The page's unit is a place (grants by local authority): the
		// place is where the grant's beneficiaries are.
		std[tRecipientName] = gr.RecipientName
		std[tRecipientID] = strings.Join(nonEmpty(o.Prefix, model.Slugify(gr.RecipientName)), "-")
	} else {
		delete(std, tLocationName)
		delete(std, tLocationCode)
	}
	if gr.RecipientID != "" {
		std[tRecipientID] = gr.RecipientID
	}
	if gr.Identifier != "" {
		std[tID] = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), model.Slugify(gr.Identifier)), "-")
	} else {
		// Grants with no identifier of their own are told apart by
		// their cell, the only thing two equal awards do not share.
		std[tID] = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), model.Slugify(a.Loc.Sheet), fmt.Sprintf("row-%d", a.Loc.Row)), "-")
	}
}

// fromFile writes a 360Giving row's own cells over what fundsite would
// give the grant: what the file leaves blank keeps fundsite's, so every
// grant still has the fields the standard requires. The amount is the
// one read (the file's, to the penny). A grant to a person stays one.
func (g *grant360) fromFile(a *model.Allocation, gr *model.Grant) {
	if a.Programme == "" {
		delete(g.std, tProgramme) // the file names none: the fund is its funder
	}
	org := false
	for _, c := range gr.Cells {
		if _, ok := model.Giving360FieldOf(c.Title); !ok {
			g.extra = append(g.extra, c)
			continue
		}
		g.std[c.Title] = c.Value
		org = org || c.Title == tRecipientID || c.Title == tRecipientName
	}
	g.std[tID] = cmp.Or(gr.Identifier, g.std[tID])
	g.std[tAmount] = a.Amount.Decimal()
	_, person := g.std[tIndividualName]
	if _, id := g.std[tIndividualID]; (person || id) && !org {
		g.std[tIndividualID] = cmp.Or(g.std[tIndividualID], g.std[tRecipientID])
		g.std[tIndividualName] = cmp.Or(g.std[tIndividualName], g.std[tRecipientName])
		delete(g.std, tRecipientID)
		delete(g.std, tRecipientName)
	}
}

// Giving360 lays the grants out in the 360Giving Data Standard's columns
// (https://standard.threesixtygiving.org/), one grant per allocation of
// money: see asGrant. rows are the known amounts only: the standard
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
	t.Len, t.Rows = len(rows), madeFrom(rows, func(a *model.Allocation) []string {
		g := asGrant(a, o)
		out := make([]string, len(cols))
		for i, c := range cols {
			switch {
			case c.Header == statusTitle:
				out[i] = g.status
			case c.standard:
				out[i] = g.std[c.Header]
			default:
				out[i] = extraCell(g.extra, c.Header)
			}
		}
		return out
	})
	return t
}

// giving360Column is a column of the 360Giving CSV, and whether it is one
// of the standard's fields.
type giving360Column struct {
	Column
	standard bool
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
		out = append(out, giving360Column{Column{title, columnKey(title), kind}, standard})
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
	for i, a := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		line, err := json.Marshal(grantOf(a, o))
		if err != nil {
			return err
		}
		b.Write(line)
	}
	b.WriteString("\n ]\n}\n")
	return b.Flush()
}

type publisher struct {
	Name string `json:"name"`
}

// grantOf is a grant as the standard's JSON schema has it: each field of
// the standard the grant has, at its place in the JSON (see
// model.Giving360Field) and of its type. A value the schema would refuse
// (a duration that is not a number, a web address that is not one) is
// left out of the JSON; the CSV has it as written.
func grantOf(a *model.Allocation, o Giving360Options) map[string]any {
	g := asGrant(a, o)
	if g.status != model.Published.String() {
		g.std[tDescription] += " Status: " + g.status + " (not a published figure)."
	}
	// The standard requires the funder's and recipient's identifier and
	// name, blank or not.
	required := []string{tFunderID, tFunderName}
	if _, person := g.std[tIndividualName]; !person {
		required = append(required, tRecipientID, tRecipientName)
	}
	for _, t := range required {
		g.std[t] = g.std[t]
	}
	out := map[string]any{}
	for _, f := range model.Giving360Fields {
		text, ok := g.std[f.Title]
		if !ok {
			continue
		}
		if v, ok := jsonValue(f, text); ok {
			setPath(out, strings.Split(f.Path, "."), v)
		}
	}
	return out
}

// jsonValue is text as the JSON value of field f, and whether the schema
// takes it.
func jsonValue(f model.Giving360Field, text string) (any, bool) {
	switch f.Type {
	case model.Giving360Number:
		n := json.Number(strings.TrimSpace(text))
		if _, err := n.Float64(); err != nil || !number.MatchString(n.String()) {
			return nil, false
		}
		return n, true
	case model.Giving360Date:
		// An event's dates may leave out the day, or the month too.
		partial := f.Path != "awardDate" && yearOrMonth.MatchString(text)
		return text, isDate(text) || isDateTime(text) || partial
	case model.Giving360DateTime:
		if isDate(text) {
			text += "T00:00:00Z"
		}
		return text, isDateTime(text)
	case model.Giving360URI:
		return text, isWebAddress(text)
	}
	if f.Path == "fromOpenCall" {
		// The standard takes Yes or No, so written.
		switch strings.ToLower(text) {
		case "yes", "y", "true":
			return "Yes", true
		case "no", "n", "false":
			return "No", true
		}
		return nil, false
	}
	return text, true
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

// setPath puts v at path in m, making the objects, and one-item lists
// ("plannedDates[]"), on the way.
func setPath(m map[string]any, path []string, v any) {
	key, list := strings.CutSuffix(path[0], "[]")
	if len(path) == 1 {
		if list {
			v = []any{v}
		}
		m[key] = v
		return
	}
	var next map[string]any
	switch {
	case list:
		items, _ := m[key].([]any)
		if len(items) == 0 {
			items = []any{map[string]any{}}
			m[key] = items
		}
		next = items[0].(map[string]any)
	default:
		next, _ = m[key].(map[string]any)
		if next == nil {
			next = map[string]any{}
			m[key] = next
		}
	}
	setPath(next, path[1:], v)
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

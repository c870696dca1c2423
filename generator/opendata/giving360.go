package opendata

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

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

// grant360 is one grant as the 360Giving Data Standard has it.
type grant360 struct {
	id, title, description, amount, awardDate string
	plannedStart, plannedEnd                  string
	recipientID, recipientName                string
	funderID, funderName, programme           string
	locationName, locationCode                string
	modified, source, status                  string
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
// 360Giving file is written back as the file gave it: its own identifier,
// award date, recipient, funder and programme. Everything else gets
// identifiers made from the publisher's prefix, stable from one build to
// the next, and, when the data has no date, the financial year as its
// dates; the status says which amounts are estimates, since the standard
// has no field for that.
func asGrant(a *model.Allocation, o Giving360Options) grant360 {
	area := a.Area.Code
	if area == "" {
		area = a.Area.Slug
	}
	g := grant360{
		id:            strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), a.Year.Slug(), area, model.Slugify(a.Tranche)), "-"),
		title:         a.Fund.Name + " " + a.Year.String() + ": " + a.Area.Name,
		description:   a.Fund.Name + " allocation for " + a.Year.String() + ".",
		amount:        a.Amount.Decimal(),
		awardDate:     fmt.Sprintf("%d-04-01", a.Year.Start),
		plannedStart:  fmt.Sprintf("%d-04-01", a.Year.Start),
		plannedEnd:    fmt.Sprintf("%d-03-31", a.Year.Start+1),
		recipientID:   strings.Join(nonEmpty(o.Prefix, area), "-"),
		recipientName: a.Area.Name,
		funderID:      o.FunderID,
		funderName:    a.Fund.Department,
		programme:     a.Fund.Name,
		locationName:  a.Area.Name,
		locationCode:  a.Area.Code,
		source:        a.Source,
		status:        a.Status.String(),
	}
	if g.funderName == "" {
		g.funderName = o.Publisher
	}
	if o.DataAsAt != "" {
		g.modified = o.DataAsAt + "T00:00:00Z"
	}
	if a.Basis != "" {
		g.description += " Basis: " + a.Basis + "."
	}
	if gr := a.Grant; gr != nil {
		g.fromGrantList(a, gr, o)
	}
	return g
}

// fromGrantList fills in what a grant list says about the award.
func (g *grant360) fromGrantList(a *model.Allocation, gr *model.Grant, o Giving360Options) {
	g.plannedStart, g.plannedEnd = "", ""
	g.description = a.Fund.Name + " grant for " + a.Year.String() + "."
	if gr.AwardDate != "" {
		g.awardDate = gr.AwardDate
	}
	if gr.Title != "" {
		g.title = gr.Title
	}
	if gr.Description != "" {
		g.description = gr.Description
	}
	if gr.RecipientName != "" && gr.RecipientName != a.Area.Name {
		// The page's unit is a place (grants by local authority): the
		// place is where the grant's beneficiaries are.
		g.recipientName = gr.RecipientName
		g.recipientID = strings.Join(nonEmpty(o.Prefix, model.Slugify(gr.RecipientName)), "-")
	} else {
		g.locationName, g.locationCode = "", ""
	}
	if gr.RecipientID != "" {
		g.recipientID = gr.RecipientID
	}
	if gr.Identifier != "" {
		g.id = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), model.Slugify(gr.Identifier)), "-")
	} else {
		// Grants with no identifier of their own are told apart by
		// their cell, the only thing two equal awards do not share.
		g.id = strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), model.Slugify(a.Loc.Sheet), fmt.Sprintf("row-%d", a.Loc.Row)), "-")
	}
	if !gr.From360Giving {
		return
	}
	// What the file leaves blank keeps what fundsite would give it, so
	// every grant still has the identifiers the standard requires.
	g.id, g.recipientID, g.recipientName = cmp.Or(gr.Identifier, g.id), cmp.Or(gr.RecipientID, g.recipientID), cmp.Or(gr.RecipientName, g.recipientName)
	g.funderID, g.funderName, g.programme = cmp.Or(gr.FunderID, g.funderID), cmp.Or(gr.FunderName, g.funderName), gr.Programme
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
		Columns: []Column{
			{"Identifier", "identifier", Text}, {"Title", "title", Text}, {"Description", "description", Text},
			{"Currency", "currency", Text}, {"Amount Awarded", "amount_awarded", Money}, {"Award Date", "award_date", Text},
			{"Planned Dates:Start Date", "planned_start", Text}, {"Planned Dates:End Date", "planned_end", Text},
			{"Recipient Org:Identifier", "recipient_org_identifier", Text}, {"Recipient Org:Name", "recipient_org_name", Text},
			{"Funding Org:Identifier", "funding_org_identifier", Text}, {"Funding Org:Name", "funding_org_name", Text},
			{"Grant Programme:Title", "grant_programme_title", Text},
			{"Beneficiary Location:Name", "beneficiary_location_name", Text},
			{"Beneficiary Location:Geographic Code", "beneficiary_location_code", Text},
			{"Last Modified", "last_modified", Text}, {"Data Source", "data_source", Text},
			{"Allocation Status", "allocation_status", Text},
		},
	}
	t.Len, t.Rows = len(rows), madeFrom(rows, func(a *model.Allocation) []string {
		g := asGrant(a, o)
		return []string{
			g.id, g.title, g.description, "GBP", g.amount, g.awardDate, g.plannedStart, g.plannedEnd,
			g.recipientID, g.recipientName, g.funderID, g.funderName, g.programme,
			g.locationName, g.locationCode, g.modified, g.source, g.status,
		}
	})
	return t
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

type org struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type titled struct {
	Title string `json:"title"`
}

type event struct {
	StartDate string `json:"startDate,omitempty"`
	EndDate   string `json:"endDate,omitempty"`
}

type location struct {
	Name    string `json:"name"`
	GeoCode string `json:"geoCode,omitempty"`
}

type publisher struct {
	Name string `json:"name"`
}

// grantJSON is a grant as the standard's JSON schema has it.
type grantJSON struct {
	ID                    string      `json:"id"`
	Title                 string      `json:"title"`
	Description           string      `json:"description"`
	Currency              string      `json:"currency"`
	AmountAwarded         json.Number `json:"amountAwarded"`
	AwardDate             string      `json:"awardDate"`
	PlannedDates          []event     `json:"plannedDates,omitempty"`
	RecipientOrganization []org       `json:"recipientOrganization"`
	FundingOrganization   []org       `json:"fundingOrganization"`
	GrantProgramme        []titled    `json:"grantProgramme,omitempty"`
	BeneficiaryLocation   []location  `json:"beneficiaryLocation,omitempty"`
	DateModified          string      `json:"dateModified,omitempty"`
	DataSource            string      `json:"dataSource,omitempty"`
}

func grantOf(a *model.Allocation, o Giving360Options) grantJSON {
	g := asGrant(a, o)
	out := grantJSON{
		ID: g.id, Title: g.title, Description: g.description, Currency: "GBP",
		AmountAwarded: json.Number(g.amount), AwardDate: g.awardDate,
		RecipientOrganization: []org{{g.recipientID, g.recipientName}},
		FundingOrganization:   []org{{g.funderID, g.funderName}},
		DateModified:          g.modified,
	}
	if g.plannedStart != "" {
		out.PlannedDates = []event{{g.plannedStart, g.plannedEnd}}
	}
	if g.programme != "" {
		out.GrantProgramme = []titled{{g.programme}}
	}
	if g.locationName != "" {
		out.BeneficiaryLocation = []location{{g.locationName, g.locationCode}}
	}
	if isWebAddress(g.source) {
		out.DataSource = g.source
	}
	if g.status != model.Published.String() {
		out.Description += " Status: " + g.status + " (not a published figure)."
	}
	return out
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

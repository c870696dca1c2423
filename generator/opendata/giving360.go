package opendata

import (
	"fmt"
	"strings"

	"fundsite/generator/model"
)

// Giving360Options are what the 360Giving layout needs beyond the data:
// identifiers only the publisher can give.
type Giving360Options struct {
	// Prefix starts every grant identifier: the publisher's 360Giving
	// prefix, such as "360G-examplecouncil".
	Prefix string
	// FunderID is the funding organisation's org-id, such as "GB-GOV-10".
	FunderID string
	// Publisher names the funder when a fund names no department.
	Publisher string
	// DataAsAt is the "Last Modified" date, YYYY-MM-DD.
	DataAsAt string
}

// Giving360 lays the allocations out in the 360Giving Data Standard's
// columns (https://standard.threesixtygiving.org/), one grant per
// allocation. Award Date and Planned Dates are the financial year, the
// only date the data holds; the status column says which amounts are
// estimates, since the standard has no field for that.
func Giving360(rows []*model.Allocation, o Giving360Options) Table {
	t := Table{
		Name: "360giving", Title: "Allocations in the 360Giving Data Standard layout",
		Description: "One grant per allocation, in the 360Giving Data Standard's column layout. Amounts marked estimate in Allocation Status are not published figures.",
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
		area := a.Area.Code
		if area == "" {
			area = a.Area.Slug
		}
		id := strings.Join(nonEmpty(o.Prefix, a.Fund.Key(), a.Year.Slug(), area, model.Slugify(a.Tranche)), "-")
		funder := a.Fund.Department
		if funder == "" {
			funder = o.Publisher
		}
		start, end := fmt.Sprintf("%d-04-01", a.Year.Start), fmt.Sprintf("%d-03-31", a.Year.Start+1)
		modified := ""
		if o.DataAsAt != "" {
			modified = o.DataAsAt + "T00:00:00Z"
		}
		description := a.Fund.Name + " allocation for " + a.Year.String() + "."
		if a.Basis != "" {
			description += " Basis: " + a.Basis + "."
		}
		return []string{
			id, a.Fund.Name + " " + a.Year.String() + ": " + a.Area.Name, description,
			"GBP", a.Amount.Decimal(), start, start, end,
			strings.Join(nonEmpty(o.Prefix, area), "-"), a.Area.Name, o.FunderID, funder,
			a.Fund.Name, a.Area.Name, a.Area.Code, modified, a.Source, a.Status.String(),
		}
	})
	return t
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

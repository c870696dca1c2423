package pages

import (
	"fundsite/generator/config"
	"fundsite/generator/diag"
)

// statementURL is where the accessibility statement is published; the
// footer of every page links to it.
const statementURL = "/accessibility/"

// StatementView is the accessibility statement, in the shape of the
// GOV.UK model statement the regulations' guidance gives.
type StatementView struct {
	SiteTitle  string
	BaseURL    string
	Publisher  string
	Email      string
	Phone      string
	Response   string
	Prepared   string // "31 July 2024"
	Reviewed   string
	Compliance string // one sentence: fully, partially or not compliant
	Full       bool
	Issues     []string
}

// statement renders /accessibility/ from site.toml's [accessibility], or
// warns that the site has no statement.
func (b *builder) statement() {
	cfg := b.in.Config
	a := cfg.Accessibility
	if a == nil {
		b.problems.Warnf(diag.Loc{File: cfg.File}, "no accessibility statement: add an [accessibility] table (contact_email, statement_date, compliance) so the site publishes one at %s, as public sector websites must", statementURL)
		return
	}
	v := StatementView{
		SiteTitle: cfg.Title, BaseURL: cfg.BaseURL, Publisher: cfg.Publisher,
		Email: a.ContactEmail, Phone: a.ContactPhone, Response: a.Response,
		Prepared: config.FormatDate(a.StatementDate), Full: a.Compliance == config.ComplianceFull, Issues: a.KnownIssues,
	}
	if v.Publisher == "" {
		v.Publisher = cfg.Title
	}
	if v.Response == "" {
		v.Response = "5 working days"
	}
	if a.ReviewedDate != "" {
		v.Reviewed = config.FormatDate(a.ReviewedDate)
	}
	const standard = "the Web Content Accessibility Guidelines version 2.2 AA standard"
	switch a.Compliance {
	case config.ComplianceFull:
		v.Compliance = "This website is fully compliant with " + standard + "."
	case config.CompliancePartial:
		v.Compliance = "This website is partially compliant with " + standard + ", due to the non-compliances listed below."
	default:
		v.Compliance = "This website is not compliant with " + standard + ". The non-compliances are listed below."
	}
	b.addPage(&Page{Layout: "accessibility", URL: statementURL, Title: "Accessibility statement",
		Description: "How accessible this website is, and how to report a problem.", Current: statementURL, Content: v}, nil)
}

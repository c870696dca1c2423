package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"fundsite/generator/colour"
	"fundsite/generator/diag"
)

// Accessibility is what the accessibility statement needs that only the
// publisher knows. The Public Sector Bodies Accessibility Regulations 2018
// require the statement; fundsite writes it at /accessibility/.
type Accessibility struct {
	// ContactEmail and ContactPhone are where a resident reports a problem
	// or asks for information in another format. At least one is needed.
	ContactEmail string `toml:"contact_email"`
	ContactPhone string `toml:"contact_phone"`
	// Response is how long a reply takes, "5 working days".
	Response string `toml:"response"`
	// StatementDate is when the statement was prepared, YYYY-MM-DD; never
	// the build clock, so rebuilding does not change the site.
	StatementDate string `toml:"statement_date"`
	// ReviewedDate is when it was last reviewed, YYYY-MM-DD (optional).
	ReviewedDate string `toml:"reviewed_date"`
	// Compliance is "full", "partial" or "not", the regulations' three
	// statuses against WCAG 2.2 AA.
	Compliance string `toml:"compliance"`
	// KnownIssues are the content that does not meet the standard, each in
	// one plain sentence. Needed unless compliance is full.
	KnownIssues []string `toml:"known_issues"`
}

// UntestedByHand is the known issue a statement gives when site.toml says
// nothing of compliance.
const UntestedByHand = "This website has been checked with automated tools in a browser, but not yet tested by people using screen readers, screen magnifiers or speech recognition, so some problems may not have been found."

// Compliance statuses.
const (
	ComplianceFull    = "full"
	CompliancePartial = "partial"
	ComplianceNot     = "not"
)

// Colours are the publisher's brand colours, as "#rrggbb". The build checks
// them for contrast and the theme uses them in place of its own.
type Colours struct {
	Text       string `toml:"text"`
	Background string `toml:"background"`
	Link       string `toml:"link"`
	// Accent is the header and the borders of headline figures.
	Accent string `toml:"accent"`
	// AccentText is the text on the accent, the header's site title and
	// navigation.
	AccentText string `toml:"accent_text"`

	// Lines are where each key is set in site.toml, for messages.
	Lines map[string]int `toml:"-"`
}

// Named lists the colours that are set, by their site.toml key, in a fixed
// order.
func (c Colours) Named() []NamedColour {
	var out []NamedColour
	for _, n := range []NamedColour{{"text", c.Text}, {"background", c.Background}, {"link", c.Link}, {"accent", c.Accent}, {"accent_text", c.AccentText}} {
		if n.Value != "" {
			out = append(out, n)
		}
	}
	return out
}

// NamedColour is one [colours] setting.
type NamedColour struct {
	Key   string
	Value string
}

// ColourLoc is where a [colours] key is set.
func (c *Config) ColourLoc(key string) diag.Loc {
	return diag.Loc{File: c.File, Line: c.Colours.Lines[key]}
}

func (c *Config) locateColours(text string) {
	c.Colours.Lines = map[string]int{}
	for _, n := range c.Colours.Named() {
		c.Colours.Lines[n.Key] = lineOf(text, toml.Key{"colours", n.Key})
	}
}

func (c *Config) validateColours(problems *diag.List) {
	for _, n := range c.Colours.Named() {
		if _, err := colour.Parse(n.Value); err != nil {
			problems.Errorf(c.ColourLoc(n.Key), "[colours] %s: %v", n.Key, err)
		}
	}
}

func (c *Config) validateAccessibility(problems *diag.List) {
	a := c.Accessibility
	if a == nil {
		return
	}
	at := diag.Loc{File: c.File}
	if a.ContactEmail == "" && a.ContactPhone == "" {
		problems.Errorf(at, "[accessibility] needs contact_email or contact_phone: the statement must say how to report a problem")
	}
	if a.ContactEmail != "" && !strings.Contains(a.ContactEmail, "@") {
		problems.Errorf(at, "[accessibility] contact_email %q is not an email address", a.ContactEmail)
	}
	if !isDate(a.StatementDate) {
		problems.Errorf(at, "[accessibility] statement_date %q must be a date written YYYY-MM-DD", a.StatementDate)
	}
	if a.ReviewedDate != "" && !isDate(a.ReviewedDate) {
		problems.Errorf(at, "[accessibility] reviewed_date %q must be a date written YYYY-MM-DD", a.ReviewedDate)
	}
	if a.Compliance == "" {
		// Automated checks cannot show full compliance: until people have
		// tested with screen readers and speech recognition, say partial.
		a.Compliance = CompliancePartial
		if len(a.KnownIssues) == 0 {
			a.KnownIssues = []string{UntestedByHand}
		}
	}
	switch a.Compliance {
	case ComplianceFull:
	case CompliancePartial, ComplianceNot:
		if len(a.KnownIssues) == 0 {
			problems.Errorf(at, "[accessibility] compliance = %q needs known_issues: list what does not meet the standard", a.Compliance)
		}
	default:
		problems.Errorf(at, "[accessibility] compliance %q must be \"full\", \"partial\" or \"not\"%s", a.Compliance,
			diag.DidYouMean(a.Compliance, []string{ComplianceFull, CompliancePartial, ComplianceNot}))
	}
}

// FormatDate writes a YYYY-MM-DD date the GOV.UK way, "31 July 2024".
func FormatDate(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year())
}

package config

import (
	"strings"
	"testing"
)

func TestAccessibilityAndColours(t *testing.T) {
	cfg, err := Load(writeConfig(t, `title = "x"

[accessibility]
contact_email = "access@example.gov.uk"
statement_date = "2024-07-31"
compliance = "partial"
known_issues = ["Charts have no text alternative yet."]

[colours]
text = "#0b0c0c"
accent = "#1D4F91"
`))
	if err != nil {
		t.Fatal(err)
	}
	a := cfg.Accessibility
	if a == nil || a.ContactEmail != "access@example.gov.uk" || a.Compliance != CompliancePartial || len(a.KnownIssues) != 1 {
		t.Errorf("accessibility = %+v", a)
	}
	if got := cfg.Colours.Named(); len(got) != 2 || got[1] != (NamedColour{"accent", "#1D4F91"}) {
		t.Errorf("colours = %+v", got)
	}
	if l := cfg.ColourLoc("accent").String(); l != "site.toml:11" {
		t.Errorf("accent located at %s, want site.toml:11", l)
	}
	if FormatDate(a.StatementDate) != "31 July 2024" {
		t.Errorf("FormatDate = %q", FormatDate(a.StatementDate))
	}
}

func TestAccessibilityWithoutTable(t *testing.T) {
	cfg, err := Load(writeConfig(t, `title = "x"`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Accessibility != nil || len(cfg.Colours.Named()) != 0 {
		t.Errorf("defaults: accessibility %+v, colours %+v", cfg.Accessibility, cfg.Colours)
	}
}

// TestComplianceDefaultsToPartial: automated checks cannot show full
// compliance, so a statement that does not say is partial, and says why.
func TestComplianceDefaultsToPartial(t *testing.T) {
	cfg, err := Load(writeConfig(t, "[accessibility]\ncontact_email = \"a@b.uk\"\nstatement_date = \"2024-07-31\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a := cfg.Accessibility; a.Compliance != CompliancePartial || len(a.KnownIssues) != 1 || a.KnownIssues[0] != UntestedByHand {
		t.Errorf("compliance %q, known issues %q; want partial, untested by hand", a.Compliance, a.KnownIssues)
	}
}

func TestAccessibilityAndColourErrors(t *testing.T) {
	ok := "[accessibility]\ncontact_email = \"a@b.uk\"\nstatement_date = \"2024-07-31\"\ncompliance = \"full\"\n"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no contact", "[accessibility]\nstatement_date = \"2024-07-31\"\ncompliance = \"full\"\n", []string{"needs contact_email or contact_phone"}},
		{"bad email", strings.Replace(ok, "a@b.uk", "nobody", 1), []string{`contact_email "nobody" is not an email address`}},
		{"bad date", strings.Replace(ok, "2024-07-31", "31/07/2024", 1), []string{`statement_date "31/07/2024" must be a date written YYYY-MM-DD`}},
		{"no date", strings.Replace(ok, "statement_date = \"2024-07-31\"\n", "", 1), []string{`statement_date ""`}},
		{"misspelt status", strings.Replace(ok, `"full"`, `"partal"`, 1), []string{`compliance "partal"`, `did you mean "partial"`}},
		{"partial without issues", strings.Replace(ok, `"full"`, `"partial"`, 1), []string{"needs known_issues"}},
		{"misspelt key", strings.Replace(ok, "contact_email", "contact_emial", 1), []string{"site.toml:2", `"accessibility.contact_emial"`, `did you mean "contact_email"`}},
		{"bad colour", "[colours]\ntext = \"#0b0c0c\"\naccent = \"blue\"\n", []string{"site.toml:3", `[colours] accent: "blue" is not a colour`}},
		{"misspelt colour key", "[colours]\naccnet = \"#000\"\n", []string{"site.toml:2", `did you mean "accent"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeConfig(t, tt.text))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

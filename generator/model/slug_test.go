package model

import (
	"regexp"
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	for name, want := range map[string]string{
		"Shropshire, Telford and Wrekin": "shropshire-telford-and-wrekin",
		"Barking & Dagenham":             "barking-and-dagenham",
		"Barking&Dagenham":               "barking-and-dagenham",
		"King's Lynn":                    "kings-lynn",
		"King’s Lynn":                    "kings-lynn",
		"  --Trim--  ":                   "trim",
		"../..":                          "",
		"Café":                           "cafe",
		"Cafe\u0301":                     "cafe", // the same, decomposed
		"Łódź & Straße":                  "lodz-and-strasse",
		"Ærø":                            "aero",
		"Ｆｕｌｌ ｗｉｄｔｈ":                     "full-width",
		"Москва":                         "москва",
		"東京都":                            "東京都",
		"Αθήνα":                          "αθήνα", // accents of other scripts are kept
		"नई दिल्ली":                      "नई-दिल्ली",
		"Be\u200bta":                     "be-ta", // invisible, reported by CheckNames
	} {
		if got := Slugify(name); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", name, got, want)
		}
		if got := Slugify(Slugify(name)); got != Slugify(name) {
			t.Errorf("Slugify is not idempotent on %q: %q", name, got)
		}
	}
}

// FuzzSlugify holds Slugify to what addresses need: only letters, digits,
// marks and single inner hyphens; the same on its own output; and, for
// ASCII, what the old a-z0-9 rule gave.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Café", "A & B", "東京", "x/../y", "a\u0301\u0301"} {
		f.Add(s)
	}
	old := regexp.MustCompile(`[^a-z0-9]+`)
	f.Fuzz(func(t *testing.T, name string) {
		s := Slugify(name)
		if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") || strings.ContainsAny(s, "/\\.%?#") {
			t.Fatalf("Slugify(%q) = %q", name, s)
		}
		if Slugify(s) != s {
			t.Fatalf("Slugify(%q) = %q, but Slugify(%q) = %q", name, s, s, Slugify(s))
		}
		if isASCII(name) {
			o := strings.ToLower(name)
			o = strings.ReplaceAll(o, "&", " and ")
			o = strings.ReplaceAll(o, "'", "")
			if want := strings.Trim(old.ReplaceAllString(o, "-"), "-"); s != want {
				t.Fatalf("Slugify(%q) = %q, was %q", name, s, want)
			}
		}
	})
}

func TestPageSlug(t *testing.T) {
	long := strings.Repeat("parish ", 20) + "of saint mary"
	cases := []struct{ name, want string }{
		{"Kent County Council", "kent-county-council"},
		{strings.Repeat("a", 100), strings.Repeat("a", 100)},
		{strings.Repeat("ab ", 40), strings.TrimSuffix(strings.Repeat("ab-", 33), "-")}, // cut at the hyphen before byte 100
		{strings.Repeat("é", 120), strings.Repeat("e", 100)},
		{strings.Repeat("ж", 120), strings.Repeat("ж", 50)}, // never half a letter
		{long, strings.TrimSuffix(strings.Repeat("parish-", 14), "-")},
	}
	for _, c := range cases {
		if got := PageSlug(c.name); got != c.want {
			t.Errorf("PageSlug(%q) = %q, want %q", c.name, got, c.want)
		}
		if got := PageSlug(c.name); !ValidSlug(got) {
			t.Errorf("PageSlug(%q) = %q is not a valid slug", c.name, got)
		}
	}
	a, b := DistinctPageSlug(long+" little snoring"), DistinctPageSlug(long+" great snoring")
	if a == b || len(a) > MaxSlugBytes || !ValidSlug(a) || a != DistinctPageSlug(long+" little snoring") {
		t.Errorf("DistinctPageSlug gives %q and %q", a, b)
	}
	if got, want := PageSlugWith(long, "GB-CHC-123"), strings.TrimSuffix(strings.Repeat("parish-", 12), "-")+"-gb-chc-123"; got != want {
		t.Errorf("PageSlugWith = %q, want %q", got, want)
	}
	if got := PageSlugWith("Kent", "E10000016"); got != "kent-e10000016" {
		t.Errorf("PageSlugWith keeps the old form for short names: %q", got)
	}
}

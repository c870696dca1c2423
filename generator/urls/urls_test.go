package urls

import (
	"strings"
	"testing"
)

func TestCheckLink(t *testing.T) {
	for target, want := range map[string]string{
		"https://www.gov.uk/x?y=1#z":     "",
		"http://example.org":             "",
		"mailto:data@example.org":        "",
		"/about/":                        "",
		"../data/":                       "",
		"#fig-arf":                       "",
		"DHSC letter of 3 March":         "", // text, read as a page of the site
		"javascript:alert(1)":            `starts "javascript:"`,
		"JavaScript:alert(1)":            `starts "javascript:"`,
		" javascript:alert(1)":           `starts "javascript:"`,
		"data:text/html,<script>":        `starts "data:"`,
		"vbscript:msgbox":                `starts "vbscript:"`,
		"file:///etc/passwd":             `starts "file:"`,
		"java\nscript:alert(1)":          "control character",
		"https://x.example/\n/*  x  200": "control character",
		"https:///nohost":                "names no web site",
		// As a browser reads them: the same check for a narrative's link,
		// a workbook's source cell and site.toml's addresses.
		"//evil.example/":         "leads, by //",
		"/\\evil.example/":        "leads, by //",
		"&#106;avascript:x":       "hides where it leads",
		"%6Aavascript:x":          "hides where it leads",
		"https://x.example/a%20b": "",
	} {
		err := CheckLink(target)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("CheckLink(%q) = %v, want %q", target, err, want)
		}
	}
}

func TestCheckBase(t *testing.T) {
	for base, want := range map[string]string{
		"https://example.netlify.app/":               "",
		"https://funding.example.gov.uk/adult-care/": "",
		"http://localhost:8080/":                     "",
		"":                                           "base_url is required",
		"/":                                          "must start with https://",
		"example.org":                                "must start with https://",
		"ftp://example.org/":                         "must start with https://",
		"https://":                                   "names no web site",
		"https://example.org/\nDisallow: /":          "line break",
		"https://example.org/ x":                     "space",
		"https://user:pw@example.org/":               "user name or password",
		"https://example.org/?a=1":                   "query",
		"https://example.org/#top":                   "fragment",
		`https://example.org/"><script>`:             "quote",
		"javascript:alert(1)//https://example.org/":  "must start with https://",
	} {
		err := CheckBase(base)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("CheckBase(%q) = %v, want %q", base, err, want)
		}
	}
}

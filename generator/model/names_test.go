package model

import "testing"

func TestAreaKey(t *testing.T) {
	for _, group := range [][]string{
		{"Surrey Heartlands", "NHS Surrey Heartlands Integrated Care Board", "Surrey Heartlands ICB", "surrey heartlands ICS", "Surrey Heartlands Integrated Care System"},
		{"Barking and Dagenham", "Barking And Dagenham", "Barking & Dagenham", "London Borough of Barking and Dagenham", "Barking and Dagenham Council"},
		{"Bristol", "Bristol, City of", "City of Bristol", "Bristol City Council"},
		{"Shropshire, Telford and Wrekin", "NHS Shropshire, Telford & Wrekin ICB"},
		{"Durham", "Durham County Council"},
		{"Council"}, // nothing left to strip: the name stays itself
	} {
		for _, name := range group {
			if got, want := areaKey(name), areaKey(group[0]); got != want || got == "" {
				t.Errorf("areaKey(%q) = %q, want %q (as %q)", name, got, want, group[0])
			}
		}
	}
	if areaKey("North West London") == areaKey("North East London") {
		t.Error("different areas compare equal")
	}
}

// TestSlugifyStaysInItsFolder: a slug is a single path segment of a-z, 0-9
// and hyphens, whatever the name, so no page can be written outside public/.
func TestSlugifyStaysInItsFolder(t *testing.T) {
	tests := map[string]string{
		"../../etc/passwd":             "etc-passwd",
		"/absolute/path":               "absolute-path",
		`C:\Windows\System32`:          "c-windows-system32",
		"Shropshire, Telford & Wrekin": "shropshire-telford-and-wrekin",
		"St Helen's":                   "st-helens",
		"..":                           "",
		"<script>alert(1)</script>":    "script-alert-1-script",
	}
	for name, want := range tests {
		if got := Slugify(name); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", name, got, want)
		}
	}
}

package ingest

import (
	"strings"
	"testing"

	"fundsite/generator/model"
	"fundsite/generator/workbook"
)

// Bodies are published under their full legal names, up to 150
// characters; each gets a page at an address cut at a word, with a short
// suffix only where two cut addresses would be one, and keeps its full
// name.
func TestLongNamesGetPages(t *testing.T) {
	const parish = "The Parochial Church Council of the Ecclesiastical Parish of Saint Mary the Virgin with Saint Nicholas and All Saints, "
	names := []string{
		parish + "Little Snoring in the County of Norfolk", // 158 characters
		parish + "Great Snoring in the County of Norfolk",
		"The Governing Body of the Queen Elizabeth Grammar School Foundation for the Education of Girls and Boys of Wakefield", // 116
		"Short Trust",
	}
	var rows [][]any
	for i, n := range names {
		rows = append(rows, []any{n, "Activity", 1000 * (i + 1), "2023-05-01"})
	}
	d := mustLoad(t, grantsTOML, map[string][]workbook.SheetSpec{
		"data/g.xlsx": {sheetOf("Awards", grantHeader, rows...)},
	})
	slugs := map[string]string{}
	for _, a := range d.Areas {
		slugs[a.Name] = a.Slug
	}
	for _, n := range names {
		slug, ok := slugs[n]
		switch {
		case !ok:
			t.Errorf("no page for %q; areas: %v", n, slugs)
		case len(slug) > model.MaxSlugBytes || !model.ValidSlug(slug):
			t.Errorf("%q has the address %q (%d bytes)", n, slug, len(slug))
		}
	}
	if a, b := slugs[names[0]], slugs[names[1]]; a == b || !strings.HasPrefix(a, "the-parochial-church-council-of-the-ecclesiastical-parish") {
		t.Errorf("the two parishes have the addresses %q and %q", a, b)
	}
	if got, want := slugs[names[2]], "the-governing-body-of-the-queen-elizabeth-grammar-school-foundation-for-the-education-of-girls-and"; got != want {
		t.Errorf("a long name alone is cut at a word with no suffix: got %q, want %q", got, want)
	}
	if got := slugs["Short Trust"]; got != "short-trust" {
		t.Errorf("a short name's address is %q", got)
	}
}

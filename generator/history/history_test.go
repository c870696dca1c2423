package history

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	prev := []Figure{
		{Key: "/a/#x", Label: "Mid and South Essex, 2023/24", Text: "£530,000", Status: "published lower bound"},
		{Key: "/a/#y", Label: "Kent, 2023/24", Text: "£1", Status: "published"},
		{Key: "/a/#z", Label: "Gone, 2023/24", Text: "£2", Status: "published"},
	}
	cur := []Figure{
		{Key: "/a/#x", Label: "Mid and South Essex, 2023/24", Text: "£541,200", Status: "published lower bound"},
		{Key: "/a/#y", Label: "Kent, 2023/24", Text: "£1", Status: "estimate"},
		{Key: "/a/#n", Label: "New, 2023/24", Text: "£3", Status: "published"},
	}
	var got []string
	for _, c := range Compare(prev, cur) {
		got = append(got, c.String())
	}
	want := []string{
		"Mid and South Essex, 2023/24: £530,000 → £541,200",
		"Kent, 2023/24: £1, now estimate (was published)",
		"New, 2023/24: new, £3",
		"Gone, 2023/24: removed (was £2)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if c := Compare(cur, cur); c != nil {
		t.Errorf("no change reported as %v", c)
	}
}

func TestNextKeepsHistory(t *testing.T) {
	figs := []Figure{{Key: "k", Label: "L", Text: "£1"}}
	first, changes := Next(nil, Manifest{DataAsAt: "2024-07-31", Version: "v1", Figures: figs})
	if changes != nil || len(first.Updates) != 1 || !first.Updates[0].First() {
		t.Fatalf("first build: %+v %v", first.Updates, changes)
	}
	same, changes := Next(&first, Manifest{Version: "v1", Figures: figs})
	if changes != nil || len(same.Updates) != 1 {
		t.Errorf("an unchanged build added an update: %+v", same.Updates)
	}
	next, changes := Next(&same, Manifest{DataAsAt: "2024-08-31", Version: "v2", Figures: []Figure{{Key: "k", Label: "L", Text: "£2"}}})
	if len(changes) != 1 || len(next.Updates) != 2 || next.Updates[0].Number != 2 || next.Updates[0].ID() != "update-2" || next.Updates[0].DataAsAt != "2024-08-31" {
		t.Errorf("second update: %+v", next.Updates)
	}
	path := filepath.Join(t.TempDir(), "figures.json")
	if err := os.WriteFile(path, manifestJSON(next), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := Read(path)
	if err != nil || len(back.Updates) != 2 || back.Updates[0].Changes[0].String() != "L: £1 → £2" {
		t.Errorf("manifest does not read back: %+v %v", back, err)
	}
	if m, err := Read(filepath.Join(t.TempDir(), "none.json")); m != nil || err != nil {
		t.Errorf("a missing manifest: %v %v", m, err)
	}
}

func TestAreaRedirects(t *testing.T) {
	cur := []Address{{Code: "E54000026", Slug: "mid-and-south-essex"}, {Slug: "no-code"}}
	all := MergeAddresses(cur, []Address{{Code: "E54000026", Slug: "essex"}, {Code: "E54000099", Slug: "abolished"}, {Slug: "no-code"}})
	got := AreaRedirects(all, cur)
	want := []Redirect{
		{"/areas/E54000026/", "/areas/mid-and-south-essex/"},
		{"/areas/e54000026/", "/areas/mid-and-south-essex/"},
		{"/areas/essex/", "/areas/mid-and-south-essex/"},
		{"/areas/abolished/", "/areas/"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestAddressRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "addresses.json")
	list := []Address{{Code: "E1", Slug: "a"}}
	if err := WriteAddresses(path, list); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAddresses(path)
	if err != nil || !slices.Equal(got, list) {
		t.Errorf("record reads back as %v, %v", got, err)
	}
}

func TestReadRejectsAForeignFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "figures.json")
	if err := os.WriteFile(path, []byte("<html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "--previous") {
		t.Errorf("a file that is not a manifest: %v", err)
	}
}

// TestManifestJSON: the manifest written an item at a time reads back as
// the manifest, for empty, missing and full lists, and text that JSON must
// escape, with each figure, address and update on a line of its own.
func TestManifestJSON(t *testing.T) {
	figs := []Figure{
		{Key: "/areas/a/#fig-1", Label: "A <b> & \"B\"", Text: "£530,000", Status: "estimate"},
		{Key: "/areas/b/#fig-2", Label: "B\nline", Text: "£1"},
	}
	tests := map[string]Manifest{
		"empty":       {},
		"empty lists": {Figures: []Figure{}, Areas: []Address{}, Updates: []Update{}},
		"full": {DataAsAt: "2026-11-27", Version: "abc", Figures: figs,
			Areas:   []Address{{Code: "E1", Slug: "a"}, {Slug: "b"}},
			Updates: []Update{{Number: 2, DataAsAt: "2026-11-27", Version: "abc", Changes: []Change{{Key: "k", Label: "l", Before: "£1", After: "£2"}}}, {Number: 1}}},
	}
	for name, m := range tests {
		t.Run(name, func(t *testing.T) {
			data := manifestJSON(m)
			var got Manifest
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if a, b := marshal(got), marshal(m); string(a) != string(b) {
				t.Errorf("read back as\n%s\nwant\n%s", a, b)
			}
			lines := strings.Split(string(data), "\n")
			for _, f := range m.Figures {
				key, _ := json.Marshal(f.Key)
				if !slices.ContainsFunc(lines, func(l string) bool {
					return strings.HasPrefix(l, `    {"key":`+string(key)) && strings.HasSuffix(strings.TrimSuffix(l, ","), "}")
				}) {
					t.Errorf("figure %s is not on a line of its own:\n%s", f.Key, data)
				}
			}
		})
	}
}

// manifestJSON is the manifest as written to the site.
func manifestJSON(m Manifest) []byte {
	var b bytes.Buffer
	m.WriteJSON(&b) // a bytes.Buffer takes every write
	return b.Bytes()
}

// TestCompareCountsEachFigureOnce: a figure shown on two pages (a fund's
// total for a year, on the home page and the fund's page) changes once;
// another figure with the same anchor but its own label (the area's
// figure for that fund and year) is a change of its own.
func TestCompareCountsEachFigureOnce(t *testing.T) {
	fig := func(key, label, text string) Figure {
		return Figure{Key: key, Label: label, Text: text, Status: "published"}
	}
	prev := []Figure{
		fig("/#fig-arf-2023-24-total", "ARF, 2023/24", "£930,000"),
		fig("/funds/arf/#fig-arf-2023-24-total", "ARF, 2023/24", "£930,000"),
		fig("/areas/essex/#fig-arf-2023-24-total", "Essex, 2023/24", "£530,000"),
		fig("/areas/kent/#fig-arf-2023-24-total", "Kent, 2023/24", "£400,000"),
	}
	cur := []Figure{
		fig("/#fig-arf-2023-24-total", "ARF, 2023/24", "£941,200"),
		fig("/funds/arf/#fig-arf-2023-24-total", "ARF, 2023/24", "£941,200"),
		fig("/areas/essex/#fig-arf-2023-24-total", "Essex, 2023/24", "£541,200"),
		fig("/areas/kent/#fig-arf-2023-24-total", "Kent, 2023/24", "£400,000"),
	}
	changes := Compare(prev, cur)
	var got []string
	for _, c := range changes {
		got = append(got, c.Key+" "+c.String())
	}
	want := []string{
		"/#fig-arf-2023-24-total ARF, 2023/24: £930,000 → £941,200",
		"/areas/essex/#fig-arf-2023-24-total Essex, 2023/24: £530,000 → £541,200",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	next, _ := Next(&Manifest{Version: "a", Figures: prev, Updates: []Update{{Number: 1}}}, Manifest{Version: "b", Figures: cur})
	if title := next.Updates[0].Title(); title != "Update 2: 2 figures changed" {
		t.Errorf("title %q", title)
	}
}

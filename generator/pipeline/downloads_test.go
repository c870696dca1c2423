package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

// buildInline builds a small project, made here, into dir/public: a
// site.toml and the workbook sheets given. It returns the build's error.
func buildInline(t *testing.T, dir string, sheets []workbook.SheetSpec, files map[string]string) error {
	t.Helper()
	files["site.toml"] = "title = \"Test\"\nbase_url = \"https://example.org/\"\n"
	for name, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := workbook.Write(filepath.Join(dir, "data", "funds.xlsx"), sheets); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	_, err := Build(context.Background(), opts)
	return err
}

// csvRows reads a published CSV back as rows of header: cell.
func csvRows(t *testing.T, file string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		out = append(out, row)
	}
	return out
}

// TestNotKnownAmountsStayInTheDownloads: an amount the workbook marks as
// not known ("N/A", "–", blank) keeps its row in every download of rows,
// in order among the others, with an empty amount (null in JSON) and the
// row's status; no total counts it, and the 360Giving grants, which must
// each have an amount, leave it out.
func TestNotKnownAmountsStayInTheDownloads(t *testing.T) {
	dir := t.TempDir()
	err := buildInline(t, dir, []workbook.SheetSpec{{
		Name:   "Allocations",
		Header: []string{"Fund", "Financial year", "Area", "Amount", "Status"},
		Rows: [][]any{
			{"Test Fund", "2023/24", "Barnet", 1000, "published"},
			{"Test Fund", "2023/24", "Camden", "N/A", "estimate"},
			{"Test Fund", "2024/25", "Barnet", "–", "published"},
			{"Test Fund", "2024/25", "Camden", 2500, "published"},
			{"Test Fund", "2024/25", "Dover", nil, "estimate"},
		},
	}}, map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	// Fund, year, area: the order the site keeps its rows in.
	want := []string{"2023/24 Barnet 1000.00 published", "2023/24 Camden  estimate",
		"2024/25 Barnet  published", "2024/25 Camden 2500.00 published", "2024/25 Dover  estimate"}
	rowsOf := func(file string) []string {
		var got []string
		for _, r := range csvRows(t, filepath.Join(public, file)) {
			got = append(got, strings.Join([]string{r["Financial year"], r["Area"], r["Amount (£)"], r["Status"]}, " "))
		}
		return got
	}
	for _, file := range []string{"data/allocations.csv", "funds/test-fund/allocations.csv"} {
		if got := rowsOf(file); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", file, got, want)
		}
	}
	for area, rows := range map[string][]string{"barnet": {want[0], want[2]}, "camden": {want[1], want[3]}, "dover": {want[4]}} {
		if got := rowsOf("areas/" + area + "/allocations.csv"); !slices.Equal(got, rows) {
			t.Errorf("areas/%s/allocations.csv:\n got %q\nwant %q", area, got, rows)
		}
	}
	for _, file := range []string{"data/allocations.json", "funds/test-fund/allocations.json"} {
		var doc struct{ Rows []map[string]any }
		data, err := os.ReadFile(filepath.Join(public, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var nulls []string
		for _, r := range doc.Rows {
			if v, ok := r["amount"]; ok && v == nil {
				nulls = append(nulls, r["financial_year"].(string)+" "+r["area"].(string)+" "+r["status"].(string))
			}
		}
		if wantNulls := []string{"2023/24 Camden estimate", "2024/25 Barnet published", "2024/25 Dover estimate"}; len(doc.Rows) != 5 || !slices.Equal(nulls, wantNulls) {
			t.Errorf("%s: %d rows, null amounts %q; want 5 rows, null amounts %q", file, len(doc.Rows), nulls, wantNulls)
		}
	}
	// Totals count only the known amounts.
	for _, r := range csvRows(t, filepath.Join(public, "data/funds.csv")) {
		if r["Total allocated (£)"] != "3500.00" || r["Figures not given"] != "3" {
			t.Errorf("funds.csv: total %q, not given %q; want 3500.00 and 3", r["Total allocated (£)"], r["Figures not given"])
		}
	}
	for _, r := range csvRows(t, filepath.Join(public, "data/areas.csv")) {
		if r["Area"] == "Dover" && r["Total allocated (£)"] != "" {
			t.Errorf("areas.csv: Dover, with no known amount, has a total of %q", r["Total allocated (£)"])
		}
	}
	grants := csvRows(t, filepath.Join(public, "data/360giving.csv"))
	if len(grants) != 2 || slices.ContainsFunc(grants, func(g map[string]string) bool { return g["Amount Awarded"] == "" }) {
		t.Errorf("360giving.csv has %d grants, want the 2 with an amount: %v", len(grants), grants)
	}
}

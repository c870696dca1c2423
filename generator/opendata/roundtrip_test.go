package opendata_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fundsite/generator/model"
	"fundsite/generator/opendata"
	"fundsite/generator/pipeline"
	"fundsite/generator/workbook"
)

// A 360Giving workbook built into a site comes back in the site's
// 360giving.json field for field: every cell of the standard the file
// fills, read here with excelize, is the value at its place in the
// grant with the same identifier (numbers as numbers, Excel dates as
// dates). The package validates against the standard's schema, and the
// CSV keeps the file's columns outside the standard.
func TestGiving360RoundTripEveryField(t *testing.T) {
	generated := filepath.Join(t.TempDir(), "every-field.xlsx")
	if err := workbook.Write(generated, []workbook.SheetSpec{everyFieldSheet()}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, path, extra string }{
		{"a foundation's file", filepath.Join("..", "ingest", "testdata", "360giving-andrew-lloyd-webber-foundation.xlsx"), ""},
		{"every field of the standard", generated, "Ward (our own)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := buildSite(t, tt.path)
			data, err := os.ReadFile(filepath.Join(out, "data", "360giving.json"))
			if err != nil {
				t.Fatal(err)
			}
			opendata.Validate360(t, data)
			var pkg struct{ Grants []map[string]any }
			if err := json.Unmarshal(data, &pkg); err != nil {
				t.Fatal(err)
			}
			got := map[string]map[string]any{}
			for _, g := range pkg.Grants {
				got[g["id"].(string)] = g
			}
			header, rows := fileRows(t, tt.path)
			if len(got) != len(rows) {
				t.Errorf("%d grants published, the file has %d with an amount", len(got), len(rows))
			}
			for _, r := range rows {
				id := r[column(header, "Identifier")]
				g, ok := got[id]
				if !ok {
					t.Errorf("grant %s is not in the package", id)
					continue
				}
				for i, title := range header {
					f, standard := model.Giving360FieldOf(title)
					if !standard || i >= len(r) || strings.TrimSpace(r[i]) == "" {
						continue
					}
					want := strings.TrimSpace(r[i])
					if v := at(g, f.Path); !same(t, f, v, want) {
						t.Errorf("grant %s: %s (%s) is %v, the file has %q", id, f.Title, f.Path, v, want)
					}
				}
			}
			if tt.extra != "" {
				checkExtraColumn(t, out, header, rows, tt.extra)
			}
		})
	}
}

// everyFieldSheet is a 360Giving sheet with a column for every field of
// the standard, and one of the publisher's own: a grant to an
// organisation filling every field for one, a grant to a person filling
// those for a person (one date an Excel date), and a row with no amount,
// which no grant can be.
func everyFieldSheet() workbook.SheetSpec {
	s := workbook.SheetSpec{Name: "grants"}
	for _, f := range model.Giving360Fields {
		s.Header = append(s.Header, f.Title)
	}
	s.Header = append(s.Header, "Ward (our own)")
	for n, person := range []bool{false, true, false} {
		row := make([]any, len(s.Header))
		for i, f := range model.Giving360Fields {
			toPerson := strings.HasPrefix(f.Title, "Recipient Ind") || strings.HasPrefix(f.Title, "To Individuals")
			if toPerson != person && (toPerson || strings.HasPrefix(f.Title, "Recipient Org")) {
				continue
			}
			row[i] = sampleValue(f, n)
		}
		row[len(row)-1] = fmt.Sprintf("Ward %d", n)
		if person {
			row[slicesIndex(s.Header, "Planned Dates:Start Date")] = 44300 // 2021-04-14, an Excel date
		}
		if n == 2 {
			row[slicesIndex(s.Header, "Amount Awarded")] = nil
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

func sampleValue(f model.Giving360Field, n int) any {
	switch {
	case f.Title == "Identifier":
		return fmt.Sprintf("360G-roundtrip-%d", n)
	case f.Title == "Currency":
		return "GBP"
	case f.Title == "From An Open Call?":
		return "Yes"
	case strings.HasSuffix(f.Title, "Country Code"):
		return "GB"
	case strings.HasSuffix(f.Title, "Geographic Code"):
		return []string{"E06000001", "E14000530", "E05000026"}[n]
	case f.Title == "Funding Org:Name":
		return "Round Trip Trust"
	}
	switch f.Type {
	case model.Giving360Number:
		return fmt.Sprintf("%d.5%d", 1000*(n+1), n)
	case model.Giving360Date:
		return fmt.Sprintf("2021-0%d-1%d", n+4, n)
	case model.Giving360DateTime:
		return fmt.Sprintf("2021-06-0%dT10:30:00Z", n+1)
	case model.Giving360URI:
		return fmt.Sprintf("https://example.org/%s/%d", model.Slugify(f.Title), n)
	}
	return fmt.Sprintf("%s, grant %d", f.Title, n)
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	panic(v)
}

// buildSite builds a site of one 360Giving workbook, with site.toml
// naming only the file, and returns its output folder.
func buildSite(t *testing.T, workbookPath string) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(workbookPath)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(workbookPath)
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", name), b, 0o644); err != nil {
		t.Fatal(err)
	}
	toml := "title = \"Round trip\"\nbase_url = \"https://roundtrip.example/\"\ndata_as_at = \"2024-07-31\"\nlicence_url = \"https://creativecommons.org/licenses/by/4.0/\"\n[[source]]\nfile = \"data/" + name + "\"\n"
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	res, err := pipeline.Build(context.Background(), pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: out, DefaultTheme: os.DirFS("../../themes/default")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Problems.HasErrors() {
		t.Fatal(res.Problems.Report(20))
	}
	return out
}

// fileRows reads the workbook's first sheet: its header, and the rows
// that have an amount.
func fileRows(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	amount := column(header, "Amount Awarded")
	var out [][]string
	for _, r := range rows[1:] {
		if amount < len(r) && strings.TrimSpace(r[amount]) != "" {
			out = append(out, r)
		}
	}
	return header, out
}

func column(header []string, title string) int {
	for i, h := range header {
		if f, ok := model.Giving360FieldOf(h); ok && f.Title == title || strings.TrimSpace(h) == title {
			return i
		}
	}
	return -1
}

// at is the value at a field's place in a grant: the first item of each
// list on the way.
func at(g map[string]any, path string) any {
	var v any = g
	for _, key := range strings.Split(path, ".") {
		key, list := strings.CutSuffix(key, "[]")
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[key]
		if items, ok := v.([]any); ok && list && len(items) > 0 {
			v = items[0]
		}
	}
	return v
}

var excelSerial = regexp.MustCompile(`^[0-9]{5}(\.0+)?$`)

// same says whether JSON value v is the file's text want, as the
// standard writes that field.
func same(t *testing.T, f model.Giving360Field, v any, want string) bool {
	t.Helper()
	switch f.Type {
	case model.Giving360Number:
		n, ok := v.(float64)
		w, okw := new(big.Rat).SetString(want)
		return ok && okw && new(big.Rat).SetFloat64(n).FloatString(6) == w.FloatString(6)
	case model.Giving360Date, model.Giving360DateTime:
		if excelSerial.MatchString(want) {
			var serial float64
			fmt.Sscan(want, &serial)
			d, err := excelize.ExcelDateToTime(serial, false)
			if err != nil {
				t.Fatal(err)
			}
			want = d.Format("2006-01-02")
		}
		if f.Type == model.Giving360DateTime && len(want) == len("2006-01-02") {
			want += "T00:00:00Z"
		}
	}
	return v == want
}

// checkExtraColumn holds the 360Giving CSV to keeping a column of the
// file's that the standard does not have, grant by grant.
func checkExtraColumn(t *testing.T, out string, header []string, rows [][]string, title string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "data", "360giving.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	id, extra := column(recs[0], "Identifier"), column(recs[0], title)
	if extra < 0 {
		t.Fatalf("360giving.csv has no column %q: %q", title, recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[id]] = r[extra]
	}
	for _, r := range rows {
		if w := r[column(header, title)]; got[r[column(header, "Identifier")]] != w {
			t.Errorf("360giving.csv: %s of %s is %q, the file has %q", title, r[0], got[r[0]], w)
		}
	}
}

package opendata

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/xuri/excelize/v2"

	"fundsite/generator/config"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
)

// giving360Schema compiles the standard's package schema, which refers to
// the grant schema by an address of its own: both are served from the
// copies in testdata, never fetched.
func giving360Schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	read := func(name string) any {
		b, err := os.ReadFile(filepath.Join("testdata", "360giving", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	grant := read("360-giving-schema.json")
	if err := c.AddResource("https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json", grant); err != nil {
		t.Fatal(err)
	}
	// The package schema names the grant schema of version 1.4.2, whose
	// fields the 1.4.3 schema keeps.
	old := read("360-giving-schema.json").(map[string]any)
	old["$id"] = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"
	if err := c.AddResource(old["$id"].(string), old); err != nil {
		t.Fatal(err)
	}
	const pkg = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-package-schema.json"
	if err := c.AddResource(pkg, read("360-giving-package-schema.json")); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(pkg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate360(t *testing.T, data []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := giving360Schema(t).Validate(doc); err != nil {
		t.Errorf("the 360Giving package does not validate against the standard:\n%v", err)
	}
}

// The schema check can fail: a package with a grant missing its
// recipient does not validate.
func TestGiving360SchemaRejectsAnInvalidPackage(t *testing.T) {
	doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"grants": [{"id": "x", "title": "t", "description": "d", "currency": "GBP", "amountAwarded": 1, "awardDate": "2023-04-01", "fundingOrganization": [{"id": "f", "name": "F"}]}]}`))
	if err := giving360Schema(t).Validate(doc); err == nil {
		t.Error("a grant with no recipient validated")
	}
}

func TestGiving360PackageOfAllocationsValidates(t *testing.T) {
	d := dataset()
	data, ok, err := packageOf(d.Allocations, Giving360Options{Prefix: "360G-council", FunderID: "GB-GOV-10", Publisher: "Council",
		DataAsAt: "2024-07-31", LicenceURL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	validate360(t, data)
	var pkg struct {
		Grants []struct {
			ID            string
			AmountAwarded json.Number
		}
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, g := range pkg.Grants {
		got[g.ID] = g.AmountAwarded.String()
	}
	want := map[string]string{"360G-council-arf-2023-24-E54000026-1": "530000.00", "360G-council-arf-2023-24-E54000032-1": "1234567.89"}
	if !maps.Equal(got, want) {
		t.Errorf("grants by identifier and amount: got %v, want %v", got, want)
	}
}

// A 360Giving file read and published again keeps every grant's own
// identifier, award date, recipient, funder and programme, as the file's
// cells give them (read here with excelize, not fundsite's reader).
func TestGiving360RoundTripKeepsTheFile(t *testing.T) {
	const file = "360giving-andrew-lloyd-webber-foundation.xlsx"
	src := filepath.Join("..", "ingest", "testdata", file)
	dir := t.TempDir()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", file), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("[[source]]\nfile = \"data/"+file+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	d, problems := ingest.Load(cfg)
	if problems.HasErrors() {
		t.Fatal(problems.Report(10))
	}
	data, ok, err := packageOf(d.Allocations, Giving360Options{Prefix: "360G-site", Publisher: "Site"})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	validate360(t, data)

	var pkg struct {
		Grants []struct {
			ID                    string
			AwardDate             string
			AmountAwarded         json.Number
			RecipientOrganization []struct{ ID, Name string }
			FundingOrganization   []struct{ ID, Name string }
			GrantProgramme        []struct{ Title string }
		}
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		t.Fatal(err)
	}
	want := sheetGrants(t, src)
	if len(pkg.Grants) != len(want) {
		t.Fatalf("%d grants published, the file has %d", len(pkg.Grants), len(want))
	}
	for _, g := range pkg.Grants {
		w, ok := want[g.ID]
		if !ok {
			t.Errorf("grant %q is not in the file", g.ID)
			continue
		}
		programme := ""
		if len(g.GrantProgramme) > 0 {
			programme = g.GrantProgramme[0].Title
		}
		got := []string{g.AwardDate, g.RecipientOrganization[0].ID, g.RecipientOrganization[0].Name, g.FundingOrganization[0].ID, g.FundingOrganization[0].Name, programme}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("grant %s published as %q, the file says %q", g.ID, got, w)
		}
	}
}

// sheetGrants reads each grant's award date, recipient, funder and
// programme from the file's cells.
func sheetGrants(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sheet1", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.Join(strings.Fields(h), " ")] = i
	}
	get := func(r []string, h string) string {
		i, ok := col[h]
		if !ok {
			t.Fatalf("no column %q", h)
		}
		if i >= len(r) {
			return ""
		}
		return strings.TrimSpace(r[i])
	}
	out := map[string][]string{}
	for _, r := range rows[1:] {
		date := get(r, "Award Date") // most are date serials; some are typed as text
		var serial float64
		if json.Unmarshal([]byte(date), &serial) == nil {
			d, err := excelize.ExcelDateToTime(serial, false)
			if err != nil {
				t.Fatal(err)
			}
			date = d.Format("2006-01-02")
		}
		out[get(r, "Identifier")] = []string{date, get(r, "Recipient Org:Identifier"), get(r, "Recipient Org:Name"),
			get(r, "Funding Org:Identifier"), get(r, "Funding Org:Name"), get(r, "Grant Programme: Title")}
	}
	return out
}

// Counts are not grants of money: the 360Giving layout leaves them out.
func TestGiving360LeavesOutCounts(t *testing.T) {
	d := dataset()
	d.Allocations[1].Fund = &model.Fund{Name: "People", Measure: model.Measure{Count: true}}
	if n := Giving360(d.Allocations, Giving360Options{}).Len; n != 1 {
		t.Errorf("%d grants, want the one of money", n)
	}
}

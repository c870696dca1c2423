package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"fundsite/generator/diag"
	"fundsite/generator/fyear"
	"fundsite/generator/model"
	"fundsite/generator/money"
)

func dataset() *model.Dataset {
	arf := &model.Fund{Name: "Accelerating Reform Fund", Short: "ARF", Slug: "accelerating-reform-fund", Department: "DHSC"}
	essex := &model.Area{Code: "E54000026", Name: "Mid and South Essex", Slug: "mid-and-south-essex", Type: "Integrated care system",
		Region: "East of England", Population: map[fyear.Year]int64{fyear.Of(2023): 1234567}}
	kent := &model.Area{Code: "E54000032", Name: "Kent and Medway", Slug: "kent-and-medway", Region: "South East"}
	barnet := &model.Area{Name: "Barnet", Slug: "barnet", Region: "London"}
	loc := diag.Loc{File: "data/x.xlsx", Sheet: "Allocations", Row: 12, Col: 8}
	return &model.Dataset{
		Funds: []*model.Fund{arf}, Areas: []*model.Area{kent, essex, barnet},
		// Figures a workbook marks "N/A" or leaves blank: not known, never £0.
		Missing: []*model.Allocation{
			{Fund: arf, Area: kent, Year: fyear.Of(2024), Loc: loc},
			{Fund: arf, Area: barnet, Year: fyear.Of(2024), Loc: loc},
		},
		Allocations: []*model.Allocation{
			{Fund: arf, Area: essex, Year: fyear.Of(2023), Tranche: "1", Amount: money.Pounds(530000), Status: model.PublishedLowerBound, Loc: loc, Source: "https://example.org/pr"},
			{Fund: arf, Area: kent, Year: fyear.Of(2023), Tranche: "1", Amount: 123456789, Status: model.Estimate, Notes: "=HYPERLINK(\"http://evil\")", Loc: loc},
		},
		Years: []fyear.Year{fyear.Of(2023)},
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatal("CSV has no byte order mark, so Excel would show £ as Â£")
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCSVReadsBack(t *testing.T) {
	d := dataset()
	recs := readCSV(t, csvOf(Allocations("allocations", "All allocations", d.Allocations, nil)))
	if len(recs) != 3 {
		t.Fatalf("%d records, want header and 2 rows", len(recs))
	}
	head := strings.Join(recs[0], "|")
	for _, want := range []string{"Amount (£)", "Status", "Source", "Workbook cell"} {
		if !strings.Contains(head, want) {
			t.Errorf("header lacks %q: %s", want, head)
		}
	}
	row := map[string]string{}
	for i, h := range recs[1] {
		row[recs[0][i]] = h
	}
	want := map[string]string{"Amount (£)": "530000.00", "Status": "published lower bound", "Workbook cell": "Allocations!H12", "Area code": "E54000026"}
	for k, v := range want {
		if row[k] != v {
			t.Errorf("%s = %q, want %q", k, row[k], v)
		}
	}
	if notes := recs[2][12]; !strings.HasPrefix(notes, "'=") {
		t.Errorf("a formula in a cell is not neutralised: %q", notes)
	}
}

func TestJSONDecodesExactly(t *testing.T) {
	d := dataset()
	tables := []Table{Allocations("allocations", "All", d.Allocations, d.Missing), Areas(d), Funds(d), Giving360(d.Allocations, Giving360Options{Prefix: "360G-x"})}
	for _, tab := range tables {
		t.Run(tab.Name, func(t *testing.T) {
			data, err := jsonOf(tab, Meta{Licence: "OGL", DataAsAt: "2024-07-31"})
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Licence  string
				DataAsAt string `json:"data_as_at"`
				Fields   []struct{ Key, Header, Type string }
				Rows     []map[string]json.RawMessage
			}
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if got.Licence != "OGL" || got.DataAsAt != "2024-07-31" || len(got.Fields) != len(tab.Columns) || len(got.Rows) != tab.Len {
				t.Errorf("metadata or shape lost: %+v", got)
			}
		})
	}
	data, _ := jsonOf(Allocations("a", "All", d.Allocations, nil), Meta{})
	if !strings.Contains(string(data), `"amount": 1234567.89`) {
		t.Errorf("amount is not written exactly:\n%s", data)
	}
}

func TestJSONRejectsBadNumbers(t *testing.T) {
	tab := Table{Name: "x", Columns: []Column{{"N", "n", Number}}, Len: 1, Rows: slices.Values([][]string{{"12 people"}})}
	if _, err := jsonOf(tab, Meta{}); err == nil || !strings.Contains(err.Error(), "12 people") {
		t.Errorf("a non-number in a number column: %v", err)
	}
}

func TestGiving360Layout(t *testing.T) {
	d := dataset()
	recs := readCSV(t, csvOf(Giving360(d.Allocations, Giving360Options{Prefix: "360G-council", FunderID: "GB-GOV-10", DataAsAt: "2024-07-31"})))
	head := strings.Join(recs[0], "|")
	for _, want := range []string{"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
		"Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
		"Beneficiary Location:Name", "Beneficiary Location:Geographic Code"} {
		if !strings.Contains("|"+head+"|", "|"+want+"|") {
			t.Errorf("360Giving header lacks %q", want)
		}
	}
	row := recs[1]
	for i, want := range map[int]string{0: "360G-council-arf-2023-24-E54000026-1", 3: "GBP", 4: "530000.00", 5: "2023-04-01", 10: "GB-GOV-10", 11: "DHSC", 14: "E54000026", 15: "2024-07-31T00:00:00Z"} {
		if row[i] != want {
			t.Errorf("%s = %q, want %q", recs[0][i], row[i], want)
		}
	}
}

func TestAreasAndFunds(t *testing.T) {
	d := dataset()
	areas := readCSV(t, csvOf(Areas(d)))
	if got := strings.Join(areas[2], "|"); got != "E54000026|Mid and South Essex|Integrated care system|East of England|/areas/mid-and-south-essex/|1234567|530000.00|0" {
		t.Errorf("Essex row: %s", got)
	}
	if areas[1][5] != "" {
		t.Errorf("Kent has no population but got %q", areas[1][5])
	}
	funds := readCSV(t, csvOf(Funds(d)))
	if got := strings.Join(funds[1], "|"); got != "Accelerating Reform Fund|ARF|DHSC||"+"|1764567.89|2023/24|2||/funds/accelerating-reform-fund/|2" {
		t.Errorf("fund row: %s", got)
	}
}

// TestPageTables: a year, region or area with no known figure has an
// empty total (null in JSON), never 0.00, and each total counts the
// figures it leaves out because they are not given.
func TestPageTables(t *testing.T) {
	d := dataset()
	rows, missing := d.Allocations, d.Missing
	tests := []struct {
		table    Table
		want     []string // rows joined by |
		wantJSON []string
	}{
		{YearTotals("by-year", "", rows, missing), []string{"2023/24|1764567.89|2|estimate|0", "2024/25||0||2"},
			[]string{`{"financial_year": "2024/25", "total": null, "areas": 0, "status": "", "figures_not_given": 2}`}},
		{RegionTotals("by-region", "", rows, missing), []string{"East of England|530000.00|30.0|1|0", "London|||0|1", "South East|1234567.89|70.0|1|1"},
			[]string{`{"region": "London", "total": null, "share_percent": null, "areas": 0, "figures_not_given": 1}`}},
		{AreaTotals("by-area", "", rows, missing), []string{
			"|Barnet|London|||||1",
			"E54000032|Kent and Medway|South East|1234567.89||1234567.89|estimate|1",
			"E54000026|Mid and South Essex|East of England|530000.00||530000.00|published lower bound|0",
		}, []string{`{"area_code": "", "area": "Barnet", "region": "London", "amount_2023_24": null, "amount_2024_25": null, "total": null, "status": "", "figures_not_given": 1}`,
			`"amount_2023_24": 1234567.89, "amount_2024_25": null, "total": 1234567.89`}},
		{Areas(d), []string{
			"E54000032|Kent and Medway||South East|/areas/kent-and-medway/||1234567.89|1",
			"E54000026|Mid and South Essex|Integrated care system|East of England|/areas/mid-and-south-essex/|1234567|530000.00|0",
			"|Barnet||London|/areas/barnet/|||1",
		}, []string{`"page": "/areas/barnet/", "population_2023_24": null, "total_allocated": null, "figures_not_given": 1}`}},
	}
	for _, tt := range tests {
		t.Run(tt.table.Name, func(t *testing.T) {
			recs := readCSV(t, csvOf(tt.table))
			var got []string
			for _, r := range recs[1:] {
				got = append(got, strings.Join(r, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			data, err := jsonOf(tt.table, Meta{})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.wantJSON {
				if !strings.Contains(string(data), want) {
					t.Errorf("JSON lacks %s:\n%s", want, data)
				}
			}
			if strings.Contains(string(data), ": 0.00") {
				t.Errorf("JSON has a total of 0.00:\n%s", data)
			}
		})
	}
}

func TestQuoteMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `say "hi"`, `back\\slash`, "tab\there", "£530,000", "<script>", "a&b", "line\u2028sep"} {
		want, _ := json.Marshal(s)
		if got := quote(s); got != string(want) {
			t.Errorf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}

// csvOf, jsonOf and packageOf are the files as the site gets them.
func csvOf(t Table) []byte {
	var b bytes.Buffer
	if err := t.WriteCSV(&b); err != nil {
		panic(err) // a bytes.Buffer takes every write
	}
	return b.Bytes()
}

func jsonOf(t Table, m Meta) ([]byte, error) {
	var b bytes.Buffer
	err := t.WriteJSON(&b, m)
	return b.Bytes(), err
}

func packageOf(rows []*model.Allocation, o Giving360Options) ([]byte, bool, error) {
	if !HasGiving360Package(rows) {
		return nil, false, nil
	}
	var b bytes.Buffer
	err := WriteGiving360Package(&b, rows, o)
	return b.Bytes(), true, err
}

// TestAllocationsKeepFiguresNotGiven: a figure the workbook marks as not
// known is a row of the allocations download, in the site's order among
// the known ones, with an empty amount (null in JSON) and its status;
// the 360Giving layout, whose grants must each have an amount, says it
// leaves them out.
func TestAllocationsKeepFiguresNotGiven(t *testing.T) {
	d := dataset()
	// The dataset's order: fund, year, area.
	known := []*model.Allocation{d.Allocations[1], d.Allocations[0]}
	d.Missing[0].Status = model.Estimate
	tab := Allocations("allocations", "All", known, d.Missing)
	recs := readCSV(t, csvOf(tab))
	var got []string
	for _, r := range recs[1:] {
		got = append(got, strings.Join([]string{r[2], r[4], r[8], r[9]}, "|"))
	}
	want := []string{
		"2023/24|Kent and Medway|1234567.89|estimate",
		"2023/24|Mid and South Essex|530000.00|published lower bound",
		"2024/25|Barnet||published",
		"2024/25|Kent and Medway||estimate",
	}
	if !slices.Equal(got, want) || tab.Len != len(want) {
		t.Errorf("rows (Len %d):\n got %q\nwant %q", tab.Len, got, want)
	}
	data, err := jsonOf(tab, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"area": "Barnet", "area_type": "", "region": "London", "tranche": "", "amount": null, "status": "published"`) {
		t.Errorf("JSON lacks Barnet's row with a null amount:\n%s", data)
	}
	if g := Giving360(known, Giving360Options{}); !strings.Contains(g.Description, "whose amount is not given is left out") {
		t.Errorf("the 360Giving download does not say it leaves out figures not given: %s", g.Description)
	}
}

package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/model"
	"fundsite/generator/workbook"
)

// fixture is a small, valid funding workbook laid out as a comms team would:
// a title row above the allocations header, so data starts on row 3.
//
//	Allocations: A Fund, B Financial year, C Area code, D Area, E Amount (£), F Status, G Tranche
type fixture struct {
	funds, areas, allocations workbook.SheetSpec
	// extra files written into data/ beside funding.xlsx: name to contents.
	extra map[string][]byte
	// config is added to site.toml, e.g. [[source]] tables.
	config string
}

func newFixture() *fixture {
	return &fixture{
		funds: workbook.SheetSpec{
			Name:   "Funds",
			Header: []string{"Name", "Short name", "Announced total (£)"},
			Rows:   [][]any{{"Accelerating Reform Fund", "ARF", nil}},
		},
		areas: workbook.SheetSpec{
			Name:   "Areas",
			Header: []string{"Area code", "Name", "Region"},
			Rows: [][]any{
				{"E09000002", "Barking and Dagenham", "London"},
				{"E54000032", "Kent and Medway", "South East"},
				{"E54000026", "Mid and South Essex", "East of England"},
			},
		},
		allocations: workbook.SheetSpec{
			Name:         "Allocations",
			Titles:       []string{"Allocations by area"},
			Header:       []string{"Fund", "Financial year", "Area code", "Area", "Amount (£)", "Status", "Tranche"},
			MoneyColumns: []int{4},
			Rows: [][]any{
				{"ARF", "2023/24", "E09000002", "Barking and Dagenham", 250000, "published", "1"},
				{"ARF", "2023/24", "E54000032", "Kent and Medway", 530000, "published", "1"},
				{"ARF", "2023/24", "E54000026", "Mid and South Essex", 410000, "estimate", "1"},
			},
		},
	}
}

// write saves the project (site.toml and data/funding.xlsx) and returns site.toml's path.
func (f *fixture) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	sheets := []workbook.SheetSpec{f.allocations, f.areas, f.funds}
	if err := workbook.Write(filepath.Join(data, "funding.xlsx"), sheets); err != nil {
		t.Fatal(err)
	}
	for name, content := range f.extra {
		if err := os.WriteFile(filepath.Join(data, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(path, []byte("title = \"Test\"\n"+f.config), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// load writes and loads the fixture.
func (f *fixture) load(t *testing.T) (*model.Dataset, *diag.List) {
	t.Helper()
	cfg, err := config.Load(f.write(t))
	if err != nil {
		t.Fatal(err)
	}
	return Load(cfg)
}

// messages are the diagnostics as the user sees them, in report order.
func messages(l *diag.List) []string {
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return out
}

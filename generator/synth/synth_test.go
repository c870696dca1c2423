package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
	"fundsite/generator/synth"
)

func TestWriteMakesAValidProjectOfTheAskedSize(t *testing.T) {
	for _, o := range []synth.Options{
		{Areas: 42, Funds: 1, Years: 2},
		{Areas: 30, Funds: 12, Years: 3}, // more funds than named ones: names must stay unique
		{Areas: 1, Funds: 1, Years: 1},
		{Areas: 30, Funds: 3, Years: 2, Grants: 300}, // a grant list
	} {
		dir := t.TempDir()
		if err := synth.Write(dir, o); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(filepath.Join(dir, "site.toml"))
		if err != nil {
			t.Fatal(err)
		}
		d, problems := ingest.Load(cfg)
		if problems.Len() > 0 {
			t.Fatalf("%+v: the synthetic project has problems:\n%s", o, problems.Report(5))
		}
		if len(d.Allocations) != o.Rows() || len(d.Areas) != o.Areas || len(d.Funds) != o.Funds || len(d.Years) != o.Years {
			t.Errorf("%+v: got %d rows, %d areas, %d funds, %d years", o, len(d.Allocations), len(d.Areas), len(d.Funds), len(d.Years))
		}
		statuses := map[model.Status]int{}
		for _, a := range d.Allocations {
			statuses[a.Status]++
		}
		if o.Grants > 0 && (d.Units != model.RecipientUnits || d.Allocations[0].Grant == nil) {
			t.Errorf("%+v: a grant list read as units %v", o, d.Units)
		}
		if o.Grants == 0 && o.Rows() >= 84 && (statuses[model.Estimate] == 0 || statuses[model.Published] == 0) {
			t.Errorf("%+v: want a mix of statuses, got %v", o, statuses)
		}
		narratives, _ := filepath.Glob(filepath.Join(dir, "content", "funds", "*.md"))
		if len(narratives) != o.Funds {
			t.Errorf("%+v: %d fund narratives, want one per fund", o, len(narratives))
		}
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	o := synth.Options{Areas: 50, Funds: 2, Years: 2, Seed: 7}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := synth.Write(dir, o); err != nil {
			t.Fatal(err)
		}
	}
	first, _ := os.ReadFile(filepath.Join(a, synth.WorkbookName))
	second, _ := os.ReadFile(filepath.Join(b, synth.WorkbookName))
	if len(first) == 0 || !bytes.Equal(first, second) {
		t.Error("the same options and seed wrote different workbooks")
	}
	o.Seed = 8
	other := t.TempDir()
	if err := synth.Write(other, o); err != nil {
		t.Fatal(err)
	}
	third, _ := os.ReadFile(filepath.Join(other, synth.WorkbookName))
	if bytes.Equal(first, third) {
		t.Error("a different seed wrote the same workbook")
	}
}

func TestWriteRefusesAnEmptyProject(t *testing.T) {
	if err := synth.Write(t.TempDir(), synth.Options{Areas: 0, Funds: 1, Years: 1}); err == nil {
		t.Error("zero areas: want an error")
	}
}

// Every area page and fund page has a narrative of live figures, so the
// benchmark times working them out, not just the tables.
func TestWriteGivesEveryPageLiveFigures(t *testing.T) {
	o := synth.Options{Areas: 7, Funds: 2, Years: 2}
	dir := t.TempDir()
	if err := synth.Write(dir, o); err != nil {
		t.Fatal(err)
	}
	for folder, want := range map[string]int{"areas": o.Areas, "funds": o.Funds} {
		files, _ := filepath.Glob(filepath.Join(dir, "content", folder, "*.md"))
		if len(files) != want {
			t.Errorf("content/%s: %d narratives, want %d", folder, len(files), want)
		}
		for _, f := range files {
			text, _ := os.ReadFile(f)
			if n := bytes.Count(text, []byte("{{ ")); n < 4 {
				t.Errorf("%s has %d live figures, want at least 4", f, n)
			}
		}
	}
}

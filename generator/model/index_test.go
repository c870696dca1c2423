package model_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fundsite/generator/config"
	"fundsite/generator/fyear"
	"fundsite/generator/ingest"
	"fundsite/generator/model"
	"fundsite/generator/synth"
)

// The index behind Select, SumOf and RankOf must pick exactly what a scan
// of every row picks, in the same order.
func TestIndexedQueriesMatchAFullScan(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Areas: 30, Funds: 3, Years: 3, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	d, problems := ingest.Load(cfg)
	if problems.HasErrors() {
		t.Fatal(problems.Report(5))
	}
	f, y, a := d.Funds[1], d.Years[2], d.Areas[7]
	for name, filter := range map[string]model.Filter{
		"everything":         {},
		"fund":               {Fund: f},
		"fund and year":      {Fund: f, Years: []fyear.Year{y}},
		"fund and two years": {Fund: f, Years: d.Years[:2]},
		"area":               {Area: a},
		"area, fund, year":   {Area: a, Fund: f, Years: []fyear.Year{y}},
		"region":             {Region: a.Region},
		"status":             {Fund: f, Years: []fyear.Year{y}, Statuses: []model.Status{model.Estimate}},
	} {
		scan := filter.Pick(d.Allocations)
		if got := d.Select(filter); !slices.Equal(got, scan) {
			t.Errorf("%s: Select picked %d rows, a scan %d (or in another order)", name, len(got), len(scan))
		}
		if got := d.Whole(filter); !slices.Equal(got, scan) {
			t.Errorf("%s: Whole picked %d rows, a scan %d (or in another order)", name, len(got), len(scan))
		}
		if got, want := d.SumOf(filter), model.Sum(scan); got != want {
			t.Errorf("%s: SumOf = %v, a scan sums %v", name, got, want)
		}
		if filter.Area != nil {
			continue
		}
		for _, area := range d.Areas {
			rank, of := d.RankOf(filter, area)
			wantRank, wantOf := model.Rank(scan, area)
			if rank != wantRank || of != wantOf {
				t.Errorf("%s: %s ranks %d of %d, a scan says %d of %d", name, area.Name, rank, of, wantRank, wantOf)
			}
		}
	}
	// AreaByName from the index answers as the plain search does.
	plain := &model.Dataset{Areas: d.Areas, Funds: d.Funds}
	for _, area := range d.Areas {
		for _, name := range []string{area.Name, area.Code, area.Slug, " " + strings.ToUpper(area.Name) + " ", "The " + area.Name} {
			if got, want := d.AreaByName(name), plain.AreaByName(name); got != want {
				t.Errorf("AreaByName(%q) = %v, a plain search finds %v", name, got, want)
			}
		}
	}
	if got := d.AreaByName("Nowhere at all"); got != nil {
		t.Errorf("AreaByName of an unknown name = %v", got)
	}
}

package site_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
	"fundsite/generator/synth"
)

// pageBudget is the most any HTML page may weigh: a resident on a phone is
// the reader. areaBudget is an area page's, at national scale.
const (
	pageBudget = 150 << 10
	areaBudget = 25 << 10
)

// TestPageWeightBudget: no page is over budget, whether the site has 63
// areas or 3,600; lists too long for a page move to the finder's pages. An
// area page of the national benchmark's shape (five funds over two years,
// ranked among more areas than a chart shows) keeps to its own budget.
func TestPageWeightBudget(t *testing.T) {
	example := copyExample(t)
	buildExample(t, example, filepath.Join(example, "public"))
	sites := []string{filepath.Join(example, "public")}
	for _, o := range []synth.Options{{Areas: 3_600, Funds: 1, Years: 1, Seed: 11}, {Areas: 100, Funds: 5, Years: 2, Seed: 11}} {
		dir := filepath.Join(t.TempDir(), "synth")
		if err := synth.Write(dir, o); err != nil {
			t.Fatal(err)
		}
		sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), filepath.Join(dir, "public"))
		sites = append(sites, filepath.Join(dir, "public"))
	}
	for _, site := range sites {
		largest, largestArea := "", ""
		var most, mostArea int64
		err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !strings.HasSuffix(p, ".html") {
				return err
			}
			info, err := os.Stat(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(site, p)
			if info.Size() > most {
				largest, most = rel, info.Size()
			}
			if strings.HasPrefix(rel, "areas"+string(filepath.Separator)) && strings.Count(rel, string(filepath.Separator)) == 2 && info.Size() > mostArea {
				largestArea, mostArea = rel, info.Size()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if most > pageBudget {
			t.Errorf("%s: %s is %d KB, over the %d KB budget", site, largest, most>>10, pageBudget>>10)
		}
		if site != filepath.Join(example, "public") && mostArea > areaBudget {
			t.Errorf("%s: area page %s is %d KB, over the %d KB budget", site, largestArea, mostArea>>10, areaBudget>>10)
		}
		t.Logf("%s: largest page %s, %d KB; largest area page %s, %d KB", filepath.Base(filepath.Dir(site)), largest, most>>10, largestArea, mostArea>>10)
	}
}

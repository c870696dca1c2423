package pipeline

import (
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

var twoAreas = []workbook.SheetSpec{{
	Name:   "Allocations",
	Header: []string{"Fund", "Financial year", "Area", "Amount"},
	Rows: [][]any{
		{"Test Fund", "2023/24", "Barnet", 1000},
		{"Test Fund", "2023/24", "Camden", 2000},
	},
}}

// TestTwoNarrativesForOnePage: a fund's or area's page has one narrative;
// a second for it is an error naming both files and the page's fund or
// area, never one of them dropped without a word.
func TestTwoNarrativesForOnePage(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"area by file name and by front matter", map[string]string{
			"content/areas/barnet.md":  "Barnet's story.\n",
			"content/barnet-second.md": "+++\narea = \"barnet\"\n+++\nAnother story.\n",
		}, []string{"content/areas/barnet.md", "content/barnet-second.md", "Barnet"}},
		{"area by two front matters", map[string]string{
			"content/one.md": "+++\narea = \"Camden\"\n+++\nOne.\n",
			"content/two.md": "+++\narea = \"camden\"\n+++\nTwo.\n",
		}, []string{"content/one.md", "content/two.md", "Camden"}},
		{"fund by file name and by front matter", map[string]string{
			"content/funds/test-fund.md": "The fund.\n",
			"content/about-the-fund.md":  "+++\nfund = \"test fund\"\n+++\nThe fund again.\n",
		}, []string{"content/funds/test-fund.md", "content/about-the-fund.md", "Test Fund"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := buildInline(t, t.TempDir(), twoAreas, tt.files)
			if err == nil {
				t.Fatal("built a site with two narratives for one page")
			}
			t.Log(err)
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the error does not name %q:\n%v", want, err)
				}
			}
		})
	}
}

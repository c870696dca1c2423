package pipeline

import (
	"context"
	"fmt"
	"html"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/geo"
	"fundsite/generator/workbook"
)

// crfPlacesTOML reads the Culture Recovery Fund's three grant lists as one
// fund, with their local authority, constituency and region columns.
var crfPlacesTOML = func() string {
	var b strings.Builder
	for _, s := range crfSheets {
		fmt.Fprintf(&b, "[[source]]\nfile = \"data/%s\"\nsheet = %q\nkind = \"grants\"\nconstants = { fund = \"Culture Recovery Fund\", year = %q }\n"+
			"places = { local_authority = \"Local Authority\", constituency = \"Constituency\", region = \"Region ONS\" }\n\n", crfFile, s[0], s[2])
	}
	return b.String()
}()

// crfPlaceKinds are the kinds the test checks: the folder of their pages,
// the workbook's column, and the reference geography's set.
var crfPlaceKinds = []struct {
	folder, column string
	kind           geo.Kind
}{
	{"local-authorities", "Local Authority", geo.LocalAuthority},
	{"constituencies", "Constituency", geo.Constituency2010},
	{"regions", "Region ONS", geo.Region},
}

// TestPlacePagesFromCultureRecoveryFund is issue 30's test: the unedited
// workbook, its three grant lists one fund, mapped with its place columns,
// gives a page per local authority, constituency and region whose total
// is the sum of the cells the workbook gives for it (a council merged
// since counts in the one that covers it now; rows in Wales and Scotland
// in none); ranks among recipients; no empty columns; and counts with
// thousands separators.
func TestPlacePagesFromCultureRecoveryFund(t *testing.T) {
	out := buildReal(t, []string{crfFile}, crfPlacesTOML, "")
	for _, k := range crfPlaceKinds {
		want := crfPlaceTotals(t, k.column, k.kind)
		if len(want) < 9 {
			t.Fatalf("%s: the workbook names %d places; is the column right?", k.folder, len(want))
		}
		index := readPage(t, out, k.folder+"/index.html")
		got := indexTotals(t, index)
		if len(got) != len(want) {
			t.Errorf("%s: the index lists %d places, the workbook names %d", k.folder, len(got), len(want))
		}
		for code, w := range want {
			g, ok := got[code]
			switch {
			case !ok:
				t.Errorf("%s: no %s in the index", k.folder, code)
			case g.total.Cmp(w) != 0:
				t.Errorf("%s: %s totals £%s, the workbook's cells £%s", k.folder, code, g.total.FloatString(2), w.FloatString(2))
			default:
				page := readPage(t, out, path.Join(k.folder, g.url, "index.html"))
				if sum := figureSum(page); sum.Cmp(w) != 0 {
					t.Errorf("%s: its page's figures add up to £%s, the workbook's cells £%s", g.url, sum.FloatString(2), w.FloatString(2))
				}
				checkPage(t, g.url, page)
				if !strings.Contains(page, `<figure class="map map-locator" id="locator">`) {
					t.Errorf("%s: no locator map", g.url)
				}
			}
		}
		checkPage(t, k.folder, index)
		if k.kind != geo.Constituency2010 {
			checkPlaceMaps(t, out, k.folder, index, k.folder, want)
		} else if !strings.Contains(index, `<a href="map/">`) {
			// 533 constituencies' map and table are more than a page holds:
			// the map has a page of its own, checked below.
			t.Errorf("%s: the index does not link to its map", k.folder)
		}
	}
	regions := readPage(t, out, "regions/index.html")
	if !strings.Contains(regions, "The data has figures for 9 of the 9 regions.") || !strings.Contains(regions, "1st of 9") {
		t.Error("the regions' index gives no rank though every region has figures")
	}
	las := readPage(t, out, "local-authorities/index.html")
	if m := regexp.MustCompile(`The data has figures for (\d+) of the 296 local authorities\.`).FindStringSubmatch(las); m == nil || m[1] == "296" {
		t.Errorf("the local authorities' index does not say how many of the 296 it covers")
	} else if strings.Contains(las, ">Rank<") {
		t.Error("the local authorities' index ranks them though it covers only some")
	}

	recipient := readPage(t, out, "areas/100-club/index.html")
	if !regexp.MustCompile(`\d+(st|nd|rd|th) of \d,\d{3}<`).MatchString(recipient) || strings.Contains(recipient, "not every one") {
		t.Error("a recipient's page gives no rank among the fund's recipients, or says the data has not every recipient")
	}
	if !strings.Contains(recipient, `href="../../local-authorities/westminster/"`) || !strings.Contains(recipient, `href="../../constituencies/cities-of-london-and-westminster/"`) {
		t.Error("a recipient's page does not link to its places")
	}
	checkPage(t, "/areas/100-club/", recipient)
	fund := readPage(t, out, "funds/culture-recovery-fund/index.html")
	if !regexp.MustCompile(`went to \d,\d{3} recipients`).MatchString(fund) {
		t.Error("the fund's page does not say how many recipients in house style")
	}
	checkPage(t, "the fund's page", fund)
	checkSizeBands(t, fund)
	for _, k := range crfPlaceKinds {
		// England's 533 constituencies are mapped on a page of their own.
		dir, page := "funds/culture-recovery-fund", fund
		if k.kind == geo.Constituency2010 {
			dir = k.folder + "/map"
			page = readPage(t, out, dir+"/index.html")
		}
		checkPlaceMaps(t, out, dir, page, k.folder, crfPlaceTotals(t, k.column, k.kind))
	}
	checkPage(t, "the home page", readPage(t, out, "index.html"))
	checkPage(t, "the finder", readPage(t, out, "areas/index.html"))
}

// crfPlaceTotals adds up the workbook's amounts by the code of the place
// each row names, read with excelize and added exactly.
func crfPlaceTotals(t *testing.T, col string, kind geo.Kind) map[string]*big.Rat {
	t.Helper()
	out := map[string]*big.Rat{}
	for _, s := range crfSheets {
		rows := sheetRows(t, crfFile, s[0])
		org, amount, at, region := column(t, rows[0], "Organisation"), column(t, rows[0], "£ Awarded"), column(t, rows[0], col), column(t, rows[0], "Region ONS")
		for _, r := range rows[1:] {
			if cell(r, org) == "" || cell(r, at) == "" || cell(r, region) == "Wales" || cell(r, region) == "Scotland" {
				continue
			}
			code := ""
			if p, ok := geo.Lookup(kind, cell(r, at)); ok {
				code = p.Code
			} else if f, ok := geo.LookupFormer(kind, cell(r, at)); ok && !f.Split() {
				code = f.Successors[0].Code
			} else {
				t.Fatalf("%s: %q is no %s", s[0], cell(r, at), kind)
			}
			if out[code] == nil {
				out[code] = new(big.Rat)
			}
			out[code].Add(out[code], pounds(t, cell(r, amount), false))
		}
	}
	return out
}

type indexRow struct {
	url   string // relative to the index
	total *big.Rat
}

var (
	indexRowRE = regexp.MustCompile(`<tr><th scope="row"><a href="([^"]+)">[^<]*</a> <span class="code">([^<]+)</span></th>.*?<data class="money" value="([^"]+)">`)
	figureRE   = regexp.MustCompile(`<tr id="fig-[^"]*">.*?<data class="money" value="([^"]+)">`)
)

// indexTotals reads a place index's rows: each place's code, address and total.
func indexTotals(t *testing.T, page string) map[string]indexRow {
	t.Helper()
	out := map[string]indexRow{}
	for _, m := range indexRowRE.FindAllStringSubmatch(page, -1) {
		v, ok := new(big.Rat).SetString(m[3])
		if !ok {
			t.Fatalf("total %q", m[3])
		}
		out[m[2]] = indexRow{url: m[1], total: v}
	}
	return out
}

// figureSum adds up a place page's figures, fund by fund and year by year.
func figureSum(page string) *big.Rat {
	sum := new(big.Rat)
	for _, m := range figureRE.FindAllStringSubmatch(page, -1) {
		v, _ := new(big.Rat).SetString(m[1])
		sum.Add(sum, v)
	}
	return sum
}

func readPage(t *testing.T, out, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkPage holds a page to two house rules: no table has a column empty
// on every row, and no count of a thousand or more lacks its separator.
func checkPage(t *testing.T, name, page string) {
	t.Helper()
	if col := emptyColumn(page); col != "" {
		t.Errorf("%s: column %q is empty on every row", name, col)
	}
	if m := unseparated.FindString(visibleText(page)); m != "" {
		t.Errorf("%s: %q has no thousands separator", name, m)
	}
}

var (
	tableRE     = regexp.MustCompile(`(?s)<table.*?</table>`)
	headRE      = regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
	rowRE       = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE      = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRE       = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`)
	unseparated = regexp.MustCompile(`\b\d{4,} (recipients|grants|allocations|rows|more|local authorities|constituencies|regions|funds)\b|\b(of|for|to) \d{5,}\b`)
)

// emptyColumn is the heading of a column of some table on the page whose
// every body cell is empty, or "".
func emptyColumn(page string) string {
	for _, table := range tableRE.FindAllString(page, -1) {
		head := headRE.FindStringSubmatch(table)
		if head == nil {
			continue
		}
		heads := cellRE.FindAllStringSubmatch(head[1], -1)
		filled := make([]bool, len(heads))
		body := strings.SplitN(table, "</thead>", 2)[1]
		for _, r := range rowRE.FindAllStringSubmatch(body, -1) {
			cells := cellRE.FindAllStringSubmatch(r[1], -1)
			if len(cells) != len(heads) {
				filled = nil // a row of another shape: not a plain grid
				break
			}
			for i, c := range cells {
				filled[i] = filled[i] || strings.TrimSpace(tagRE.ReplaceAllString(c[1], "")) != ""
			}
		}
		for i, f := range filled {
			if !f {
				return strings.TrimSpace(tagRE.ReplaceAllString(heads[i][1], ""))
			}
		}
	}
	return ""
}

func visibleText(page string) string {
	return html.UnescapeString(strings.Join(strings.Fields(tagRE.ReplaceAllString(page, " ")), " "))
}

// buildPlaces builds a project of one grant list and site.toml (with its
// title and address) into dir/public, and returns the build's error.
func buildPlaces(t *testing.T, dir, toml string, sheet workbook.SheetSpec, files map[string]string) error {
	t.Helper()
	files["site.toml"] = "title = \"Test\"\nbase_url = \"https://example.org/\"\n" + toml
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
	if err := workbook.Write(filepath.Join(dir, "data", "grants.xlsx"), []workbook.SheetSpec{sheet}); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	_, err := Build(context.Background(), opts)
	return err
}

const smallPlacesTOML = `[[source]]
file = "data/grants.xlsx"
kind = "grants"
constants = { fund = "Arts Fund", year = "2023/24" }
columns = { recipient = "Organisation" }
places = { local_authority = "Local Authority", region = "Region" }
`

// regionGrants are nine grants, one in each region and each in another
// council, none with a title or identifier.
func regionGrants() workbook.SheetSpec {
	rows := [][]any{
		{"Sage Gateshead", 9000, "Gateshead", "North East"},
		{"Royal Exchange", 8000, "Manchester", "North West"},
		{"Leeds Playhouse", 7000, "Leeds", "Yorkshire and the Humber"},
		{"Curve", 6000, "Leicester", "East Midlands"},
		{"Birmingham Rep", 5000, "Birmingham", "West Midlands"},
		{"Norwich Theatre", 4000, "Norwich", "East of England"},
		{"Old Vic", 3000, "Lambeth", "London"},
		{"Chichester Festival Theatre", 2000, "Chichester", "South East"},
		{"Bristol Old Vic", 1000, "Bristol", "South West"},
	}
	return workbook.SheetSpec{Name: "Grants", Header: []string{"Organisation", "Amount", "Local Authority", "Region"}, Rows: rows}
}

// TestPlaceCoverageIsAFact: with a figure for every one of England's nine
// regions, the regions are ranked; with figures for nine of its 296
// councils, the councils are not, and the index says how many it has of
// how many there are. A recipient links to its places.
func TestPlaceCoverageIsAFact(t *testing.T) {
	dir := t.TempDir()
	if err := buildPlaces(t, dir, smallPlacesTOML, regionGrants(), map[string]string{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	regions := readPage(t, out, "regions/index.html")
	for _, want := range []string{"The data has figures for 9 of the 9 regions.", ">Rank<", "1st of 9"} {
		if !strings.Contains(regions, want) {
			t.Errorf("the regions' index lacks %q", want)
		}
	}
	if london := readPage(t, out, "regions/london/index.html"); !strings.Contains(london, "7th of 9") || !strings.Contains(london, "6.7%") {
		t.Error("London's page does not rank it 7th of 9 with 6.7% of the fund")
	}
	las := readPage(t, out, "local-authorities/index.html")
	if !strings.Contains(las, "The data has figures for 9 of the 296 local authorities.") || strings.Contains(las, ">Rank<") {
		t.Error("the councils' index does not say it covers 9 of 296, or ranks them anyway")
	}
	if !strings.Contains(las, "The data has figures for 9 local authorities, not every one, so no rank, share or average is given among them.") {
		t.Error("the councils' index does not say why it gives no rank")
	}
	lambeth := readPage(t, out, "local-authorities/lambeth/index.html")
	if strings.Contains(lambeth, " of 296") || strings.Contains(lambeth, ">Rank<") || !strings.Contains(lambeth, `href="../../areas/old-vic/"`) {
		t.Error("Lambeth's page ranks it among councils the data does not cover, or does not link its recipient")
	}
	oldVic := readPage(t, out, "areas/old-vic/index.html")
	for _, link := range []string{`href="../../local-authorities/lambeth/"`, `href="../../regions/london/"`} {
		if !strings.Contains(oldVic, link) {
			t.Errorf("the Old Vic's page has no link %s", link)
		}
	}
	finder := readPage(t, out, "areas/index.html")
	for _, link := range []string{`href="../local-authorities/lambeth/"`, `href="../regions/london/"`, `href="old-vic/"`} {
		if !strings.Contains(finder, link) {
			t.Errorf("the finder does not list %s", link)
		}
	}
}

// TestAGrantListIsCompleteForItsFund: a grant list lists every grant of
// its fund, so a recipient's page ranks it among the fund's recipients and
// gives its share, without the note that the data lacks some; and the
// columns no row has a value in (Title, Identifier, Per person) are not
// printed.
func TestAGrantListIsCompleteForItsFund(t *testing.T) {
	dir := t.TempDir()
	noPlaces := strings.Replace(smallPlacesTOML, "places = ", "# places = ", 1)
	if err := buildPlaces(t, dir, noPlaces, regionGrants(), map[string]string{}); err != nil {
		t.Fatal(err)
	}
	page := readPage(t, filepath.Join(dir, "public"), "areas/old-vic/index.html")
	if !strings.Contains(page, "7th of 9") || !strings.Contains(page, "6.7%") {
		t.Error("the recipient's page gives no rank or share among the fund's recipients")
	}
	if strings.Contains(page, "not every one") {
		t.Error("the recipient's page says the grant list lacks some of its fund's recipients")
	}
	for _, col := range []string{">Title</th>", ">Identifier</th>", ">Per person</th>"} {
		if strings.Contains(page, col) {
			t.Errorf("the recipient's page prints the empty column %s", col)
		}
	}
	checkPage(t, "the recipient's page", page)
}

// TestPlaceAddressesAreTaken: a narrative page cannot take a place's
// address or its kind's index.
func TestPlaceAddressesAreTaken(t *testing.T) {
	for file, want := range map[string]string{
		"content/local-authorities.md":         "this page's address, /local-authorities/, is the list of local authorities, which fundsite makes",
		"content/regions/london.md":            "this page's address, /regions/london/, is the page of the region London, which fundsite makes",
		"content/local-authorities/lambeth.md": "is the page of the local authority Lambeth",
	} {
		dir := t.TempDir()
		err := buildPlaces(t, dir, smallPlacesTOML, regionGrants(), map[string]string{file: "+++\ntitle = \"Mine\"\n+++\nText.\n"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", file, err, want)
		}
	}
}

var (
	mapFigureRE = regexp.MustCompile(`(?s)<figure class="map" id="(map-[^"]*)">(.*?)</figure>`)
	mapAreaRE   = regexp.MustCompile(`<a href="([^"]+)" aria-label="([^"]*)"><title>[^<]*</title><(?:path|use) [^>]*?fill="([^"]+)"`)
	legendRE    = regexp.MustCompile(`<li><svg [^>]*><rect [^>]*fill="([^"]+)"[^>]*/></svg>([^<]*) <span class="map-count">`)
)

// checkPlaceMaps checks the fund page's maps of one kind of place (one a
// year): every area links to a place page that exists, its fill is the
// legend's class whose breaks hold its value, and each place's values over
// the years add up to the workbook's cells for it.
func checkPlaceMaps(t *testing.T, out, dir, page, folder string, want map[string]*big.Rat) {
	t.Helper()
	sums := map[string]*big.Rat{}
	found := 0
	for _, fig := range mapFigureRE.FindAllStringSubmatch(page, -1) {
		if !strings.HasSuffix(fig[1], "-"+folder) {
			continue
		}
		found++
		classes := legendClasses(t, fig[1], fig[2])
		for _, a := range mapAreaRE.FindAllStringSubmatch(fig[2], -1) {
			target := path.Join(dir, a[1])
			if !strings.HasPrefix(target, folder+"/") {
				t.Errorf("%s: area links to %s, not a page of %s", fig[1], a[1], folder)
				continue
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target), "index.html")); err != nil {
				t.Errorf("%s: area links to %s, which is no page", fig[1], a[1])
			}
			label := html.UnescapeString(a[2])
			v := moneyText(t, label[strings.LastIndex(label, ": ")+2:])
			c, ok := classes[a[3]]
			if !ok {
				t.Errorf("%s: %s is filled %s, no class of the legend", fig[1], label, a[3])
			} else if v.Cmp(c[0]) < 0 || v.Cmp(c[1]) > 0 {
				t.Errorf("%s: %s is filled as the class £%s to £%s", fig[1], label, c[0].FloatString(2), c[1].FloatString(2))
			}
			if sums[target] == nil {
				sums[target] = new(big.Rat)
			}
			sums[target].Add(sums[target], v)
		}
	}
	if found == 0 {
		t.Fatalf("the fund's page has no map of %s", folder)
	}
	if len(sums) != len(want) {
		t.Errorf("%s: the maps shade %d places, the workbook names %d", folder, len(sums), len(want))
	}
	total, wantTotal := new(big.Rat), new(big.Rat)
	for _, v := range sums {
		total.Add(total, v)
	}
	for _, v := range want {
		wantTotal.Add(wantTotal, v)
	}
	if total.Cmp(wantTotal) != 0 {
		t.Errorf("%s: the maps' figures add up to £%s, the workbook's cells £%s", folder, total.FloatString(2), wantTotal.FloatString(2))
	}
}

// legendClasses reads a map's legend: each class's fill and its range,
// lowest and highest value in pounds. "£a to under £b" ends a penny
// below the next class; "£a to £b" is the last; "£a" is one value.
func legendClasses(t *testing.T, id, fig string) map[string][2]*big.Rat {
	t.Helper()
	type class struct {
		fill, lo, hi string
		under        bool
	}
	var cs []class
	for _, it := range legendRE.FindAllStringSubmatch(fig, -1) {
		label := html.UnescapeString(it[2])
		if label == "No data" {
			continue
		}
		c := class{fill: it[1]}
		if lo, hi, ok := strings.Cut(label, " to under "); ok {
			c.lo, c.hi, c.under = lo, hi, true
		} else if lo, hi, ok := strings.Cut(label, " to "); ok {
			c.lo, c.hi = lo, hi
		} else {
			c.lo, c.hi = label, label
		}
		cs = append(cs, c)
	}
	if len(cs) < 2 {
		t.Fatalf("%s: the legend has %d classes", id, len(cs))
	}
	out := map[string][2]*big.Rat{}
	for _, c := range cs {
		hi := moneyText(t, c.hi)
		if c.under {
			hi.Sub(hi, big.NewRat(1, 100))
		}
		out[c.fill] = [2]*big.Rat{moneyText(t, c.lo), hi}
	}
	if len(out) != len(cs) {
		t.Errorf("%s: %d classes share %d fills", id, len(cs), len(out))
	}
	return out
}

// moneyText reads an amount written in full, "£1,234.50", in pounds.
func moneyText(t *testing.T, s string) *big.Rat {
	t.Helper()
	v, ok := new(big.Rat).SetString(strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "£"), ",", ""))
	if !ok {
		t.Fatalf("%q is not an amount written in full", s)
	}
	return v
}

var bandRowRE = regexp.MustCompile(`<tr><th scope="row">([^<]+)</th><td class="num">([\d,]+)</td><td class="num">.*?<data class="money" value="([^"]+)">`)

// checkSizeBands checks the fund page's grants by size against the
// workbook's cells: each band's count and total, bands by whole pounds
// (under £10,000; £10,000 to £49,999; …; £1m and over); and that the ten
// largest recipients are named, each a link.
func checkSizeBands(t *testing.T, fund string) {
	t.Helper()
	_, table, ok := strings.Cut(fund, `id="grant-sizes-caption"`)
	if !ok {
		t.Fatal("the fund's page has no table of grants by size")
	}
	table, _, _ = strings.Cut(table, "</table>")
	froms := []int64{0, 10_000, 50_000, 100_000, 250_000, 1_000_000}
	counts := make([]int, len(froms))
	totals := make([]*big.Rat, len(froms))
	for i := range totals {
		totals[i] = new(big.Rat)
	}
	for _, s := range crfSheets {
		rows := sheetRows(t, crfFile, s[0])
		org, amount := column(t, rows[0], "Organisation"), column(t, rows[0], "£ Awarded")
		for _, r := range rows[1:] {
			if cell(r, org) == "" {
				continue
			}
			v := pounds(t, cell(r, amount), false)
			i := len(froms) - 1
			for v.Cmp(new(big.Rat).SetInt64(froms[i])) < 0 {
				i--
			}
			counts[i]++
			totals[i].Add(totals[i], v)
		}
	}
	got := bandRowRE.FindAllStringSubmatch(table, -1)
	if len(got) != len(froms) {
		t.Fatalf("the table of grants by size has %d bands, want %d", len(got), len(froms))
	}
	for i, g := range got {
		v, _ := new(big.Rat).SetString(g[3])
		if strings.ReplaceAll(g[2], ",", "") != fmt.Sprint(counts[i]) || v.Cmp(totals[i]) != 0 {
			t.Errorf("%s: %s grants, £%s; the workbook's cells %d, £%s", g[1], g[2], v.FloatString(2), counts[i], totals[i].FloatString(2))
		}
	}
	_, largest, ok := strings.Cut(fund, `id="largest-recipients-caption"`)
	largest, _, _ = strings.Cut(largest, "</table>")
	if n := strings.Count(largest, `<th scope="row"><a href="../../areas/`); !ok || n != 10 {
		t.Errorf("the fund's page names %d largest recipients with links, want 10", n)
	}
}

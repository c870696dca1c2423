package pipeline

import (
	"fmt"
	"html"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// crfProgrammes are the Culture Recovery Fund's grant lists as one fund
// in three programmes: sheet, programme, year.
var crfProgrammes = [][3]string{
	{"CRF 1 Grants", "Grants (round 1)", "2020/21"},
	{"CRF 1 Capital Kickstart", "Capital Kickstart", "2020/21"},
	{"CRF 2 Grants", "Grants (round 2)", "2021/22"},
}

var programmeRow = regexp.MustCompile(`<tr id="fig-culture-recovery-fund-programme-[^"]*"><th scope="row">([^<]*)</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td></tr>`)

// A publisher's three sheets are one fund in three programmes: the fund
// page breaks its total down by programme (grants, total, share), each
// total what the programme's cells add up to; each grant's programme is
// in its recipient's table of grants and in the 360Giving download.
func TestProgrammesOfOneFund(t *testing.T) {
	var toml strings.Builder
	for _, p := range crfProgrammes {
		fmt.Fprintf(&toml, "[[source]]\nfile = \"data/%s\"\nsheet = %q\nkind = \"grants\"\nconstants = { fund = \"Culture Recovery Fund\", programme = %q, year = %q }\n\n", crfFile, p[0], p[1], p[2])
	}
	out := buildReal(t, []string{crfFile}, toml.String(), "")

	want := map[string][2]string{} // programme: grants, total in pounds
	all := new(big.Rat)
	totals := map[string]*big.Rat{}
	for _, p := range crfProgrammes {
		rows := sheetRows(t, crfFile, p[0])
		org, amount := column(t, rows[0], "Organisation"), column(t, rows[0], "£ Awarded")
		n, sum := 0, new(big.Rat)
		for _, r := range rows[1:] {
			if cell(r, org) == "" {
				continue
			}
			n++
			sum.Add(sum, pounds(t, cell(r, amount), false))
		}
		totals[p[1]] = sum
		all.Add(all, sum)
		want[p[1]] = [2]string{fmt.Sprint(n), sum.FloatString(2)}
	}

	page, err := os.ReadFile(filepath.Join(out, "funds", "culture-recovery-fund", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	rows := programmeRow.FindAllStringSubmatch(string(page), -1)
	if len(rows) != len(want) {
		t.Fatalf("the fund page lists %d programmes, want %d:\n%q", len(rows), len(want), rows)
	}
	for _, r := range rows {
		name := html.UnescapeString(r[1])
		w, ok := want[name]
		if !ok {
			t.Errorf("programme %q is not one of the sheets'", name)
			continue
		}
		count := strings.ReplaceAll(r[2], ",", "")
		total, ok := new(big.Rat).SetString(strings.NewReplacer("£", "", ",", "").Replace(html.UnescapeString(r[3])))
		if !ok {
			t.Errorf("%s: total %q is not an amount", name, r[3])
			continue
		}
		if count != w[0] || total.FloatString(2) != w[1] {
			t.Errorf("%s: %s grants, %s; the sheet has %s grants adding up to £%s", name, count, r[3], w[0], w[1])
		}
		share := new(big.Rat).Quo(new(big.Rat).Mul(totals[name], big.NewRat(100, 1)), all)
		if got, want := r[4], share.FloatString(1)+"%"; got != want {
			t.Errorf("%s: share %s, want %s", name, got, want)
		}
	}
	if !strings.Contains(string(page), "<caption id=\"by-programme-caption\">Culture Recovery Fund: total by programme") {
		t.Error("the programme table has no caption")
	}

	// A recipient of grants from two programmes sees each grant's.
	recipient, err := os.ReadFile(filepath.Join(out, "areas", "104-projects-cic", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<th scope="col">Programme</th>`, "<td>Grants (round 1)</td>", "<td>Grants (round 2)</td>"} {
		if !strings.Contains(string(recipient), s) {
			t.Errorf("104 projects CIC's grants table lacks %s", s)
		}
	}

	giving, err := os.ReadFile(filepath.Join(out, "data", "360giving.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range want {
		if got := strings.Count(string(giving), `"grantProgramme":[{"title":"`+name+`"}]`); fmt.Sprint(got) != w[0] {
			t.Errorf("the 360Giving package has %d grants in %s, want %s", got, name, w[0])
		}
	}
}

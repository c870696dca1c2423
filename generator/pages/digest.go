package pages

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"fundsite/generator/model"
	"fundsite/generator/opendata"
	"fundsite/generator/parallel"
)

// Digest identifies everything a page or file is made from, so a rebuild
// can tell, without rendering it, that it would come out the same. Two
// equal digests, from the same theme and the same fundsite, give the same
// bytes.
type Digest [sha256.Size]byte

// Version is the short form of a digest that pages cite: "data version
// 1a2b3c4d5e6f". It is the version of the page's own figures, not of the
// whole site, so fixing one cell does not change the citation (and the
// bytes) of every other page.
func (d Digest) Version() string { return hex.EncodeToString(d[:])[:12] }

// digestOf hashes what write writes.
func digestOf(write func(h io.Writer)) Digest {
	h := sha256.New()
	write(h)
	var d Digest
	h.Sum(d[:0])
	return d
}

// writeJSON writes v's JSON: a view is its exported fields, each a
// string, number or view, so its JSON says all a template can read of it.
func writeJSON(h io.Writer, v any) {
	if err := json.NewEncoder(h).Encode(v); err != nil {
		// Views are built by this package from strings and numbers.
		panic(fmt.Sprintf("pages: digest of %T: %v", v, err))
	}
}

// digestPage works out a page's digest and version from all it shows: the
// whole view, encoded, so a field added to Page is in the key without
// anyone listing it. extra adds what the view holds only once the page is
// finished (its narrative's source).
func digestPage(p *Page, extra func(h io.Writer)) {
	view := *p
	view.Digest, view.Version = Digest{}, ""
	p.Digest = digestOf(func(h io.Writer) {
		writeJSON(h, view)
		if extra != nil {
			extra(h)
		}
	})
	p.Version = p.Digest.Version()
}

// rowDigests are each allocation's digest, made once: the downloads of
// every area, fund and the nation share them.
type rowDigests map[*model.Allocation][16]byte

// digestRows hashes the rows on every core, a block of rows to a job: at a
// million rows the hashing alone took three seconds.
func digestRows(d *model.Dataset) rowDigests {
	rows := slices.Concat(d.Allocations, d.Missing)
	sums := make([][16]byte, len(rows))
	const block = 4096
	parallel.For((len(rows)+block-1)/block, func(j int) {
		h := sha256.New()
		var sum [sha256.Size]byte
		for i := j * block; i < min(len(rows), (j+1)*block); i++ {
			a := rows[i]
			h.Reset()
			fmt.Fprintf(h, "%q %q %q %q %q %q %d %q %q %d %q %q %q %s %d %d\n", a.Fund.Name, a.Fund.Key(), a.Area.Name, a.Area.Code, a.Area.Type, a.Area.Region,
				a.Year.Start, a.Tranche, a.Amount.Decimal(), a.Status, a.Basis, a.Source, a.Notes, a.Loc.File, a.Loc.Row, a.Loc.Col)
			fmt.Fprintf(h, "%q %q", a.Loc.Sheet, a.Programme)
			if g := a.Grant; g != nil {
				writeGrant(h, g)
			}
			h.Sum(sum[:0])
			sums[i] = [16]byte(sum[:16])
		}
	})
	out := make(rowDigests, len(rows))
	for i, a := range rows {
		out[a] = sums[i]
	}
	return out
}

// writeGrant writes all a grant list says of a row, which its pages and
// the 360Giving download show.
func writeGrant(h io.Writer, g *model.Grant) {
	fmt.Fprintf(h, "%q %q %q %q %q %q %q %q %t", g.Identifier, g.Title, g.Description, g.AwardDate, g.RecipientName, g.RecipientID, g.FunderName, g.FunderID, g.From360Giving)
	for _, c := range g.Cells {
		fmt.Fprintf(h, " %q=%q", c.Title, c.Value)
	}
}

// tableDigest identifies a download: its layout and every row it is made
// from, and what its JSON says of where the data came from.
func (rd rowDigests) tableDigest(t opendata.Table, rows []*model.Allocation, meta opendata.Meta, whole Digest) Digest {
	return digestOf(func(h io.Writer) {
		fmt.Fprintf(h, "%q %q %q %d %+v %+v %x\n", t.Name, t.Title, t.Description, t.Len, t.Columns, meta, whole)
		writeRows(h, rd, rows)
	})
}

func writeRows(h io.Writer, rd rowDigests, rows []*model.Allocation) {
	for _, a := range rows {
		d := rd[a]
		h.Write(d[:])
	}
}

// datasetDigest identifies the whole dataset: every row, figure not given,
// area and fund. Site-wide downloads (the areas, the funds) are made from it.
func datasetDigest(d *model.Dataset, rd rowDigests) Digest {
	return digestOf(func(h io.Writer) {
		writeRows(h, rd, d.Allocations)
		writeRows(h, rd, d.Missing)
		for _, a := range d.Areas {
			parent := ""
			if a.Parent != nil {
				parent = a.Parent.Name
			}
			fmt.Fprintf(h, "%q %q %q %q %q %q %v\n", a.Name, a.Code, a.Slug, a.Type, a.Region, parent, sortedPopulation(a))
		}
		for _, f := range d.Funds {
			fmt.Fprintf(h, "%+v\n", *f)
		}
	})
}

func sortedPopulation(a *model.Area) []int64 {
	var out []int64
	for _, y := range sortedYears(a.Population) {
		out = append(out, int64(y.Start), a.Population[y])
	}
	return out
}

// Package downloads is the part of the site that offers its figures as
// open data: every table as CSV (and most as JSON) beside the page it
// belongs to, the /data/ page that lists the site-wide ones, and each
// page's schema.org Dataset description. It runs before the parts that make
// the pages, which list what it offers (pages.Site.Offered).
package downloads

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"fundsite/generator/model"
	"fundsite/generator/opendata"
	"fundsite/generator/pages"
)

// DataView is the /data/ page: every site-wide download.
type DataView struct {
	Downloads []pages.Download
}

// Part offers the downloads. Version is the whole data's version, which
// the schema.org descriptions cite.
type Part struct{ Version string }

// Name says what the part makes, for --timings.
func (Part) Name() string { return "open data: downloads and the data page" }

// largeTable is the rows from which a download is made on its own (File.Large).
const largeTable = 5_000

// maker is one build's downloads as they are listed.
type maker struct {
	s       *pages.Site
	version string
	files   []pages.File
	// rows and whole identify the data, for the downloads' digests.
	rows  rowDigests
	whole pages.Digest
}

// Make lists the downloads and notes which page offers which, before any
// page is built.
func (p Part) Make(_ context.Context, s *pages.Site) ([]*pages.Page, []pages.File, error) {
	d := s.Data
	m := &maker{s: s, version: p.Version, rows: digestRows(d)}
	m.whole = datasetDigest(d, m.rows)
	cfg := s.Config
	prefix := cfg.OpenData.GrantPrefix
	if prefix == "" {
		prefix = "360G-" + model.Slugify(cfg.Publisher)
	}
	giving := opendata.Giving360Options{Prefix: prefix, FunderID: cfg.OpenData.FunderID, Publisher: cfg.Publisher, DataAsAt: cfg.DataAsAt, LicenceURL: cfg.LicenceURL, Title: cfg.Title}
	site := []opendata.Table{
		opendata.Allocations("allocations", "All allocations", d.Allocations, d.Missing),
		opendata.AreaTotals("area-totals", "Allocations by area and financial year", d.Allocations, d.Missing),
		opendata.Areas(d),
		opendata.Funds(d),
		opendata.Giving360(d.Allocations, giving),
	}
	var all []pages.Download
	for _, t := range site {
		all = append(all, m.offer("/data/", t, t.Name != "360giving", nil))
	}
	// The standard's own JSON package, beside its CSV, which 360Giving's
	// tools read; none when there are no grants of money.
	if opendata.HasGiving360Package(d.Allocations) {
		all[len(all)-1].JSON = "/data/360giving.json"
		digest := pages.DigestOf(func(h io.Writer) { fmt.Fprintf(h, "360giving %+v %x", giving, m.whole) })
		m.files = append(m.files, pages.StreamOf("data/360giving.json", digest, len(d.Allocations) >= largeTable,
			func(w io.Writer) error { return opendata.WriteGiving360Package(w, d.Allocations, giving) }))
	}
	data := m.dataset("/data/", cfg.Title+": open data", cfg.Description, all, d.Allocations)
	s.Offer("/", pages.Offer{Downloads: all[:3]})
	s.Offer("/areas/", pages.Offer{Downloads: all[:3]})
	m.funds()
	m.areas()
	desc := "Every figure on this site as CSV and JSON, with its status and the workbook cell it came from."
	page := &pages.Page{Layout: "data", URL: "/data/", Title: "Open data", Description: desc, Current: "/data/", Content: DataView{Downloads: all}, JSONLD: data}
	return []*pages.Page{page}, m.files, nil
}

// funds offers each fund's tables beside its page.
func (m *maker) funds() {
	d := m.s.Data
	for _, f := range d.Funds {
		rows, missing := d.Select(model.Filter{Fund: f}), model.Filter{Fund: f}.Pick(d.Missing)
		url := pages.FundURL(f)
		var dls []pages.Download
		for _, t := range []opendata.Table{
			opendata.Allocations("allocations", f.Name+": allocations", rows, missing),
			opendata.YearTotals("by-year", f.Name+": total by financial year", rows, missing),
			opendata.RegionTotals("by-region", f.Name+": total by region", rows, missing),
			opendata.AreaTotals("by-area", f.Name+": allocation to each area", rows, missing),
		} {
			// The digest covers the figures not given too: the totals count them.
			dls = append(dls, m.offer(url, t, true, append(slices.Clip(rows), missing...)))
		}
		desc := fmt.Sprintf("Allocations of the %s to each area by financial year, with status and source. %s", f.Name, f.Description)
		m.s.Offer(url, pages.Offer{Downloads: dls, JSONLD: m.dataset(url, f.Name+": allocations", strings.TrimSpace(desc), dls, rows)})
	}
}

// areas offers each area's allocations beside its page.
func (m *maker) areas() {
	d := m.s.Data
	missing := map[*model.Area][]*model.Allocation{}
	for _, a := range d.Missing {
		missing[a.Area] = append(missing[a.Area], a)
	}
	for _, a := range d.Areas {
		rows := d.Select(model.Filter{Area: a})
		// CSV only: a national site's 10,000 JSON files would be a sixth
		// of it, and /data/allocations.json has every row.
		t := opendata.Allocations("allocations", a.Name+": allocations", rows, missing[a])
		url := pages.AreaURL(a)
		m.s.Offer(url, pages.Offer{Downloads: []pages.Download{m.offer(url, t, false, append(slices.Clip(rows), missing[a]...))}})
	}
}

// offer publishes a table beside a page (dir is the page's address) as
// CSV and, when withJSON, JSON. Each file is made as it is written: a
// national dataset's tables each hold every row as text, and all at once
// would be most of the build's memory. rows are the allocations the table
// is made from, for its digest; nil means the whole dataset.
func (m *maker) offer(dir string, t opendata.Table, withJSON bool, rows []*model.Allocation) pages.Download {
	cfg := m.s.Config
	dl := pages.Download{Title: t.Title, Description: t.Description, CSV: dir + t.Name + ".csv", Rows: t.Len}
	var whole pages.Digest
	if rows == nil {
		whole = m.whole
	}
	meta := opendata.Meta{Publisher: cfg.Publisher, Licence: cfg.Licence, LicenceURL: cfg.LicenceURL, DataAsAt: cfg.DataAsAt}
	digest := m.rows.tableDigest(t, rows, meta, whole)
	large := t.Len >= largeTable
	m.files = append(m.files, pages.StreamOf(strings.TrimPrefix(dl.CSV, "/"), digest, large, t.WriteCSV))
	if withJSON {
		// The JSON cites the version of its own rows, so a change to one
		// area's figures does not rewrite every other area's download.
		meta.Version = digest.Version()
		dl.JSON = dir + t.Name + ".json"
		jsonDigest := pages.DigestOf(func(h io.Writer) { fmt.Fprintf(h, "json %x", digest) })
		m.files = append(m.files, pages.StreamOf(strings.TrimPrefix(dl.JSON, "/"), jsonDigest, large, func(w io.Writer) error { return t.WriteJSON(w, meta) }))
	}
	return dl
}

package pages

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"fundsite/generator/model"
	"fundsite/generator/opendata"
)

// Download is one table offered as CSV and JSON.
type Download struct {
	Title       string
	Description string
	CSV         string // site-relative address
	JSON        string // "" when the table has no JSON form
	Rows        int
}

// Size says how many rows: "1 row", "84 rows".
func (d Download) Size() string {
	if d.Rows == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%s rows", Count(d.Rows))
}

// DataView is the /data/ page: every site-wide download.
type DataView struct {
	Downloads []Download
}

// dataset is schema.org's Dataset, so dataset search engines find the data.
// It is embedded as JSON-LD, which html/template escapes as JSON.
type dataset struct {
	Context          string         `json:"@context"`
	Type             string         `json:"@type"`
	Name             string         `json:"name"`
	Description      string         `json:"description"`
	URL              string         `json:"url"`
	License          string         `json:"license,omitempty"`
	Publisher        *organization  `json:"publisher,omitempty"`
	Creator          *organization  `json:"creator,omitempty"`
	DateModified     string         `json:"dateModified,omitempty"`
	Version          string         `json:"version,omitempty"`
	TemporalCoverage string         `json:"temporalCoverage,omitempty"`
	IsFree           bool           `json:"isAccessibleForFree"`
	Distribution     []dataDownload `json:"distribution"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type dataDownload struct {
	Type           string `json:"@type"`
	Name           string `json:"name"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
}

// openData lists the downloads and notes which page offers which, before
// any page is built.
func (b *builder) openData() {
	d := b.in.Data
	b.downloads = map[string][]Download{}
	b.jsonld = map[string]any{}
	cfg := b.in.Config
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
	var all []Download
	for _, t := range site {
		all = append(all, b.offer("/data/", t, t.Name != "360giving", nil))
	}
	// The standard's own JSON package, beside its CSV, which 360Giving's
	// tools read; none when there are no grants of money.
	if opendata.HasGiving360Package(d.Allocations) {
		all[len(all)-1].JSON = "/data/360giving.json"
		b.addFiles(File{Path: "data/360giving.json", Digest: digestOf(func(h io.Writer) { fmt.Fprintf(h, "360giving %+v %x", giving, b.whole) }), Large: len(d.Allocations) >= largeTable,
			stream: func(w io.Writer) error { return opendata.WriteGiving360Package(w, d.Allocations, giving) }})
	}
	b.data = DataView{Downloads: all}
	b.jsonld["/data/"] = b.dataset("/data/", cfg.Title+": open data", cfg.Description, all, d.Allocations)
	b.downloads["/"] = all[:3]
	b.downloads["/areas/"] = all[:3]
	for _, f := range d.Funds {
		rows, missing := d.Select(model.Filter{Fund: f}), model.Filter{Fund: f}.Pick(d.Missing)
		var dls []Download
		for _, t := range []opendata.Table{
			opendata.Allocations("allocations", f.Name+": allocations", rows, missing),
			opendata.YearTotals("by-year", f.Name+": total by financial year", rows, missing),
			opendata.RegionTotals("by-region", f.Name+": total by region", rows, missing),
			opendata.AreaTotals("by-area", f.Name+": allocation to each area", rows, missing),
		} {
			// The digest covers the figures not given too: the totals count them.
			dls = append(dls, b.offer(fundURL(f), t, true, append(slices.Clip(rows), missing...)))
		}
		b.downloads[fundURL(f)] = dls
		desc := fmt.Sprintf("Allocations of the %s to each area by financial year, with status and source. %s", f.Name, f.Description)
		b.jsonld[fundURL(f)] = b.dataset(fundURL(f), f.Name+": allocations", strings.TrimSpace(desc), dls, rows)
	}
	for _, a := range d.Areas {
		rows, missing := d.Select(model.Filter{Area: a}), b.missing[a]
		// CSV only: a national site's 10,000 JSON files would be a sixth
		// of it, and /data/allocations.json has every row.
		t := opendata.Allocations("allocations", a.Name+": allocations", rows, missing)
		b.downloads[areaURL(a)] = []Download{b.offer(areaURL(a), t, false, append(slices.Clip(rows), missing...))}
	}
}

// largeTable is the rows from which a download is made on its own (File.Large).
const largeTable = 5_000

// offer publishes a table beside a page (dir is the page's address) as
// CSV and, when withJSON, JSON. Each file is made as it is written: a
// national dataset's tables each hold every row as text, and all at once
// would be most of the build's memory. rows are the allocations the table
// is made from, for its digest; nil means the whole dataset.
func (b *builder) offer(dir string, t opendata.Table, withJSON bool, rows []*model.Allocation) Download {
	cfg := b.in.Config
	dl := Download{Title: t.Title, Description: t.Description, CSV: dir + t.Name + ".csv", Rows: t.Len}
	var whole Digest
	if rows == nil {
		whole = b.whole
	}
	meta := opendata.Meta{Publisher: cfg.Publisher, Licence: cfg.Licence, LicenceURL: cfg.LicenceURL, DataAsAt: cfg.DataAsAt}
	digest := b.rows.tableDigest(t, rows, meta, whole)
	large := t.Len >= largeTable
	b.addFiles(File{Path: strings.TrimPrefix(dl.CSV, "/"), Digest: digest, Large: large, stream: t.WriteCSV})
	if withJSON {
		// The JSON cites the version of its own rows, so a change to one
		// area's figures does not rewrite every other area's download.
		meta.Version = digest.Version()
		dl.JSON = dir + t.Name + ".json"
		b.addFiles(File{Path: strings.TrimPrefix(dl.JSON, "/"), Digest: digestOf(func(h io.Writer) { fmt.Fprintf(h, "json %x", digest) }), Large: large, stream: func(w io.Writer) error { return t.WriteJSON(w, meta) }})
	}
	return dl
}

func (b *builder) dataset(url, name, description string, dls []Download, rows []*model.Allocation) dataset {
	cfg := b.in.Config
	abs := b.site.View.Absolute
	ds := dataset{
		Context: "https://schema.org/", Type: "Dataset", Name: name, Description: description,
		URL: abs(url), License: cfg.LicenceURL, DateModified: cfg.DataAsAt, Version: b.in.Version, IsFree: true,
	}
	if ds.License == "" {
		ds.License = cfg.Licence
	}
	if cfg.Publisher != "" {
		ds.Publisher = &organization{Type: "Organization", Name: cfg.Publisher, URL: cfg.PublisherURL}
		ds.Creator = ds.Publisher
	}
	if years := model.Years(rows); len(years) > 0 {
		ds.TemporalCoverage = fmt.Sprintf("%d-04-01/%d-03-31", years[0].Start, years[len(years)-1].Start+1)
	}
	for _, dl := range dls {
		ds.Distribution = append(ds.Distribution, dataDownload{"DataDownload", dl.Title + " (CSV)", "text/csv", abs(dl.CSV)})
		if dl.JSON != "" {
			ds.Distribution = append(ds.Distribution, dataDownload{"DataDownload", dl.Title + " (JSON)", "application/json", abs(dl.JSON)})
		}
	}
	return ds
}

// sitemap lists every page, dated by the data (never the build clock, so
// rebuilding the same data gives the same file).
func (s *Site) sitemap() []byte {
	var pages []string
	for _, a := range s.in.Data.Areas {
		pages = append(pages, areaURL(a))
	}
	for _, p := range s.Pages {
		if p.URL != NotFoundURL {
			pages = append(pages, p.URL)
		}
	}
	slices.Sort(pages)
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("<url><loc>")
		// The protocol wants addresses percent-encoded: a page named in
		// another script than Latin keeps its letters (/areas/αθήνα/).
		xml.EscapeText(&b, []byte(s.View.Absolute((&url.URL{Path: p}).EscapedPath())))
		b.WriteString("</loc>")
		if s.View.DataAsAt != "" {
			b.WriteString("<lastmod>" + s.View.DataAsAt + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func (s *Site) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.View.Absolute("/sitemap.xml") + "\n")
}

package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
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
	return fmt.Sprintf("%d rows", d.Rows)
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

// openData writes the downloads and notes which page offers which, before
// any page is rendered.
func (r *renderer) openData() error {
	d := r.in.Data
	r.downloads = map[string][]Download{}
	r.jsonld = map[string]any{}
	cfg := r.in.Config
	prefix := cfg.OpenData.GrantPrefix
	if prefix == "" {
		prefix = "360G-" + model.Slugify(cfg.Publisher)
	}
	// Each table is made as it is written: a national dataset's tables
	// each hold every row as text, and all five at once were a peak of
	// the build's memory.
	site := []func() opendata.Table{
		func() opendata.Table { return opendata.Allocations("allocations", "All allocations", d.Allocations) },
		func() opendata.Table {
			return opendata.AreaTotals("area-totals", "Allocations by area and financial year", d.Allocations, d.Missing)
		},
		func() opendata.Table { return opendata.Areas(d) },
		func() opendata.Table { return opendata.Funds(d) },
		func() opendata.Table {
			return opendata.Giving360(d.Allocations, opendata.Giving360Options{Prefix: prefix, FunderID: cfg.OpenData.FunderID, Publisher: cfg.Publisher, DataAsAt: cfg.DataAsAt})
		},
	}
	var all []Download
	for _, table := range site {
		t := table()
		dl, err := r.offer("/data/", t, t.Name != "360giving")
		if err != nil {
			return err
		}
		all = append(all, dl)
	}
	r.data = DataView{Downloads: all}
	r.jsonld["/data/"] = r.dataset("/data/", cfg.Title+": open data", cfg.Description, all, d.Allocations)
	r.downloads["/"] = all[:3]
	r.downloads["/areas/"] = all[:3]
	for _, f := range d.Funds {
		rows, missing := d.Select(model.Filter{Fund: f}), model.Filter{Fund: f}.Pick(d.Missing)
		var dls []Download
		for _, t := range []opendata.Table{
			opendata.Allocations("allocations", f.Name+": allocations", rows),
			opendata.YearTotals("by-year", f.Name+": total by financial year", rows, missing),
			opendata.RegionTotals("by-region", f.Name+": total by region", rows, missing),
			opendata.AreaTotals("by-area", f.Name+": allocation to each area", rows, missing),
		} {
			dl, err := r.offer(fundURL(f), t, true)
			if err != nil {
				return err
			}
			dls = append(dls, dl)
		}
		r.downloads[fundURL(f)] = dls
		desc := fmt.Sprintf("Allocations of the %s to each area by financial year, with status and source. %s", f.Name, f.Description)
		r.jsonld[fundURL(f)] = r.dataset(fundURL(f), f.Name+": allocations", strings.TrimSpace(desc), dls, rows)
	}
	for _, a := range d.Areas {
		dl, err := r.offer(areaURL(a), opendata.Allocations("allocations", a.Name+": allocations", d.Select(model.Filter{Area: a})), true)
		if err != nil {
			return err
		}
		r.downloads[areaURL(a)] = []Download{dl}
	}
	return nil
}

// offer writes a table beside a page (dir is the page's address) as CSV
// and, when withJSON, JSON.
func (r *renderer) offer(dir string, t opendata.Table, withJSON bool) (Download, error) {
	cfg := r.in.Config
	dl := Download{Title: t.Title, Description: t.Description, CSV: dir + t.Name + ".csv", Rows: t.Len}
	r.keep(Output{Path: strings.TrimPrefix(dl.CSV, "/"), Data: t.CSV()})
	if withJSON {
		data, err := t.JSON(opendata.Meta{Publisher: cfg.Publisher, Licence: cfg.Licence, LicenceURL: cfg.LicenceURL, DataAsAt: cfg.DataAsAt, Version: r.in.Version})
		if err != nil {
			return dl, err
		}
		dl.JSON = dir + t.Name + ".json"
		r.keep(Output{Path: strings.TrimPrefix(dl.JSON, "/"), Data: data})
	}
	return dl, nil
}

func (r *renderer) dataset(url, name, description string, dls []Download, rows []*model.Allocation) dataset {
	cfg := r.in.Config
	ds := dataset{
		Context: "https://schema.org/", Type: "Dataset", Name: name, Description: description,
		URL: r.absolute(url), License: cfg.LicenceURL, DateModified: cfg.DataAsAt, Version: r.in.Version, IsFree: true,
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
		ds.Distribution = append(ds.Distribution, dataDownload{"DataDownload", dl.Title + " (CSV)", "text/csv", r.absolute(dl.CSV)})
		if dl.JSON != "" {
			ds.Distribution = append(ds.Distribution, dataDownload{"DataDownload", dl.Title + " (JSON)", "application/json", r.absolute(dl.JSON)})
		}
	}
	return ds
}

// absolute turns a site address into a full URL for citations and feeds.
func (r *renderer) absolute(url string) string {
	return strings.TrimSuffix(r.site.BaseURL, "/") + url
}

// parseLayout adds layouts/<name>.html to t.
func parseLayout(t *template.Template, theme fs.FS, name string) error {
	body, err := fs.ReadFile(theme, "layouts/"+name+".html")
	if err != nil {
		return err
	}
	_, err = t.New(name).Parse(string(body))
	return err
}

// renderOpen renders what comes after the pages: the data page, and the
// files that list every page (sitemap.xml, robots.txt).
func (r *renderer) renderOpen() error {
	desc := "Every figure on this site as CSV and JSON, with its status and the workbook cell it came from."
	if err := r.page("data", "/data/", "Open data", desc, "/data/", r.data, nil); err != nil {
		return err
	}
	if err := r.renderHistory(); err != nil {
		return err
	}
	r.keep(Output{Path: "sitemap.xml", Data: r.sitemap()}, Output{Path: "robots.txt", Data: r.robots()})
	return nil
}

// sitemap lists every page, dated by the data (never the build clock, so
// rebuilding the same data gives the same file).
func (r *renderer) sitemap() []byte {
	pages := slices.Clone(r.pages)
	slices.Sort(pages)
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(r.absolute(p)))
		b.WriteString("</loc>")
		if r.site.DataAsAt != "" {
			b.WriteString("<lastmod>" + r.site.DataAsAt + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func (r *renderer) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + r.absolute("/sitemap.xml") + "\n")
}

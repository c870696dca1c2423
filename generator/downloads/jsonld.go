package downloads

import (
	"fmt"

	"fundsite/generator/model"
	"fundsite/generator/pages"
)

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

func (m *maker) dataset(url, name, description string, dls []pages.Download, rows []*model.Allocation) dataset {
	cfg := m.s.Config
	abs := m.s.View.Absolute
	ds := dataset{
		Context: "https://schema.org/", Type: "Dataset", Name: name, Description: description,
		URL: abs(url), License: cfg.LicenceURL, DateModified: cfg.DataAsAt, Version: m.version, IsFree: true,
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

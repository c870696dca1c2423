// Package siteindex is the part of the site that says what the rest of it
// holds and how it changed: the figures manifest (data/figures.json), the
// "Data updates" page and its Atom feed, redirects for areas' old
// addresses, and the sitemap and robots.txt. It runs after the parts that
// make pages, as it lists their pages and compares their figures with the
// last build's.
package siteindex

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/history"
	"fundsite/generator/model"
	"fundsite/generator/pages"
)

// History is the part that publishes what the build remembers, once every
// page's figures are known: the figure manifest, the updates page and
// feed, and redirects for old addresses.
type History struct {
	// Remember compares the figures the pages show with the last build's
	// and gives the history to publish: the orchestrator's, as it knows
	// where the last build is.
	Remember func(ctx context.Context, published []history.Figure) (*history.Manifest, error)
}

// Name says what the part makes, for --timings.
func (History) Name() string { return "history: compare figures with the last build" }

// Make compares the pages' figures with the last build's and makes the
// pages and files that publish the result.
func (p History) Make(ctx context.Context, s *pages.Site) ([]*pages.Page, []pages.File, error) {
	published := make([]history.Figure, len(s.Figures))
	for i, f := range s.Figures {
		published[i] = history.Figure(f)
	}
	h, err := p.Remember(ctx, published)
	if err != nil {
		return nil, nil, err
	}
	// Made as it is written: a national site's manifest is tens of MB.
	files := []pages.File{pages.StreamOf("data/figures.json", pages.Digest{}, true, h.WriteJSON)}
	updates := updateViews(h.Updates)
	desc := "Figures that changed, appeared or disappeared each time the data was updated."
	page := &pages.Page{Layout: "updates", URL: "/updates/", Title: "Data updates", Description: desc, Current: "/updates/", Content: UpdatesView{Updates: updates}}
	if s.View.DataAsAt == "" {
		s.Problems.Warnf(diag.Loc{File: s.Config.File}, "data_as_at is not set, so the updates feed (which must be dated) is not written; add data_as_at = \"YYYY-MM-DD\"")
	} else {
		feed, err := feed(s.View, updates)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, pages.FileOf("updates/feed.xml", feed))
	}
	files = append(files, pages.FileOf("_redirects", redirects(history.AreaRedirects(h.Areas, Addresses(s.Data)))))
	return []*pages.Page{page}, files, nil
}

// Addresses are the areas' page addresses, for redirects when one changes.
// A code that cannot be a web address (model.ValidCode) is left out, so it
// never reaches _redirects.
func Addresses(d *model.Dataset) []history.Address {
	var out []history.Address
	for _, a := range d.Areas {
		code := a.Code
		if !model.ValidCode(code) {
			code = ""
		}
		out = append(out, history.Address{Code: code, Slug: a.Slug})
	}
	return out
}

// UpdatesView is the "Data updates" page: what each build changed.
type UpdatesView struct {
	Updates []UpdateView
}

// UpdateView is one update, its changes in words.
type UpdateView struct {
	ID       string
	Title    string
	DataAsAt string
	Version  string
	Changes  []ChangeView
}

// ChangeView is one changed figure, linked to where it is now.
type ChangeView struct {
	Text string // "Mid and South Essex, 2023/24: £530,000 → £541,200"
	URL  string // "" when the figure has gone
}

func updateViews(us []history.Update) []UpdateView {
	var out []UpdateView
	for _, u := range us {
		v := UpdateView{ID: u.ID(), Title: u.Title(), DataAsAt: u.DataAsAt, Version: u.Version}
		for _, c := range u.Changes {
			cv := ChangeView{Text: c.String()}
			if c.After != "" && strings.HasPrefix(c.Key, "/") {
				cv.URL = c.Key
			}
			v.Changes = append(v.Changes, cv)
		}
		out = append(out, v)
	}
	return out
}

// redirects is Netlify's _redirects file: permanent redirects, one a line.
func redirects(rs []history.Redirect) []byte {
	var b strings.Builder
	b.WriteString("# Old addresses that still work. Written by fundsite build; do not edit.\n")
	for _, r := range rs {
		b.WriteString(r.From + "  " + r.To + "  301\n")
	}
	return []byte(b.String())
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Links   []atomLink  `xml:"link"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary"`
}

// feed is the Atom feed of updates, dated by the data, never the clock.
func feed(view *pages.SiteView, updates []UpdateView) ([]byte, error) {
	page := view.Absolute("/updates/")
	f := atomFeed{
		Title: view.Title + ": data updates", ID: page,
		Links:   []atomLink{{Rel: "self", Href: view.Absolute("/updates/feed.xml")}, {Rel: "alternate", Href: page}},
		Updated: view.DataAsAt + "T00:00:00Z", Author: atomAuthor{view.Publisher},
	}
	if f.Author.Name == "" {
		f.Author.Name = view.Title
	}
	for _, u := range updates {
		e := atomEntry{Title: u.Title, ID: page + "#" + u.ID, Link: atomLink{Href: page + "#" + u.ID}, Updated: u.DataAsAt + "T00:00:00Z"}
		var lines []string
		for _, c := range u.Changes {
			lines = append(lines, c.Text)
		}
		e.Summary = "Data as at " + u.DataAsAt + ", data version " + u.Version + "."
		if len(lines) > 0 {
			e.Summary += " " + strings.Join(lines, "; ") + "."
		}
		f.Entries = append(f.Entries, e)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

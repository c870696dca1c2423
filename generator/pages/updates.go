package pages

import (
	"bytes"
	"encoding/xml"
	"strings"

	"fundsite/generator/diag"
	"fundsite/generator/history"
)

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

// AddHistory adds what the build remembers, once the history is known:
// the figure manifest, the updates page and feed, and redirects for old
// addresses; then the files that list every page (sitemap.xml,
// robots.txt). h nil adds no history.
func (s *Site) AddHistory(h *history.Manifest) error {
	if h != nil {
		if err := s.addHistory(h); err != nil {
			return err
		}
	}
	s.Files = append(s.Files, FileOf("sitemap.xml", s.sitemap()), FileOf("robots.txt", s.robots()))
	return nil
}

func (s *Site) addHistory(h *history.Manifest) error {
	// Made as it is written: a national site's manifest is tens of MB.
	s.Files = append(s.Files, File{Path: "data/figures.json", Large: true, stream: h.WriteJSON})
	updates := updateViews(h.Updates)
	desc := "Figures that changed, appeared or disappeared each time the data was updated."
	page := &Page{Layout: "updates", URL: "/updates/", Title: "Data updates", Description: desc, Current: "/updates/", Content: UpdatesView{Updates: updates}}
	digestPage(page, nil)
	s.Pages = append(s.Pages, page)
	if s.View.DataAsAt == "" {
		s.problems.Warnf(diag.Loc{File: s.in.Config.File}, "data_as_at is not set, so the updates feed (which must be dated) is not written; add data_as_at = \"YYYY-MM-DD\"")
	} else {
		feed, err := s.feed(updates)
		if err != nil {
			return err
		}
		s.Files = append(s.Files, FileOf("updates/feed.xml", feed))
	}
	s.Files = append(s.Files, FileOf("_redirects", redirects(history.AreaRedirects(h.Areas, Addresses(s.in.Data)))))
	return nil
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
func (s *Site) feed(updates []UpdateView) ([]byte, error) {
	page := s.View.Absolute("/updates/")
	f := atomFeed{
		Title: s.View.Title + ": data updates", ID: page,
		Links:   []atomLink{{Rel: "self", Href: s.View.Absolute("/updates/feed.xml")}, {Rel: "alternate", Href: page}},
		Updated: s.View.DataAsAt + "T00:00:00Z", Author: atomAuthor{s.View.Publisher},
	}
	if f.Author.Name == "" {
		f.Author.Name = s.View.Title
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

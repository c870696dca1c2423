package pages

import (
	"io"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/history"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
)

// areaPages readies the areas' pages, which are built as they are
// rendered (Site.Stream) rather than here: at national scale they are
// nearly all the pages, and holding every one's view until it was rendered
// was most of a build's memory (800 MB for a million rows).
func (b *builder) areaPages(narratives map[*model.Area]*narrative.Page) {
	b.rankAreas()
	b.areaNarratives = narratives
}

// Stream builds each area's page and hands it to render, which renders
// and writes it (or finds it unchanged), and then lets it go, so only the
// pages being rendered are held at once. run calls job(0) to job(n-1), on
// every core; it stops at the first error. Once every page is built, the
// figures they show join Figures, for the history, and their problems
// join the build's, in the areas' order, so messages are the same on any
// machine. A page whose narrative has an error is not rendered: the build
// will fail.
func (s *Site) Stream(run func(n int, job func(i int) error) error, render func(*Page) error) error {
	b := s.b
	areas := b.in.Data.Areas
	type result struct {
		figures  []history.Figure
		problems diag.List
	}
	results := make([]result, len(areas))
	err := run(len(areas), func(i int) error {
		res := &results[i]
		page, view := b.areaPage(areas[i], &res.problems)
		res.figures = areaFigures(b.in.Data, view)
		if res.problems.Err() != nil {
			return nil
		}
		return render(page)
	})
	if err != nil {
		return err
	}
	for i := range results {
		b.problems.Merge(&results[i].problems)
		s.Figures = append(s.Figures, results[i].figures...)
	}
	return nil
}

// AreaPages counts the areas' pages, which Stream builds.
func (s *Site) AreaPages() int { return len(s.b.in.Data.Areas) }

// areaPage builds an area's page whole but for its narrative's HTML,
// which Finish adds when the page is rendered: an unchanged page's never
// is.
func (b *builder) areaPage(a *model.Area, problems *diag.List) (*Page, AreaView) {
	av := b.buildArea(a)
	av.Locator = b.locator(a, problems)
	pc := newPageCharts(av.URL)
	av.Charts = pc.placeAll(b.areaCharts(av)...)
	var body *narrative.Prepared
	if p := b.areaNarratives[a]; p != nil {
		body = p.Prepare(narrative.Context{Context: figures.Context{Area: a}, Taken: av.figureIDs(), Chart: b.chartHTML(pc)}, problems)
	}
	page := &Page{Layout: "area", URL: av.URL, Title: a.Name, Description: av.Lead, Current: "/areas/", Content: av,
		Charts: len(pc.ids) > 0, Files: pc.files, Downloads: b.downloads[av.URL], JSONLD: b.jsonld[av.URL]}
	var extra func(io.Writer)
	if body != nil {
		extra = body.Digest
		page.finish = func() {
			v := av
			v.Body = body.Render()
			page.Content = v
		}
	}
	digestPage(page, extra)
	return page, av
}

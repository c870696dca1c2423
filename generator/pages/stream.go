package pages

import (
	"context"
	"io"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
)

// areasPart builds the areas' pages as they are rendered (Stream) rather
// than all at once: at national scale they are nearly all the pages.
type areasPart struct{ b *builder }

func (areasPart) Name() string { return "area pages: build, render, write" }

// Make ranks the areas for the area pages' charts, and writes each
// ranking beside its fund's page.
func (p areasPart) Make(context.Context, *Site) ([]*Page, []File, error) {
	p.b.rankAreas()
	pages, files := p.b.take()
	return pages, files, nil
}

// Stream builds each area's page and hands it to render, which renders
// and writes it (or finds it unchanged), and then lets it go, so only the
// pages being rendered are held at once. run calls job(0) to job(n-1), on
// every core; it stops at the first error. Once every page is built, the
// figures they show join the site's Figures, for the history, and their
// problems join the build's, in the areas' order, so messages are the
// same on any machine. A page whose narrative has an error is not
// rendered: the build will fail.
func (p areasPart) Stream(_ context.Context, s *Site, run func(n int, job func(i int) error) error, render func(*Page) error) error {
	b := p.b
	areas := b.in.Data.Areas
	type result struct {
		figures  []Figure
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
		s.Problems.Merge(&results[i].problems)
		s.Figures = append(s.Figures, results[i].figures...)
	}
	return nil
}

// areaPage builds an area's page whole but for its narrative's HTML,
// which Finish adds when the page is rendered: an unchanged page's never
// is.
func (b *builder) areaPage(a *model.Area, problems *diag.List) (*Page, AreaView) {
	av := b.buildArea(a)
	av.Locator = b.locator(a, problems)
	pc := newPageCharts(av.URL)
	av.Charts = pc.placeAll(b.areaCharts(av)...)
	var body *narrative.Prepared
	if p := b.attached.areas[a]; p != nil {
		body = p.Prepare(narrative.Context{Context: figures.Context{Area: a}, Taken: av.figureIDs(), Chart: b.chartHTML(pc)}, problems)
	}
	o := b.site.Offered(av.URL)
	page := &Page{Layout: "area", URL: av.URL, Title: a.Name, Description: av.Lead, Current: "/areas/", Content: av,
		Charts: len(pc.ids) > 0, Files: pc.files, Downloads: o.Downloads, JSONLD: o.JSONLD}
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

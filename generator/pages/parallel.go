package pages

import (
	"io"
	"runtime"
	"sync"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
)

// areaPages builds every area's view on every core: at national scale they
// are nearly all the pages. Each is built whole but for its charts and its
// narrative's HTML, which its page makes as it is rendered; problems are
// kept in the areas' order, so messages are the same on any machine.
func (b *builder) areaPages(narratives map[*model.Area]*narrative.Page) {
	d := b.in.Data
	b.rankAreas()
	type result struct {
		page     *Page
		problems diag.List
	}
	results := make([]result, len(d.Areas))
	inParallel(len(d.Areas), func(i int) {
		a, res := d.Areas[i], &results[i]
		av := b.buildArea(a)
		pc := newPageCharts(av.URL)
		av.Charts = pc.placeAll(b.areaCharts(av)...)
		var body *narrative.Prepared
		if p := narratives[a]; p != nil {
			body = p.Prepare(narrative.Context{Context: figures.Context{Area: a}, Taken: av.figureIDs(), Chart: b.chartHTML(pc)}, &res.problems)
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
			page.release = func() { page.Content = av }
		}
		digestPage(page, extra)
		res.page = page
	})
	for i := range results {
		b.problems.Merge(&results[i].problems)
		b.site.Pages = append(b.site.Pages, results[i].page)
		b.site.Figures = append(b.site.Figures, areaFigures(d, results[i].page.Content.(AreaView))...)
	}
}

// inParallel calls job(0) to job(n-1), each once, on as many goroutines as
// there are cores.
func inParallel(n int, job func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				job(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

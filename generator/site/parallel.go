package site

import (
	"runtime"
	"sync"

	"fundsite/generator/diag"
	"fundsite/generator/figures"
	"fundsite/generator/model"
	"fundsite/generator/narrative"
)

// areaPages renders every area's page on every core: at national scale
// they are nearly all the pages. They render a batch at a time and are
// handed on in the areas' order, so memory holds one batch, not the site,
// and the site and its messages are the same on any machine.
func (r *renderer) areaPages(narratives map[*model.Area]*narrative.Page) error {
	areas := r.in.Data.Areas
	type result struct {
		out      []Output
		problems diag.List
		err      error
	}
	ranked, err := r.rankFunds()
	if err != nil {
		return err
	}
	batch := 32 * runtime.GOMAXPROCS(0)
	for start := 0; start < len(areas) && r.emitErr == nil; start += batch {
		todo := areas[start:min(start+batch, len(areas))]
		results := make([]result, len(todo))
		inParallel(len(todo), func(i int) {
			a, res := todo[i], &results[i]
			av := buildArea(r.in.Data, a)
			pc := newPageCharts(av.URL)
			av.Charts = pc.placeAll(ranked.areaCharts(r.in.Data, a)...)
			if p := narratives[a]; p != nil {
				av.Body = p.Render(narrative.Context{Context: figures.Context{Area: a}, Taken: av.figureIDs(), Chart: r.chartHTML(pc)}, &res.problems)
			}
			res.out, res.err = r.render("area", av.URL, a.Name, av.Lead, "/areas/", av, pc)
		})
		for i := range results {
			r.problems.Merge(&results[i].problems)
			if results[i].err != nil {
				return results[i].err
			}
			r.keep(results[i].out...)
		}
	}
	return nil
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

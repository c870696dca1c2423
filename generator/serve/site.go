package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"fundsite/generator/diag"
	"fundsite/generator/pipeline"
)

// site is the preview's state: the last good build and the last failure.
type site struct {
	root   string // the temporary folder the preview's site is built in
	opts   Options
	models pipeline.ModelCache

	mu      sync.RWMutex
	dir     string   // the last good build; "" until one succeeds
	gen     int      // counts finished builds, good or not
	failure []string // the last build's error as the terminal shows it; nil if it built
	// changed is closed when a build finishes, waking every event stream;
	// a fresh channel replaces it.
	changed chan struct{}
}

func newSite(root string, opts Options) *site {
	return &site{root: root, opts: opts, changed: make(chan struct{})}
}

// state is a consistent view of the site for one request.
type state struct {
	dir     string
	gen     int
	failure []string
	changed <-chan struct{}
}

func (s *site) state() state {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return state{dir: s.dir, gen: s.gen, failure: s.failure, changed: s.changed}
}

// rebuild updates the preview's site where it stands, making and writing
// only what the change needs: an edit to one narrative renders one page.
// A build that fails before writing (nearly every failure: the data, the
// settings, a narrative) leaves the last site as it was. Either way open
// pages are told to reload, so they show the new site or the problems.
func (s *site) rebuild(ctx context.Context) {
	gen := s.state().gen + 1
	opts := s.opts.Build
	opts.OutDir = filepath.Join(s.root, "site")
	opts.Models = &s.models
	opts.Preview = true
	opts.InPlace = true
	res, err := pipeline.Build(ctx, opts)
	if ctx.Err() != nil {
		return // shutting down: the build was interrupted, not broken
	}
	s.report(res, err)

	s.mu.Lock()
	if err == nil {
		s.dir, s.failure = opts.OutDir, nil
	} else {
		s.failure = strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	}
	s.gen = gen
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// report prints what the build command would: warnings, then the problems
// or a summary.
func (s *site) report(res *pipeline.Result, err error) {
	var failure *diag.Failure
	if res != nil && res.Problems != nil && !errors.As(err, &failure) {
		fmt.Fprint(s.opts.Stderr, res.Problems.Report(20))
	}
	if err != nil {
		fmt.Fprintln(s.opts.Stderr, "fundsite:", err)
		if s.state().dir == "" {
			fmt.Fprintln(s.opts.Stderr, "The preview shows these problems until the site builds. Fix them and save.")
		} else {
			fmt.Fprintln(s.opts.Stderr, "The preview still shows the last site that built, with these problems over every page. Fix them and save.")
		}
		return
	}
	reused := ""
	if res.ReusedData {
		reused = " (workbooks unchanged, not read again)"
	}
	fmt.Fprintf(s.opts.Stdout, "Built: %s%s\n", res, reused)
}

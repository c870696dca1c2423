// Package serve is the comms team's preview: it builds the site into a
// temporary folder, serves it, rebuilds when an input is saved, and tells
// open pages to reload. A failed rebuild keeps the last good site on screen
// with the problems shown over every page.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fundsite/generator/pipeline"
)

// Options say what to preview.
type Options struct {
	// Build names the config and default theme. The preview builds into a
	// temporary folder and never writes OutDir (public/); it only compares
	// figures with the site published there, as the next build would.
	Build pipeline.Options
	// Stdout gets the address and a line per rebuild; Stderr the problems.
	Stdout, Stderr io.Writer
	// Debounce is how long the inputs must be quiet before a rebuild, so an
	// editor's burst of writes gives one rebuild. Zero means 100ms.
	Debounce time.Duration
}

// Run builds the site, serves it on ln and rebuilds on every change until
// ctx is cancelled. It removes its temporary folders before returning.
func Run(ctx context.Context, ln net.Listener, opts Options) (err error) {
	if opts.Debounce == 0 {
		opts.Debounce = 100 * time.Millisecond
	}
	if opts.Build.Previous == "" && opts.Build.OutDir != "" {
		opts.Build.Previous = filepath.Join(opts.Build.OutDir, "data", "figures.json")
	}
	removeStale(opts.Stdout)
	root, err := newFolder()
	if err != nil {
		return fmt.Errorf("making a folder for the preview: %w", err)
	}
	defer func() {
		if rerr := os.RemoveAll(root); rerr != nil && err == nil {
			err = fmt.Errorf("removing the preview folder: %w", rerr)
		}
	}()
	w, err := newWatcher(opts.Build.ConfigPath)
	if err != nil {
		return err
	}
	defer w.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := newSite(root, opts)
	s.rebuild(ctx)
	srv := &http.Server{
		Handler: s.handler(isLoopback(ln.Addr())),
		// Event streams end with ctx, as it is every request's base
		// context, so shutdown only waits for page requests in flight.
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	fmt.Fprintf(opts.Stdout, "Previewing the site at http://%s/ (press Ctrl-C to stop)\n", ln.Addr())

	var wg sync.WaitGroup
	wg.Go(func() { s.watch(ctx, w) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	cancel()
	// Page requests in flight get a moment to finish. A browser's idle
	// preconnected sockets would hold Shutdown for 5s, so then close all.
	stop, cancelStop := context.WithTimeout(context.Background(), time.Second)
	defer cancelStop()
	if err := srv.Shutdown(stop); errors.Is(err, context.DeadlineExceeded) {
		srv.Close()
	}
	wg.Wait()
	return serveErr
}

func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

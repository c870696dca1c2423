// Package parallel runs a build's many like jobs (pages, files, rows) on
// several goroutines at once.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Cores is how many jobs that only compute are worth running at once.
func Cores() int { return runtime.GOMAXPROCS(0) }

// Each calls job(0) to job(n-1), each once, on up to workers goroutines,
// and returns the first error, after which it starts no more jobs. It
// stops too when ctx is cancelled (Ctrl-C).
func Each(ctx context.Context, workers, n int, job func(i int) error) error {
	var (
		wg    sync.WaitGroup
		next  atomic.Int64
		mu    sync.Mutex
		first error
	)
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return first != nil }
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || failed() {
					return
				}
				err := ctx.Err()
				if err == nil {
					err = job(i)
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// For calls job(0) to job(n-1), each once, on every core: for jobs that
// only compute, and cannot fail.
func For(n int, job func(i int)) {
	_ = Each(context.Background(), Cores(), n, func(i int) error { job(i); return nil })
}

// Later runs f on a goroutine of its own, and returns a function that
// waits for f to end and gives its result: for work that can go on while
// the build does something else, such as reading a file while a workbook
// is read on another core.
func Later[T any](f func() (T, error)) func() (T, error) {
	var (
		v   T
		err error
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

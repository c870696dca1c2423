package publish

import (
	"errors"
	"os"
	"sync"
)

// interrupt lets a build that must stop at once (the command line, on
// Ctrl-C or SIGTERM, when the build does not finish by itself within a
// moment) delete its staging folders without racing the writes and
// renames still under way.
var interrupt struct {
	// busy is read-held by every write into a staging folder and every
	// rename that publishes; Abandon holds it for good.
	busy      sync.RWMutex
	mu        sync.Mutex
	abandoned bool
	dirs      map[string]int // folders to delete if abandoned
	locks     map[string]int // lock files to delete if abandoned
}

var errAbandoned = errors.New("the build was stopped")

// guarded runs fn unless the build has been abandoned.
func guarded(fn func() error) error {
	interrupt.busy.RLock()
	defer interrupt.busy.RUnlock()
	if interrupt.abandoned {
		return errAbandoned
	}
	return fn()
}

// track notes a folder to delete if the build is abandoned, until forget.
func track(dir string) (forget func()) { return note(&interrupt.dirs, dir) }

func trackLock(name string) (forget func()) { return note(&interrupt.locks, name) }

func note(set *map[string]int, name string) func() {
	interrupt.mu.Lock()
	defer interrupt.mu.Unlock()
	if *set == nil {
		*set = map[string]int{}
	}
	(*set)[name]++
	return func() {
		interrupt.mu.Lock()
		defer interrupt.mu.Unlock()
		if (*set)[name]--; (*set)[name] <= 0 {
			delete(*set, name)
		}
	}
}

// Abandon stops every build in this process from writing or publishing
// anything more, and deletes their staging folders and lock files, so the
// process can exit at once leaving each output folder as it was. It waits
// for a write or rename under way, never for a build to finish; if a build
// was already swapping its site in, that site is out, whole.
func Abandon() {
	interrupt.busy.Lock() // never unlocked: nothing more is written
	interrupt.abandoned = true
	interrupt.mu.Lock()
	defer interrupt.mu.Unlock()
	for dir := range interrupt.dirs {
		removeAll(dir)
	}
	for name := range interrupt.locks {
		os.Remove(name)
	}
}

// removeAll deletes a folder, trying again if files appear in it as it is
// deleted (a file system that is slow to let go of one).
func removeAll(dir string) error {
	var err error
	for range 3 {
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
	}
	return err
}

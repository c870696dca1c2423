package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Writer saves files under a fresh staging folder. A file whose bytes are
// already in previous (the site being replaced) is hard-linked from it
// rather than written again; publish swaps the staging folder in whole, so
// publishing stays atomic, yet a rebuild after a small change leaves every
// unchanged file as it was (same inode, same time), and tools that copy by
// modification time only copy what changed.
// Write may be called from several goroutines at once.
type Writer struct {
	dir, previous string
	mu            sync.Mutex
	made          map[string]bool // folders already made
}

// NewWriter writes under dir; previous "" (or missing) writes everything.
func NewWriter(dir, previous string) *Writer {
	if _, err := os.Stat(previous); err != nil {
		previous = "" // no site to compare with, so no lookup per file
	}
	return &Writer{dir: dir, previous: previous, made: map[string]bool{}}
}

// Write saves one file at name (slash-separated, relative to the folder),
// refusing a name that would leave the folder. data is not read after it
// returns.
func (w *Writer) Write(name string, data []byte) error {
	clean := path.Clean("/" + name)
	if clean != "/"+name || strings.Contains(name, "..") {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	rel := filepath.FromSlash(name)
	full := filepath.Join(w.dir, rel)
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if w.previous != "" && unchanged(filepath.Join(w.previous, rel), data) {
		// A failed link (a file system without them) just writes.
		if os.Link(filepath.Join(w.previous, rel), full) == nil {
			return nil
		}
	}
	return os.WriteFile(full, data, 0o644)
}

// mkdir makes a folder once, however many files go in it. Inside a folder
// it has made, it makes just the one (MkdirAll would first look for it and
// its parent: 10,000 area folders' worth of needless calls).
func (w *Writer) mkdir(dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.made[dir] {
		return nil
	}
	var err error
	if w.made[filepath.Dir(dir)] {
		if err = os.Mkdir(dir, 0o755); errors.Is(err, fs.ErrExist) {
			err = nil
		}
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	// MkdirAll made its parents too: content/pages/*.md has no page of
	// its own at pages/, so nothing else would note that folder as made.
	for d := dir; d != w.dir && !w.made[d]; d = filepath.Dir(d) {
		w.made[d] = true
	}
	return nil
}

// unchanged reports whether the file at name is a regular file holding
// exactly data. Sizes are compared first, so most changed files are never read.
func unchanged(name string, data []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) || info.Mode().Perm() != 0o644 {
		return false
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
}

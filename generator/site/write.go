package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Write saves outputs under dir, refusing any path that would leave it.
func Write(dir string, outputs []Output) error {
	w := NewWriter(dir, "")
	for _, o := range outputs {
		if err := w.Write(o); err != nil {
			return err
		}
	}
	return nil
}

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

// Write saves one file, refusing a path that would leave the folder. The
// file's bytes are not read after it returns.
func (w *Writer) Write(o Output) error {
	defer o.recycle()
	clean := path.Clean("/" + o.Path)
	if clean != "/"+o.Path || strings.Contains(o.Path, "..") {
		return fmt.Errorf("refusing to write %q outside the output folder", o.Path)
	}
	rel := filepath.FromSlash(o.Path)
	full := filepath.Join(w.dir, rel)
	if err := w.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if w.previous != "" && reuse(filepath.Join(w.previous, rel), full, o.Data) {
		return nil
	}
	return os.WriteFile(full, o.Data, 0o644)
}

// reuse hard-links old to name when old holds exactly data, and reports
// whether it did. The link is made by path after the bytes are compared,
// so it checks that name is the very file it compared: if old was replaced
// in between (another build published), a page of that build would
// otherwise be published in this one. A failed link (a file system
// without them) just writes.
func reuse(old, name string, data []byte) bool {
	compared, ok := unchanged(old, data)
	if !ok || os.Link(old, name) != nil {
		return false
	}
	linked, err := os.Lstat(name)
	if err == nil && os.SameFile(compared, linked) {
		return true
	}
	os.Remove(name)
	return false
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
// exactly data, and returns the file it read. Sizes are compared first, so
// most changed files are never read.
func unchanged(name string, data []byte) (fs.FileInfo, bool) {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) || info.Mode().Perm() != 0o644 {
		return nil, false
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	// The file opened, not the one looked at: name may change between.
	info, err = f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return nil, false
	}
	old := make([]byte, len(data)+1)
	n, _ := io.ReadFull(f, old)
	return info, n == len(data) && bytes.Equal(old[:n], data)
}

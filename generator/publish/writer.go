package publish

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// RecordFile is where a build notes, in the folder it publishes, what each
// file was made from (its key), so the next build can tell which files it
// need not make again. Netlify does not serve files whose names start
// with a dot.
const RecordFile = ".fundsite-build.json"

// maxRecord is the most of a record read: a national site's keys are a
// few MB; anything much larger is not one fundsite wrote.
const maxRecord = 64 << 20

// Record is what a build published: a key for each file made from known
// inputs, and a digest of all the build's inputs.
type Record struct {
	// Inputs identifies everything the build read; a build that reads the
	// same inputs publishes the same site.
	Inputs string            `json:"inputs,omitempty"`
	Keys   map[string]string `json:"keys"`
}

// ReadRecord reads the record of the site in dir; an empty record when
// there is none or it cannot be read, so the build makes every file.
func ReadRecord(dir string) Record {
	empty := Record{Keys: map[string]string{}}
	if dir == "" {
		return empty
	}
	f, err := os.Open(filepath.Join(dir, RecordFile))
	if err != nil {
		return empty
	}
	defer f.Close()
	var r Record
	if err := json.NewDecoder(io.LimitReader(f, maxRecord)).Decode(&r); err != nil || r.Keys == nil {
		return empty
	}
	return r
}

// Writer saves files under a fresh staging folder. A file whose bytes are
// already in previous (the site being replaced) is hard-linked from it
// rather than written again; publish swaps the staging folder in whole, so
// publishing stays atomic, yet a rebuild after a small change leaves every
// unchanged file as it was (same inode, same time), and tools that copy by
// modification time only copy what changed. A file whose key is the one
// previous recorded for it is linked without being made at all (Reuse).
// Its methods may be called from several goroutines at once.
//
// An update writer (NewUpdateWriter) updates a site where it stands instead.
type Writer struct {
	dir, previous string
	before        map[string]string // previous's keys
	inPlace       bool

	mu      sync.Mutex
	made    map[string]bool // folders already made
	keys    map[string]string
	written []string        // files whose bytes were new
	kept    map[string]bool // in place: every file the site now has
	pending []string        // in place: files made beside their names (pend)
}

// NewWriter writes under dir; previous "" (or missing) writes everything.
func NewWriter(dir, previous string) *Writer {
	if _, err := os.Stat(previous); err != nil {
		previous = "" // no site to compare with, so no lookup per file
	}
	return &Writer{dir: dir, previous: previous, before: ReadRecord(previous).Keys, made: map[string]bool{}, keys: map[string]string{}}
}

// NewUpdateWriter updates the site in dir where it stands: a file whose
// key is unchanged is left alone, and one whose bytes change is made
// beside it. Close renames those over the old files (so a reader gets the
// old file or the new one) and deletes the files the site no longer has;
// a build that fails calls Discard instead, and the site stays as it was.
// Nothing is made twice and no folder is made again, which is what lets
// the preview show an edit at once; but the renames are one at a time, so
// it is never how a site for readers is published.
func NewUpdateWriter(dir string) *Writer {
	w := NewWriter(dir, dir)
	w.inPlace, w.kept = true, map[string]bool{}
	return w
}

// Reuse links name from the previous site when its key is the one the
// previous build recorded for it, and reports whether it did; the caller
// then need not make the file at all. An empty key is never reused.
func (w *Writer) Reuse(name, key string) bool {
	if key == "" || w.previous == "" || w.before[name] != key {
		return false
	}
	full, err := w.target(name)
	if err != nil {
		return false
	}
	if w.inPlace {
		if info, err := os.Lstat(full); err != nil || !info.Mode().IsRegular() {
			return false // gone since: made and written instead
		}
	} else if os.Link(filepath.Join(w.previous, filepath.FromSlash(name)), full) != nil {
		return false // made and written instead
	}
	w.note(name, key, false)
	return true
}

// Write saves one file at name (slash-separated, relative to the folder),
// refusing a name that would leave the folder, and notes its key ("" for
// none). data is not read after it returns.
func (w *Writer) Write(name string, data []byte, key string) error {
	full, err := w.target(name)
	if err != nil {
		return err
	}
	if w.inPlace {
		if _, same := unchanged(full, data); same {
			w.note(name, key, false)
			return nil
		}
		if err := os.WriteFile(full+pendingSuffix, data, 0o644); err != nil {
			return err
		}
		w.pend(full)
		w.note(name, key, true)
		return nil
	}
	if w.previous != "" && reuse(filepath.Join(w.previous, filepath.FromSlash(name)), full, data) {
		w.note(name, key, false)
		return nil
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return err
	}
	w.note(name, key, true)
	return nil
}

// pendingSuffix marks a file an update has made and not yet renamed into
// place: over name once the whole build has succeeded (Close).
const pendingSuffix = ".new"

// pend notes that full+pendingSuffix is to be renamed over full.
func (w *Writer) pend(full string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending = append(w.pending, full)
}

// Discard deletes the files an update made for a build that failed, so the
// site is left as it was.
func (w *Writer) Discard() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, full := range w.pending {
		os.Remove(full + pendingSuffix)
	}
	w.pending = nil
}

// WriteStream saves name as write makes it, never holding it whole: how
// a national download is written. As with Write, a file whose bytes are
// already in previous is linked from it instead, so it keeps its inode.
// Each step that touches the folder (creating the file, each megabyte
// written, finishing it) runs through save, as Stage.Save does, so a build
// told to stop writes nothing more even while a large file is being made.
func (w *Writer) WriteStream(name, key string, write func(io.Writer) error, save func(func() error) error) error {
	var f *os.File
	var full string
	err := save(func() error {
		var err error
		if full, err = w.target(name); err != nil {
			return err
		}
		made := full
		if w.inPlace {
			made = full + pendingSuffix // renamed over the old file if it differs
			os.Remove(made)
		}
		f, err = os.OpenFile(made, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		return err
	})
	if err != nil {
		return err
	}
	defer f.Close()
	buf := bufio.NewWriterSize(savedWriter{f, save}, 1<<20)
	if err := write(buf); err != nil {
		return err
	}
	if err := buf.Flush(); err != nil { // saved a chunk at a time, so not inside save
		return err
	}
	return save(func() error {
		if err := f.Close(); err != nil {
			return err
		}
		if w.inPlace {
			if _, same := sameBytes(full, f.Name()); same {
				w.note(name, key, false)
				return os.Remove(f.Name())
			}
			w.pend(full)
			w.note(name, key, true)
			return nil
		}
		if w.previous != "" && relink(filepath.Join(w.previous, filepath.FromSlash(name)), f.Name()) {
			w.note(name, key, false)
		} else {
			w.note(name, key, true)
		}
		return nil
	})
}

// savedWriter writes each chunk through save.
type savedWriter struct {
	f    *os.File
	save func(func() error) error
}

func (s savedWriter) Write(p []byte) (n int, err error) {
	err = s.save(func() error {
		n, err = s.f.Write(p)
		return err
	})
	return n, err
}

// relink replaces the file just written at name with a hard link to old
// when the two hold the same bytes, checking, as reuse does, that the link
// is the very file compared.
func relink(old, name string) bool {
	compared, ok := sameBytes(old, name)
	if !ok {
		return false
	}
	tmp := name + ".link"
	if os.Link(old, tmp) != nil {
		return false
	}
	linked, err := os.Lstat(tmp)
	if err == nil && os.SameFile(compared, linked) && os.Rename(tmp, name) == nil {
		return true
	}
	os.Remove(tmp)
	return false
}

// sameBytes reports whether old is a regular file holding the bytes of
// the file at name, a chunk at a time, and returns the file it read.
func sameBytes(old, name string) (fs.FileInfo, bool) {
	made, err := os.Stat(name)
	if err != nil {
		return nil, false
	}
	a, err := os.Open(old)
	if err != nil {
		return nil, false
	}
	defer a.Close()
	info, err := a.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != made.Size() || info.Mode().Perm() != 0o644 {
		return nil, false
	}
	b, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer b.Close()
	bufA, bufB := make([]byte, 256<<10), make([]byte, 256<<10)
	for {
		n, errA := io.ReadFull(a, bufA)
		m, errB := io.ReadFull(b, bufB)
		if n != m || !bytes.Equal(bufA[:n], bufB[:m]) {
			return nil, false
		}
		if errA != nil || errB != nil {
			return info, errors.Is(errA, io.ErrUnexpectedEOF) || errors.Is(errA, io.EOF)
		}
	}
}

// Written lists the files whose bytes were new, in name order: what a
// rebuild changed.
func (w *Writer) Written() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Sorted(slices.Values(w.written))
}

// Close writes the record of the keys, for the next build, with inputs,
// the digest of everything this build read.
// In place, it first deletes the files the site no longer has.
func (w *Writer) Close(inputs string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.inPlace {
		if err := w.renamePending(); err != nil {
			return err
		}
		if err := w.removeOthers(); err != nil {
			return err
		}
	}
	data, err := json.Marshal(Record{Inputs: inputs, Keys: w.keys}) // map keys sorted: the same bytes each time
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, RecordFile), data, 0o644)
}

// renamePending puts the files an update made in place. The record of keys
// goes first: were the renames cut short, a record naming the old keys
// would have the next build keep a file it must make again.
func (w *Writer) renamePending() error {
	if len(w.pending) == 0 {
		return nil
	}
	if err := os.Remove(filepath.Join(w.dir, RecordFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, full := range w.pending {
		if err := os.Rename(full+pendingSuffix, full); err != nil {
			return err
		}
	}
	w.pending = nil
	return nil
}

// removeOthers deletes every file under the folder this build did not
// write or keep, and the folders that leaves empty; the folder's own
// dot-files (the record, the marker) stay.
func (w *Writer) removeOthers() error {
	var stale []string
	err := filepath.WalkDir(w.dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(w.dir, full)
		name := filepath.ToSlash(rel)
		if !w.kept[name] && (strings.Contains(name, "/") || !strings.HasPrefix(name, ".")) {
			stale = append(stale, full)
		}
		return nil
	})
	if err != nil {
		return err
	}
	emptied := map[string]bool{}
	for _, f := range stale {
		if err := os.Remove(f); err != nil {
			return err
		}
		for d := filepath.Dir(f); d != w.dir; d = filepath.Dir(d) {
			emptied[d] = true
		}
	}
	// Deepest first; a folder that still holds files stays.
	for _, d := range slices.Backward(slices.Sorted(maps.Keys(emptied))) {
		os.Remove(d)
	}
	return nil
}

func (w *Writer) note(name, key string, written bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.kept != nil {
		w.kept[name] = true
	}
	if key != "" {
		w.keys[name] = key
	}
	if written {
		w.written = append(w.written, name)
	}
}

// target is where name goes, with its folder made; an error for a name
// that would leave the folder.
func (w *Writer) target(name string) (string, error) {
	clean := path.Clean("/" + name)
	if clean != "/"+name || strings.Contains(name, "..") || name == RecordFile {
		return "", fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	full := filepath.Join(w.dir, filepath.FromSlash(name))
	return full, w.mkdir(filepath.Dir(full))
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

// SetInputs notes in the record of the site in dir the digest of the
// inputs it was built from, when they changed after it was published (the
// build's own record of addresses). The record is replaced whole.
func SetInputs(dir, inputs string) error {
	r := ReadRecord(dir)
	if len(r.Keys) == 0 {
		return nil // no record to correct
	}
	r.Inputs = inputs
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, RecordFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, RecordFile))
}

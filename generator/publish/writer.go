package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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
// inputs, a digest of all the build's inputs, and every file it put in the
// folder with its size, time and digest. The files are how the next build
// knows the folder is fundsite's (own.go) and that each file is still the
// one it published (Inspect, Reuse): nothing in the folder is trusted
// because it is there.
type Record struct {
	// Inputs identifies everything the build read; a build that reads the
	// same inputs publishes the same site.
	Inputs string            `json:"inputs,omitempty"`
	Keys   map[string]string `json:"keys"`
	// Files is nil in a record an older fundsite wrote.
	Files map[string]Published `json:"files,omitempty"`
}

// Published is one file as a build left it. Size and Mod (the
// modification time, in nanoseconds) let a check stat a file rather than
// read it; Digest decides when they differ (a copy, a touch).
type Published struct {
	Size   int64  `json:"size"`
	Mod    int64  `json:"mod"`
	Digest string `json:"sha256"`
}

// digestOf is the digest a record gives bytes: half a SHA-256, as the
// keys are, which tells an edited file from the one published.
func digestOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// sameAs reports whether info is a regular file with the size and time
// recorded.
func (p Published) sameAs(info fs.FileInfo) bool {
	return info.Mode().IsRegular() && info.Size() == p.Size && info.ModTime().UnixNano() == p.Mod
}

// holds reports whether the regular file at full is still the one p
// records: by size and time, or, when only the time differs, by digest.
func (p Published) holds(full string, info fs.FileInfo) bool {
	if !info.Mode().IsRegular() || info.Size() != p.Size {
		return false
	}
	if p.sameAs(info) {
		return true
	}
	f, err := os.Open(full)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)[:16]) == p.Digest
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
	for name := range r.Files {
		if !validName(name) {
			return empty // not a record fundsite wrote
		}
	}
	return r
}

// validName reports whether name is one a site's file may have: slash
// separated, inside the folder, and not the record itself.
func validName(name string) bool {
	clean := path.Clean("/" + name)
	return clean == "/"+name && !strings.Contains(name, "..") && name != RecordFile
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
	before        map[string]string    // previous's keys
	found         map[string]Published // previous's files
	inPlace       bool

	mu      sync.Mutex
	made    map[string]bool // folders already made
	keys    map[string]string
	files   map[string]Published // every file made or kept; Mod 0 until Close
	written []string             // files whose bytes were new
	kept    map[string]bool      // in place: every file the site now has
	pending []string             // in place: files made beside their names (pend)
}

// NewWriter writes under dir; previous "" (or missing) writes everything.
func NewWriter(dir, previous string) *Writer {
	if _, err := os.Stat(previous); err != nil {
		previous = "" // no site to compare with, so no lookup per file
	}
	rec := ReadRecord(previous)
	return &Writer{dir: dir, previous: previous, before: rec.Keys, found: rec.Files,
		made: map[string]bool{}, keys: map[string]string{}, files: map[string]Published{}}
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
// previous build recorded for it and the file there is still the one it
// published, and reports whether it did; the caller then need not make the
// file at all. An empty key is never reused. A file deleted, edited or
// replaced by a link since is made again: a rebuild never carries into the
// new site what someone else put in the old one.
func (w *Writer) Reuse(name, key string) bool {
	was, ok := w.found[name]
	if key == "" || w.previous == "" || w.before[name] != key || !ok {
		return false
	}
	full, err := w.target(name)
	if err != nil {
		return false
	}
	old := filepath.Join(w.previous, filepath.FromSlash(name))
	info, err := os.Lstat(old)
	if err != nil || !was.holds(old, info) {
		return false // gone or changed since: made and written instead
	}
	if !w.inPlace {
		if os.Link(old, full) != nil {
			return false // made and written instead
		}
		// The link is made by name: check it is the very file looked at.
		linked, err := os.Lstat(full)
		if err != nil || !os.SameFile(info, linked) {
			os.Remove(full)
			return false
		}
	}
	w.note(name, key, false, Published{Size: info.Size(), Mod: info.ModTime().UnixNano(), Digest: was.Digest})
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
	made := Published{Size: int64(len(data)), Digest: digestOf(data)}
	if w.inPlace {
		if info, same := unchanged(full, data); same {
			w.note(name, key, false, made.at(info))
			return nil
		}
		if err := os.WriteFile(full+pendingSuffix, data, 0o644); err != nil {
			return err
		}
		w.pend(full)
		w.note(name, key, true, made)
		return nil
	}
	if w.previous != "" {
		if info, ok := reuse(filepath.Join(w.previous, filepath.FromSlash(name)), full, data); ok {
			w.note(name, key, false, made.at(info))
			return nil
		}
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return err
	}
	w.note(name, key, true, made)
	return nil
}

// at is p with the time of the file info describes.
func (p Published) at(info fs.FileInfo) Published {
	p.Mod = info.ModTime().UnixNano()
	return p
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
	h := sha256.New()
	size := &counter{}
	buf := bufio.NewWriterSize(io.MultiWriter(savedWriter{f, save}, h, size), 1<<20)
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
		made := Published{Size: size.n, Digest: hex.EncodeToString(h.Sum(nil)[:16])}
		if w.inPlace {
			if info, same := sameBytes(full, f.Name()); same {
				w.note(name, key, false, made.at(info))
				return os.Remove(f.Name())
			}
			w.pend(full)
			w.note(name, key, true, made)
			return nil
		}
		if w.previous != "" {
			if info, ok := relink(filepath.Join(w.previous, filepath.FromSlash(name)), f.Name()); ok {
				w.note(name, key, false, made.at(info))
				return nil
			}
		}
		w.note(name, key, true, made)
		return nil
	})
}

// counter counts the bytes written through it.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

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
func relink(old, name string) (fs.FileInfo, bool) {
	compared, ok := sameBytes(old, name)
	if !ok {
		return nil, false
	}
	tmp := name + ".link"
	if os.Link(old, tmp) != nil {
		return nil, false
	}
	linked, err := os.Lstat(tmp)
	if err == nil && os.SameFile(compared, linked) && os.Rename(tmp, name) == nil {
		return compared, true
	}
	os.Remove(tmp)
	return nil, false
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
	if err := w.timeWritten(); err != nil {
		return err
	}
	data, err := json.Marshal(Record{Inputs: inputs, Keys: w.keys, Files: w.files}) // map keys sorted: the same bytes each time
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, RecordFile), data, 0o644)
}

// timeWritten notes the time of each file written, once it is in place
// (a rename keeps it): the files linked or kept have theirs already.
func (w *Writer) timeWritten() error {
	for name, f := range w.files {
		if f.Mod != 0 {
			continue
		}
		info, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		w.files[name] = f.at(info)
	}
	return nil
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

func (w *Writer) note(name, key string, written bool, file Published) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[name] = file
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
	if !validName(name) {
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
func reuse(old, name string, data []byte) (fs.FileInfo, bool) {
	compared, ok := unchanged(old, data)
	if !ok || os.Link(old, name) != nil {
		return nil, false
	}
	linked, err := os.Lstat(name)
	if err == nil && os.SameFile(compared, linked) {
		return compared, true
	}
	os.Remove(name)
	return nil, false
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

package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/pages"
	"fundsite/generator/publish"
	"fundsite/generator/site"
)

// A rebuild skips the work whose result it already has, at two levels:
//
//   - When nothing the site is made from has changed (the same fundsite,
//     site.toml, theme, workbooks, narratives and record of addresses),
//     the published site is already this build's, and is left as it is.
//   - Otherwise every page and download has a key over exactly what it is
//     made from (its own figures, rows and narrative, and what every page
//     shares: fundsite, the theme, site.toml, the navigation). A file
//     whose key the last build recorded is hard-linked from it, unmade.
//
// Pages cite the version of their own figures, not of the whole site, so
// that fixing one cell changes only the pages that show it.

var (
	selfOnce   sync.Once
	selfDigest [sha256.Size]byte
)

// self identifies this fundsite: a change to the program (a new release,
// a fix) may change any file, so every key includes it.
func self() [sha256.Size]byte {
	selfOnce.Do(func() {
		h := sha256.New()
		exe, err := os.Executable()
		var f *os.File
		if err == nil {
			f, err = os.Open(exe)
		}
		if err == nil {
			// The bytes alone: "go run" builds the same program into a new
			// temporary folder each time.
			_, err = io.Copy(h, f)
			f.Close()
		}
		if err != nil {
			// Unknown: a key that matches no earlier build's.
			fmt.Fprintf(h, "unknown %d", time.Now().UnixNano())
		}
		h.Sum(selfDigest[:0])
	})
	return selfDigest
}

// globalDigest is what every file depends on.
func globalDigest(cfg *config.Config, theme *site.Theme, view *pages.SiteView) (pages.Digest, error) {
	h := sha256.New()
	s, t := self(), theme.Digest()
	h.Write(s[:])
	h.Write(t[:])
	if err := hashFile(h, cfg.Path(cfg.File)); err != nil {
		return pages.Digest{}, err
	}
	// The whole site's data version is printed only on the pages that
	// speak of the whole site, and is in their own digests.
	shared := *view
	shared.Version = ""
	if err := json.NewEncoder(h).Encode(shared); err != nil {
		return pages.Digest{}, err
	}
	var d pages.Digest
	h.Sum(d[:0])
	return d, nil
}

// inputsOf identifies everything a build reads: fundsite, site.toml, the
// theme, every file under data/ and content/ and every workbook a
// [[source]] names, and the previous figures when they come from
// elsewhere than the output folder.
func inputsOf(cfg *config.Config, opts Options, theme *site.Theme) (string, error) {
	lines, err := inputLines(cfg, opts)
	if err != nil {
		return "", err
	}
	return inputsDigest(opts, theme, lines), nil
}

// inputsDigest is inputsOf, given the lines of the files.
func inputsDigest(opts Options, theme *site.Theme, lines [][]byte) string {
	h := sha256.New()
	s, t := self(), theme.Digest()
	h.Write(s[:])
	h.Write(t[:])
	fmt.Fprintf(h, "preview=%v\n", opts.Preview)
	for _, line := range lines {
		h.Write(line)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inputLines hashes every file inputsOf covers, in the order of their
// names, a line each.
func inputLines(cfg *config.Config, opts Options) ([][]byte, error) {
	files := []string{cfg.Path(cfg.File)}
	for _, src := range cfg.Sources {
		files = append(files, cfg.Path(src.File))
	}
	if opts.Previous != "" {
		files = append(files, opts.Previous)
	}
	for _, dir := range []string{"data", "content"} {
		_ = filepath.WalkDir(cfg.Path(dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
	}
	slices.Sort(files)
	files = slices.Compact(files)
	// Opening a file waits on the disk more than hashing it takes: a
	// national site's 10,000 narratives took 0.6 s one after another.
	lines := make([][]byte, len(files))
	err := inParallel(context.Background(), len(files), func(i int) (err error) {
		lines[i], err = opts.digests.line(files[i])
		return err
	})
	return lines, err
}

// fileDigests remembers, for one build, the digest of each input file by
// its size and modification time. A build hashes its inputs up to three
// times (to see whether anything changed, for its record, and again once
// the record of addresses is written), and a national workbook is tens of
// megabytes: 0.65 s a time at large. nil remembers nothing.
type fileDigests struct {
	mu   sync.Mutex
	seen map[string]fileDigest
}

type fileDigest struct {
	size int64
	mod  time.Time
	sum  [sha256.Size]byte
}

// line is a file's name, size and digest, for the digest of the inputs; a
// file that is missing is said to be (the build itself says what is wrong).
func (fd *fileDigests) line(name string) ([]byte, error) {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return fmt.Appendf(nil, "%q is not a file\n", name), nil
	}
	sum, err := fd.of(name, info)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "%q %d %x\n", name, info.Size(), sum), nil
}

func (fd *fileDigests) of(name string, info fs.FileInfo) ([sha256.Size]byte, error) {
	if fd != nil {
		fd.mu.Lock()
		d, ok := fd.seen[name]
		fd.mu.Unlock()
		if ok && d.size == info.Size() && d.mod.Equal(info.ModTime()) {
			return d.sum, nil
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [sha256.Size]byte{}, err
	}
	sum := [sha256.Size]byte(h.Sum(nil))
	if fd != nil {
		fd.mu.Lock()
		if fd.seen == nil {
			fd.seen = map[string]fileDigest{}
		}
		fd.seen[name] = fileDigest{info.Size(), info.ModTime(), sum}
		fd.mu.Unlock()
	}
	return sum, nil
}

// unchanged reports whether nothing the site is made from has changed
// since the site in opts.OutDir was built, so building it again would
// publish the same bytes; its result says so.
func unchanged(opts Options) (*Result, bool) {
	rec := publish.ReadRecord(opts.OutDir)
	if rec.Inputs == "" {
		return nil, false
	}
	cfg, err := config.Load(opts.ConfigPath)
	if err != nil {
		return nil, false
	}
	project, err := openProject(cfg)
	if err != nil {
		return nil, false
	}
	defer project.root.Close()
	themeDir, err := themeFS(cfg, project, opts.DefaultTheme)
	if err != nil {
		return nil, false
	}
	theme, err := site.Load(themeDir, cfg, &diag.List{})
	if err != nil {
		return nil, false
	}
	if inputs, err := inputsOf(cfg, opts, theme); err != nil || inputs != rec.Inputs {
		return nil, false
	}
	return &Result{Unchanged: true, Problems: &diag.List{}}, true
}

package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/ingest"
	"fundsite/generator/pages"
	"fundsite/generator/publish"
	"fundsite/generator/regular"
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
// elsewhere than the output folder. What cannot be an input (a FIFO, a
// folder named like a workbook) is an error, so a site is never taken to
// be up to date while one is there.
func inputsOf(cfg *config.Config, opts Options, theme *site.Theme) (string, error) {
	hashed, err := hashInputs(cfg, opts)
	if err != nil {
		return "", err
	}
	if err := hashed.problems.Err(); err != nil {
		return "", err
	}
	return inputsDigest(opts, theme, hashed.lines), nil
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

// hashedInputs are the lines of the files inputsOf covers, and the
// problems found among them.
type hashedInputs struct {
	lines    [][]byte
	problems *diag.List
}

// hashInputs hashes every file inputsOf covers, in the order of their
// names, a line each, and reports what under data/ and content/ cannot be
// an input (inputFiles).
func hashInputs(cfg *config.Config, opts Options) (hashedInputs, error) {
	root, err := resolve(cfg.Root)
	if err != nil {
		return hashedInputs{}, err
	}
	files := []string{cfg.Path(cfg.File)}
	for _, src := range cfg.Sources {
		files = append(files, cfg.Path(src.File))
	}
	if opts.Previous != "" {
		files = append(files, opts.Previous)
	}
	found, problems := inputFiles(cfg, root)
	files = append(files, found...)
	slices.Sort(files)
	files = slices.Compact(files)
	// Opening a file waits on the disk more than hashing it takes: a
	// national site's 10,000 narratives took 0.6 s one after another.
	lines := make([][]byte, len(files))
	err = inParallel(context.Background(), len(files), func(i int) (err error) {
		lines[i], err = opts.digests.line(root, files[i])
		return err
	})
	return hashedInputs{lines, problems}, err
}

// inputFiles lists every file under data/ and content/ (links included:
// a link that stays inside the project is an input like the file it leads
// to), and reports, each at its name, what cannot be an input and would
// otherwise be skipped without a word:
//
//   - a FIFO, socket or device, or a link to one: reading it would wait
//     for ever or never end;
//   - a folder in data/ named like a workbook (x.xlsx): it is no workbook;
//   - a link to a folder in content/. It is refused rather than followed:
//     a link to a folder inside content/ would publish its pages at two
//     addresses, and one to a folder above would never end.
//
// Hidden files (an editor's lock, which Emacs makes a link to nowhere)
// are hashed but never refused: no build reads them.
func inputFiles(cfg *config.Config, root string) ([]string, *diag.List) {
	var files []string
	problems := &diag.List{}
	for _, dir := range []string{"data", "content"} {
		top := cfg.Path(dir)
		// data/ may itself be a link within the project; one that leaves
		// it is refused where it is read (checkLinksStayInside, os.Root).
		from, err := filepath.EvalSymlinks(top)
		if err != nil || !inProject(from, root) {
			continue
		}
		_ = filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil || p == from {
				return nil // unreadable: reported where it is read
			}
			rel, _ := filepath.Rel(from, p)
			name := filepath.Join(top, rel)
			at := diag.Loc{File: dir + "/" + filepath.ToSlash(rel)}
			if !d.IsDir() {
				files = append(files, name)
			}
			if strings.HasPrefix(d.Name(), ".") || d.Type().IsRegular() {
				return nil
			}
			if d.IsDir() {
				if dir == "data" && filepath.Dir(p) == from && ingest.NamedLikeWorkbook(d.Name()) {
					problems.Errorf(at, "%s", folderNamedLikeWorkbook)
				}
				return nil
			}
			info, target, err := follow(root, name)
			switch {
			case errors.Is(err, errLeavesProject) && dir == "content" && filepath.Ext(name) != ".md":
				// Pages are refused as they are read (projectFS), and
				// data/ by checkLinksStayInside; the rest of content/,
				// a linked folder above all, is not read, so is said here.
				problems.Errorf(at, "%v", linkOutside(name))
			case err != nil:
				// A broken link or one leaving the project: the build
				// refuses it where it reads it, naming where it leads.
			case info.IsDir() && dir == "content":
				problems.Errorf(at, "a link to the folder %s/: fundsite does not follow linked folders in content/ (a folder inside content/ would have its pages published at two addresses, and one above it would loop for ever); move the folder into content/, or link each page on its own", target)
			case info.IsDir() && filepath.Dir(p) == from && ingest.NamedLikeWorkbook(d.Name()):
				problems.Errorf(at, "it links to %s: %s", target, folderNamedLikeWorkbook)
			case info.IsDir():
				// Only the files directly in data/ are workbooks; a
				// [[source]] naming one through the link is hashed by name.
			case target != "":
				if err := regular.Check(info); err != nil {
					problems.Errorf(at, "it links to %s: %v", target, err)
				}
			default:
				problems.Errorf(at, "%v", regular.Check(info))
			}
			return nil
		})
	}
	return files, problems
}

// LinkedInputs are the files the links under data/ and content/ lead to,
// where they stay inside the project. Editing one changes the site, but
// is seen only in its own folder, which a preview must watch too.
func LinkedInputs(cfg *config.Config) []string {
	root, err := resolve(cfg.Root)
	if err != nil {
		return nil
	}
	files, _ := inputFiles(cfg, root)
	var out []string
	for _, name := range files {
		info, target, err := follow(root, name)
		if err == nil && target != "" && info.Mode().IsRegular() {
			out = append(out, filepath.Join(root, filepath.FromSlash(target)))
		}
	}
	return out
}

const folderNamedLikeWorkbook = "this is a folder, not a workbook, though named like one; fundsite reads the workbook files in data/, not folders; rename it or move it out of data/"

var errLeavesProject = errors.New("a link that leads outside the project")

// follow is what name is, following a link only as far as it stays
// inside the project (root, with its own links resolved): a link that
// leaves it is never read, even to hash it. target is where a link leads,
// relative to the project, and "" for what is not a link.
func follow(root, name string) (info fs.FileInfo, target string, err error) {
	info, err = os.Lstat(name)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return info, "", err
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return nil, "", fmt.Errorf("a link that leads nowhere: %w", err)
	}
	if !inProject(real, root) && inProject(filepath.Dir(name), root) {
		return nil, "", errLeavesProject
	}
	info, err = os.Stat(real)
	if rel, rerr := filepath.Rel(root, real); rerr == nil {
		real = filepath.ToSlash(rel)
	}
	return info, real, err
}

// inProject reports whether path (with its links followed) is the project
// folder root or inside it.
func inProject(path, root string) bool {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		real = path
	}
	return real == root || within(real, root)
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

// line is a file's name, size and digest, for the digest of the inputs:
// of the file a link inside the project leads to, so that editing a
// linked workbook is a change. A file that is missing or is not a file is
// said to be (the build itself says what is wrong), and is never opened.
func (fd *fileDigests) line(root, name string) ([]byte, error) {
	info, _, err := follow(root, name)
	if err == nil {
		err = regular.Check(info)
	}
	if err != nil {
		return fmt.Appendf(nil, "%q is not a file: %v\n", name, err), nil
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
	f, err := regular.Open(name) // never waits on a FIFO
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

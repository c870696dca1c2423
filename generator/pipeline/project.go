package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/regular"
)

// maxFileBytes is the largest page or theme file read: a narrative is a
// few kilobytes, the charting library under a megabyte.
const maxFileBytes = 64 << 20

// projectFS is a folder of the project (content/, a theme) read through an
// os.Root opened at the project: no name, link or .. can lead out of the
// project, so nothing from elsewhere on the machine (a theme's
// static/env.txt linking to /proc/self/environ) is ever published. Only
// ordinary files and folders are opened: a FIFO named like a page would
// wait for ever, and a file past maxFileBytes is refused unread.
type projectFS struct {
	root *os.Root
	base string // the project folder on disk, for messages
	dir  string // slash path of the folder inside the project
}

func (p projectFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := path.Join(p.dir, name)
	info, err := p.root.Stat(full)
	if err != nil {
		if l, lerr := p.root.Lstat(full); lerr == nil && l.Mode()&fs.ModeSymlink != 0 && !errors.Is(err, fs.ErrNotExist) {
			return nil, linkOutside(filepath.Join(p.base, filepath.FromSlash(full)))
		}
		return nil, &fs.PathError{Op: "open", Path: full, Err: err}
	}
	if !info.IsDir() {
		if err := regular.Check(info); err != nil {
			return nil, &fs.PathError{Op: "open", Path: full, Err: err}
		}
		if info.Size() > maxFileBytes {
			return nil, &fs.PathError{Op: "open", Path: full, Err: &regular.TooLargeError{Limit: maxFileBytes}}
		}
	}
	return p.root.Open(full)
}

// sub is dir of the project as a projectFS, or nil when it is not a folder.
func (p projectFS) sub(dir string) fs.FS {
	if info, err := p.root.Stat(dir); err != nil || !info.IsDir() {
		return nil
	}
	return projectFS{root: p.root, base: p.base, dir: dir}
}

// checkLinksStayInside reports, all at once, every link in the folders a
// build reads (content/, data/, the theme and each workbook a source
// names) that leads outside the project, naming it and where it leads.
// os.Root would refuse them one at a time as they are read (and a
// workbook is not read through it); this says which and why before
// anything is read.
func checkLinksStayInside(cfg *config.Config, problems *diag.List) {
	root, err := resolve(cfg.Root)
	if err != nil {
		return
	}
	check := func(full string) {
		target, err := filepath.EvalSymlinks(full)
		if err != nil {
			return // a broken link fails where it is read, saying so
		}
		if target, err = filepath.Abs(target); err == nil && target != root && !within(target, root) {
			rel, _ := filepath.Rel(cfg.Root, full)
			problems.Errorf(diag.Loc{File: filepath.ToSlash(rel)}, "%v", linkOutside(full))
		}
	}
	for _, dir := range []string{"data", "content", filepath.Join("themes", cfg.Theme)} {
		top := cfg.Path(dir)
		_ = filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable or absent: reported where it is read
			}
			if d.Type()&fs.ModeSymlink != 0 || p == top {
				check(p)
			}
			return nil
		})
	}
	for _, src := range cfg.Sources {
		check(cfg.Path(src.File))
	}
}

// linkOutside says where a link that leaves the project leads.
func linkOutside(full string) error {
	target, err := filepath.EvalSymlinks(full)
	if err != nil {
		target, _ = os.Readlink(full)
	}
	return fmt.Errorf("a link to %s, outside the project (or by absolute path): fundsite publishes nothing from outside the project folder, and follows only relative links inside it; copy the file in instead", target)
}

// openProject opens the project folder for reading its folders through.
func openProject(cfg *config.Config) (projectFS, error) {
	root, err := os.OpenRoot(cfg.Root)
	if err != nil {
		return projectFS{}, fmt.Errorf("opening the project folder: %w", err)
	}
	return projectFS{root: root, base: cfg.Root, dir: "."}, nil
}

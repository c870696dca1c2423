// Package publish swaps a freshly built site into place only when the whole
// build succeeded, so a failed or interrupted build never leaves a broken or
// half-written site behind. The output folder is fundsite's alone: publish
// replaces only a folder that is absent, empty or a site fundsite built,
// one build at a time.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Stage is the staging folder a build fills before it is published.
type Stage struct {
	Dir string
	// Found is how the site being replaced differed from what fundsite
	// published into it: what this build puts right.
	Found Survey
	ctx   context.Context
}

// Save runs save, which writes a file under s.Dir, unless the build has
// been cancelled or abandoned: a build that is told to stop writes nothing
// more, so the staging folder can be deleted while the build winds down.
func (s Stage) Save(save func() error) error {
	if err := s.ctx.Err(); err != nil {
		return fmt.Errorf("build interrupted: %w", err)
	}
	return guarded(save)
}

// Publish makes a staging folder beside out, lets fill write the site into
// it, and only if fill succeeds (and ctx is not cancelled) swaps it in as
// out. On any failure the staging folder is removed and out is untouched.
//
// It refuses an out that holds anything fundsite did not build, and a
// second build into the same out while one is running. Staging folders a
// killed build left behind are removed first. An out that is a link is
// published into the folder it leads to (see followLink).
func Publish(ctx context.Context, out string, fill func(Stage) error) (err error) {
	out, err = filepath.Abs(out)
	if err != nil {
		return err
	}
	if out, err = followLink(out); err != nil {
		return err
	}
	parent := filepath.Dir(out)
	if parent == out {
		return fmt.Errorf("refusing to publish to %s, the top of the file system; give --out a folder of its own, such as public", out)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	lock, err := acquire(out)
	if err != nil {
		return err
	}
	defer lock.release()
	found, err := checkOwned(out)
	if err != nil {
		return err
	}
	removeStale(out)
	inPlace := isMountPoint(out)
	stagingIn, prefix := parent, stagingPrefix(out)
	if inPlace {
		// A mount point cannot be renamed, and its parent may be on
		// another file system: stage inside it, then move the contents.
		stagingIn, prefix = out, innerStagingPrefix
	}
	staging, err := os.MkdirTemp(stagingIn, prefix)
	if err != nil {
		return fmt.Errorf("making a staging folder: %w", err)
	}
	forget := track(staging)
	defer func() {
		if err != nil {
			removeAll(staging)
		}
		forget()
	}()
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	// The marker goes in first, so even a staging folder a killed build
	// leaves half-written is recognisably fundsite's, and is cleared.
	if err := placeMarker(staging, out); err != nil {
		return err
	}
	if err := fill(Stage{Dir: staging, Found: found, ctx: ctx}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build interrupted; %s left as it was: %w", out, err)
	}
	if found.Legacy {
		if err := checkLegacy(out, staging, found); err != nil {
			return err
		}
	}
	if inPlace {
		return guarded(func() error { return replaceContents(staging, out) })
	}
	return swap(staging, out)
}

// followLink is out, or, when out is a link (public linked to the web
// server's folder), the folder it leads to. The site is published there,
// swapped in whole beside it, and the link is kept: replacing the link
// with a folder left the folder it leads to, the one readers are served,
// with the old site. Every check (the folder is fundsite's, it is not the
// project) is made of that folder. A link that leads nowhere is refused,
// saying so, rather than making folders wherever it points.
func followLink(out string) (string, error) {
	info, err := os.Lstat(out)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return out, nil
	}
	target, err := filepath.EvalSymlinks(out)
	if errors.Is(err, fs.ErrNotExist) {
		dest, _ := os.Readlink(out)
		return "", fmt.Errorf("%s is a link to %s, which does not exist. The site is published into the folder a link leads to: "+
			"make that folder, or delete the link so fundsite makes %s a folder of its own", out, dest, out)
	}
	if err != nil {
		return "", fmt.Errorf("%s is a link that cannot be followed (%v); give --out a folder", out, err)
	}
	return filepath.Abs(target)
}

// InPlace lets fill update the site in dir where it stands, with a
// Writer from NewInPlaceWriter: the preview's way (see there). dir must be
// absent, empty, or a site fundsite built (it holds a record of keys).
func Update(ctx context.Context, dir string, fill func(Stage) error) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	case err != nil:
		return err
	case len(entries) > 0:
		if _, err := os.Lstat(filepath.Join(dir, RecordFile)); err != nil {
			return fmt.Errorf("%s holds files fundsite did not write; refusing to update it in place", dir)
		}
	}
	return fill(Stage{Dir: dir, ctx: ctx})
}

// forceInPlace makes every output folder publish as a mount point does, so
// that path is tested where mounting is not allowed.
var forceInPlace bool

// stagingPrefix names the staging folders of out, beside it: .public.new-123.
func stagingPrefix(out string) string { return "." + filepath.Base(out) + ".new-" }

// oldPrefix names the folder out is moved to while it is replaced.
func oldPrefix(out string) string { return "." + filepath.Base(out) + ".old-" }

// Inside a mount point, staging and old folders are named for fundsite,
// not for the folder, which readers of the site would see.
const (
	innerStagingPrefix = ".fundsite-new-"
	innerOldPrefix     = ".fundsite-old-"
)

// swap replaces out with staging. Where the system can exchange two
// folders in one step (Linux), a web server reading out sees either the old
// site or the new one, never neither. Elsewhere out is briefly absent
// between two renames, never half-written, and if the second rename fails
// the old site is put back.
func swap(staging, out string) error {
	info, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return guarded(func() error { return os.Rename(staging, out) })
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s exists and is not a folder", out)
	}
	var exchanged bool
	err = guarded(func() (err error) {
		exchanged, err = exchange(staging, out)
		return err
	})
	if err != nil {
		return fmt.Errorf("publishing: %w", err)
	}
	if exchanged {
		// staging now holds the old site.
		return removeAll(staging)
	}
	old, err := os.MkdirTemp(filepath.Dir(out), oldPrefix(out))
	if err != nil {
		return err
	}
	if err := os.Remove(old); err != nil { // we only wanted a unique name
		return err
	}
	forget := track(old)
	defer forget()
	err = guarded(func() error {
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("moving the old site aside: %w", err)
		}
		if err := os.Rename(staging, out); err != nil {
			if rerr := os.Rename(old, out); rerr != nil {
				return fmt.Errorf("publishing failed (%v) and the old site is at %s (%v)", err, old, rerr)
			}
			return fmt.Errorf("publishing: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return removeAll(old)
}

// replaceContents publishes into a folder that cannot be renamed (a mount
// point, such as a Docker volume): the old site's entries are moved aside
// into a folder inside out, the new site's moved in from staging (also
// inside out), and the old ones deleted. Every move is a rename on one file
// system, so readers see the old site or the new one but for the moments
// between the renames of the top-level entries; if a move fails the old
// entries are put back.
func replaceContents(staging, out string) error {
	old, err := os.MkdirTemp(out, innerOldPrefix)
	if err != nil {
		return fmt.Errorf("making a folder for the old site: %w", err)
	}
	forget := track(old)
	defer forget()
	if err := writeMarker(old); err != nil {
		return err
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	var moved []string
	putBack := func(cause error) error {
		for _, name := range moved {
			if rerr := os.Rename(filepath.Join(old, name), filepath.Join(out, name)); rerr != nil {
				return fmt.Errorf("publishing failed (%v), and the old site's %s is in %s (%v)", cause, name, old, rerr)
			}
		}
		return fmt.Errorf("publishing: %w", cause)
	}
	for _, e := range entries {
		name := e.Name()
		if full := filepath.Join(out, name); full == staging || full == old || name == Marker {
			continue // the marker stays, so out is always recognisably a site
		}
		if err := os.Rename(filepath.Join(out, name), filepath.Join(old, name)); err != nil {
			return putBack(err)
		}
		moved = append(moved, name)
	}
	fresh, err := os.ReadDir(staging)
	if err != nil {
		return putBack(err)
	}
	for _, e := range fresh {
		if err := os.Rename(filepath.Join(staging, e.Name()), filepath.Join(out, e.Name())); err != nil {
			return fmt.Errorf("publishing into %s stopped part way (%v); build again to finish", out, err)
		}
	}
	// Renaming the marker over a link to itself does nothing, and
	// leaves it in staging.
	if err := os.Remove(filepath.Join(staging, Marker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Remove(staging); err != nil {
		return err
	}
	return removeAll(old)
}

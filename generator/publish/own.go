package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file at the top of every site fundsite builds. Publish
// replaces a folder only when it holds this file (or is empty, or is a
// site an older fundsite built): `build --out` given the project folder,
// data/ or a folder of other work must never delete it.
const Marker = ".fundsite"

const markerText = "This folder is a website built by fundsite. Each \"fundsite build\" replaces everything in it.\n"

func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
}

// placeMarker puts the marker in staging: linked from the site being
// replaced when that holds the same one, as the writer links every
// unchanged file, so a rebuild that changes nothing rewrites nothing.
func placeMarker(staging, out string) error {
	old := filepath.Join(out, Marker)
	if data, err := os.ReadFile(old); err == nil && string(data) == markerText {
		if info, err := os.Lstat(old); err == nil && info.Mode().IsRegular() && os.Link(old, filepath.Join(staging, Marker)) == nil {
			return nil
		}
	}
	return writeMarker(staging)
}

// NotASiteError says why Publish will not replace a folder.
type NotASiteError struct {
	Dir string
	// Example is one of the entries fundsite did not put there.
	Example string
}

func (e *NotASiteError) Error() string {
	return fmt.Sprintf("refusing to publish into %s: it holds files fundsite did not build (such as %q), "+
		"and publishing replaces everything in the folder. Give --out a new or empty folder (the default is public), "+
		"or, if %s really is an old copy of the site, empty it yourself first", e.Dir, e.Example, e.Dir)
}

// checkOwned refuses an out that exists and is not absent, empty, or a
// site fundsite built.
func checkOwned(out string) error {
	info, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("refusing to publish to %s: it is a file, not a folder; give --out a folder, such as public", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	var first string
	for _, e := range entries {
		if full := filepath.Join(out, e.Name()); (strings.HasPrefix(e.Name(), innerStagingPrefix) || strings.HasPrefix(e.Name(), innerOldPrefix)) && ours(full) {
			continue // a killed build's staging inside a mount point
		}
		first = e.Name()
		break
	}
	if first == "" || ours(out) {
		return nil
	}
	return &NotASiteError{Dir: out, Example: first}
}

// ours reports whether dir is a site (or a staging folder) fundsite made:
// it holds the marker, or it is a site from before the marker existed.
func ours(dir string) bool {
	if info, err := os.Lstat(filepath.Join(dir, Marker)); err == nil && info.Mode().IsRegular() {
		return true
	}
	return legacySite(dir)
}

// legacySite recognises a site fundsite built before it wrote the marker:
// a sitemap, and a figures manifest that starts as fundsite writes it.
func legacySite(dir string) bool {
	if info, err := os.Lstat(filepath.Join(dir, "sitemap.xml")); err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(filepath.Join(dir, "data", "figures.json"))
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return false
	}
	head := make([]byte, 256)
	n, _ := io.ReadFull(f, head)
	return bytes.HasPrefix(head[:n], []byte("{\n  \"data_as_at\": ")) && bytes.Contains(head[:n], []byte("\n  \"data_version\": "))
}

// removeStale deletes the staging and old-site folders of out that a
// killed build left behind (a national site's is a gigabyte). The caller
// holds out's lock, so no running build owns them. Only folders named as
// publish names them and holding a fundsite site are removed.
func removeStale(out string) {
	removeOurs(filepath.Dir(out), stagingPrefix(out), oldPrefix(out))
	removeOurs(out, innerStagingPrefix, innerOldPrefix)
}

func removeOurs(dir string, prefixes ...string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		for _, prefix := range prefixes {
			full := filepath.Join(dir, e.Name())
			switch {
			case !strings.HasPrefix(e.Name(), prefix) || !e.IsDir():
			case ours(full):
				removeAll(full)
			default:
				// Killed before its marker was written: empty, or
				// someone else's, which Remove leaves alone.
				os.Remove(full)
			}
		}
	}
}

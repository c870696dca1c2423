package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Marker is the file at the top of every site fundsite builds, saying so
// to whoever opens the folder, and marking staging folders as fundsite's
// from their first moment. It proves nothing by itself (it is the same
// text in every site): Publish replaces a folder only when the record
// beside it (RecordFile) lists every file in it, or it is empty, so
// `build --out` given the project folder, data/ or a folder of other work
// never deletes it, even with a marker copied in.
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
	// Why is what tells the entry is not fundsite's; "" when the folder
	// is no site at all.
	Why string
}

// Why a folder with a marker is still refused.
const (
	// notListed: a site with a record of its files holds one more.
	notListed = "not listed"
	// noneMatch: the record matches none of the folder's files.
	noneMatch = "none match"
	// notInOldSite: a site an older fundsite built, with no record of its
	// files, holds one no fundsite site has.
	notInOldSite = "not in an old site"
)

func (e *NotASiteError) Error() string {
	const fresh = "give --out a new or empty folder (the default is public)"
	head := fmt.Sprintf("refusing to publish into %s, as publishing replaces everything in it: ", e.Dir)
	switch e.Why {
	case notListed:
		return head + fmt.Sprintf("it holds %q, which fundsite did not publish (the folder's record of what it published, %s, does not list it). "+
			"Move that file out of the folder (or delete it, if it was put there by mistake) and build again, or %s", e.Example, RecordFile, fresh)
	case noneMatch:
		return head + fmt.Sprintf("its record of what fundsite published (%s) matches none of its files (such as %q), so the record was copied from another site. "+
			"Empty the folder yourself if it really is an old copy of the site, or %s", RecordFile, e.Example, fresh)
	case notInOldSite:
		return head + fmt.Sprintf("it was built by an older fundsite, which kept no record of the files it published, and it holds %q, which is no file of a fundsite site. "+
			"Move that file out of the folder and build again (once: sites now keep that record), or %s", e.Example, fresh)
	}
	return head + fmt.Sprintf("it holds files fundsite did not build (such as %q). "+
		"Empty the folder yourself if it really is an old copy of the site, or %s", e.Example, fresh)
}

// checkOwned refuses an out that exists and is not absent, empty, or a
// site fundsite built, and says how the site there differs from what
// fundsite published. The marker alone proves nothing (it is a constant,
// and may be copied): a site is fundsite's when its record lists every
// ordinary file in it. Links and the like are not anyone's work (deleting
// one loses nothing) and are never carried into the new site. A site an
// older fundsite built has no record of its files (Survey.Legacy); it is
// judged once the new site is made, by checkLegacy.
func checkOwned(out string) (Survey, error) {
	info, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return Survey{}, nil
	}
	if err != nil {
		return Survey{}, err
	}
	if !info.IsDir() {
		return Survey{}, fmt.Errorf("refusing to publish to %s: it is a file, not a folder; give --out a folder, such as public", out)
	}
	s, err := Inspect(out)
	if err != nil {
		return s, err
	}
	switch {
	case !s.Legacy && s.NoneMatch:
		return s, &NotASiteError{Dir: out, Example: s.firstOther(), Why: noneMatch}
	case !s.Legacy && len(s.Foreign) > 0:
		return s, &NotASiteError{Dir: out, Example: s.Foreign[0], Why: notListed}
	case !s.Legacy, s.firstOther() == "":
		return s, nil // fundsite's, or empty
	case ours(out):
		return s, nil // checkLegacy decides
	}
	return s, &NotASiteError{Dir: out, Example: s.firstOther()}
}

// firstOther is the first entry of the folder that is not fundsite's
// bookkeeping, or "".
func (s Survey) firstOther() string {
	for _, names := range [][]string{s.Foreign, s.Altered, s.Links} {
		if len(names) > 0 {
			return names[0]
		}
	}
	return ""
}

// checkLegacy decides whether a site with no record of its files (an
// older fundsite's, recognised by its marker or its manifest) may be
// replaced by the site made in staging. Its marker is a constant anyone
// may copy, so the marker alone is not enough: every ordinary file in it
// must be one a fundsite site has: one the old record keyed, one this
// build publishes, or a theme asset whose name is the digest of its bytes.
// A hand-made page is refused, once; the build after keeps the record.
func checkLegacy(out, staging string, s Survey) error {
	for _, name := range s.Foreign {
		full := filepath.FromSlash(name)
		if s.record.Keys[name] != "" || isFile(filepath.Join(staging, full)) || fingerprinted(filepath.Join(out, full), name) {
			continue
		}
		return &NotASiteError{Dir: out, Example: name, Why: notInOldSite}
	}
	return nil
}

func isFile(name string) bool {
	info, err := os.Lstat(name)
	return err == nil && info.Mode().IsRegular()
}

// fingerprinted reports whether name is a theme asset as fundsite names
// them, assets/style.1a2b3c4d5e.css, and full holds the bytes whose
// digest that is (site.Theme's addStatic).
func fingerprinted(full, name string) bool {
	ext := path.Ext(name)
	if !strings.HasPrefix(name, "assets/") || (ext != ".css" && ext != ".js") {
		return false
	}
	stem := strings.TrimSuffix(name, ext)
	dot := strings.LastIndexByte(stem, '.')
	if dot < 0 || len(stem)-dot-1 != 10 {
		return false
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return false
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:10] == stem[dot+1:]
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

package publish

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// Survey is how a published folder differs from the record of what
// fundsite published into it. Each list holds slash-separated names.
type Survey struct {
	// Missing files were published and are gone.
	Missing []string
	// Altered files are no longer the ones published: edited, or replaced
	// by a link or something else that is not a file.
	Altered []string
	// Links are entries fundsite did not publish that hold nothing of
	// anyone's (links, pipes): publishing drops them, as it never carries
	// a link into a site.
	Links []string
	// Foreign files are ordinary files fundsite did not publish: someone's
	// work, which publishing must never delete.
	Foreign []string
	// NoneMatch says the record lists files, yet not one of the folder's
	// files is one of them as published: the record (and the marker beside
	// it) was copied from another site.
	NoneMatch bool
	// Legacy says the folder has no record of its files: a site an older
	// fundsite built, or nothing fundsite built at all.
	Legacy bool
	// record is the record read, with the keys an older record has.
	record Record
}

// Intact reports whether the folder holds exactly what fundsite published.
func (s Survey) Intact() bool {
	return !s.Legacy && !s.NoneMatch && len(s.Missing)+len(s.Altered)+len(s.Links)+len(s.Foreign) == 0
}

// Repairs says, in a line, what a build put right: the files missing or
// altered that it made again, and the links it left out; "" for none.
func (s Survey) Repairs() string {
	var parts []string
	add := func(names []string, done, why string) {
		if len(names) > 0 {
			parts = append(parts, done+" "+listNames(names)+" ("+why+")")
		}
	}
	add(s.Missing, "made again", "deleted there")
	add(s.Altered, "made again", "changed or replaced there")
	add(s.Links, "left out", "links or the like, which fundsite never publishes")
	return strings.Join(parts, "; ")
}

// listNames is up to three names, and how many more.
func listNames(names []string) string {
	const shown = 3
	quoted := make([]string, 0, shown)
	for _, n := range names[:min(len(names), shown)] {
		quoted = append(quoted, fmt.Sprintf("%q", n))
	}
	text := strings.Join(quoted, ", ")
	if len(names) > shown {
		text += fmt.Sprintf(" and %d more", len(names)-shown)
	}
	return text
}

// Inspect compares the folder dir with its record of what fundsite
// published into it. Only a file whose size or time differs from the
// record is read, so checking an unchanged site costs a stat per file.
func Inspect(dir string) (Survey, error) {
	s := Survey{record: ReadRecord(dir)}
	s.Legacy = s.record.Files == nil
	seen := map[string]bool{}
	matched, others := 0, 0
	err := filepath.WalkDir(dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, full)
		name := filepath.ToSlash(rel)
		if full == dir {
			return nil
		}
		if ownEntry(dir, name, d) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil // judged by what it holds
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		was, listed := s.record.Files[name]
		seen[name] = listed
		if info.Mode().IsRegular() {
			others++
		}
		switch {
		case listed && was.holds(full, info):
			matched++
		case listed:
			s.Altered = append(s.Altered, name)
		case info.Mode().IsRegular():
			s.Foreign = append(s.Foreign, name)
		default:
			s.Links = append(s.Links, name)
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	for name := range s.record.Files {
		if !seen[name] {
			s.Missing = append(s.Missing, name)
		}
	}
	slices.Sort(s.Missing)
	s.NoneMatch = len(s.record.Files) > 0 && matched == 0 && others > 0
	return s, nil
}

// ownEntry reports whether the entry name of a published folder is
// fundsite's own bookkeeping rather than a file of the site: the marker,
// the record (and the temporary file it is written through), and the
// staging and old-site folders inside a mount point.
func ownEntry(dir, name string, d fs.DirEntry) bool {
	if strings.Contains(name, "/") {
		return false
	}
	switch {
	case name == Marker || name == RecordFile:
		return d.Type().IsRegular()
	case strings.HasPrefix(name, RecordFile+"."):
		return d.Type().IsRegular()
	case strings.HasPrefix(name, innerStagingPrefix), strings.HasPrefix(name, innerOldPrefix):
		return d.IsDir() && ours(filepath.Join(dir, name))
	}
	return false
}

package site

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// WriteOver saves outputs under dir, as Write does, but a file whose bytes
// are already in previous (the site being replaced) is hard-linked from it
// rather than written again. dir is a fresh staging folder that publish
// swaps in whole, so publishing stays atomic; yet a rebuild after a small
// change leaves every unchanged file as it was (same inode, same time), and
// tools that copy by modification time only copy what changed. previous ""
// (or missing) writes everything.
func WriteOver(dir, previous string, outputs []Output) error {
	made := map[string]bool{}
	for _, o := range outputs {
		clean := path.Clean("/" + o.Path)
		if clean != "/"+o.Path || strings.Contains(o.Path, "..") {
			return fmt.Errorf("refusing to write %q outside the output folder", o.Path)
		}
		rel := filepath.FromSlash(o.Path)
		full := filepath.Join(dir, rel)
		if parent := filepath.Dir(full); !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			made[parent] = true
		}
		if previous != "" && unchanged(filepath.Join(previous, rel), o.Data) {
			// A failed link (a file system without them) just writes.
			if os.Link(filepath.Join(previous, rel), full) == nil {
				continue
			}
		}
		if err := os.WriteFile(full, o.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// unchanged reports whether the file at name is a regular file holding
// exactly data. Sizes are compared first, so most changed files are never read.
func unchanged(name string, data []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) || info.Mode().Perm() != 0o644 {
		return false
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
}

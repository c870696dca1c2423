package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"fundsite/generator/config"
)

// checkOut refuses an output folder that is, holds or sits inside the
// folders the build reads: publishing replaces its output folder whole, so
// --out "$PWD" would replace the project (.git and all) with the site, and
// --out data would delete the workbooks. (publish refuses any folder that
// holds what fundsite did not build; this says plainly which mistake it is.)
func checkOut(cfg *config.Config, out string) error {
	root, err := resolve(cfg.Root)
	if err != nil {
		return err
	}
	dir, err := resolve(out)
	if err != nil {
		return err
	}
	switch {
	case dir == root:
		return fmt.Errorf("refusing to publish into %s: it is the project folder itself, and publishing replaces everything in its output folder; use --out public", out)
	case within(root, dir):
		return fmt.Errorf("refusing to publish into %s: it holds the project (%s), and publishing replaces everything in its output folder; use --out public", out, cfg.Root)
	}
	for _, read := range []string{"data", "content", "themes"} {
		if inside := filepath.Join(root, read); dir == inside || within(dir, inside) {
			return fmt.Errorf("refusing to publish into %s: it is in the project's %s/ folder, which the build reads; use --out public", out, read)
		}
	}
	return nil
}

// within reports whether path is strictly inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolve is path made absolute with its symbolic links followed, as far
// as it exists: an output folder not yet made is judged by where it would be.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(dir) == dir {
			return "", err
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

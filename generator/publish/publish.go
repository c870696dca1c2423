// Package publish swaps a freshly built site into place only when the whole
// build succeeded, so a failed or interrupted build never leaves a broken or
// half-written site behind.
package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Publish makes a staging folder beside out, lets fill write the site into
// it, and only if fill succeeds (and ctx is not cancelled) swaps it in as
// out. On any failure the staging folder is removed and out is untouched.
func Publish(ctx context.Context, out string, fill func(dir string) error) (err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return fmt.Errorf("making a staging folder: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(staging)
		}
	}()
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := fill(staging); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build interrupted; %s left as it was: %w", out, err)
	}
	return swap(staging, out)
}

// swap replaces out with staging. Where the system can exchange two
// folders in one step (Linux), a web server reading out sees either the old
// site or the new one, never neither. Elsewhere out is briefly absent
// between two renames, never half-written, and if the second rename fails
// the old site is put back.
func swap(staging, out string) error {
	info, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(staging, out)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s exists and is not a folder", out)
	}
	if exchanged, err := exchange(staging, out); exchanged {
		// staging now holds the old site.
		return os.RemoveAll(staging)
	} else if err != nil {
		return fmt.Errorf("publishing: %w", err)
	}
	old, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".old-")
	if err != nil {
		return err
	}
	if err := os.Remove(old); err != nil { // we only wanted a unique name
		return err
	}
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("moving the old site aside: %w", err)
	}
	if err := os.Rename(staging, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("publishing failed (%v) and the old site is at %s (%v)", err, old, rerr)
		}
		return fmt.Errorf("publishing: %w", err)
	}
	return os.RemoveAll(old)
}

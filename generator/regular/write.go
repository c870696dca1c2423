package regular

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile replaces path with data all at once: the bytes go to a
// temporary file beside it, are flushed to the disk, and only then take
// its name. A full disk or a crash part-way leaves the old file as it
// was, never a file cut off half-way (data/addresses.json written in
// place was left truncated by a full disk, and its redirects were lost).
// The temporary file is removed whatever happens.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	err = writeSynced(tmp, data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), perm)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("%s: %w (the file was left as it was)", path, err)
	}
	syncDir(dir)
	return nil
}

// writeSynced writes data to f and flushes it to the disk. It is a
// variable so that a test can make it fail part-way, as a full disk does.
var writeSynced = func(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// syncDir flushes a folder's entries, so the rename survives a power cut.
// Not every system can sync a folder; the file is already whole either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

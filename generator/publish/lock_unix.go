//go:build unix

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock is a held lock on an output folder.
type lock struct {
	f      *os.File
	name   string
	forget func()
}

// acquire takes out's lock, or says which build holds it. The kernel drops
// an flock when its process dies, however it dies, so a killed build never
// leaves the folder locked.
func acquire(out string) (*lock, error) {
	name := lockName(out)
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, &BusyError{Dir: out, Holder: readHolder(name), LockFile: name}
			}
			return nil, err
		}
		// The holder before us deletes the file as it lets go: if we
		// locked a file no longer at name, lock the one that is.
		held, err1 := f.Stat()
		now, err2 := os.Stat(name)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		if err := f.Truncate(0); err == nil {
			f.WriteString(holder() + "\n")
		}
		return &lock{f: f, name: name, forget: trackLock(name)}, nil
	}
}

// release deletes the lock file, then lets go of it.
func (l *lock) release() {
	l.forget()
	os.Remove(l.name)
	l.f.Close()
}

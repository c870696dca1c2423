//go:build !unix

package publish

import (
	"errors"
	"io/fs"
	"os"
)

// lock is a held lock on an output folder: here a file made only if it is
// not there, so a killed build leaves it behind and the message says so.
type lock struct {
	name   string
	forget func()
}

func acquire(out string) (*lock, error) {
	name := lockName(out)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, &BusyError{Dir: out, Holder: readHolder(name) + "; if no build is running, delete the lock file", LockFile: name}
	}
	if err != nil {
		return nil, err
	}
	f.WriteString(holder() + "\n")
	f.Close()
	return &lock{name: name, forget: trackLock(name)}, nil
}

func (l *lock) release() {
	l.forget()
	os.Remove(l.name)
}

//go:build unix

package serve

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe reports whether this user owns the file: a folder of
// another user's in a shared /tmp is never this preview's to delete.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// running reports whether a process numbered pid exists. Only "no such
// process" counts as ended: one of another user's, which may not be
// signalled, is running.
func running(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

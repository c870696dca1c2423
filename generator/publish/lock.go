package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// lockName is the lock file of out, beside it: .public.lock. It says which
// process holds it, for the message a second build gives.
func lockName(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// holder is what a lock file says about the build holding it.
func holder() string {
	return fmt.Sprintf("process %d, started %s", os.Getpid(), time.Now().Format("2006-01-02 15:04:05"))
}

// BusyError says another build is publishing into the same folder.
type BusyError struct {
	Dir, Holder, LockFile string
}

func (e *BusyError) Error() string {
	who := "another fundsite build"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("%s is publishing into %s; wait for it to finish and build again (its lock is %s)", who, e.Dir, e.LockFile)
}

// readHolder is the first line of a lock file, or "".
func readHolder(name string) string {
	data, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSpace(line)
}

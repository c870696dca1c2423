package publish

import (
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// isMountPoint reports whether dir is the top of a mounted file system (a
// Docker volume, a bind mount), which cannot be renamed. statx knows even a
// bind mount from the same disk; older kernels fall back to comparing
// devices with the parent.
func isMountPoint(dir string) bool {
	if forceInPlace {
		return true
	}
	var stx unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &stx); err == nil &&
		stx.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return stx.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	here, err1 := os.Lstat(dir)
	up, err2 := os.Stat(filepath.Dir(dir))
	if err1 != nil || err2 != nil || !here.IsDir() {
		return false
	}
	a, ok1 := here.Sys().(*syscall.Stat_t)
	b, ok2 := up.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && a.Dev != b.Dev
}

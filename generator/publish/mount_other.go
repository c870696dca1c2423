//go:build !linux

package publish

// isMountPoint is only known on Linux; elsewhere a folder is renamed, and
// a mount point fails to publish with the system's own error.
func isMountPoint(dir string) bool { return forceInPlace }

//go:build unix

package regular

import "syscall"

// nonBlocking opens a FIFO without waiting for a writer, so Open can see
// what it is and refuse it; it changes nothing for a regular file.
const nonBlocking = syscall.O_NONBLOCK

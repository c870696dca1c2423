// Package regular opens the files a build reads from the project only when
// they are ordinary files, and reads them only up to a limit. A FIFO named
// like a workbook blocked a build past SIGTERM, a folder named x.xlsx read
// as "the file is empty", and --previous /dev/zero filled 20 GB of memory.
package regular

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Open opens path for reading if it is a regular file (following links),
// and says plainly what it is otherwise. It never waits on a FIFO.
func Open(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := Check(info); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Check says what a file is when it is not a regular file.
func Check(info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsRegular():
		return nil
	case mode.IsDir():
		return errors.New("this is a folder, not a file")
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("this is a named pipe (FIFO), not a file; fundsite reads only ordinary files")
	case mode&fs.ModeSocket != 0:
		return errors.New("this is a socket, not a file; fundsite reads only ordinary files")
	case mode&fs.ModeDevice != 0:
		return errors.New("this is a device, not a file; fundsite reads only ordinary files")
	}
	return fmt.Errorf("this is not an ordinary file (%v)", mode.Type())
}

// TooLargeError says a file is bigger than fundsite reads.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is larger than %s, more than fundsite reads from a file like this", Size(e.Limit))
}

// ReadFile reads a regular file of at most limit bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Files that say their size are refused before a byte is read; some
	// (under /proc) say 0 whatever they hold, so the read is limited too.
	if info, err := f.Stat(); err == nil && info.Size() > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return ReadAll(f, limit)
}

// ReadAll reads r to its end, refusing more than limit bytes.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return data, nil
}

// Size writes a byte count for people: "64 MB".
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

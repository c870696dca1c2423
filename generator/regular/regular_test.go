package regular

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.json")
	os.WriteFile(file, []byte("{}"), 0o644)
	folder := filepath.Join(dir, "x.xlsx")
	os.Mkdir(folder, 0o755)
	fifo := filepath.Join(dir, "fifo.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	os.Symlink(file, link)
	cases := []struct {
		path, want string
	}{
		{file, ""},
		{link, ""},
		{folder, "this is a folder, not a file"},
		{fifo, "named pipe (FIFO)"},
		{"/dev/zero", "this is a device"},
		{filepath.Join(dir, "missing"), "no such file"},
	}
	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(c.path, 1<<10)
			done <- err
		}()
		select {
		case err := <-done:
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("%s: err = %v, want %q", filepath.Base(c.path), err, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", c.path)
		}
	}
}

func TestReadFileStopsAtItsLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	os.WriteFile(path, make([]byte, 2048), 0o644)
	if _, err := ReadFile(path, 2048); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := ReadFile(path, 2047)
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), "larger than 1 KB") {
		t.Errorf("over the limit: %v", err)
	}
}

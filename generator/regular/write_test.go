package regular

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileIsWholeOrNothing: a write that fails part-way (the disk
// fills up) leaves the old file exactly as it was and no other file
// behind; one that succeeds replaces it whole.
func TestWriteFileIsWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "addresses.json")
	old := `{"areas": [{"slug": "kent"}]}` + "\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	full := func(f *os.File, data []byte) error {
		f.Write(data[:len(data)/2])
		return syscall.ENOSPC
	}
	t.Run("the disk fills up", func(t *testing.T) {
		defer func(w func(*os.File, []byte) error) { writeSynced = w }(writeSynced)
		writeSynced = full
		err := WriteFile(path, []byte(`{"areas": [{"slug": "kent"}, {"slug": "essex"}]}`), 0o644)
		if err == nil || !strings.Contains(err.Error(), "addresses.json: no space left on device (the file was left as it was)") {
			t.Errorf("err = %v", err)
		}
		assertFiles(t, dir, map[string]string{"addresses.json": old})
	})
	t.Run("it is written", func(t *testing.T) {
		if err := WriteFile(path, []byte("new\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		assertFiles(t, dir, map[string]string{"addresses.json": "new\n"})
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", info.Mode())
		}
	})
	t.Run("a new file, and the disk fills up", func(t *testing.T) {
		defer func(w func(*os.File, []byte) error) { writeSynced = w }(writeSynced)
		writeSynced = full
		if err := WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"x\"\n"), 0o644); err == nil {
			t.Error("no error")
		}
		assertFiles(t, dir, map[string]string{"addresses.json": "new\n"})
	})
}

// assertFiles checks that dir holds exactly the files named, with the
// text given.
func assertFiles(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only %d file(s)", names, len(want))
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != text {
			t.Errorf("%s = %q (%v), want %q", name, got, err, text)
		}
	}
}

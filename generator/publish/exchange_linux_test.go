package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func TestExchangeSwapsFolders(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for dir, page := range map[string]string{a: "A", b: "B"} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		writeIndex(t, dir, page)
	}
	ok, err := exchange(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Skip("this file system cannot exchange folders; swap falls back to two renames")
	}
	if readPage(t, a) != "B" || readPage(t, b) != "A" {
		t.Error("folders not exchanged")
	}
}

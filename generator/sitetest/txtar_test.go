package sitetest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParseArchive(t *testing.T) {
	got, err := ParseArchive("a comment\n-- site.toml --\ntitle = \"x\"\n-- content/_index.md --\n# Home\n\n-- empty --\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []File{{"site.toml", "title = \"x\"\n"}, {"content/_index.md", "# Home\n\n"}, {"empty", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := ParseArchive("-- a --\n-- a --\n"); err == nil {
		t.Error("a name given twice was accepted")
	}
}

func TestWriteArchive(t *testing.T) {
	dir := t.TempDir()
	WriteArchive(t, dir, "-- content/areas/_index.md --\nhello\n")
	data, err := os.ReadFile(filepath.Join(dir, "content", "areas", "_index.md"))
	if err != nil || string(data) != "hello\n" {
		t.Errorf("got %q, %v", data, err)
	}
}

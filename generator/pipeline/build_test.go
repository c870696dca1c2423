package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"fundsite/generator/synth"
)

// TestBuildWritesWhatRenderGives: the files Build saves are the files
// rendered, byte for byte. Pages render on every core into buffers that
// are reused once a page is saved, so a buffer handed back too soon
// would show here as one page's bytes in another's file.
func TestBuildWritesWhatRenderGives(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Areas: 150, Funds: 2, Years: 2, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: filepath.Join(dir, "public"), DefaultTheme: os.DirFS("../../themes/default")}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	_, files, err := renderFiles(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 150 {
		t.Fatalf("rendered %d files, want a page per area at least", len(files))
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(opts.OutDir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if f.Path == "updates/index.html" || f.Path == "data/figures.json" || f.Path == "updates/feed.xml" {
			continue // the second build compares itself with the first
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("%s on disk is not the page rendered", f.Path)
		}
	}
}

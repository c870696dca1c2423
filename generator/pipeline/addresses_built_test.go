package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
)

// TestDamagedAddressRecord: a data/addresses.json cut off (as a full disk
// left it, when it was written in place) fails the build with a message
// that says how to recover, and what deleting it loses; it is never taken
// for "nothing changed".
func TestDamagedAddressRecord(t *testing.T) {
	dir := t.TempDir()
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 530000, "")
	out := filepath.Join(dir, "public")
	sitetest.BuildInto(t, filepath.Join(dir, "site.toml"), out)
	record := filepath.Join(dir, "data", "addresses.json")
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(record, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 541200, "")
	code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out)
	for _, want := range []string{"addresses.json: the record of past addresses is damaged: it ends part-way through",
		"git checkout -- data/addresses.json", "delete it to start the record afresh", "will no longer redirect"} {
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("build exit %d, says\n%s\nwant %q", code, stderr, want)
		}
	}
}

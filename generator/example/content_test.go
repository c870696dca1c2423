package example_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
)

// TestNarrativesTypeNoAmounts holds the example to its promise: every
// amount in the prose comes from the data.
func TestNarrativesTypeNoAmounts(t *testing.T) {
	figure := regexp.MustCompile("{{[^}]*}}|`[^`]*`")
	amount := regexp.MustCompile(`£\s*\d|\d{1,3}(,\d{3})+|\d+(\.\d+)?\s*(%|per ?cent|million|bn|m\b)`)
	root := sitetest.Root()
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		p, _ = filepath.Rel(root, p)
		for i, line := range strings.Split(string(data), "\n") {
			if m := amount.FindString(figure.ReplaceAllString(line, "")); m != "" {
				t.Errorf("%s:%d: %q is typed by hand; use a live figure such as {{ sum … }}", p, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedRecordsSayHowToRecover: a record cut off by a full disk, or
// otherwise not what a build wrote, is an error that names the file, says
// what is wrong in words (not "unexpected end of JSON input") and how to
// recover, and what recovering by deleting it loses. A file named with
// --previous must exist, and is never one the user is told to delete.
func TestDamagedRecordsSayHowToRecover(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good, _ := Next(nil, Manifest{DataAsAt: "2024-07-31", Version: "aaa", Figures: []Figure{{Key: "/#fig-total", Label: "Total", Text: "£1"}}})
	manifest := string(manifestJSON(good))
	record := `{"note": "x", "areas": [{"code": "E1", "slug": "kent"}, {"code": "E2", "slug": "essex"}]}`
	passwd := write("passwd", "root:x:0:0:root:/root:/bin/bash\n")
	missing := filepath.Join(dir, "missing.json")

	addresses := func(p string) error { _, err := ReadAddresses(p); return err }
	inOut := func(p string) error { _, err := Read(p); return err }
	named := func(p string) error { _, err := ReadNamed(p); return err }
	cases := []struct {
		name   string
		read   func(string) error
		path   string
		want   []string
		unwant []string
	}{
		{"addresses cut off", addresses, write("cut.json", record[:40]), []string{
			"cut.json: the record of past addresses is damaged: it ends part-way through, after 40 bytes",
			"restore it from version control (git checkout -- data/addresses.json)",
			"or delete it to start the record afresh, which forgets the old addresses of renamed and removed areas, so those addresses will no longer redirect"},
			[]string{"unexpected end of JSON input"}},
		{"addresses empty", addresses, write("empty.json", ""), []string{"empty.json: the record of past addresses is damaged: the file is empty", "git checkout"}, nil},
		{"addresses garbled", addresses, write("garbled.json", "{\n\"areas\": [}\n"), []string{"garbled.json: the record of past addresses is damaged: it is not valid JSON: line 2: invalid character '}'", "git checkout"}, nil},
		{"addresses of the wrong shape", addresses, write("shape.json", `{"areas": "kent"}`), []string{`shape.json: the record of past addresses is damaged: its field "areas" holds a JSON string`}, nil},
		{"manifest cut off, in --out", inOut, write("figures.json", manifest[:len(manifest)-30]), []string{
			"figures.json: this is not a figures manifest", "it ends part-way through", "delete it to start the history afresh"},
			[]string{"unexpected end of JSON input"}},
		{"manifest cut off, named", named, filepath.Join(dir, "figures.json"), []string{
			"--previous " + filepath.Join(dir, "figures.json") + ": this is not a figures manifest", "it ends part-way through", "name the data/figures.json of the last published build"},
			[]string{"unexpected end of JSON input", "delete"}},
		{"another file, named", named, passwd, []string{"--previous " + passwd + ": this is not a figures manifest", "not valid JSON: line 1"}, []string{"delete"}},
		{"JSON of another kind, named", named, write("other.json", `{"name": "a package"}`), []string{"other.json: this is not a figures manifest", "no data version or no updates"}, []string{"delete"}},
		{"a missing file, named", named, missing, []string{"--previous " + missing + ": there is no such file"}, []string{"delete"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.read(c.path)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("err = %v\nwant %q", err, want)
				}
			}
			for _, unwant := range c.unwant {
				if strings.Contains(err.Error(), unwant) {
					t.Errorf("err = %v\nsays %q", err, unwant)
				}
			}
		})
	}
	if m, err := ReadNamed(write("good.json", manifest)); err != nil || m.Version != "aaa" {
		t.Errorf("a good manifest, named: %+v, %v", m, err)
	}
}

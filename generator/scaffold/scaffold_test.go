package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const generatorNetlify = `# Netlify builds the site with the generator and publishes public/.
[build]
  command = "go run . build --fetch-previous"
  publish = "public"

[build.environment]
  # Keep in step with the go line of go.mod (a test checks).
  GO_VERSION = "1.26.8"

[[headers]]
  for = "/*"
`

func TestWritesIntoANewOrEmptyFolder(t *testing.T) {
	opts := Options{Netlify: []byte(generatorNetlify), DataAsAt: "2025-04-01"}
	for _, dir := range []string{filepath.Join(t.TempDir(), "new", "site"), t.TempDir()} {
		if err := Write(dir, opts); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"site.toml", WorkbookName, "content/_index.md", "netlify.toml", ".gitignore"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Errorf("no %s: %v", name, err)
			}
		}
		config, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
		if !strings.Contains(string(config), `data_as_at = "2025-04-01"`) {
			t.Errorf("site.toml does not date the data:\n%s", config)
		}
	}
}

func TestRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(dir, Options{Netlify: []byte(generatorNetlify), DataAsAt: "2025-04-01"})
	if err == nil || !strings.Contains(err.Error(), dir+" is not empty") {
		t.Errorf("writing into a folder in use: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder now holds %d files", len(entries))
	}
}

// A new project builds with the copy of fundsite it keeps, and keeps the
// generator's headers and Go version.
func TestNetlifyConfig(t *testing.T) {
	got, err := netlifyConfig([]byte(generatorNetlify))
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{
		`command = "cd fundsite && go run . build --config ../site.toml --out ../public --fetch-previous"`,
		"git submodule add", `publish = "public"`, `GO_VERSION = "1.26.8"`, `for = "/*"`, "fundsite/go.mod",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("lacks %q:\n%s", want, s)
		}
	}
	for _, gone := range []string{`"go run . build --fetch-previous"`, "with the generator and publishes", "(a test checks)"} {
		if strings.Contains(s, gone) {
			t.Errorf("still has %q:\n%s", gone, s)
		}
	}
	if _, err := netlifyConfig([]byte("[[headers]]\n")); err == nil {
		t.Error("a netlify.toml without a build command was adapted")
	}
	// Nothing is left behind when the project cannot be written.
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, Options{Netlify: []byte("nonsense")}); err == nil {
		t.Error("wrote a project from a broken netlify.toml")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a failed new left %s behind", dir)
	}
}

// TestRefusesWhatCannotBeAFolder: an empty name, a file, and a link that
// leads nowhere are each refused in words, not with mkdir's own error
// ("mkdir : no such file or directory", "mkdir site: file exists").
func TestRefusesWhatCannotBeAFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "site")
	if err := os.Symlink(filepath.Join(dir, "gone"), dangling); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, dir, want string }{
		{"an empty name", "", "the folder's name is empty: name the folder for the new site"},
		{"blanks", "  ", "the folder's name is empty"},
		{"a file", file, file + " is a file, not a folder"},
		{"a dangling link", dangling, dangling + " is a link to " + filepath.Join(dir, "gone") + ", which does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Write(c.dir, Options{Netlify: []byte(generatorNetlify), DataAsAt: "2025-04-01"})
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "mkdir") {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
	if _, err := os.Lstat(filepath.Join(dir, "gone")); err == nil {
		t.Error("the link's target was made")
	}
}

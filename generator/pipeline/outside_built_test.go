package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
)

// copyTheme copies the default theme into the project, as a site with a
// theme of its own has it.
func copyTheme(t *testing.T, dir string) {
	t.Helper()
	if err := sitetest.CopyInto(dir, filepath.Join("themes", "default")); err != nil {
		t.Fatal(err)
	}
}

// TestNothingFromOutsideTheProjectIsPublished: a link in the theme, the
// pages or the data that leads out of the project (a theme's
// static/env.txt to /proc/self/environ published the build's environment,
// deploy tokens and all) is refused, naming it and where it leads; links
// that stay inside the project still work.
func TestNothingFromOutsideTheProjectIsPublished(t *testing.T) {
	dir := sitetest.SmallProject(t, sitetest.SmallBook(2))
	copyTheme(t, dir)
	elsewhere := t.TempDir() // beside the project, so ../ climbs out to it
	secret := filepath.Join(elsewhere, "secret.txt")
	if err := os.WriteFile(secret, []byte("deploy-token-5f3a"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FUNDSITE_TEST_SECRET", "deploy-token-5f3a")
	writeFiles(t, dir, map[string]string{
		"docs/shared.md": "+++\ntitle = \"Shared\"\n+++\nShared words.\n",
		"docs/about.txt": "about",
	})
	for name, target := range map[string]string{
		"themes/default/static/env.txt":    "/proc/self/environ",
		"themes/default/static/secret.txt": secret,
		"themes/default/static/up.txt":     "../../../../" + filepath.Base(elsewhere) + "/secret.txt",
		"content/secret.md":                secret,
		"data/elsewhere.xlsx":              secret,
		"content/shared.md":                "../docs/shared.md",       // inside: fine
		"themes/default/static/about.txt":  "../../../docs/about.txt", // inside: fine
	} {
		full := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.Symlink(target, full); err != nil {
			t.Fatal(err)
		}
	}

	out := filepath.Join(t.TempDir(), "public")
	code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out)
	if code == 0 {
		t.Fatal("published a site with links out of the project")
	}
	for _, name := range []string{"themes/default/static/env.txt", "themes/default/static/secret.txt", "themes/default/static/up.txt", "content/secret.md", "data/elsewhere.xlsx"} {
		if !strings.Contains(stderr, "\n"+name+": a link to ") {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	for _, name := range []string{"content/shared.md", "themes/default/static/about.txt"} {
		if strings.Contains(stderr, name) {
			t.Errorf("a link inside the project was refused:\n%s", stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("something was published")
	}

	// With the links out removed, the site builds and the links inside work.
	for _, name := range []string{"themes/default/static/env.txt", "themes/default/static/secret.txt", "themes/default/static/up.txt", "content/secret.md", "data/elsewhere.xlsx"} {
		os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
	}
	if code, stderr := sitetest.BuildReport(filepath.Join(dir, "site.toml"), out); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	if got := readPage(t, out, "about.txt"); got != "about" {
		t.Errorf("about.txt = %q", got)
	}
	if !strings.Contains(readPage(t, out, "shared/index.html"), "Shared words.") {
		t.Error("the linked page is missing")
	}
	for name, data := range sitetest.Snapshot(t, out) {
		if strings.Contains(string(data), "deploy-token-5f3a") {
			t.Errorf("%s holds the secret", name)
		}
	}
}

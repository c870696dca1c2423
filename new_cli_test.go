package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestNewProjectBuilds runs "fundsite new", then builds and checks the new
// project as its message says to: it builds beside its site.toml, its home
// page works out its live figures from the template workbook, and check
// finds no problem.
func TestNewProjectBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-site")
	code, stdout, stderr := runCLI(t, "new", dir)
	if code != 0 {
		t.Fatalf("new exit %d\n%s%s", code, stdout, stderr)
	}
	config := filepath.Join(dir, "site.toml")
	if !strings.Contains(stdout, "fundsite build --config "+config) {
		t.Errorf("new does not say how to build:\n%s", stdout)
	}
	code, stdout, stderr = runCLI(t, "build", "--config", config)
	if code != 0 {
		t.Fatalf("build exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "read 1 workbook(s), 4 rows;") || !strings.Contains(stdout, "published to "+filepath.Join(dir, "public")) {
		t.Errorf("build said:\n%s", stdout)
	}
	if strings.Contains(stderr, "error") || strings.Count(stderr, "warning:") != 1 || !strings.Contains(stderr, "no accessibility statement") {
		t.Errorf("a new project should warn only that it has no accessibility statement yet:\n%s", stderr)
	}
	out := filepath.Join(dir, "public")
	home := text(readPage(t, out, "index.html"))
	for _, want := range []string{"The Example Fund provides £610,000", "over 2024/25 to 2025/26", "shared among 2", "£120,000", "went to Northshire"} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %q:\n%s", want, home)
		}
	}
	for _, page := range []string{"areas/northshire/index.html", "areas/southshire/index.html", "funds/example-fund/index.html", "404.html"} {
		readPage(t, out, page)
	}
	code, stdout, stderr = runCLI(t, "check", "--config", config)
	if code != 0 || !strings.Contains(stdout, "no problems found") {
		t.Errorf("check exit %d\n%s%s", code, stdout, stderr)
	}

	// netlify.toml has this repository's headers, and builds with the copy
	// of fundsite the project keeps.
	var mine, theirs map[string]any
	if _, err := toml.DecodeFile("netlify.toml", &mine); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "netlify.toml"), &theirs); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mine["headers"], theirs["headers"]) {
		t.Errorf("the new project's headers differ:\n%v\n%v", theirs["headers"], mine["headers"])
	}
	if cmd := theirs["build"].(map[string]any)["command"]; cmd != "cd fundsite && go run . build --config ../site.toml --out ../public --fetch-previous" {
		t.Errorf("the new project builds with %q", cmd)
	}
	if gitignore, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err != nil || !strings.Contains(string(gitignore), "/public/") {
		t.Errorf(".gitignore: %q, %v", gitignore, err)
	}

	// A second new into the same folder writes nothing.
	before := snapshot(t, dir)
	code, _, stderr = runCLI(t, "new", dir)
	if code != 1 || !strings.Contains(stderr, dir+" is not empty") {
		t.Errorf("new into a project: exit %d, %q", code, stderr)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
		t.Error("new changed a project that was there")
	}
	if code, _, stderr := runCLI(t, "new"); code != 2 || !strings.Contains(stderr, "fundsite new my-site") {
		t.Errorf("new without a folder: exit %d, %q", code, stderr)
	}
}

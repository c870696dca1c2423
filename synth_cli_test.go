package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The hidden synth command writes a project the build command accepts.
func TestSynthCommandWritesABuildableProject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	code, stdout, stderr := runCLI(t, "synth", "--areas", "5", "--funds", "2", "--years", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("synth exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "30 rows") {
		t.Errorf("synth summary: %q", stdout)
	}
	out := filepath.Join(dir, "public")
	code, stdout, stderr = runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out)
	if code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "30 rows") || !strings.Contains(stdout, "13 pages") {
		t.Errorf("build summary: %q (want 30 rows; home, areas, about, data, updates, accessibility, 2 funds, 5 areas = 13 pages)", stdout)
	}
	home := text(readPage(t, out, "index.html"))
	if !strings.Contains(home, "synthetic") {
		t.Errorf("home page lacks the synthetic narrative: %.200s", home)
	}
}

func TestSynthCommandRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{"synth", "--size", "enormous", "--out", t.TempDir()},
		{"synth", "--size", "small"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

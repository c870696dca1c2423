package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The checks other tests rely on ("zero CSP violations", "no console
// errors") are only worth something if they can see a violation.
func TestSeesWhatTheStrictCSPBlocks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "index.html", `<!doctype html><html lang="en"><title>t</title>
<link rel="stylesheet" href="/ok.css">
<p id="p" style="color:red">text</p>
<script>document.title = "inline ran"</script>
<script src="/ok.js"></script>`)
	write(t, dir, "ok.js", `document.body.dataset.ran = "yes"; console.error("from ok.js");`)
	write(t, dir, "ok.css", `p { margin: 0 }`)

	b := New(t)
	p := b.Visit(t, Serve(t, dir)+"/")

	var title, ran string
	p.Eval(t, `document.title`, &title)
	p.Eval(t, `document.body.dataset.ran || ""`, &ran)
	if title == "inline ran" {
		t.Error("an inline script ran despite the CSP")
	}
	if ran != "yes" {
		t.Error("a same-origin script did not run")
	}
	violations := strings.Join(p.CSPViolations(t), "\n")
	for _, want := range []string{"script-src", "style-src"} {
		if !strings.Contains(violations, want) {
			t.Errorf("no %s violation reported; got:\n%s", want, violations)
		}
	}
	if errs := strings.Join(p.ConsoleErrors(), "\n"); !strings.Contains(errs, "from ok.js") {
		t.Errorf("console.error not collected; got:\n%s", errs)
	}
}

func TestViewportAndEval(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "index.html", `<!doctype html><html lang="en"><title>t</title><p>x</p>`)
	b := New(t)
	p := b.Visit(t, Serve(t, dir)+"/")
	p.SetViewport(t, 320, 640)
	var width int
	p.Eval(t, `document.documentElement.clientWidth`, &width)
	if width != 320 {
		t.Errorf("width %d after SetViewport(320)", width)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Axe must see a violation, or "zero violations" proves nothing.
func TestAxeFindsViolations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "index.html", `<!doctype html><html lang="en"><title>t</title>
<main><img src="x.png"><a href="/"></a></main>`)
	b := New(t)
	p := b.Visit(t, Serve(t, dir)+"/")
	got := map[string]bool{}
	for _, v := range p.Axe(t, WCAG22AA...) {
		got[v.ID] = true
		if !strings.Contains(v.String(), "/") || len(v.Nodes) == 0 {
			t.Errorf("violation without page or elements: %s", v)
		}
	}
	for _, want := range []string{"image-alt", "link-name"} {
		if !got[want] {
			t.Errorf("axe did not report %s; got %v", want, got)
		}
	}
	// A second run reuses the injected engine.
	if n := len(p.Axe(t, WCAG22AA...)); n != len(got) {
		t.Errorf("second run found %d rules, first %d", n, len(got))
	}
}

func TestDisableScripts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "index.html", `<!doctype html><html lang="en"><title>t</title><p>x</p><script src="/s.js"></script>`)
	write(t, dir, "s.js", `document.body.dataset.ran = "yes";`)
	p := New(t).Visit(t, Serve(t, dir)+"/")
	var ran string
	p.Eval(t, `document.body.dataset.ran || ""`, &ran)
	if ran != "yes" {
		t.Fatal("the script did not run with JavaScript on")
	}
	p.DisableScripts(t)
	p.Eval(t, `document.body.dataset.ran || ""`, &ran)
	if ran != "" {
		t.Error("the script ran with JavaScript off")
	}
}

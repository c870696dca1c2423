package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"fundsite/generator/browsertest"
)

// TestNetlifyConfig holds netlify.toml to the site's promises: built by the
// generator with go.mod's Go, strict security headers on every page, and
// long caching only for fingerprinted files.
func TestNetlifyConfig(t *testing.T) {
	var cfg struct {
		Build struct {
			Command     string
			Publish     string
			Environment map[string]string
		}
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	md, err := toml.DecodeFile("netlify.toml", &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Errorf("netlify.toml has keys this test does not know: %v", u)
	}
	if cfg.Build.Command != "go run . build --fetch-previous" || cfg.Build.Publish != "public" {
		t.Errorf("build: %+v", cfg.Build)
	}
	gomod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goVersion == nil || cfg.Build.Environment["GO_VERSION"] != string(goVersion[1]) {
		t.Errorf("GO_VERSION %q is not go.mod's %q", cfg.Build.Environment["GO_VERSION"], goVersion)
	}

	rules := map[string]map[string]string{}
	for _, h := range cfg.Headers {
		rules[h.For] = h.Values
	}
	all := rules["/*"]
	for _, key := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security", "Permissions-Policy"} {
		if all[key] == "" {
			t.Errorf("no %s for every page", key)
		}
	}
	csp := all["Content-Security-Policy"]
	// Every directive the browser tests run under must be in force on Netlify.
	for _, want := range strings.Split(browsertest.CSP, "; ") {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-") || regexp.MustCompile(`https?:|\*|//`).MatchString(csp) {
		t.Errorf("CSP allows inline code or another host: %s", csp)
	}
	if all["X-Content-Type-Options"] != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", all["X-Content-Type-Options"])
	}
	if cc := all["Cache-Control"]; !strings.Contains(cc, "max-age=0") || !strings.Contains(cc, "must-revalidate") {
		t.Errorf("pages are not revalidated: %q", cc)
	}
	for path, values := range rules {
		if strings.Contains(values["Cache-Control"], "immutable") && path != "/assets/*" {
			t.Errorf("%s is cached for good but is not fingerprinted", path)
		}
	}
	if !strings.Contains(rules["/assets/*"]["Cache-Control"], "immutable") {
		t.Error("fingerprinted assets are not cached for good")
	}
	if cfg.Headers[len(cfg.Headers)-1].For != "/assets/*" {
		t.Error(`the /assets/* rule must come after "/*" so its Cache-Control wins`)
	}
}

// TestOnlyFingerprintedFilesInAssets checks the other half of the caching
// promise: every file under assets/ has a content hash in its name.
func TestOnlyFingerprintedFilesInAssets(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	hashed := regexp.MustCompile(`^assets/.+\.[0-9a-f]{10}\.(css|js)$`)
	n := 0
	for name := range snapshot(t, out) {
		if strings.HasPrefix(name, "assets/") {
			n++
			if !hashed.MatchString(name) {
				t.Errorf("%s is under assets/ without a fingerprint", name)
			}
		}
	}
	if n == 0 {
		t.Error("no fingerprinted assets")
	}
}

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
)

// TestWhatChangedAcrossDeploys builds as Netlify does, from a checkout with
// no previous build on disk: --fetch-previous compares with the manifest the
// live site (here a local server holding an earlier build) published, and
// carries its history on. When the live site cannot give one, the build
// still succeeds, and says why in a warning.
func TestWhatChangedAcrossDeploys(t *testing.T) {
	earlier := t.TempDir()
	sitetest.AreaCodesProject(t, earlier, "Mid and South Essex", 530000, "")
	live := filepath.Join(earlier, "public")
	buildSmall(t, earlier, live)
	site := httptest.NewServer(http.FileServer(http.Dir(live)))
	defer site.Close()

	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html><title>Parked domain</title>"))
	}))
	defer garbage.Close()

	change := "Mid and South Essex, 2023/24: £530,000 → £541,200"
	tests := []struct {
		name, baseURL string
		stdout        []string
		warning       string // "" for none
	}{
		{"the live site", site.URL, []string{"Compared with the figures the live site published at " + site.URL + "/data/figures.json", change}, ""},
		{"a site that is down", down.URL, []string{"first publication"}, "could not fetch the published figures from " + down.URL + "/data/figures.json (.*connection refused.*), so this build cannot say what changed"},
		{"a site that answers garbage", garbage.URL, []string{"first publication"}, "could not fetch the published figures from .*it is not a figures manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 541200, "")
			sitetest.SetConfig(t, dir, "base_url", tt.baseURL+"/")
			out := filepath.Join(dir, "public")
			code, stdout, stderr := runCLI(t, "build", "--config", filepath.Join(dir, "site.toml"), "--out", out, "--fetch-previous")
			if code != 0 {
				t.Fatalf("build exit %d\n%s%s", code, stdout, stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("the build does not say %q:\n%s", want, stdout)
				}
			}
			if tt.warning == "" && strings.Contains(stderr, "fetch") {
				t.Errorf("a warning about the fetch:\n%s", stderr)
			}
			if tt.warning != "" && !regexp.MustCompile(`site\.toml: warning: `+tt.warning).MatchString(stderr) {
				t.Errorf("the warning does not match %q:\n%s", tt.warning, stderr)
			}
			updates := text(readPage(t, out, "updates/index.html"))
			if tt.warning == "" && (!strings.Contains(updates, "Update 2") || !strings.Contains(updates, change) || !strings.Contains(updates, "First publication")) {
				t.Errorf("the updates page does not carry on the live site's history:\n%s", updates)
			}
		})
	}

	// A previous build on disk is compared with, and nothing is fetched.
	t.Run("a build on disk", func(t *testing.T) {
		asked := false
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { asked = true }))
		defer srv.Close()
		sitetest.AreaCodesProject(t, earlier, "Mid and South Essex", 541200, "")
		sitetest.SetConfig(t, earlier, "base_url", srv.URL+"/")
		if stdout := buildSmall(t, earlier, live, "--fetch-previous"); !strings.Contains(stdout, change) || asked {
			t.Errorf("fetched %v; the build said:\n%s", asked, stdout)
		}
	})
}

// TestFetchedManifestIsNotTrusted: whoever answers at the live site's
// address chooses every byte of the manifest fetched. Its areas never
// reach data/addresses.json or _redirects, and its words never reach the
// updates page or the feed: the build compares the values of the figures
// it has, and says so in its own words.
func TestFetchedManifestIsNotTrusted(t *testing.T) {
	earlier := t.TempDir()
	sitetest.AreaCodesProject(t, earlier, "Mid and South Essex", 530000, "")
	live := filepath.Join(earlier, "public")
	buildSmall(t, earlier, live)
	manifest := readPage(t, live, "data/figures.json")
	hijacked := strings.NewReplacer(
		`"areas": [`, `"areas": [{"code": "E99", "slug": "hijacked-area"}, `,
		`"label":"Mid and South Essex, 2023/24"`, `"label":"Ring 0900 123 456 to claim"`,
		`"updates": [`, `"updates": [{"number":2,"data_as_at":"2024-08-31","data_version":"ffff","changes":[{"key":"/","label":"Grants cut: see evil.example","before":"£1","after":"£2"}]},`,
	).Replace(manifest)
	for _, injected := range []string{"hijacked-area", "0900", "evil.example"} {
		if !strings.Contains(hijacked, injected) {
			t.Fatalf("%q was not injected:\n%s", injected, hijacked)
		}
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(hijacked)) }))
	defer site.Close()

	dir := t.TempDir()
	sitetest.AreaCodesProject(t, dir, "Mid and South Essex", 541200, "")
	sitetest.SetConfig(t, dir, "base_url", site.URL+"/")
	out := filepath.Join(dir, "public")
	stdout := buildSmall(t, dir, out, "--fetch-previous")
	change := "Mid and South Essex, 2023/24: £530,000 → £541,200"
	if !strings.Contains(stdout, change) {
		t.Errorf("the build does not compare the values:\n%s", stdout)
	}
	updates := text(readPage(t, out, "updates/index.html"))
	if !strings.Contains(updates, "Update 3: 3 figures changed") || !strings.Contains(updates, change) || !strings.Contains(updates, "Update 2") {
		t.Errorf("the updates page does not carry the history on:\n%s", updates)
	}
	record, err := os.ReadFile(filepath.Join(dir, "data", "addresses.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, published := range map[string]string{
		"stdout": stdout, "updates page": updates, "feed": readPage(t, out, "updates/feed.xml"),
		"figures.json": readPage(t, out, "data/figures.json"), "_redirects": readPage(t, out, "_redirects"), "data/addresses.json": string(record),
	} {
		for _, injected := range []string{"hijacked-area", "E99", "0900", "evil.example", "Grants cut"} {
			if strings.Contains(published, injected) {
				t.Errorf("%s carries %q from the fetched manifest:\n%s", name, injected, published)
			}
		}
	}
}

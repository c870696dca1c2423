package history

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadRefusesWhatNoBuildWrote: --previous and data/addresses.json are
// read only when they are files of a sane size, and every address in
// them must be one fundsite makes, because each becomes a line of
// _redirects.
func TestReadRefusesWhatNoBuildWrote(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := write("huge.json", "")
	if err := os.Truncate(huge, MaxManifestBytes+1); err != nil { // sparse: nothing is written
		t.Fatal(err)
	}
	injected := `{"areas": [{"code": "E1", "slug": "kent"}, {"code": "E2\n/*  https://evil.example/:splat  200!", "slug": "essex"}, {"slug": "x/../../y"}, {"slug": "a b"}]}`
	cases := []struct {
		name, path string
		want       []string
	}{
		{"a FIFO", fifo, []string{"named pipe (FIFO)"}},
		{"a device", "/dev/zero", []string{"is a device"}},
		{"a folder", dir, []string{"is a folder"}},
		{"too large", huge, []string{"huge.json: the file is larger than"}},
		{"injected manifest", write("figures.json", injected), []string{
			"figures.json: ", `area 2: "E2\n/*  https://evil.example/:splat  200!" is not an area code`,
			`area 3: "x/../../y" is not a web address fundsite makes`, `area 4: "a b" is not a web address`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, read := range []func(string) error{
				func(p string) error { _, err := Read(p); return err },
				func(p string) error { _, err := ReadAddresses(p); return err },
			} {
				done := make(chan error, 1)
				go func() { done <- read(c.path) }()
				select {
				case err := <-done:
					for _, want := range c.want {
						if err == nil || !strings.Contains(err.Error(), want) {
							t.Errorf("err = %v, want %q", err, want)
						}
					}
				case <-time.After(10 * time.Second):
					t.Fatal("still reading after 10 s")
				}
			}
		})
	}
}

// TestRedirectsAreASCII: a slug in another script is percent-encoded, as
// browsers ask for it.
func TestRedirectsAreASCII(t *testing.T) {
	got := AreaRedirects([]Address{{Code: "T1", Slug: "東京"}, {Slug: "gone"}}, []Address{{Code: "T1", Slug: "東京都"}})
	want := []Redirect{
		{"/areas/T1/", "/areas/%E6%9D%B1%E4%BA%AC%E9%83%BD/"},
		{"/areas/t1/", "/areas/%E6%9D%B1%E4%BA%AC%E9%83%BD/"},
		{"/areas/%E6%9D%B1%E4%BA%AC/", "/areas/%E6%9D%B1%E4%BA%AC%E9%83%BD/"},
		{"/areas/gone/", "/areas/"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("redirect %d = %v, want %v", i, got[i], want[i])
		}
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The preview's reload script and problems dialog belong to serve alone:
// a published site must never carry them.
func TestBuildHasNoPreviewMarkup(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(dir, "public")
	buildExample(t, dir, out)
	for name, data := range snapshot(t, out) {
		for _, bad := range []string{"_fundsite", "reload.js", "fundsite-problems"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

// go run . serve --port 0 previews the example, prints its address, and on
// Ctrl-C stops cleanly, leaving no temporary folder and no public/.
func TestServeCommand(t *testing.T) {
	dir := copyExample(t)
	before := snapshot(t, dir)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "--port", "0", "--config", filepath.Join(dir, "site.toml")}, outW, io.Discard)
		outW.Close()
	}()
	address := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(outR)
		for lines.Scan() {
			if _, rest, ok := strings.Cut(lines.Text(), "Previewing the site at "); ok {
				address <- strings.Fields(rest)[0]
			}
		}
	}()
	var url string
	select {
	case url = <-address:
	case c := <-code:
		t.Fatalf("serve exited %d before printing its address", c)
	case <-time.After(30 * time.Second):
		t.Fatal("serve printed no address")
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("serve is not on loopback by default: %s", url)
	}
	resp, err := http.Get(url + "areas/mid-and-south-essex/")
	if err != nil {
		t.Fatal(err)
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text(string(page)), "£530,000") || !strings.Contains(string(page), `src="/_fundsite/reload.js"`) {
		t.Errorf("the previewed area page lacks its figure or the reload script:\n%s", text(string(page)))
	}
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("serve exited %d on Ctrl-C", c)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("serve left %d temporary folder(s), such as %s", len(left), left[0].Name())
	}
	after := snapshot(t, dir)
	for name, data := range after {
		if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
			t.Errorf("serve wrote %s into the project", name)
		}
	}
}

func TestServeOnBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	code, _, stderr := runCLI(t, "serve", "--port", port, "--config", filepath.Join(copyExample(t), "site.toml"))
	if code != 1 || !strings.Contains(stderr, "--port") {
		t.Errorf("serve on a busy port: exit %d, %q", code, stderr)
	}
}

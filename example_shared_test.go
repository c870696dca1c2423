package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fundsite/generator/browsertest"
)

func TestMain(m *testing.M) {
	code := browsertest.Main(m)
	shared.stop()
	os.Exit(code)
}

// sharedExample is one build of the example site for the tests that only
// read it, served once: building it for each test cost a second or more
// on a busy machine, and every build gave the same bytes.
type sharedExample struct {
	once sync.Once
	dir  string // the project; public/ holds the build
	srv  *httptest.Server
	err  error
}

var shared sharedExample

// builtExample is the shared example's public/ folder. Tests must not
// change it; one that needs a changed site builds its own.
func builtExample(t testing.TB) string {
	t.Helper()
	shared.once.Do(shared.build)
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return filepath.Join(shared.dir, "public")
}

// servedExample is the shared example's address on a server that sends the
// site's strict CSP, as browsertest.Serve does.
func servedExample(t testing.TB) string {
	t.Helper()
	builtExample(t)
	return shared.srv.URL
}

func (s *sharedExample) build() {
	s.dir, s.err = os.MkdirTemp("", "fundsite-example-")
	if s.err != nil {
		return
	}
	if s.err = copyExampleTo(s.dir); s.err != nil {
		return
	}
	out := filepath.Join(s.dir, "public")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "--config", filepath.Join(s.dir, "site.toml"), "--out", out}, &stdout, &stderr); code != 0 {
		s.err = fmt.Errorf("building the example: exit %d\n%s%s", code, &stdout, &stderr)
		return
	}
	s.srv = httptest.NewServer(browsertest.Handler(out))
}

func (s *sharedExample) stop() {
	if s.srv != nil {
		s.srv.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

package serve

import (
	"bufio"
	"bytes"
	"context"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fundsite/generator/pipeline"
	"fundsite/generator/workbook"
)

// wait bounds every wait for a rebuild; a rebuild of the small test
// project takes milliseconds, so reaching it means the event never came.
const wait = 30 * time.Second

// writeWorkbook writes data/funds.xlsx with one allocation per amount, to
// areas "Area A", "Area B", …
func writeWorkbook(t *testing.T, dir string, amounts ...any) {
	t.Helper()
	var rows [][]any
	for i, a := range amounts {
		rows = append(rows, []any{"Test Fund", "2023/24", "Area " + string(rune('A'+i)), a})
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := workbook.Write(filepath.Join(dir, "data", "funds.xlsx"), []workbook.SheetSpec{{
		Name: "Allocations", Header: []string{"Fund", "Financial year", "Area", "Amount"}, Rows: rows,
	}})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func aboutPage(words string) string {
	return "+++\ntitle = \"About the data\"\n+++\n\n" + words + "\n"
}

// newProject writes a small project: one workbook, a home page, an about page.
func newProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Test funding\"\nbase_url = \"https://example.org/\"\n")
	writeFile(t, filepath.Join(dir, "content", "_index.md"), "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n")
	writeFile(t, filepath.Join(dir, "content", "about.md"), aboutPage("First words."))
	writeWorkbook(t, dir, 1000, 2000)
	return dir
}

// syncBuffer collects a preview's terminal output from its goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// preview is a running preview server with a page listening to its events.
type preview struct {
	url    string
	events chan int // the build number of every event received
	build  int      // the build the pages come from
	stdout *syncBuffer
	stderr *syncBuffer
}

// start runs a preview of dir on a random loopback port until the test
// ends, and connects to its event stream as a page would.
func start(t testing.TB, dir string) *preview {
	t.Helper()
	return startPublished(t, dir, "")
}

// startPublished is start for a project published into out.
func startPublished(t testing.TB, dir, out string) *preview {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &preview{url: "http://" + ln.Addr().String(), events: make(chan int, 100), stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, ln, Options{
			Build:  pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), OutDir: out, DefaultTheme: os.DirFS("../../themes/default")},
			Stdout: p.stdout, Stderr: p.stderr,
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("preview stopped with %v", err)
		}
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/_fundsite/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream is %q", ct)
	}
	go func() {
		defer resp.Body.Close()
		lines := bufio.NewScanner(resp.Body)
		for lines.Scan() {
			if n, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
				gen, err := strconv.Atoi(n)
				if err != nil {
					panic("event data is not a build number: " + n)
				}
				p.events <- gen
			}
		}
	}()
	p.build = p.nextBuild(t)
	return p
}

// nextBuild waits for an event announcing a build after the current one.
func (p *preview) nextBuild(t testing.TB) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	for {
		select {
		case gen := <-p.events:
			if gen > p.build {
				p.build = gen
				return gen
			}
		case <-ctx.Done():
			t.Fatalf("no reload event after build %d; preview said:\n%s", p.build, p.stderr)
		}
	}
}

func (p *preview) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text is what a reader sees: the HTML without tags, spaces folded.
func text(page string) string {
	return html.UnescapeString(strings.Join(strings.Fields(tags.ReplaceAllString(page, " ")), " "))
}

// problems is the text of the problems dialog, or "" when there is none.
func problems(html string) string {
	start := strings.Index(html, `<dialog open id="fundsite-problems"`)
	if start < 0 {
		return ""
	}
	end := strings.Index(html[start:], "</dialog>")
	return text(html[start : start+end])
}

func TestPreviewRebuildsOnEveryEdit(t *testing.T) {
	dir := newProject(t)
	p := start(t, dir)
	steps := []struct {
		name         string
		edit         func() // nil: look again without changing anything
		page         string
		want         []string // in the page's text
		wantProblems []string // in the problems dialog; none means no dialog
		gone         bool     // the page must be gone (404)
	}{
		{"first build", nil, "/about/", []string{"First words."}, nil, false},
		{"markdown edit", func() {
			writeFile(t, filepath.Join(dir, "content", "about.md"), aboutPage("Second words."))
		}, "/about/", []string{"Second words."}, nil, false},
		{"workbook cell edit", func() { writeWorkbook(t, dir, 1000, 2500) }, "/areas/area-b/", []string{"£2,500"}, nil, false},
		{"broken workbook keeps the last good site", func() { writeWorkbook(t, dir, 1000, "lots") }, "/areas/area-b/",
			[]string{"£2,500"}, []string{"could not be rebuilt", "data/funds.xlsx: Allocations!D3", "lots"}, false},
		{"problems on every page", nil, "/about/",
			[]string{"Second words."}, []string{"data/funds.xlsx: Allocations!D3"}, false},
		{"problems are escaped", func() { writeWorkbook(t, dir, 1000, "<img src=x>") }, "/about/",
			[]string{"Second words."}, []string{`amount "<img src=x>" is not a number`}, false},
		{"fixed workbook clears the problems", func() { writeWorkbook(t, dir, 1000, 3000) }, "/areas/area-b/", []string{"£3,000"}, nil, false},
		{"save by renaming a temporary file over the page", func() {
			tmp := filepath.Join(dir, "content", ".about.md.tmp")
			writeFile(t, tmp, aboutPage("Renamed words."))
			if err := os.Rename(tmp, filepath.Join(dir, "content", "about.md")); err != nil {
				t.Fatal(err)
			}
		}, "/about/", []string{"Renamed words."}, nil, false},
		{"page in a new subfolder", func() {
			writeFile(t, filepath.Join(dir, "content", "news", "update.md"), "+++\ntitle = \"Update\"\n+++\n\nNews words.\n")
		}, "/news/update/", []string{"News words."}, nil, false},
		{"second page in that subfolder", func() {
			writeFile(t, filepath.Join(dir, "content", "news", "later.md"), "+++\ntitle = \"Later\"\n+++\n\nLater words.\n")
		}, "/news/later/", []string{"Later words."}, nil, false},
		{"deleted page is gone from the preview", func() {
			if err := os.Remove(filepath.Join(dir, "content", "news", "later.md")); err != nil {
				t.Fatal(err)
			}
		}, "/news/later/", nil, nil, true},
		{"broken site.toml", func() {
			writeFile(t, filepath.Join(dir, "site.toml"), "title = \"Test funding\"\ntitel = \"typo\"\n")
		}, "/", nil, []string{"site.toml:2", `unknown setting "titel"`}, false},
	}
	for _, step := range steps {
		if step.edit != nil {
			step.edit()
			p.nextBuild(t)
		}
		status, page := p.get(t, step.page)
		if step.gone {
			if status != http.StatusNotFound {
				t.Errorf("%s: %s is %d, want 404", step.name, step.page, status)
			}
			continue
		}
		if status != http.StatusOK {
			t.Errorf("%s: %s is %d", step.name, step.page, status)
		}
		if !strings.Contains(page, `<script src="/_fundsite/reload.js" data-build="`+strconv.Itoa(p.build)+`" defer></script>`) {
			t.Errorf("%s: %s lacks the reload script for build %d", step.name, step.page, p.build)
		}
		for _, want := range step.want {
			if !strings.Contains(text(page), want) {
				t.Errorf("%s: %s lacks %q", step.name, step.page, want)
			}
		}
		got := problems(page)
		if len(step.wantProblems) == 0 && got != "" {
			t.Errorf("%s: %s shows problems: %s", step.name, step.page, got)
		}
		for _, want := range step.wantProblems {
			if !strings.Contains(got, want) {
				t.Errorf("%s: problems on %s lack %q: %q", step.name, step.page, want, got)
			}
		}
		if len(step.wantProblems) > 0 && !strings.Contains(page, `<link rel="stylesheet" href="/_fundsite/overlay.css">`) {
			t.Errorf("%s: the problems are not styled", step.name)
		}
		if strings.Contains(page, "<img") {
			t.Errorf("%s: a cell's text reached the page unescaped", step.name)
		}
	}
}

func buildProject(dir, out string) (*pipeline.Result, error) {
	return pipeline.Build(context.Background(), pipeline.Options{
		ConfigPath: filepath.Join(dir, "site.toml"), OutDir: out, DefaultTheme: os.DirFS("../../themes/default"),
	})
}

func snapshotDir(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

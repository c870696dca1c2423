package serve

import (
	"bytes"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fundsite/generator/workbook"
)

func TestFirstBuildFails(t *testing.T) {
	dir := newProject(t)
	writeWorkbook(t, dir, "lots")
	p := start(t, dir)
	status, page := p.get(t, "/areas/")
	if status != http.StatusServiceUnavailable {
		t.Errorf("before any build, a page is %d", status)
	}
	got := problems(page)
	for _, want := range []string{"The site could not be built", "data/funds.xlsx: Allocations!D2"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q: %q", want, got)
		}
	}
	if strings.Contains(got, "last version that built") {
		t.Error("problems speak of a last good version when there is none")
	}
	writeWorkbook(t, dir, 1000)
	p.nextBuild(t)
	status, page = p.get(t, "/areas/")
	if status != http.StatusOK || problems(page) != "" {
		t.Errorf("after a fix, /areas/ is %d with problems %q", status, problems(page))
	}
}

// The preview serves the build as a static host would, and changes
// nothing but HTML.
func TestServesTheBuild(t *testing.T) {
	dir := newProject(t)
	p := start(t, dir)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildProject(dir, out); err != nil {
		t.Fatal(err)
	}
	css, err := filepath.Glob(filepath.Join(out, "assets", "style.*.css"))
	if err != nil || len(css) != 1 {
		t.Fatalf("no fingerprinted style sheet in the build: %v", css)
	}
	want, err := os.ReadFile(css[0])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path       string
		status     int
		contains   string
		exactBytes []byte
	}{
		{"/assets/" + filepath.Base(css[0]), http.StatusOK, "", want},
		{"/about/", http.StatusOK, "First words.", nil},
		// The site's own 404 page, as Netlify serves it.
		{"/no/such/page/", http.StatusNotFound, "There is no page at this address.", nil},
		{"/_fundsite/reload.js", http.StatusOK, "EventSource", nil},
		{"/_fundsite/overlay.css", http.StatusOK, ".fundsite-problems", nil},
	}
	for _, tt := range tests {
		status, body := p.get(t, tt.path)
		if status != tt.status || !strings.Contains(body, tt.contains) {
			t.Errorf("%s: %d, want %d with %q", tt.path, status, tt.status, tt.contains)
		}
		if tt.exactBytes != nil && !bytes.Equal([]byte(body), tt.exactBytes) {
			t.Errorf("%s differs from the built file", tt.path)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(p.url + "/about")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || loc != "/about/" {
		t.Errorf("/about redirects with %d to %q, want 301 to /about/", resp.StatusCode, loc)
	}
}

// The preview follows the site's own _redirects, as Netlify does: an area's
// code leads to its page, with or without the final slash.
func TestFollowsTheSitesRedirects(t *testing.T) {
	dir := newProject(t)
	err := workbook.Write(filepath.Join(dir, "data", "funds.xlsx"), []workbook.SheetSpec{{
		Name:   "Allocations",
		Header: []string{"Fund", "Financial year", "Area", "Area code", "Amount"},
		Rows:   [][]any{{"Test Fund", "2023/24", "Mid and South Essex", "E54000026", 1000}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := start(t, dir)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct{ path, status, location string }{
		{"/areas/E54000026/", "301 Moved Permanently", "/areas/mid-and-south-essex/"},
		{"/areas/E54000026", "301 Moved Permanently", "/areas/mid-and-south-essex/"},
		{"/areas/e54000026/?from=letter", "301 Moved Permanently", "/areas/mid-and-south-essex/?from=letter"},
		{"/areas/E99999999/", "404 Not Found", ""},
		// A page that exists is served, whatever the rules say.
		{"/areas/mid-and-south-essex/", "200 OK", ""},
	}
	for _, tt := range tests {
		resp, err := client.Get(p.url + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Status != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("%s: %s to %q, want %s to %q", tt.path, resp.Status, resp.Header.Get("Location"), tt.status, tt.location)
		}
	}
}

func TestRedirectRules(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "_redirects"), `# comment
/old/   /new/   302
/gone   /
/splat/*  /x/  301
/:code/  /y/  301
/rewrite/  /z/  200
/forced/  /f/  301!
/broken/
`)
	tests := []struct {
		path, to string
		status   int
	}{
		{"/old/", "/new/", 302},
		{"/old", "/new/", 302},
		{"/gone/", "/", 301},
		{"/forced/", "/f/", 301},
		{"/splat/a", "", 0},
		{"/E1/", "", 0},
		{"/rewrite/", "", 0},
		{"/broken/", "", 0},
		{"/", "", 0},
	}
	for _, tt := range tests {
		to, status, _ := redirect(dir, tt.path)
		if to != tt.to || status != tt.status {
			t.Errorf("%s: %d to %q, want %d to %q", tt.path, status, to, tt.status, tt.to)
		}
	}
	if _, _, ok := redirect(t.TempDir(), "/old/"); ok {
		t.Error("a site without _redirects redirects")
	}
}

// What the preview adds must itself keep a strict CSP: no inline script,
// no style attributes, scripts and styles only from our own origin.
func TestInjectedMarkupIsCSPSafe(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><head><title>x</title></head><body class=\"x\"><p>Hi</p></body></html>")
	got := string(inject(page, state{dir: "x", gen: 3, failure: []string{"1 problem in the inputs:", "data/a.xlsx: Allocations!D2: bad"}}))
	if !strings.HasPrefix(got, "<!DOCTYPE html><html><head><title>x</title>") || !strings.HasSuffix(got, "<p>Hi</p></body></html>") {
		t.Errorf("the page around the additions changed:\n%s", got)
	}
	if i, j := strings.Index(got, "fundsite-problems"), strings.Index(got, `<body class="x">`); i < j {
		t.Errorf("the problems are not at the start of the body:\n%s", got)
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script>|<script [^>]*>[^<]`), // inline script
		regexp.MustCompile(`(?i)\sstyle=|<style`),
		regexp.MustCompile(`(?i)\son[a-z]+=`),
		regexp.MustCompile(`(src|href)="(https?:)?//`),
	} {
		if m := bad.FindString(got); m != "" {
			t.Errorf("injected markup has %q:\n%s", m, got)
		}
	}
}

func TestAnswersOnlyToLoopbackNames(t *testing.T) {
	p := start(t, newProject(t))
	port := p.url[strings.LastIndex(p.url, ":"):]
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1" + port, http.StatusOK},
		{"localhost" + port, http.StatusOK},
		{"[::1]" + port, http.StatusOK},
		{"attacker.example" + port, http.StatusForbidden},
		{"192.168.1.20" + port, http.StatusForbidden},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(http.MethodGet, p.url+"/about/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Host %s: %d, want %d", tt.host, resp.StatusCode, tt.want)
		}
	}
}

// The preview lists what the next build would publish as changed: the
// figures that differ from the site in public/, which it never writes.
func TestComparesWithPublishedSite(t *testing.T) {
	dir := newProject(t)
	out := filepath.Join(dir, "public")
	if _, err := buildProject(dir, out); err != nil {
		t.Fatal(err)
	}
	published := snapshotDir(t, out)
	p := startPublished(t, dir, out)
	writeWorkbook(t, dir, 1000, 2500)
	p.nextBuild(t)
	_, page := p.get(t, "/updates/")
	if want := "Area B, 2023/24: £2,000 → £2,500"; !strings.Contains(text(page), want) {
		t.Errorf("updates page lacks %q:\n%s", want, text(page))
	}
	if !maps.Equal(snapshotDir(t, out), published) {
		t.Error("the preview changed public/")
	}
}

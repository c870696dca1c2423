// Package browsertest drives a real Chromium over built sites, for the tests
// that only a browser can answer: scripts run under the strict CSP, charts
// draw, pages reflow at 320px, keyboard focus goes where it should.
//
// Tests that need it call New; it skips when no Chromium is installed, except
// with CI=true, where a missing browser fails the test: CI must never pass by
// silently skipping. .ci/run installs Debian's chromium.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// CSP is the policy the site is published under (netlify.toml sends the same
// header), so tests see exactly what residents' browsers enforce.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

// Browser is a headless Chromium: the one its package's tests share (see
// Main), or one of its own for a test.
type Browser struct {
	ctx  context.Context
	mu   sync.Mutex
	idle []*tab // tabs a finished test left, for the next page
}

// shared is the Chromium every test of a package shares once Main has
// turned sharing on: starting one costs seconds (tens on a busy machine),
// and a package's browser tests would otherwise start one each.
var shared struct {
	on      bool
	once    sync.Once
	browser *Browser
	err     error
	stop    func()
}

// Main runs a package's tests with one Chromium shared by all of them, each
// page in a tab of its own, and stops it when they end. Call it from
// TestMain: os.Exit(browsertest.Main(m)).
func Main(m *testing.M) int {
	shared.on = true
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	return code
}

// New returns the browser for t: the package's shared one when its TestMain
// calls Main, otherwise one started for t and stopped when t ends.
func New(t testing.TB) *Browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed; .ci/run installs it (apt-get install chromium)")
		}
		t.Skip("Chromium is not installed; browser tests run in CI")
	}
	if shared.on {
		shared.once.Do(func() {
			shared.browser, shared.stop, shared.err = start(path, "")
		})
		if shared.err != nil {
			t.Fatal(shared.err)
		}
		return shared.browser
	}
	b, stop, err := start(path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return b
}

// start starts Chromium with its profile in dataDir, or in a temporary
// folder that stop removes when dataDir is "".
func start(path, dataDir string) (*Browser, func(), error) {
	removeDir := func() {}
	if dataDir == "" {
		dir, err := os.MkdirTemp("", "fundsite-chromium-")
		if err != nil {
			return nil, nil, err
		}
		dataDir = dir
		removeDir = func() { os.RemoveAll(dir) }
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(dataDir),
		// The machine's network is closed; without these Chromium keeps
		// trying Google's hosts and logs errors the tests would read.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		// Chromium preloads its omnibox popup, a web page of its own that
		// a headless browser never shows, and it kept half a core busy
		// for as long as the browser ran. (chromedp's defaults are kept.)
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup"),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	stop := func() { cancel(); cancelAlloc(); removeDir() }
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return &Browser{ctx: ctx}, stop, nil
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Ctx is the browser's context, for chromedp actions the helpers lack.
func (b *Browser) Ctx() context.Context { return b.ctx }

// Serve serves a built site from dir the way Netlify would, with the strict
// CSP header, until t ends, and returns its base URL (no trailing slash).
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(Handler(dir))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Handler serves a built site from dir the way Netlify would, with the
// strict CSP header.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", CSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}

// Page is one loaded page, in a tab of its own until its test ends.
type Page struct {
	tab *tab
	ctx context.Context
	url string
	// scriptsOff: DisableScripts turned JavaScript off, so no animation
	// frame callback will ever run.
	scriptsOff bool
}

// tab is a browser tab. When a test is done with its page, the tab is kept
// for the next page rather than closed: each new tab started a renderer
// process, and starting them cost the browser tests more CPU than loading
// most pages. Pages of one site then share a process, and its warm caches.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	messages []string // console errors and warnings of the current page
}

// recordViolations keeps every CSP violation where a test can read it;
// it runs before the page's own scripts and is not itself subject to CSP.
const recordViolations = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`

// Visit opens url in a tab of its own and waits until it has loaded.
func (b *Browser) Visit(t testing.TB, url string) *Page {
	t.Helper()
	tb, err := b.take()
	if err != nil {
		t.Fatalf("%s: opening a tab: %v", url, err)
	}
	t.Cleanup(func() { b.put(tb) })
	p := &Page{tab: tb, ctx: tb.ctx, url: url}
	p.Navigate(t, url)
	return p
}

// take hands out an idle tab, or opens one.
func (b *Browser) take() (*tab, error) {
	b.mu.Lock()
	if n := len(b.idle); n > 0 {
		tb := b.idle[n-1]
		b.idle = b.idle[:n-1]
		b.mu.Unlock()
		return tb, nil
	}
	b.mu.Unlock()
	ctx, cancel := chromedp.NewContext(b.ctx)
	tb := &tab{ctx: ctx, cancel: cancel}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordViolations}); err != nil {
		cancel()
		return nil, err
	}
	tb.collectConsole()
	return tb, nil
}

// put keeps a tab for the next page once it is as a new tab would be: no
// emulated size, media or scripts off, and no messages. A tab that cannot
// be reset is closed.
func (b *Browser) put(tb *tab) {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	if err == nil {
		_, err = chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	}
	if err == nil {
		_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	}
	if err != nil {
		tb.cancel()
		return
	}
	b.mu.Lock()
	b.idle = append(b.idle, tb)
	b.mu.Unlock()
}

// Navigate loads url in this tab, as a click on a link would.
func (p *Page) Navigate(t testing.TB, url string) {
	t.Helper()
	// A page loads in seconds; on a machine busy with other work it has
	// taken twenty. The limit only catches a page that never loads.
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Minute)
	defer cancel()
	p.tab.mu.Lock()
	p.tab.messages = nil
	p.tab.mu.Unlock()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	p.url = url
}

func (tb *tab) collectConsole() {
	messages := chromedp.Console(tb.ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
				tb.mu.Lock()
				tb.messages = append(tb.messages, string(m.Type)+": "+m.String())
				tb.mu.Unlock()
			}
		}
	}()
}

// ConsoleErrors returns the errors, warnings and uncaught exceptions the page
// has logged so far (CSP refusals among them).
func (p *Page) ConsoleErrors() []string {
	// Console messages arrive asynchronously; a round trip to the page
	// flushes those logged before it.
	_ = chromedp.Do(p.ctx, chromedp.Evaluate[chromedp.Void](`0`))
	p.tab.mu.Lock()
	defer p.tab.mu.Unlock()
	return append([]string(nil), p.tab.messages...)
}

// CSPViolations returns every Content-Security-Policy violation the page
// reported, each as "directive blocked URI at file:line".
func (p *Page) CSPViolations(t testing.TB) []string {
	t.Helper()
	var v []string
	p.Eval(t, `window.__cspViolations || []`, &v)
	return v
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// value into out (a pointer), or ignores it when out is nil.
func (p *Page) Eval(t testing.TB, js string, out any) {
	t.Helper()
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: evaluating %s: %v", p.url, abbreviate(js), err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s: result of %s: %v", p.url, abbreviate(js), err)
		}
	}
}

// SetViewport resizes the page as a phone or desktop window would be.
func (p *Page) SetViewport(t testing.TB, width, height int64) {
	t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(width, height)); err != nil {
		t.Fatalf("%s: viewport %dx%d: %v", p.url, width, height, err)
	}
	if p.scriptsOff {
		return // no script will react to the new size
	}
	// Measure what a reader sees: wait two frames, so layout and the page's
	// ResizeObserver callbacks (charts redrawing to fit) have run.
	p.Eval(t, `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))`, nil)
}

// Ctx is the tab's context, for chromedp actions the helpers lack.
func (p *Page) Ctx() context.Context { return p.ctx }

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

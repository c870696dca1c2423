package browsertest

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core, vendored from the npm registry as test data (see
// testdata/axe-core/README.md). It reaches only test binaries: nothing in the
// generator imports this package.
//
//go:embed testdata/axe-core/axe.min.js
var axeSource string

// WCAG22AA are the axe-core tags for WCAG 2.2 level AA, which UK public
// sector sites must meet: every A and AA rule of 2.0, 2.1 and 2.2.
var WCAG22AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// AxeViolation is one axe-core rule a page breaks, with the elements that
// break it.
type AxeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	URL    string    `json:"helpUrl"`
	Nodes  []AxeNode `json:"nodes"`
	Page   string    `json:"-"`
}

// AxeNode is one element that breaks a rule.
type AxeNode struct {
	Target  []any  `json:"target"` // CSS selectors; nested arrays for frames
	HTML    string `json:"html"`
	Summary string `json:"failureSummary"`
}

func (v AxeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s [%s, %s] %s", v.Page, v.ID, v.Impact, v.Help, v.URL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %v: %s", n.Target, abbreviate(n.HTML))
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
		}
	}
	return b.String()
}

// Axe runs axe-core over the page as it is now, with the rules of the given
// tags, and returns what it finds. The engine is injected over the DevTools
// protocol, which the page's CSP does not govern, so the page under test is
// exactly what residents get.
func (p *Page) Axe(t testing.TB, tags ...string) []AxeViolation {
	t.Helper()
	var loaded bool
	p.Eval(t, `typeof window.axe === "object"`, &loaded)
	if !loaded {
		if err := chromedp.Do(p.ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			t.Fatalf("%s: injecting axe-core: %v", p.url, err)
		}
	}
	quoted := make([]string, len(tags))
	for i, tag := range tags {
		quoted[i] = fmt.Sprintf("%q", tag)
	}
	js := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: [%s]}, resultTypes: ["violations"]}).then(r => r.violations)`,
		strings.Join(quoted, ","))
	var violations []AxeViolation
	p.Eval(t, js, &violations)
	for i := range violations {
		violations[i].Page = p.url
	}
	return violations
}

// Key presses keys (kb constants for Tab, Enter and so on) in the page, as
// a keyboard user would.
func (p *Page) Key(t testing.TB, keys string) {
	t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatalf("%s: pressing %q: %v", p.url, keys, err)
	}
}

// DisableScripts turns JavaScript off in this tab and reloads the page, as
// residents with scripts blocked see it. Eval still works (it runs over
// the DevTools protocol, not as the page's script); Axe does not, as
// axe-core needs the page's timers.
func (p *Page) DisableScripts(t testing.TB) {
	t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("%s: turning JavaScript off: %v", p.url, err)
	}
	p.scriptsOff = true
	p.Navigate(t, p.url)
}

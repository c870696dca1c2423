package narrative

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"fundsite/generator/diag"
)

// TestLinksAsTheBrowserReadsThem: a link is checked as a browser follows
// it, after its character references (&#106;) and %-escapes are decoded
// and a backslash read as a slash: one that turns out to run a script or
// to lead, by //, to whatever site it names is refused at its file and
// line, as the same link written plainly is.
func TestLinksAsTheBrowserReadsThem(t *testing.T) {
	tests := []struct {
		markdown string
		want     string // in the problems; "" for a link that is fine
	}{
		{"[x](//evil.example/)", `content/page.md:3:5: the link "//evil.example/" leads, by //, to whatever web site follows`},
		{"![x](//evil.example/i.png)", `content/page.md:3:6: the link "//evil.example/i.png" leads, by //, to whatever web site follows`},
		{"[x](/\\evil.example/)", `the link "/\\evil.example/" leads, by //, to whatever web site follows`},
		{"[x](&#x2F;&#x2F;evil.example/)", `the link "&#x2F;&#x2F;evil.example/" leads, by //, to whatever web site follows`},
		{"[x](&#106;avascript:alert(1))", `content/page.md:3:5: the link "&#106;avascript:alert(1)" reads "javascript:alert(1)" once its character references (&#…;) and %-escapes are decoded, which hides where it leads; write the address plainly: links may only be http://`},
		{"[x](jav&#x61;script:alert(1))", `the link "jav&#x61;script:alert(1)" reads "javascript:alert(1)" once its character references`},
		{"[x](<jav&#x61;script:alert(1)>)", `reads "javascript:alert(1)" once its character references`},
		{"[x](%6Aavascript:alert(1))", `the link "%6Aavascript:alert(1)" reads "javascript:alert(1)" once its character references`},
		{"[x](%26%23106;avascript:alert(1))", `reads "javascript:alert(1)" once its character references`},
		{"[x][r]\n\n[r]: jav&#97;script:alert(1)", `content/page.md:5:6: the link "jav&#97;script:alert(1)" reads "javascript:alert(1)" once its character references`},
		{"[x](data&colon;text/html,x)", `reads "data:text/html,x" once its character references`},
		{"[fine](https://example.org/?a=1&amp;b=2)", ""},
		{"[fine](/areas/%E6%9D%B1%E4%BA%AC/)", ""},
		{"[fine](https://example.org/?q=%25zz)", ""},
		{"[x](&#106;avascript:alert(%25zz))", `reads "javascript:alert(%zz)" once`},
		{"[x](java&#9;script:alert(1))", `the link "java&#9;script:alert(1)" reads "javascript:alert(1)" once`},
		{"[fine](mailto:x@example.org?subject=Hi%20there)", ""},
		{"[fine](#fig-arf-2023-24-total) [fine](/data/) [fine](page/)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.markdown, func(t *testing.T) {
			var problems diag.List
			md := "+++\n+++\n" + tt.markdown + "\n"
			Load(fstest.MapFS{"page.md": {Data: []byte(md)}}, NewRenderer(Options{}), &problems)
			got := problems.Report(0)
			if tt.want == "" && problems.HasErrors() {
				t.Errorf("refused a fine link:\n%s", got)
			}
			if tt.want != "" && (!problems.HasErrors() || !strings.Contains(got, tt.want)) {
				t.Errorf("want a problem with %q, got:\n%s", tt.want, got)
			}
		})
	}
}

// opened is a content folder that notes every file opened.
type opened struct {
	fstest.MapFS
	names []string
}

func (o *opened) Open(name string) (fs.File, error) {
	o.names = append(o.names, name)
	return o.MapFS.Open(name)
}

// TestThemeFoldersAreNotPages: content/assets/ and content/vendor/ would
// publish pages among the theme's files (/assets/ is cached by browsers
// for a year), so a narrative there is refused, named, and never read.
func TestThemeFoldersAreNotPages(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("+++\ntitle = \"P\"\n+++\nText.\n")}
	root := &opened{MapFS: fstest.MapFS{
		"about.md":                  page,
		"assets/notes.md":           page,
		"Assets/more.md":            page,
		"vendor/echarts/README.md":  page,
		"vendor/echarts/LICENSE":    page,
		"areas/assets.md":           page,
		"guides/vendor/choosing.md": page,
	}}
	var problems diag.List
	pages := Load(root, NewRenderer(Options{}), &problems)
	var paths []string
	for _, p := range pages {
		paths = append(paths, p.Path)
	}
	if strings.Join(paths, " ") != "about.md areas/assets.md guides/vendor/choosing.md" {
		t.Errorf("loaded %v", paths)
	}
	report := problems.Report(0)
	for _, name := range []string{"content/assets/notes.md", "content/Assets/more.md", "content/vendor/echarts/README.md"} {
		if !strings.Contains(report, name+": ") || !strings.Contains(report, "reserved for the theme") {
			t.Errorf("%s is not refused:\n%s", name, report)
		}
	}
	for _, name := range root.names {
		if strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, "about") && !strings.HasPrefix(name, "areas/") && !strings.HasPrefix(name, "guides/") {
			t.Errorf("read %s, which is refused", name)
		}
	}
}

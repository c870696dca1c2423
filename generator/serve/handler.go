package serve

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The reload script and the problems' style are served from the preview's
// own origin under /_fundsite/, so pages keep a strict CSP with no inline
// script or style. They are never written into a built site.
//
//go:embed assets
var assetFiles embed.FS

// handler serves the preview. A preview on loopback answers only to
// loopback names, so a web page elsewhere cannot point its own name at
// 127.0.0.1 (DNS rebinding) and read unpublished figures.
func (s *site) handler(loopback bool) http.Handler {
	assets, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_fundsite/events", s.events)
	mux.Handle("GET /_fundsite/", http.StripPrefix("/_fundsite/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /", s.page)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if loopback && !loopbackHost(r.Host) {
			http.Error(w, "This preview answers only at localhost or 127.0.0.1.", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		mux.ServeHTTP(w, r)
	})
}

func loopbackHost(host string) bool {
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host // no port
	}
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(name, "[]"))
	return ip != nil && ip.IsLoopback()
}

// csp is the strict policy the site is published under. The preview sends
// it too, so a theme or page that would break under it breaks here first,
// and the preview's own additions are held to it.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"

// events is a Server-Sent Events stream: one "build" event with the
// current build's number on connecting and after every build. A page
// reloads when the number differs from the build it was served from, so a
// build that finished while the page was loading is not missed.
func (s *site) events(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	rc := http.NewResponseController(w)
	fmt.Fprint(w, "retry: 1000\n\n")
	for {
		st := s.state()
		fmt.Fprintf(w, "event: build\ndata: %d\n\n", st.gen)
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-st.changed:
		}
	}
}

// page serves a file of the last good build the way a static host would
// (folders by their index.html), adding the reload script and any problems
// to HTML as it goes out.
func (s *site) page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	st := s.state()
	if st.dir == "" {
		s.writeHTML(w, http.StatusServiceUnavailable, []byte(notBuiltPage), st)
		return
	}
	full := filepath.Join(st.dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
	info, err := os.Stat(full)
	switch {
	case err == nil && info.IsDir() && !strings.HasSuffix(r.URL.Path, "/"):
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	case err == nil && info.IsDir():
		full = filepath.Join(full, "index.html")
	case err == nil && filepath.Ext(full) != ".html":
		http.ServeFile(w, r, full)
		return
	}
	html, err := os.ReadFile(full)
	if err != nil {
		s.missing(w, r, st)
		return
	}
	s.writeHTML(w, http.StatusOK, html, st)
}

// missing answers for an address with no file as Netlify would: by the
// site's own _redirects, else with its 404.html, status 404.
func (s *site) missing(w http.ResponseWriter, r *http.Request, st state) {
	if to, status, ok := redirect(st.dir, r.URL.Path); ok {
		if r.URL.RawQuery != "" && !strings.Contains(to, "?") {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, status)
		return
	}
	page, err := os.ReadFile(filepath.Join(st.dir, "404.html"))
	if err != nil { // a theme without a 404 page
		page = []byte(notFoundPage)
	}
	s.writeHTML(w, http.StatusNotFound, page, st)
}

func (s *site) writeHTML(w http.ResponseWriter, status int, html []byte, st state) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(inject(html, st))
}

const notBuiltPage = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: the site has not built yet</title>
</head>
<body>
<main>
<h1>The site has not built yet</h1>
<p>This page reloads by itself once it has.</p>
</main>
</body>
</html>
`

const notFoundPage = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Preview: no such page</title>
</head>
<body>
<main>
<h1>No such page</h1>
<p>The site has no page at this address. <a href="/">Go to the home page</a>.</p>
</main>
</body>
</html>
`

var overlay = template.Must(template.New("overlay").Parse(`
<dialog open id="fundsite-problems" class="fundsite-problems" aria-labelledby="fundsite-problems-title">
<div role="alert">
<h2 id="fundsite-problems-title">The site could not be {{if .Stale}}rebuilt{{else}}built{{end}}</h2>
<p>{{if .Stale}}You are looking at the last version that built. {{end}}Fix the problems below and save: this page reloads by itself.</p>
<p>{{.Summary}}</p>
{{- with .Lines}}
<ul>
{{- range .}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
</div>
<form method="dialog"><button type="submit">Hide these problems</button></form>
</dialog>
`))

// inject adds the reload script to a page and, after a failed build, the
// problems as a dialog at the start of the body, so a keyboard or screen
// reader user meets them first. The messages are the terminal's, escaped.
func inject(html []byte, st state) []byte {
	head := fmt.Sprintf(`<script src="/_fundsite/reload.js" data-build="%d" defer></script>`+"\n", st.gen)
	var body bytes.Buffer
	if len(st.failure) > 0 {
		head += `<link rel="stylesheet" href="/_fundsite/overlay.css">` + "\n"
		err := overlay.Execute(&body, struct {
			Stale   bool
			Summary string
			Lines   []string
		}{st.dir != "", st.failure[0], st.failure[1:]})
		if err != nil {
			panic(err) // the template and its data are fixed
		}
	}
	html = insertBefore(html, "</head>", []byte(head))
	return insertAfterTag(html, "<body", body.Bytes())
}

// insertBefore puts add before the first closing tag, or at the start.
func insertBefore(html []byte, closing string, add []byte) []byte {
	i := bytes.Index(html, []byte(closing))
	if i < 0 {
		i = 0
	}
	return concat(html[:i], add, html[i:])
}

// insertAfterTag puts add after the first tag that starts with open
// ("<body" matches <body class="x">), or at the end.
func insertAfterTag(html []byte, open string, add []byte) []byte {
	i := bytes.Index(html, []byte(open))
	if i >= 0 {
		if end := bytes.IndexByte(html[i:], '>'); end >= 0 {
			i += end + 1
		} else {
			i = -1
		}
	}
	if i < 0 {
		i = len(html)
	}
	return concat(html[:i], add, html[i:])
}

func concat(parts ...[]byte) []byte {
	return bytes.Join(parts, nil)
}

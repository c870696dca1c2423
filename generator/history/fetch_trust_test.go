package history

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// hostile is a manifest as a hijacked live site might answer: areas that
// would become redirects, labels and changes with words of its own, and
// figures this build does not have.
const hostile = `{
  "data_as_at": "2024-08-31",
  "data_version": "bbb",
  "figures": [
    {"key": "/#fig-total", "label": "Call 0900 123 456 to claim", "text": "£2", "status": "estimate"},
    {"key": "/areas/fake/#fig-x", "label": "Fake area", "text": "£9"}
  ],
  "areas": [{"code": "E1", "slug": "kent"}, {"slug": "evil"}],
  "updates": [
    {"number": 2, "data_as_at": "2024-08-31", "data_version": "bbb", "changes": [{"key": "/#fig-total", "label": "<b>Grants cut</b>: see evil.example", "before": "£1", "after": "£2"}]},
    {"number": 1, "data_as_at": "2024-07-31", "data_version": "aaa"}
  ]
}`

// TestFetchTakesOnlyWhatItCanCompare: from a fetched manifest a build takes
// the values of the figures it also has, under its own labels, and the
// earlier updates' numbers, dates and versions; never the areas, the
// other figures, or any text of the updates. A value, status, date or
// version not of the form a build writes is refused.
func TestFetchTakesOnlyWhatItCanCompare(t *testing.T) {
	serve := func(body string) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }))
		t.Cleanup(srv.Close)
		return srv.URL + "/data/figures.json"
	}
	m, err := fetch(context.Background(), serve(hostile), FetchLimit, thisBuild)
	if err != nil {
		t.Fatal(err)
	}
	want := Manifest{DataAsAt: "2024-08-31", Version: "bbb",
		Figures: []Figure{{Key: "/#fig-total", Label: "Total", Text: "£2", Status: "estimate"}},
		Updates: []Update{{Number: 2, DataAsAt: "2024-08-31", Version: "bbb"}, {Number: 1, DataAsAt: "2024-07-31", Version: "aaa"}}}
	if got, w := marshal(m), marshal(want); string(got) != string(w) {
		t.Errorf("took\n%s\nwant\n%s", got, w)
	}
	// What the build publishes from it says nothing the fetched file said.
	next, _ := Next(m, Manifest{DataAsAt: "2024-09-30", Version: "ccc", Figures: thisBuild})
	published := string(manifestJSON(next))
	for _, words := range []string{"0900", "Grants cut", "evil", "kent", "Fake"} {
		if strings.Contains(published, words) {
			t.Errorf("the next manifest carries %q:\n%s", words, published)
		}
	}
	var titles []string
	for _, u := range next.Updates {
		titles = append(titles, u.Title())
		for _, c := range u.Changes {
			titles = append(titles, c.String())
		}
	}
	if got := strings.Join(titles, "; "); got != "Update 3: 1 figure changed; Total: £2 → £3; Update 2; First publication" {
		t.Errorf("the updates read %q", got)
	}

	refused := []struct{ name, from, to, want string }{
		{"a value in words", `"text": "£2"`, `"text": "£2 (see evil.example)"`, `"£2 (see evil.example)" is not a value a build writes`},
		{"a status in words", `"status": "estimate"`, `"status": "<b>cut</b>"`, `"<b>cut</b>" is not a status`},
		{"a date in words", `"data_as_at": "2024-07-31"`, `"data_as_at": "yesterday, see evil.example"`, `update 1: "yesterday, see evil.example" is not a date`},
		{"a version in words", `"data_version": "aaa"`, `"data_version": "call us"`, `update 1: "call us" is not a data version`},
		{"a figure twice", `{"key": "/areas/fake/#fig-x"`, `{"key": "/#fig-total", "text": "£1"}, {"key": "/areas/fake/#fig-x"`, `figure "/#fig-total" appears twice`},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(hostile, c.from, c.to, 1)
			if body == hostile {
				t.Fatalf("%q is not in the manifest", c.from)
			}
			_, err := fetch(context.Background(), serve(body), FetchLimit, thisBuild)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// TestFetchFollowsRedirectsOnlyWithinTheSite: a redirect within the site
// is followed; one to another host or port (a cloud's metadata address)
// is refused, and that host is never asked.
func TestFetchFollowsRedirectsOnlyWithinTheSite(t *testing.T) {
	var askedElsewhere atomic.Bool
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		askedElsewhere.Store(true)
		io.WriteString(w, hostile)
	}))
	defer elsewhere.Close()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved/figures.json":
			http.Redirect(w, r, "/data/figures.json", http.StatusMovedPermanently)
		case "/data/figures.json":
			io.WriteString(w, hostile)
		case "/away/figures.json":
			http.Redirect(w, r, elsewhere.URL+"/latest/meta-data/", http.StatusFound)
		}
	}))
	defer site.Close()
	if m, err := fetch(context.Background(), site.URL+"/moved/figures.json", FetchLimit, thisBuild); err != nil || m.Version != "bbb" {
		t.Errorf("a redirect within the site: %v", err)
	}
	_, err := fetch(context.Background(), site.URL+"/away/figures.json", FetchLimit, thisBuild)
	want := fmt.Sprintf("it redirects to %s/latest/meta-data/, off the site (http://127.0.0.1:%s)", elsewhere.URL, strings.TrimPrefix(site.URL, "http://127.0.0.1:"))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant %q", err, want)
	}
	if askedElsewhere.Load() {
		t.Error("the other host was asked")
	}
}

// TestFetchHoldsLittleOfALargeAnswer: a manifest near the limit is read a
// figure at a time, never held whole: memory stays far below its size,
// where reading it whole took more than twice its size.
func TestFetchHoldsLittleOfALargeAnswer(t *testing.T) {
	const size = 48 << 20
	const figure = `{"key": "/areas/area-%07d/#fig-some-fund-2023-24-total", "label": "A long name of an area, Some fund, 2023/24", "text": "£530,000", "status": "estimate"},` + "\n"
	// Written as it is sent, so that only the reading side is measured.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := bufio.NewWriter(w)
		b.WriteString(`{"data_version": "bbb", "figures": [`)
		for i := range size / len(figure) {
			fmt.Fprintf(b, figure, i)
		}
		b.WriteString(`{"key": "/#fig-total", "text": "£2"}], "updates": [{"number": 1, "data_version": "bbb"}]}`)
		b.Flush()
	}))
	defer srv.Close()

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var s runtime.MemStats
		for {
			runtime.ReadMemStats(&s)
			peak.Store(max(peak.Load(), s.HeapAlloc))
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	m, err := fetch(context.Background(), srv.URL, 64<<20, thisBuild)
	close(stop)
	<-sampled
	grew := int64(peak.Load()) - int64(before.HeapAlloc)
	t.Logf("reading a %d MB answer held at most %d MB at once", size>>20, grew>>20)
	if grew > size/2 {
		t.Errorf("reading a %d MB answer held %d MB at once", size>>20, grew>>20)
	}
	if err != nil || len(m.Figures) != 1 {
		t.Errorf("fetched %d figures, %v; want the one this build has", len(m.Figures), err)
	}
}

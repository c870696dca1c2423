package history

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// published is a manifest as a build writes it, after two updates.
func published() []byte {
	first, _ := Next(nil, Manifest{DataAsAt: "2024-07-31", Version: "aaa", Figures: []Figure{{Key: "/#fig-total", Label: "Total", Text: "£1"}},
		Areas: []Address{{Code: "E54000026", Slug: "mid-and-south-essex"}}})
	second, _ := Next(&first, Manifest{DataAsAt: "2024-08-31", Version: "bbb", Figures: []Figure{{Key: "/#fig-total", Label: "Total", Text: "£2"}}, Areas: first.Areas})
	return manifestJSON(second)
}

// thisBuild is the figures of the build that fetches.
var thisBuild = []Figure{{Key: "/#fig-total", Label: "Total", Text: "£3", Status: "estimate"}}

func TestFetch(t *testing.T) {
	good := published()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		limit   int64
		ctx     time.Duration // a shorter deadline than FetchTimeout, for the slow servers
		want    string        // in the error; "" for the manifest
	}{
		{"an earlier build", func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, "figures.json", time.Time{}, strings.NewReader(string(good)))
		}, FetchLimit, 0, ""},
		{"not published yet", http.NotFound, FetchLimit, 0, `the site answered "404 Not Found"`},
		{"an error page", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "oops", http.StatusInternalServerError)
		}, FetchLimit, 0, `the site answered "500 Internal Server Error"`},
		{"garbage", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<!DOCTYPE html><p>Welcome to our new site</p>"))
		}, FetchLimit, 0, "it is not a figures manifest: invalid character '<'"},
		{"JSON of another shape", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"figures": "none"}`))
		}, FetchLimit, 0, `it is not a figures manifest: "figures" is not a list`},
		{"cut off", func(w http.ResponseWriter, r *http.Request) {
			w.Write(good[:len(good)/2])
		}, FetchLimit, 0, "the answer ends part-way through the manifest"},
		{"an empty manifest", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{}`))
		}, FetchLimit, 0, "it has no data version or no updates"},
		{"updates out of order", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(strings.Replace(string(good), `"number":1`, `"number":7`, 1)))
		}, FetchLimit, 0, "its updates are not numbered down to 1"},
		{"too large, said so", func(w http.ResponseWriter, r *http.Request) {
			w.Write(good) // small enough to be sent with its length
		}, 100, 0, "more than the 100"},
		{"too large, streamed", func(w http.ResponseWriter, r *http.Request) {
			for range 100 {
				w.Write([]byte(strings.Repeat(" ", 1000)))
				w.(http.Flusher).Flush()
			}
		}, 5000, 0, "more than the 5000 bytes"},
		{"slow to answer", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, FetchLimit, 200 * time.Millisecond, "no complete answer after"},
		{"slow to finish", func(w http.ResponseWriter, r *http.Request) {
			w.Write(good[:10])
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, FetchLimit, 200 * time.Millisecond, "no complete answer after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			ctx := context.Background()
			if tt.ctx > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.ctx)
				defer cancel()
			}
			m, err := fetch(ctx, srv.URL+"/data/figures.json", tt.limit, thisBuild)
			if tt.want == "" {
				if err != nil || m == nil || m.Version != "bbb" || len(m.Updates) != 2 || m.Areas != nil {
					t.Errorf("fetched %+v, %v", m, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestFetchFromAServerThatIsDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/data/figures.json"
	srv.Close()
	if _, err := Fetch(context.Background(), url, thisBuild); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("error %v, want connection refused", err)
	}
}

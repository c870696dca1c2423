package history

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// A build on a host such as Netlify starts from a clean checkout, with no
// previous build on disk to compare with, yet the live site has published
// its manifest at /data/figures.json. Fetch reads it from there, so what
// changed (and the history of updates) carries on from deploy to deploy.

// FetchTimeout bounds the whole fetch: a site that does not answer must
// not hold up a deploy for long.
const FetchTimeout = 15 * time.Second

// FetchLimit is the largest manifest fetched. A national site's manifest
// (100,000 figures) is about 25 MB; a larger answer is not one of ours.
const FetchLimit = 256 << 20

// fetchClient follows redirects (http to https, a renamed domain) but
// keeps no cookies and honours the proxy settings of the environment.
var fetchClient = &http.Client{Transport: http.DefaultTransport}

// Fetch reads the manifest a live site published at url, checks it is
// one, and returns it. Every failure says why, in words for a deploy log.
func Fetch(ctx context.Context, url string) (*Manifest, error) {
	return fetch(ctx, url, FetchLimit)
}

func fetch(ctx context.Context, url string, limit int64) (*Manifest, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := fetchClient.Do(req)
	if err != nil {
		return nil, explain(ctx, start, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the site answered %q", resp.Status)
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("it is %d bytes, more than the %d a manifest may be", resp.ContentLength, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, explain(ctx, start, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("it is more than the %d bytes a manifest may be", limit)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("it is not a figures manifest: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("it is not a figures manifest: %w", err)
	}
	return &m, nil
}

// explain turns a timeout into words; other network errors say enough.
func explain(ctx context.Context, start time.Time, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer after %s", time.Since(start).Round(100*time.Millisecond))
	}
	return err
}

var (
	slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	code = regexp.MustCompile(`^[A-Za-z0-9._-]*$`)
)

// check holds a manifest from elsewhere to what a build writes: its slugs
// reach _redirects, and its history becomes this site's history.
func (m *Manifest) check() error {
	if err := m.checkUpdates(); err != nil {
		return err
	}
	keys := map[string]bool{}
	for _, f := range m.Figures {
		if f.Key == "" || keys[f.Key] || !(strings.HasPrefix(f.Key, "/") || strings.HasPrefix(f.Key, "site.toml#")) {
			return fmt.Errorf("figure key %q is not a page address, or appears twice", f.Key)
		}
		keys[f.Key] = true
	}
	for _, a := range m.Areas {
		if !slug.MatchString(a.Slug) || !code.MatchString(a.Code) {
			return fmt.Errorf("area address %q (code %q) is not one a build writes", a.Slug, a.Code)
		}
	}
	return nil
}

// checkUpdates holds a manifest to what every build writes: a data
// version, and updates numbered down to 1, newest first.
func (m *Manifest) checkUpdates() error {
	if m.Version == "" || len(m.Updates) == 0 {
		return errors.New("it has no data version or no updates")
	}
	next := m.Updates[0].Number + 1
	for _, u := range m.Updates {
		if u.Number < 1 || u.Number >= next {
			return fmt.Errorf("its updates are not numbered down to 1: %d after %d", u.Number, next)
		}
		next = u.Number
	}
	return nil
}

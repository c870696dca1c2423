package history

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"fundsite/generator/model"
)

// A build on a host such as Netlify starts from a clean checkout, with no
// previous build on disk to compare with, yet the live site has published
// its manifest at /data/figures.json. Fetch reads it from there, so the
// build can say which figures changed since.
//
// What comes over the network is not trusted as a manifest on disk is:
// whoever answers at that address (a hijacked domain, a proxy) chooses
// every byte. So only the values of the figures this build also has are
// taken, to compare with; their labels, and every text the updates page
// and feed show, are this build's own. The earlier updates are carried on
// by number, date and data version only, each checked for its form, and
// the fetched areas never reach data/addresses.json or _redirects.

// FetchTimeout bounds the whole fetch: a site that does not answer must
// not hold up a deploy for long.
const FetchTimeout = 15 * time.Second

// FetchLimit is the largest manifest fetched. A national site's manifest
// (100,000 figures) is about 25 MB; a larger answer is not one of ours.
// It is counted as the answer is read, which is never held whole.
const FetchLimit = 256 << 20

// fetchClient keeps no cookies, honours the proxy settings of the
// environment, and follows a redirect only within the site it asked: one
// to another host (a cloud's metadata address, a server inside the
// network the build runs in) is refused.
var fetchClient = &http.Client{Transport: http.DefaultTransport, CheckRedirect: sameOrigin}

// sameOrigin lets a redirect through only to the scheme, host and port of
// the address first asked for.
func sameOrigin(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("it redirects more than 10 times")
	}
	if from := via[0].URL; origin(req.URL) != origin(from) {
		return fmt.Errorf("it redirects to %s, off the site (%s): fundsite follows a redirect only within the site's own address; set base_url to the address the site is served from", req.URL.Redacted(), origin(from))
	}
	return nil
}

// origin is an address's scheme, host and port: "https://example.org:443".
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// Fetch reads the manifest a live site published at address, keeping what
// can be compared with cur, this build's figures (see above). Every
// failure says why, in words for a deploy log.
func Fetch(ctx context.Context, address string, cur []Figure) (*Manifest, error) {
	return fetch(ctx, address, FetchLimit, cur)
}

func fetch(ctx context.Context, address string, limit int64, cur []Figure) (*Manifest, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := fetchClient.Do(req)
	if err != nil {
		var redirect *url.Error
		if errors.As(err, &redirect) && ctx.Err() == nil {
			return nil, redirect.Err // the words of sameOrigin, without the Get "…":
		}
		return nil, explain(ctx, start, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the site answered %q", resp.Status)
	}
	tooLarge := fmt.Errorf("it is more than the %d bytes a manifest may be", limit)
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("it is %d bytes, more than the %d a manifest may be", resp.ContentLength, limit)
	}
	m, err := comparable(&capped{r: resp.Body, left: limit, err: tooLarge}, cur)
	switch {
	case errors.Is(err, tooLarge):
		return nil, tooLarge
	case err != nil && ctx.Err() != nil:
		return nil, explain(ctx, start, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errors.New("the answer ends part-way through the manifest")
	case err != nil:
		return nil, fmt.Errorf("it is not a figures manifest: %w", err)
	}
	return m, nil
}

// explain turns a timeout into words; other network errors say enough.
func explain(ctx context.Context, start time.Time, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer after %s", time.Since(start).Round(100*time.Millisecond))
	}
	return err
}

// capped reads r until more than left bytes have come, then fails with
// err, so an endless answer is stopped as it is read.
type capped struct {
	r    io.Reader
	left int64
	err  error
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			err = c.err
		}
		return 0, err
	}
	p = p[:min(int64(len(p)), c.left)]
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// comparable decodes a fetched manifest a figure and an update at a time,
// keeping only what Fetch takes from it: the values of cur's figures,
// under cur's labels, and each update's number, date and data version.
// The rest (areas, the earlier updates' changes, figures this build does
// not have) is read past and dropped, so memory grows with this build,
// not with the answer.
func comparable(r io.Reader, cur []Figure) (*Manifest, error) {
	mine := make(map[string]Figure, len(cur))
	for _, f := range cur {
		mine[f.Key] = f
	}
	var m Manifest
	kept := map[string]bool{}
	dec := json.NewDecoder(r)
	err := eachField(dec, func(name string) error {
		switch name {
		case "data_as_at":
			return dec.Decode(&m.DataAsAt)
		case "data_version":
			return dec.Decode(&m.Version)
		case "figures":
			return eachItem(dec, name, func() error {
				var f Figure
				if err := dec.Decode(&f); err != nil {
					return err
				}
				if f.Key == "" || !(strings.HasPrefix(f.Key, "/") || strings.HasPrefix(f.Key, "site.toml#")) {
					return fmt.Errorf("figure key %q is not a page address", f.Key)
				}
				now, ok := mine[f.Key]
				if !ok {
					return nil
				}
				if kept[f.Key] {
					return fmt.Errorf("figure %q appears twice", f.Key)
				}
				kept[f.Key] = true
				if err := checkValue(f, now); err != nil {
					return err
				}
				m.Figures = append(m.Figures, Figure{Key: f.Key, Label: now.Label, Text: f.Text, Status: f.Status})
				return nil
			})
		case "updates":
			return eachItem(dec, name, func() error {
				var u Update
				if err := dec.Decode(&u); err != nil {
					return err
				}
				if err := checkUpdate(u); err != nil {
					return err
				}
				m.Updates = append(m.Updates, Update{Number: u.Number, DataAsAt: u.DataAsAt, Version: u.Version})
				return nil
			})
		}
		return skip(dec)
	})
	if err != nil {
		return nil, err
	}
	if err := m.checkUpdates(); err != nil {
		return nil, err
	}
	return &m, nil
}

// eachField calls field for each field of the JSON object dec is at; it
// must read the field's value.
func eachField(dec *json.Decoder, field func(name string) error) error {
	if err := expect(dec, json.Delim('{'), "an object"); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if err := field(t.(string)); err != nil { // an object's keys are strings
			return err
		}
	}
	return expect(dec, json.Delim('}'), "the object's end")
}

// eachItem calls item for each item of the JSON list dec is at (null is
// none); it must read the item.
func eachItem(dec *json.Decoder, name string, item func() error) error {
	t, err := dec.Token()
	if err != nil || t == nil {
		return err
	}
	if t != json.Delim('[') {
		return fmt.Errorf("%q is not a list", name)
	}
	for dec.More() {
		if err := item(); err != nil {
			return err
		}
	}
	_, err = dec.Token()
	return err
}

// expect reads the next token, which must be want.
func expect(dec *json.Decoder, want json.Delim, what string) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != want {
		return fmt.Errorf("%v where %s should be", t, what)
	}
	return nil
}

// skip reads past the value dec is at, a token at a time, holding none.
func skip(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

var (
	date    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	version = regexp.MustCompile(`^[0-9a-f]{1,64}$`)
	digits  = regexp.MustCompile(`[0-9]`)
)

// checkValue holds a fetched figure's value and status to what a build
// writes for the same figure: its status one of the statuses, its text
// made of digits and the characters of this build's text ("£", ",", "."),
// so the words shown as its value before are never words.
func checkValue(f, now Figure) error {
	allowed := digits.ReplaceAllString(now.Text, "") + "0123456789,.%-−"
	other := func(r rune) bool { return !strings.ContainsRune(allowed, r) }
	if f.Text == "" || len(f.Text) > 2*len(now.Text)+8 || strings.IndexFunc(f.Text, other) >= 0 {
		return fmt.Errorf("figure %q: %q is not a value a build writes", f.Key, f.Text)
	}
	if f.Status == "" {
		return nil
	}
	for _, s := range []model.Status{model.Published, model.PublishedLowerBound, model.Estimate} {
		if f.Status == s.String() {
			return nil
		}
	}
	return fmt.Errorf("figure %q: %q is not a status", f.Key, f.Status)
}

// checkUpdate holds an update's date and data version to their forms.
func checkUpdate(u Update) error {
	if u.DataAsAt != "" && !date.MatchString(u.DataAsAt) {
		return fmt.Errorf("update %d: %q is not a date", u.Number, u.DataAsAt)
	}
	if !version.MatchString(u.Version) {
		return fmt.Errorf("update %d: %q is not a data version", u.Number, u.Version)
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

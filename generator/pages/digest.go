package pages

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// Digest identifies everything a page or file is made from, so a rebuild
// can tell, without rendering it, that it would come out the same. Two
// equal digests, from the same theme and the same fundsite, give the same
// bytes.
type Digest [sha256.Size]byte

// Version is the short form of a digest that pages cite: "data version
// 1a2b3c4d5e6f". It is the version of the page's own figures, not of the
// whole site, so fixing one cell does not change the citation (and the
// bytes) of every other page.
func (d Digest) Version() string { return hex.EncodeToString(d[:])[:12] }

// DigestOf hashes what write writes.
func DigestOf(write func(h io.Writer)) Digest {
	h := sha256.New()
	write(h)
	var d Digest
	h.Sum(d[:0])
	return d
}

// writeJSON writes v's JSON: a view is its exported fields, each a
// string, number or view, so its JSON says all a template can read of it.
func writeJSON(h io.Writer, v any) {
	if err := json.NewEncoder(h).Encode(v); err != nil {
		// Views are built by this package from strings and numbers.
		panic(fmt.Sprintf("pages: digest of %T: %v", v, err))
	}
}

// digestPage works out a page's digest and version from all it shows: the
// whole view, encoded, so a field added to Page is in the key without
// anyone listing it. extra adds what the view holds only once the page is
// finished (its narrative's source).
func digestPage(p *Page, extra func(h io.Writer)) {
	view := *p
	view.Digest, view.Version = Digest{}, ""
	p.Digest = DigestOf(func(h io.Writer) {
		writeJSON(h, view)
		if extra != nil {
			extra(h)
		}
	})
	p.Version = p.Digest.Version()
}

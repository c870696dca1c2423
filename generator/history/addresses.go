package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"

	"fundsite/generator/model"
	"fundsite/generator/regular"
)

// addressFile is the record of past addresses kept in the project, so that
// redirects survive even when the previous site is not at hand (a fresh
// checkout on Netlify builds without one).
type addressFile struct {
	Note  string    `json:"note"`
	Areas []Address `json:"areas"`
}

const addressNote = "Every area page address this site has published. fundsite build keeps this file up to date; commit it, so a renamed area's old address keeps redirecting."

// ReadAddresses loads the project's record of past addresses; a missing
// file is an empty record.
func ReadAddresses(path string) ([]Address, error) {
	data, err := regular.ReadFile(path, maxAddressBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var f addressFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: the record of past addresses is damaged: %s; %s", path, jsonProblem(data, err), recoverAddresses)
	}
	if err := checkAddresses(f.Areas); err != nil {
		return nil, fmt.Errorf("%s: %w; %s", path, err, recoverAddresses)
	}
	return f.Areas, nil
}

// maxAddressBytes is the largest record of addresses read: 10,000 areas'
// is under a megabyte.
const maxAddressBytes = 64 << 20

// checkAddresses refuses any address that is not a code or slug fundsite
// makes: each becomes a line of Netlify's _redirects, where a newline or a
// space would add a rule of its own (a forced proxy of the whole site to
// another host). Every bad one is listed.
func checkAddresses(areas []Address) error {
	var bad []string
	for i, a := range areas {
		if err := a.Check(); err != nil {
			bad = append(bad, fmt.Sprintf("area %d: %v", i+1, err))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return errors.New(strings.Join(bad, "; "))
}

// recoverAddresses says how to mend a damaged record of addresses, and
// what starting afresh costs.
const recoverAddresses = "fundsite writes this file itself: restore it from version control (git checkout -- data/addresses.json), " +
	"or delete it to start the record afresh, which forgets the old addresses of renamed and removed areas, so those addresses will no longer redirect"

// Check says why an address could not have come from fundsite: its slug
// must be one model.Slugify makes and its code one model.ValidCode allows.
func (a Address) Check() error {
	switch {
	case !model.ValidSlug(a.Slug):
		return fmt.Errorf("%q is not a web address fundsite makes", a.Slug)
	case a.Code != "" && !model.ValidCode(a.Code):
		return fmt.Errorf("%q is not an area code (letters, digits and . _ - only)", a.Code)
	}
	return nil
}

// WriteAddresses saves the record, leaving the file alone when it already
// says the same, so a build with no renames changes nothing in the project.
// It is replaced whole (regular.WriteFile): written in place, a full disk
// left it cut off, and the redirects it records were lost.
func WriteAddresses(path string, areas []Address) error {
	data, err := json.MarshalIndent(addressFile{Note: addressNote, Areas: areas}, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return regular.WriteFile(path, data, 0o644)
}

// MergeAddresses is cur followed by every address in past not in cur, so
// the current addresses come first and none is ever forgotten.
func MergeAddresses(cur []Address, past ...[]Address) []Address {
	out := slices.Clone(cur)
	for _, list := range past {
		for _, a := range list {
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// Redirect sends an old address to the page that replaced it.
type Redirect struct {
	From, To string
}

// AreaRedirects lists a redirect for every recorded area address that is no
// longer an area's page: to the page of the area with the same code (it was
// renamed), or to the list of areas (it has gone). Each current area's code
// also redirects to its page: /areas/E54000026/.
func AreaRedirects(all, cur []Address) []Redirect {
	// Slugs of names in other scripts are percent-encoded, as browsers
	// ask for them, so _redirects holds nothing but ASCII.
	page := func(slug string) string { return "/areas/" + url.PathEscape(slug) + "/" }
	slugOf := map[string]string{}
	live := map[string]bool{}
	for _, a := range cur {
		live[a.Slug] = true
		if a.Code != "" {
			slugOf[a.Code] = a.Slug
		}
	}
	var out []Redirect
	for _, a := range cur {
		if a.Code == "" {
			continue
		}
		for _, code := range slices.Compact([]string{a.Code, strings.ToLower(a.Code)}) {
			if !live[code] {
				out = append(out, Redirect{page(code), page(a.Slug)})
			}
		}
	}
	done := map[string]bool{}
	for _, a := range all {
		if live[a.Slug] || done[a.Slug] {
			continue
		}
		done[a.Slug] = true
		to := "/areas/"
		if slug, ok := slugOf[a.Code]; ok && a.Code != "" {
			to = page(slug)
		}
		out = append(out, Redirect{page(a.Slug), to})
	}
	return out
}

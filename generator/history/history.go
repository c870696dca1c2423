// Package history remembers what a site published: every figure, with its
// value and status, and the addresses of its areas. Each build compares the
// figures with the last build's, so readers (and the comms team, before
// publishing) see what changed, and old addresses keep working.
package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"fundsite/generator/regular"
)

// Figure is one published figure.
type Figure struct {
	// Key is the figure's address: its page and anchor,
	// "/areas/mid-and-south-essex/#fig-arf-2023-24-total".
	Key string `json:"key"`
	// Label says what it is in words: "Mid and South Essex, 2023/24".
	Label string `json:"label"`
	// Text is the exact figure as printed in full: "£530,000".
	Text   string `json:"text"`
	Status string `json:"status,omitempty"`
	// Cells are the workbook cells the figure is made from, every one,
	// compactly: "data/x.xlsx: Allocations!H4–H87".
	Cells []string `json:"cells,omitempty"`
}

// Change is a figure that changed, appeared or disappeared.
type Change struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Before string `json:"before,omitempty"` // "" when the figure is new
	After  string `json:"after,omitempty"`  // "" when it has gone
	// Statuses are given when the status changed.
	StatusBefore string `json:"status_before,omitempty"`
	StatusAfter  string `json:"status_after,omitempty"`
}

// String reads the change the way a comms team checks it:
// "Mid and South Essex, 2023/24: £530,000 → £541,200".
func (c Change) String() string {
	switch {
	case c.Before == "":
		return fmt.Sprintf("%s: new, %s", c.Label, c.After)
	case c.After == "":
		return fmt.Sprintf("%s: removed (was %s)", c.Label, c.Before)
	case c.Before != c.After:
		s := fmt.Sprintf("%s: %s → %s", c.Label, c.Before, c.After)
		if c.StatusBefore != c.StatusAfter {
			s += fmt.Sprintf(", now %s (was %s)", c.StatusAfter, c.StatusBefore)
		}
		return s
	}
	return fmt.Sprintf("%s: %s, now %s (was %s)", c.Label, c.After, c.StatusAfter, c.StatusBefore)
}

// Update is one build that changed what the site says.
type Update struct {
	// Number counts updates from 1, so each has a lasting anchor.
	Number   int      `json:"number"`
	DataAsAt string   `json:"data_as_at"`
	Version  string   `json:"data_version"`
	Changes  []Change `json:"changes,omitempty"`
}

// ID is the update's anchor on the updates page: "update-3".
func (u Update) ID() string { return fmt.Sprintf("update-%d", u.Number) }

// First reports whether this is the site's first publication.
func (u Update) First() bool { return u.Number == 1 }

// Title is the update's heading.
func (u Update) Title() string {
	switch n := len(u.Changes); {
	case u.First():
		return "First publication"
	case n == 0:
		// Carried on from a fetched manifest, whose texts are not shown.
		return fmt.Sprintf("Update %d", u.Number)
	case n == 1:
		return fmt.Sprintf("Update %d: 1 figure changed", u.Number)
	default:
		return fmt.Sprintf("Update %d: %d figures changed", u.Number, n)
	}
}

// Address is one area's page address, recorded so that a renamed area's
// old address can redirect to its new one.
type Address struct {
	Code string `json:"code,omitempty"`
	Slug string `json:"slug"`
}

// Manifest is what one build published: written as /data/figures.json and
// read back by the next build.
type Manifest struct {
	DataAsAt string    `json:"data_as_at"`
	Version  string    `json:"data_version"`
	Figures  []Figure  `json:"figures"`
	Areas    []Address `json:"areas,omitempty"`
	// Updates are every update so far, newest first.
	Updates []Update `json:"updates"`
}

// Read loads the manifest the last build left in the output folder. A
// missing file is no manifest (nil), not an error: the first build has
// nothing to compare with.
func Read(path string) (*Manifest, error) {
	m, err := read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case errors.Is(err, errNotManifest):
		return nil, fmt.Errorf("%s: %w; delete it to start the history afresh (the updates page then starts again at \"First publication\"), or name the last build's data/figures.json with --previous", path, err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ReadNamed loads a manifest named with --previous. There a missing file
// is a mistake, not a first build: a mistyped name silently started the
// site's history again. And the file may be anyone's, so the advice is to
// name another, never to delete it.
func ReadNamed(path string) (*Manifest, error) {
	m, err := read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("--previous %s: there is no such file; name the data/figures.json of the last published build, or leave --previous out", path)
	case errors.Is(err, errNotManifest):
		return nil, fmt.Errorf("--previous %s: %w; name the data/figures.json of the last published build", path, err)
	case err != nil:
		return nil, fmt.Errorf("--previous %s: %w", path, err)
	}
	return m, nil
}

// errNotManifest marks a file that is there but is not a figures manifest.
var errNotManifest = errors.New("this is not a figures manifest (the data/figures.json a build publishes)")

// read loads and checks a manifest from disk.
func read(path string) (*Manifest, error) {
	data, err := regular.ReadFile(path, MaxManifestBytes)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %s", errNotManifest, jsonProblem(data, err))
	}
	if err := checkAddresses(m.Areas); err != nil {
		return nil, fmt.Errorf("%w: %v", errNotManifest, err)
	}
	if err := m.checkUpdates(); err != nil {
		return nil, fmt.Errorf("%w: %v", errNotManifest, err)
	}
	return &m, nil
}

// jsonProblem says in words why data did not read as JSON: a file cut
// off part-way (a full disk, an interrupted copy) says so, rather than
// "unexpected end of JSON input".
func jsonProblem(data []byte, err error) string {
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax) && strings.HasPrefix(syntax.Error(), "unexpected end"):
		if len(bytes.TrimSpace(data)) == 0 {
			return "the file is empty"
		}
		return fmt.Sprintf("it ends part-way through, after %d bytes, as a file does when the disk filled up or a copy was interrupted while it was written", len(data))
	case errors.As(err, &syntax):
		line := 1 + bytes.Count(data[:min(int(syntax.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("it is not valid JSON: line %d: %v", line, syntax)
	case errors.As(err, &wrongType):
		return fmt.Sprintf("its field %q holds a JSON %s, where a build writes %s", wrongType.Field, wrongType.Value, wrongType.Type)
	}
	return err.Error()
}

// MaxManifestBytes is the largest figures manifest read: a national site's
// is tens of megabytes.
const MaxManifestBytes = 512 << 20

// WriteJSON writes the manifest a list item at a time, each item on a line
// of its own: a national site's figures marshalled whole, then indented,
// held several copies of the file at once, and indenting each figure's
// fields took a fifth of the file (large: 28.8 MB, now 22.5 MB). A line
// per figure still reads, and diffs, a figure at a time.
func (m *Manifest) WriteJSON(w io.Writer) error {
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("{\n")
	writeField(b, "data_as_at", m.DataAsAt)
	b.WriteString(",\n")
	writeField(b, "data_version", m.Version)
	b.WriteString(",\n")
	writeList(b, "figures", m.Figures)
	if len(m.Areas) > 0 {
		b.WriteString(",\n")
		writeList(b, "areas", m.Areas)
	}
	b.WriteString(",\n")
	writeList(b, "updates", m.Updates)
	b.WriteString("\n}\n")
	return b.Flush()
}

// writeField writes a manifest field on a line of its own.
func writeField(b *bufio.Writer, name string, v any) {
	b.WriteString("  ")
	b.Write(marshal(name))
	b.WriteString(": ")
	b.Write(marshal(v))
}

// writeList writes a list field, an item to a line.
func writeList[T any](b *bufio.Writer, name string, items []T) {
	if items == nil {
		writeField(b, name, nil)
		return
	}
	b.WriteString("  ")
	b.Write(marshal(name))
	b.WriteString(": [")
	for i, item := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		b.Write(marshal(item))
	}
	if len(items) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteByte(']')
}

func marshal(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, ints and slices always marshal
	}
	return data
}

// Compare lists what changed from prev to cur: changed and new figures in
// cur's order, then removed ones in prev's.
func Compare(prev, cur []Figure) []Change {
	before := map[string]Figure{}
	for _, f := range prev {
		before[f.Key] = f
	}
	var out []Change
	seen := map[string]bool{}
	for _, f := range cur {
		seen[f.Key] = true
		old, ok := before[f.Key]
		switch {
		case !ok:
			out = append(out, Change{Key: f.Key, Label: f.Label, After: f.Text})
		case old.Text != f.Text || old.Status != f.Status:
			c := Change{Key: f.Key, Label: f.Label, Before: old.Text, After: f.Text}
			if old.Status != f.Status {
				c.StatusBefore, c.StatusAfter = old.Status, f.Status
			}
			out = append(out, c)
		}
	}
	for _, f := range prev {
		if !seen[f.Key] {
			out = append(out, Change{Key: f.Key, Label: f.Label, Before: f.Text})
		}
	}
	return once(out)
}

// once keeps one change for each figure: a fund's total for a year is
// shown on the home page and on the fund's page, under the same anchor and
// label, and one edited cell was counted as two figures changed. The
// first page's address is kept.
func once(changes []Change) []Change {
	type figure struct {
		anchor string
		change Change
	}
	seen := map[figure]bool{}
	var out []Change
	for _, c := range changes {
		_, anchor, _ := strings.Cut(c.Key, "#")
		same := c
		same.Key = ""
		if seen[figure{anchor, same}] {
			continue
		}
		seen[figure{anchor, same}] = true
		out = append(out, c)
	}
	return out
}

// Next is cur with the update history carried on from prev: a new update
// when any figure changed (or when there is no prev: the first
// publication), the same history otherwise. It returns the new update's
// changes, which are nil when nothing changed.
func Next(prev *Manifest, cur Manifest) (Manifest, []Change) {
	if prev == nil {
		cur.Updates = []Update{{Number: 1, DataAsAt: cur.DataAsAt, Version: cur.Version}}
		return cur, nil
	}
	changes := Compare(prev.Figures, cur.Figures)
	cur.Updates = prev.Updates
	if len(changes) > 0 {
		n := 1
		if len(prev.Updates) > 0 {
			n = prev.Updates[0].Number + 1
		}
		cur.Updates = append([]Update{{Number: n, DataAsAt: cur.DataAsAt, Version: cur.Version, Changes: changes}}, prev.Updates...)
	}
	return cur, changes
}

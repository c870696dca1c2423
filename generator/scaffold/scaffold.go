// Package scaffold writes a new project ("fundsite new DIR"): a commented
// site.toml, a template workbook in the default layout, a home page of
// live figures, netlify.toml and .gitignore. It builds as it is, so a new
// user sees a working site first and replaces the example rows after.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fundsite/generator/regular"
	"fundsite/generator/workbook"
)

// Options say what a new project shares with the generator it came from.
type Options struct {
	// Netlify is the generator's own netlify.toml: a new project keeps its
	// security headers, caching rules and Go version, and builds with the
	// copy of fundsite it carries (see netlifyCommand).
	Netlify []byte
	// DataAsAt is the template's data_as_at, YYYY-MM-DD (today, usually).
	DataAsAt string
}

// WorkbookName is the template workbook's place in a new project.
const WorkbookName = "data/funding.xlsx"

// Write makes a new project in dir, which must not exist or be empty: a
// project is never written over. If anything fails, what Write made is
// removed again.
func Write(dir string, opts Options) (err error) {
	if err := checkFolder(dir); err != nil {
		return err
	}
	entries, readErr := os.ReadDir(dir)
	switch {
	case readErr == nil && len(entries) > 0:
		return fmt.Errorf("%s is not empty: fundsite new only writes into a new or empty folder", dir)
	case readErr != nil && !errors.Is(readErr, fs.ErrNotExist):
		return readErr
	case readErr != nil:
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot make the folder %s: %w", dir, err)
		}
		defer func() {
			if err != nil {
				os.RemoveAll(dir)
			}
		}()
	}
	netlify, err := netlifyConfig(opts.Netlify)
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"site.toml", []byte(fmt.Sprintf(siteTOML, opts.DataAsAt))},
		{"content/_index.md", []byte(homePage)},
		{"netlify.toml", netlify},
		{".gitignore", []byte(gitignore)},
	}
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := regular.WriteFile(name, f.data, 0o644); err != nil {
			return err
		}
	}
	return writeWorkbook(filepath.Join(dir, filepath.FromSlash(WorkbookName)))
}

// checkFolder says why dir cannot be a new project's folder, in words
// rather than as mkdir's: an empty name, a file, or a link that leads
// nowhere (mkdir said "file exists" of a folder that does not).
func checkFolder(dir string) error {
	if strings.TrimSpace(dir) == "" {
		return errors.New("the folder's name is empty: name the folder for the new site, as in: fundsite new my-site")
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return nil // a folder to make; any problem making it is reported then
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(dir)
		if _, err := os.Stat(dir); err != nil {
			return fmt.Errorf("%s is a link to %s, which does not exist: make that folder first, or name another for the new site", dir, target)
		}
		info, _ = os.Stat(dir)
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: name a new or empty folder for the new site", dir)
	}
	return nil
}

// netlifyCommand builds a new project with the copy of fundsite it keeps in
// fundsite/ (a git submodule, which Netlify checks out): the project
// itself has no Go code to run.
const netlifyCommand = `# Netlify builds the site with fundsite, which it needs a copy of: keep
# one in the folder fundsite/, for example as a git submodule
# (git submodule add <address of the fundsite repository> fundsite).
# --fetch-previous takes the live site's data/figures.json to say what
# changed, as a build on Netlify starts without the last one.
[build]
  command = "cd fundsite && go run . build --config ../site.toml --out ../public --fetch-previous"`

// netlifyConfig is the generator's netlify.toml with its build command
// replaced by a new project's.
func netlifyConfig(generator []byte) ([]byte, error) {
	start := bytes.Index(generator, []byte("[build]\n"))
	end := bytes.Index(generator, []byte("\n  publish = "))
	if start < 0 || end < start {
		return nil, errors.New("netlify.toml: no [build] command to adapt")
	}
	// The comment above [build] speaks of the generator's own build.
	if c := bytes.LastIndex(generator[:start], []byte("\n\n")); c >= 0 {
		start = c + 2
	} else {
		start = 0
	}
	out := bytes.Join([][]byte{generator[:start], []byte(netlifyCommand), generator[end:]}, nil)
	return bytes.Replace(out, []byte("Keep in step with the go line of go.mod (a test checks)."), []byte("The Go that fundsite/go.mod asks for."), 1), nil
}

const siteTOML = `# The site's settings. README.md in the fundsite repository, "site.toml",
# lists every setting; an unknown or misspelt one is an error naming its line.

# The site's name, at the top of every page.
title = "Example Fund allocations"
# One sentence for search engines and link previews.
description = "How the Example Fund is shared among areas, with the source of every figure."
# The site's public address. Canonical links, the sitemap, the feed and
# citations use it, and "build --fetch-previous" (on Netlify) fetches the
# last published figures from it. Change it before you publish.
base_url = "https://example.org/"
publisher = "Your organisation"
licence = "Open Government Licence v3.0"
licence_url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# The date the figures are correct to, YYYY-MM-DD: shown in citations, the
# sitemap and the updates feed. Change it when the data changes.
data_as_at = "%s"

# Workbooks in data/ in the default layout (sheets Allocations, Areas and
# Funds, as in data/funding.xlsx) need no settings. To read a workbook laid
# out differently, describe each sheet in a [[source]] block: README.md,
# "Map your own workbook".

# The accessibility statement at /accessibility/, which public sector
# websites must publish. Until it is filled in, every build warns.
# [accessibility]
# contact_email = "accessibility@example.org"
# statement_date = "YYYY-MM-DD"
# compliance = "partial"       # full, partial or not (against WCAG 2.2 AA)
# known_issues = ["Describe each part of the site that is not accessible."]
`

const homePage = `+++
title = "Example Fund allocations"
summary = "How the Example Fund is shared among areas."
+++

The Example Fund provides {{ sum fund="Example Fund" }} over
{{ years fund="Example Fund" }}, shared among
{{ count areas fund="Example Fund" }} areas. In 2024/25,
{{ sum fund="Example Fund" area="Northshire" year="2024/25" }} went to Northshire.

Every amount on this page is worked out from ` + "`" + WorkbookName + "`" + ` each time the
site is built: write ` + "`" + `{{ sum fund="Example Fund" year="2024/25" }}` + "`" + `, never the
number itself. Replace the example rows in the workbook with your own, and
this page with your own words.
`

const gitignore = `# The built site: fundsite build makes it again from the workbooks.
/public/
`

// writeWorkbook writes the template workbook: each sheet of the default
// layout with its header, a note row above it, and example rows that
// build as they are.
func writeWorkbook(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	note := "Replace the example rows below with your own. Keep the header row: it names the columns fundsite reads."
	return workbook.Write(path, []workbook.SheetSpec{
		{
			Name:   "Allocations",
			Titles: []string{"Allocations: one row for each amount an area receives from a fund in a financial year", note},
			Header: []string{"Fund", "Financial year", "Area", "Amount (£)", "Status", "Source", "Notes"},
			Rows: [][]any{
				{"Example Fund", "2024/25", "Northshire", int64(120000), "published", "https://www.gov.uk/", nil},
				{"Example Fund", "2024/25", "Southshire", int64(180000), "published", "https://www.gov.uk/", nil},
				{"Example Fund", "2025/26", "Northshire", int64(125000), "estimate", nil, "Estimated from 2024/25, up by the fund's overall rise."},
				{"Example Fund", "2025/26", "Southshire", int64(185000), "estimate", nil, "Estimated from 2024/25, up by the fund's overall rise."},
			},
			MoneyColumns: []int{3},
		},
		{
			Name:   "Areas",
			Titles: []string{"Areas: every area the allocations name, so a misspelt name is caught", note},
			Header: []string{"Area code", "Name", "Area type", "Region", "Population 2024/25"},
			Rows: [][]any{
				{"EX0001", "Northshire", "Council", "North", int64(250000)},
				{"EX0002", "Southshire", "Council", "South", int64(400000)},
			},
		},
		{
			Name:   "Funds",
			Titles: []string{"Funds: what each fund is and who pays it", note},
			Header: []string{"Name", "Short name", "Department", "Description", "Announced total (£)", "Source address"},
			Rows: [][]any{
				{"Example Fund", "EF", "Department for Examples", "A fund that shows how fundsite works.", nil, "https://www.gov.uk/"},
			},
			MoneyColumns: []int{4},
		},
	})
}

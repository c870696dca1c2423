// Command hugoequiv writes, from a site fundsite built, a Hugo project of
// the same area pages: each area's figures as a markdown table (fund,
// year, amount, status, basis, source, cell), and the area's CSV beside
// it. scripts/bench.sh times Hugo building it, so fundsite is measured
// against Hugo doing the same work, not Hugo's plain pages.
//
//	go run ./scripts/hugoequiv --site public --layouts bench/hugo/layouts --out bench/hugo-large
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	site := flag.String("site", "", "a site fundsite built")
	layouts := flag.String("layouts", "", "the Hugo layouts to copy")
	out := flag.String("out", "", "the Hugo project to write")
	flag.Parse()
	if *site == "" || *layouts == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*site, *layouts, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hugoequiv:", err)
		os.Exit(1)
	}
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func run(site, layouts, out string) error {
	for _, d := range []string{"content/areas", "layouts/_default", "static/areas"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	config := "baseURL = \"https://hugo.example/\"\ntitle = \"Hugo equivalent\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n"
	if err := os.WriteFile(filepath.Join(out, "hugo.toml"), []byte(config), 0o644); err != nil {
		return err
	}
	for _, l := range []string{"single.html", "list.html"} {
		b, err := os.ReadFile(filepath.Join(layouts, "_default", l))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "layouts", "_default", l), b, 0o644); err != nil {
			return err
		}
	}
	f, err := os.Open(filepath.Join(site, "data", "allocations.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	header, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\uFEFF")] = i
	}
	pages := map[string]*strings.Builder{}
	var order []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		area := rec[col["Area"]]
		slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(area), "-"), "-")
		b, ok := pages[slug]
		if !ok {
			b = &strings.Builder{}
			pages[slug] = b
			order = append(order, slug)
			fmt.Fprintf(b, "+++\ntitle = %q\n+++\n\n%s received these allocations.\n\n", area, area)
			b.WriteString("| Fund | Year | Amount (£) | Status | Basis | Source | Cell |\n| --- | --- | ---: | --- | --- | --- | --- |\n")
		}
		cell := func(name string) string { return strings.ReplaceAll(rec[col[name]], "|", `\|`) }
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", cell("Fund"), cell("Financial year"), cell("Amount (£)"),
			cell("Status"), cell("Basis"), cell("Source"), cell("Workbook cell"))
	}
	for _, slug := range order {
		if err := os.WriteFile(filepath.Join(out, "content", "areas", slug+".md"), []byte(pages[slug].String()), 0o644); err != nil {
			return err
		}
		csv, err := os.ReadFile(filepath.Join(site, "areas", slug, "allocations.csv"))
		if err != nil {
			continue // an area whose address fundsite spells otherwise
		}
		if err := os.MkdirAll(filepath.Join(out, "static", "areas", slug), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "static", "areas", slug, "allocations.csv"), csv, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Command floor is the disk's floor for a build: it writes the same folders,
// files and bytes as a built site (zeros, not pages), the least any
// generator writing that site could do. scripts/bench.sh times it beside
// fundsite and prints the ratio.
//
//	go run ./scripts/floor --like public --out /tmp/floor
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	like := flag.String("like", "", "a built site whose files to imitate")
	out := flag.String("out", "", "the folder to write (must not exist)")
	list := flag.Bool("list", false, "only print how many files and bytes the site has")
	flag.Parse()
	if *like == "" || (*out == "" && !*list) {
		flag.Usage()
		os.Exit(2)
	}
	type file struct {
		path string
		size int64
	}
	var files []file
	var dirs []string
	var total int64
	err := filepath.WalkDir(*like, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(*like, p)
		if d.IsDir() {
			if rel != "." {
				dirs = append(dirs, rel)
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, file{rel, info.Size()})
		total += info.Size()
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *list {
		fmt.Printf("%d files, %d bytes\n", len(files), total)
		return
	}
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(*out, d), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	var biggest int64
	for _, f := range files {
		biggest = max(biggest, f.size)
	}
	zeros := make([]byte, biggest)
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(*out, f.path), zeros[:f.size], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

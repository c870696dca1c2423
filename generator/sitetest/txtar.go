package sitetest

import (
	"fmt"
	"strings"
)

// File is one file of a txtar archive.
type File struct {
	Name string
	Data string
}

// ParseArchive reads a txtar archive (the format of Go's own script tests
// and Hugo's hugolib.Test): a comment, then files, each beginning at a line
// "-- name --". The format is a dozen lines to read, so it is read here
// rather than by adding golang.org/x/tools to the module for it.
func ParseArchive(archive string) ([]File, error) {
	var files []File
	var current *File
	for _, line := range strings.SplitAfter(archive, "\n") {
		if name, ok := fileMarker(line); ok {
			files = append(files, File{Name: name})
			current = &files[len(files)-1]
			continue
		}
		if current != nil {
			current.Data += line
		}
	}
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f.Name] {
			return nil, fmt.Errorf("txtar archive: %s appears twice", f.Name)
		}
		seen[f.Name] = true
	}
	return files, nil
}

// fileMarker is the name in a line "-- name --", if the line is one.
func fileMarker(line string) (string, bool) {
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	name := strings.TrimSpace(line[3 : len(line)-3])
	return name, name != ""
}

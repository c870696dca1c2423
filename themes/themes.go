// Package themes holds the themes built into fundsite. The default theme's
// templates and static files are embedded in the binary, so a project
// needs no theme folder of its own; a project's themes/default/ folder
// overrides it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default is the default theme: layouts/ (html/template) and static/.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

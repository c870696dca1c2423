package themes

import (
	"io/fs"
	"testing"
)

// The default theme embeds every layout a site needs and its static
// files, so a project with no theme folder builds.
func TestDefaultHoldsLayoutsAndStatic(t *testing.T) {
	theme := Default()
	for _, name := range []string{"layouts/base.html", "layouts/home.html", "layouts/area.html", "static/style.css", "static/charts.js"} {
		if _, err := fs.Stat(theme, name); err != nil {
			t.Errorf("the default theme lacks %s: %v", name, err)
		}
	}
}

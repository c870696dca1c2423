package serve

import (
	"bufio"
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// redirect finds the rule in the build's _redirects (Netlify's format,
// which fundsite writes for old area addresses and area codes) for an
// address that has no file, as Netlify would: "/areas/E54000026/" and
// "/areas/E54000026" both match a rule for either. It follows the plain
// rules fundsite writes, "from to [status]" with a 3xx status (301 when
// none is given); rules with placeholders, splats or other statuses are
// Netlify's alone.
func redirect(dir, path string) (to string, status int, ok bool) {
	data, err := os.ReadFile(filepath.Join(dir, "_redirects"))
	if err != nil {
		return "", 0, false
	}
	want := trimSlash(path)
	lines := bufio.NewScanner(bytes.NewReader(data))
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		if len(f) < 2 || strings.HasPrefix(f[0], "#") || trimSlash(f[0]) != want || strings.ContainsAny(f[0], "*:") {
			continue
		}
		status = http.StatusMovedPermanently
		if len(f) > 2 {
			status, err = strconv.Atoi(strings.TrimSuffix(f[2], "!"))
			if err != nil || status < 300 || status > 399 {
				continue
			}
		}
		return f[1], status, true
	}
	return "", 0, false
}

func trimSlash(path string) string {
	if len(path) > 1 {
		return strings.TrimSuffix(path, "/")
	}
	return path
}

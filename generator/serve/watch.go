package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"fundsite/generator/config"
	"fundsite/generator/pipeline"
)

// watchedFolders are the project folders whose every file is an input.
var watchedFolders = []string{"data", "content", "themes"}

// watcher follows site.toml and the input folders, subfolders included.
// It watches folders rather than files, so an editor that saves by writing
// a temporary file and renaming it over the original is still seen.
type watcher struct {
	*fsnotify.Watcher
	root   string // the project folder, holding site.toml
	config string // site.toml's absolute path
	// files are the files watched by name, wherever they are: the
	// workbooks site.toml names, and the files links in data/ and content/
	// lead to (pipeline.LinkedInputs), whose edits are seen only in their
	// own folders.
	files map[string]bool
}

func newWatcher(configPath string) (*watcher, error) {
	config, err := filepath.Abs(configPath)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching for changes: %w", err)
	}
	w := &watcher{Watcher: fw, root: filepath.Dir(config), config: config, files: map[string]bool{}}
	if err := w.Add(w.root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watching %s: %w", w.root, err)
	}
	for _, dir := range watchedFolders {
		w.addTree(filepath.Join(w.root, dir))
	}
	w.watchFiles()
	return w, nil
}

// watchFiles watches the workbooks site.toml names and the files links in
// data/ and content/ lead to, wherever they are. It runs before every
// build, as site.toml may have changed and links come and go.
func (w *watcher) watchFiles() {
	cfg, err := config.Load(w.config)
	if err != nil {
		return // the build reports it
	}
	var files []string
	for _, src := range cfg.Sources {
		files = append(files, cfg.Path(src.File))
	}
	for _, path := range append(files, pipeline.LinkedInputs(cfg)...) {
		if !w.files[path] {
			w.files[path] = true
			w.Add(filepath.Dir(path)) // a missing folder is the build's to report
		}
	}
}

// addTree watches dir and every folder below it. A folder that does not
// exist yet is fine: its creation is seen in the project folder.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case !d.IsDir():
			return nil
		case p != dir && ignored(d.Name()):
			return filepath.SkipDir
		}
		w.Add(p) // a folder removed meanwhile needs no watching
		return nil
	})
}

// relevant says whether ev changes an input, and watches new folders.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
		return false // a touch changes no content
	}
	if ev.Name == w.config || w.files[ev.Name] {
		return true
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if err != nil || !slices.Contains(watchedFolders, top) {
		return false // README.md, public/, .git: not inputs
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			w.addTree(ev.Name)
		}
	}
	return true
}

// ignored names files no build reads: dotfiles (editor swap files, .git),
// Excel's ~$ lock files, and editor backups (name~, #name#).
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// watch rebuilds once the inputs have been quiet for the debounce time,
// until ctx is cancelled. Changes made during a build start another.
func (s *site) watch(ctx context.Context, w *watcher) {
	timer := time.NewTimer(s.opts.Debounce)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if w.relevant(ev) {
				timer.Reset(s.opts.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintln(s.opts.Stderr, "fundsite: watching for changes:", err)
		case <-timer.C:
			// Watched before the build reads them, so an edit made once
			// the build is announced is seen.
			w.watchFiles()
			s.rebuild(ctx)
		}
	}
}

package ingest

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"fundsite/generator/config"
	"fundsite/generator/diag"
	"fundsite/generator/workbook"
)

// sourceTable is a read sheet with the source settings that describe it.
type sourceTable struct {
	src   config.Source
	path  string
	table *workbook.Table
}

func readSources(cfg *config.Config, problems *diag.List) []sourceTable {
	sources := cfg.Sources
	if len(sources) == 0 {
		sources = discoverSources(cfg, problems)
	} else {
		reportUnread(cfg, problems)
	}
	open := map[string]*workbook.Workbook{}
	limits := workbook.BuildLimits() // one budget of rows for every workbook
	defer func() {
		for _, w := range open {
			if w != nil { // nil marks a workbook that would not open
				w.Close()
			}
		}
	}()
	var out []sourceTable
	for _, src := range sources {
		w, ok := open[src.File]
		if !ok {
			var err error
			w, err = workbook.Open(cfg.Path(src.File), src.File, limits)
			if err != nil {
				problems.Errorf(diag.Loc{File: src.File}, "%v", err)
				open[src.File] = nil
				continue
			}
			open[src.File] = w
		}
		if w == nil {
			continue // already reported
		}
		sheet, ok := pickSheet(w, src)
		if !ok && src.SheetNumber > 0 {
			problems.Errorf(diag.Loc{File: src.File}, "no sheet number %d; the workbook has %d: %s", src.SheetNumber, len(w.Sheets()), quoteList(w.Sheets()))
			continue
		}
		if !ok {
			problems.Errorf(diag.Loc{File: src.File}, "no sheet %q; the workbook has %s%s", src.Sheet,
				quoteList(w.Sheets()), diag.DidYouMean(src.Sheet, w.Sheets()))
			continue
		}
		t, err := w.Read(sheet)
		if err != nil {
			problems.Errorf(diag.Loc{File: src.File, Sheet: sheet}, "%v", err)
			continue
		}
		out = append(out, sourceTable{src: src, path: cfg.Path(src.File), table: t})
	}
	return out
}

func pickSheet(w *workbook.Workbook, src config.Source) (string, bool) {
	if src.SheetNumber > 0 {
		return sheetByNumber(w, src.SheetNumber)
	}
	if src.Sheet != "" {
		return w.FindSheet(src.Sheet)
	}
	if s, ok := w.FindSheet(src.Kind); ok {
		return s, true
	}
	sheets := w.Sheets()
	if len(sheets) == 1 {
		return sheets[0], true
	}
	if src.Kind == config.KindAllocations || src.Kind == config.KindGrants {
		return find360Sheet(w, src.HeaderRow)
	}
	return "", false
}

// dataFile is a file in data/ that is, or looks like, a workbook.
type dataFile struct {
	rel string // "data/funding.xlsx", as messages and site.toml name it
	// readable: an Excel 2007+ workbook (.xlsx, .xlsm) fundsite reads; the
	// others (.xls, .xlsb) are named so the user knows why they are not.
	readable bool
}

// workbookExts are the spreadsheet files data/ may hold, by extension in
// lower case, and whether fundsite reads them.
var workbookExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": false, ".xlsb": false, ".ods": false}

// NamedLikeWorkbook reports whether a file in data/ of this name would be
// taken for a spreadsheet (a workbook to read, or one to say fundsite
// cannot read), so that a folder so named can be called what it is.
func NamedLikeWorkbook(name string) bool {
	_, isBook := workbookExts[strings.ToLower(filepath.Ext(name))]
	return isBook && !strings.HasPrefix(name, "~$")
}

// dataFiles lists the workbooks in data/, in name order. It reads the
// folder rather than globbing it, so a project path holding glob
// characters ("p [1]/") works.
func dataFiles(root string) ([]dataFile, error) {
	entries, err := os.ReadDir(filepath.Join(root, "data"))
	if err != nil {
		return nil, err
	}
	var out []dataFile
	for _, e := range entries {
		name := e.Name()
		readable, isBook := workbookExts[strings.ToLower(filepath.Ext(name))]
		if !isBook || e.IsDir() || strings.HasPrefix(name, "~$") { // ~$: Excel's lock file while the workbook is open
			continue
		}
		out = append(out, dataFile{rel: "data/" + name, readable: readable})
	}
	return out, nil
}

// Inputs are the files Load reads, or would complain about: the
// workbooks the sources name, and every workbook in data/. A build that
// keeps the dataset between runs must read it again when any changes.
func Inputs(cfg *config.Config) []string {
	var out []string
	for _, src := range cfg.Sources {
		out = append(out, cfg.Path(src.File))
	}
	files, _ := dataFiles(cfg.Root)
	for _, f := range files {
		out = append(out, cfg.Path(f.rel))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unreadable words why fundsite cannot read a workbook of this kind.
func unreadable(rel string) string {
	switch strings.ToLower(filepath.Ext(rel)) {
	case ".xls":
		return "a legacy Excel 97-2003 .xls workbook, which fundsite cannot read; open it in Excel and save it as \"Excel Workbook (.xlsx)\""
	case ".xlsb":
		return "an Excel binary .xlsb workbook, which fundsite cannot read; open it in Excel and save it as \"Excel Workbook (.xlsx)\""
	}
	return "not an Excel workbook fundsite can read; save it as \"Excel Workbook (.xlsx)\""
}

// reportUnread names every workbook in data/ that no [[source]] reads:
// once site.toml lists its sources, a workbook left out is a figure left
// out, unless it is moved out of data/.
func reportUnread(cfg *config.Config, problems *diag.List) {
	files, err := dataFiles(cfg.Root)
	if err != nil {
		return
	}
	named := map[string]bool{}
	for _, src := range cfg.Sources {
		named[path.Clean(filepath.ToSlash(src.File))] = true
	}
	for _, f := range files {
		if named[f.rel] {
			continue
		}
		if !f.readable {
			problems.Errorf(diag.Loc{File: f.rel}, "this is %s. No [[source]] in %s reads it either: move it out of data/, or add a [[source]] for the .xlsx", unreadable(f.rel), cfg.File)
			continue
		}
		problems.Errorf(diag.Loc{File: f.rel}, "this workbook is in data/ but no [[source]] in %s reads it; add a [[source]] with file = %q, or move it out of data/", cfg.File, f.rel)
	}
}

// discoverSources is the default layout: each workbook in data/, with sheets
// called Allocations (or Grants), Areas and Funds, or a 360Giving grants
// sheet.
func discoverSources(cfg *config.Config, problems *diag.List) []config.Source {
	files, err := dataFiles(cfg.Root)
	if err != nil {
		problems.Errorf(diag.Loc{File: "data/"}, "no data folder; put the funding workbooks (.xlsx) in data/")
		return nil
	}
	var out []config.Source
	readable := 0
	for _, f := range files {
		if !f.readable {
			problems.Errorf(diag.Loc{File: f.rel}, "this is %s", unreadable(f.rel))
			continue
		}
		readable++
		w, err := workbook.Open(cfg.Path(f.rel), f.rel, workbook.DefaultLimits)
		if err != nil {
			problems.Errorf(diag.Loc{File: f.rel}, "%v", err)
			continue
		}
		found := false
		for _, kind := range []string{config.KindAllocations, config.KindGrants, config.KindAreas, config.KindFunds} {
			if sheet, ok := w.FindSheet(kind); ok {
				out = append(out, config.Source{File: f.rel, Sheet: sheet, Kind: kind})
				found = found || kind == config.KindAllocations || kind == config.KindGrants
			}
		}
		if !found {
			if sheet, ok := find360Sheet(w, 0); ok {
				out = append(out, config.Source{File: f.rel, Sheet: sheet, Kind: config.KindGrants})
				found = true
			}
		}
		if !found {
			problems.Errorf(diag.Loc{File: f.rel}, "no sheet called \"Allocations\"; the workbook has %s. Rename the sheet, or describe it with [[source]] in site.toml", quoteList(w.Sheets()))
		}
		w.Close()
	}
	if readable == 0 {
		msg := "no workbooks (.xlsx) in data/"
		if len(files) > 0 {
			msg += fmt.Sprintf("; %s cannot be read (see above)", plural(len(files), "the workbook there", "the workbooks there"))
		}
		problems.Errorf(diag.Loc{File: "data/"}, "%s", msg)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

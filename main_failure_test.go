package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fundsite/generator/sitetest"
	"fundsite/generator/workbook"
)

// damageSheet rewrites the workbook with its first sheet's XML broken
// after the given row, the way a crashed save or bad tool leaves it.
func damageSheet(t *testing.T, path string, row int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			part = bytes.Replace(part, []byte(fmt.Sprintf(`<row r="%d"`, row+1)), []byte(fmt.Sprintf(`<row r="%d" <`, row+1)), 1)
		}
		fw, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(part); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailedBuildsReportEverythingAndPublishNothing breaks a workbook that
// built a site, rebuilds, and checks that every problem is reported in
// reading order, the exit code is non-zero and the previous site survives
// byte for byte with no temporary folders left behind.
func TestFailedBuildsReportEverythingAndPublishNothing(t *testing.T) {
	tests := []struct {
		name  string
		sheet func() []workbook.SheetSpec
		after func(t *testing.T, path string) // breaks the written workbook further
		want  []string                        // lines of stderr, in order
	}{
		{
			name: "many bad cells",
			sheet: func() []workbook.SheetSpec {
				s := sitetest.SmallBook(4)
				s[0].Rows[0][3] = "TBC"
				s[0].Rows[1][1] = "2023/25"
				s[0].Rows[2][3] = "£5.3k?"
				s[0].Rows[3][0] = nil
				return s
			},
			want: []string{
				"fundsite: 4 problems in the inputs:",
				`data/funding.xlsx: Allocations!D2: amount "TBC" is not a number`,
				`data/funding.xlsx: Allocations!B3: financial year "2023/25" must run from one year into the next, e.g. 2023/24`,
				`data/funding.xlsx: Allocations!D4: amount "£5.3k?" is not a number`,
				`data/funding.xlsx: Allocations!A5: fund is blank`,
				"Nothing was published; the previous site is unchanged.",
			},
		},
		{
			name: "more problems than are shown",
			sheet: func() []workbook.SheetSpec {
				s := sitetest.SmallBook(25)
				for _, r := range s[0].Rows {
					r[3] = "TBC"
				}
				return s
			},
			want: []string{
				"fundsite: 25 problems in the inputs:",
				`data/funding.xlsx: Allocations!D2: amount "TBC" is not a number`,
				`data/funding.xlsx: Allocations!D21: amount "TBC" is not a number`,
				"…and 5 more in data/funding.xlsx: Allocations",
				"Nothing was published; the previous site is unchanged.",
			},
		},
		{
			name:  "damaged sheet",
			sheet: func() []workbook.SheetSpec { return sitetest.SmallBook(6) },
			after: func(t *testing.T, path string) { damageSheet(t, path, 4) },
			want: []string{
				"fundsite: 1 problem in the inputs:",
				`data/funding.xlsx: Allocations: the sheet is damaged after row 4 and cannot be read in full (XML syntax error on line 2: expected attribute name in element); open the workbook in Excel and save it again`,
				"Nothing was published; the previous site is unchanged.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.SmallProject(t, sitetest.SmallBook(3))
			config, out := filepath.Join(dir, "site.toml"), filepath.Join(dir, "public")
			if code, _, stderr := runCLI(t, "build", "--config", config, "--out", out); code != 0 {
				t.Fatalf("first build failed: %s", stderr)
			}
			before := snapshot(t, out)

			path := filepath.Join(dir, "data", "funding.xlsx")
			if err := workbook.Write(path, tt.sheet()); err != nil {
				t.Fatal(err)
			}
			if tt.after != nil {
				tt.after(t, path)
			}
			code, _, stderr := runCLI(t, "build", "--config", config, "--out", out)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			rest := stderr
			for _, line := range tt.want {
				i := strings.Index(rest, line+"\n")
				if i < 0 {
					t.Fatalf("stderr lacks, or has out of order, %q:\n%s", line, stderr)
				}
				rest = rest[i+len(line):]
			}
			after := snapshot(t, out)
			if len(after) != len(before) {
				t.Errorf("previous site changed: %d files, was %d", len(after), len(before))
			}
			for name, data := range before {
				if !bytes.Equal(data, after[name]) {
					t.Errorf("%s changed after a failed build", name)
				}
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, ".public*")); len(leftovers) > 0 {
				t.Errorf("temporary folders left behind: %v", leftovers)
			}
		})
	}
}

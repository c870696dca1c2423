package serve

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fundsite/generator/pipeline"
)

// TestPreviewProcess is not a test: TestKilledPreviewIsTidiedUp runs it
// as a child process, a preview that can really be killed.
func TestPreviewProcess(t *testing.T) {
	dir := os.Getenv("FUNDSITE_SERVE_CHILD")
	if dir == "" {
		t.Skip("runs a preview in a child process for TestKilledPreviewIsTidiedUp")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = Run(context.Background(), ln, Options{
		Build:  pipeline.Options{ConfigPath: filepath.Join(dir, "site.toml"), DefaultTheme: os.DirFS("../../themes/default")},
		Stdout: os.Stdout, Stderr: os.Stderr,
	})
	t.Fatal(err) // it runs until killed
}

// TestKilledPreviewIsTidiedUp: a preview killed outright (kill -9) leaves
// its copy of the site in the temporary folder; the next preview deletes
// it as it starts, and deletes nothing else there: not a folder named
// like a preview's whose owner runs or that has no owner record, nor a
// link, nor a folder of another name.
func TestKilledPreviewIsTidiedUp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := newProject(t)

	child := exec.Command(os.Args[0], "-test.run=^TestPreviewProcess$")
	child.Env = append(os.Environ(), "FUNDSITE_SERVE_CHILD="+dir)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// The preview prints its address once the site is built.
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "Previewing the site at") {
	}
	child.Process.Kill()
	child.Wait()
	killed, _ := filepath.Glob(filepath.Join(tmp, folderPrefix+"*"))
	if len(killed) != 1 {
		t.Fatalf("the killed preview left %v, want its one folder", killed)
	}
	if _, err := os.Stat(filepath.Join(killed[0], "site", "index.html")); err != nil {
		t.Fatalf("the killed preview's folder holds no site: %v", err)
	}

	dead := ownerRecord(child.Process.Pid)
	plant := func(name, record string) string {
		t.Helper()
		p := filepath.Join(tmp, name)
		writeFile(t, filepath.Join(p, "site", "index.html"), "a site")
		if record != "" {
			writeFile(t, filepath.Join(p, ownerFile), record)
		}
		return p
	}
	kept := []string{
		plant(folderPrefix+"running", ownerRecord(os.Getppid())),
		plant(folderPrefix+"unrecorded", ""),
		plant(folderPrefix+"garbled", "fundsite serve, process "+strconv.Itoa(child.Process.Pid)+" or so\n"),
		plant(folderPrefix+"elsewhere", fmt.Sprintf("fundsite serve, process %d on %q\n", child.Process.Pid, "another-machine")),
		plant("other-folder", dead),
		plant("target", dead),
	}
	for _, name := range []string{folderPrefix + "link", folderPrefix + "file"} {
		kept = append(kept, filepath.Join(tmp, name))
	}
	if err := os.Symlink(filepath.Join(tmp, "target"), filepath.Join(tmp, folderPrefix+"link")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(tmp, folderPrefix+"file"), dead)

	p := start(t, dir)
	if _, err := os.Lstat(killed[0]); !os.IsNotExist(err) {
		t.Errorf("the killed preview's folder %s is still there (%v)", killed[0], err)
	}
	if said := p.stdout.String(); !strings.Contains(said, "Deleted "+killed[0]) {
		t.Errorf("the preview did not say what it deleted:\n%s", said)
	}
	for _, k := range kept {
		if _, err := os.Lstat(k); err != nil {
			t.Errorf("%s was deleted: %v", filepath.Base(k), err)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "target", ownerFile)); err != nil {
		t.Errorf("the folder a link named like a preview's leads to was emptied: %v", err)
	}
	// The running preview's own folder is recorded as its own.
	own, _ := filepath.Glob(filepath.Join(tmp, folderPrefix+"*", ownerFile))
	found := false
	for _, f := range own {
		data, _ := os.ReadFile(f)
		found = found || string(data) == ownerRecord(os.Getpid())
	}
	if !found {
		t.Errorf("the running preview's folder has no record of its owner among %v", own)
	}
}

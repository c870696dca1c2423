package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fundsite/generator/sitetest"
	"fundsite/generator/synth"
)

// TestMainProcess is not a test: the tests below run it as a child
// process, so a real fundsite receives real signals.
func TestMainProcess(t *testing.T) {
	if os.Getenv("FUNDSITE_MAIN") == "" {
		t.Skip("runs fundsite in a child process for the tests of signals")
	}
	os.Exit(runUntilStopped(flag.Args(), os.Stdout, os.Stderr))
}

// startFundsite runs fundsite with args in a child process.
func startFundsite(t *testing.T, stderr *bytes.Buffer, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestMainProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "FUNDSITE_MAIN=1")
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// waitFor polls until ok or the deadline, and reports whether ok.
func waitFor(deadline time.Duration, ok func() bool) bool {
	for end := time.Now().Add(deadline); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// stagingFolders are the staging folders and lock beside out.
func stagingFolders(out string) []string {
	found, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*"))
	return found
}

// writingPages reports whether a build is writing pages into a staging folder.
func writingPages(out string) bool {
	found, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".new-*", "assets"))
	return len(found) > 0
}

// readingWorkbooks reports whether the build in process pid has a file of
// the project's data/ open: it is hashing or reading the workbooks.
func readingWorkbooks(pid int, dir string) bool {
	fds, _ := os.ReadDir(filepath.Join("/proc", strconv.Itoa(pid), "fd"))
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, filepath.Join(dir, "data")+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// TestSignalsStopABuildAtOnce: Ctrl-C or SIGTERM at any point of a build
// (reading the workbooks, writing pages, waiting on a file that never
// ends) stops it within moments, with the old site as it was and no
// staging folder left; a build killed outright leaves a staging folder
// that the next build deletes.
func TestSignalsStopABuildAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 250-area site several times")
	}
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Areas: 250, Funds: 1, Years: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	config, out := filepath.Join(dir, "site.toml"), filepath.Join(dir, "public")
	if code, _, stderr := runCLI(t, "build", "--config", config, "--out", out); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, out)
	// The next build changes every page, so none is merely linked.
	for _, sub := range []string{"content", "data"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			t.Fatal(err)
		}
	}
	if err := synth.Write(dir, synth.Options{Areas: 250, Funds: 1, Years: 2, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "previous.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	var pid int // the build's process
	cases := []struct {
		name   string
		args   []string
		signal os.Signal
		says   string      // on stderr, in place of "context canceled"
		when   func() bool // when to send the signal
	}{
		{"SIGTERM while writing pages", nil, syscall.SIGTERM, "build stopped: fundsite received SIGTERM; the published site was left as it was", func() bool { return writingPages(out) }},
		{"Ctrl-C while writing pages", nil, os.Interrupt, "build stopped: fundsite received Ctrl-C (SIGINT); the published site was left as it was", func() bool { return writingPages(out) }},
		{"SIGTERM while reading", nil, syscall.SIGTERM, "build stopped: fundsite received SIGTERM", func() bool {
			// Should the reading be over before it is seen, the pages
			// are being written: as good a moment to stop it.
			if readingWorkbooks(pid, dir) {
				t.Log("stopping the build while it has a workbook open")
				return true
			}
			return writingPages(out)
		}},
		{"SIGTERM while waiting on a FIFO", []string{"--previous", fifo}, syscall.SIGTERM, "build stopped: fundsite received SIGTERM", func() bool {
			// Once the build has the FIFO open to read, it waits for
			// data that never comes. (fundsite now refuses a FIFO
			// unopened, so this is the older hang, should it return.)
			w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
			if err == nil {
				t.Cleanup(func() { w.Close() })
			}
			return err == nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			cmd := startFundsite(t, &stderr, append([]string{"build", "--config", config, "--out", out}, c.args...)...)
			pid = cmd.Process.Pid
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var early error
			ended := false
			if !waitFor(time.Minute, func() bool {
				select {
				case early = <-exited:
					ended = true
				default:
				}
				return ended || c.when()
			}) {
				cmd.Process.Kill()
				t.Fatal("the build never reached the point to stop it at")
			}
			if ended {
				// It stopped by itself first: refused the FIFO, say.
				t.Logf("ended before the signal: %v\n%s", early, stderr.String())
				if early == nil || !strings.Contains(stderr.String(), "named pipe (FIFO)") {
					t.Errorf("the build ended (%v) without refusing the FIFO", early)
				}
				exited <- early
			}
			sent := time.Now()
			cmd.Process.Signal(c.signal)
			select {
			case err := <-exited:
				// A second is the promise; a loaded machine takes longer
				// to delete the staging folder, so only a hang fails.
				t.Logf("exited %v after the signal: %v", time.Since(sent).Round(time.Millisecond), err)
				if err == nil {
					t.Error("a stopped build exited 0")
				}
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatalf("still running 15 s after %v:\n%s", c.signal, stderr.String())
			}
			// A signal before fundsite has started listening for it ends
			// the process at once, which is fine too.
			said := stderr.String()
			if strings.Contains(said, "context canceled") {
				t.Errorf("stderr speaks of a cancelled context, not of the signal:\n%s", said)
			}
			switch {
			case cmd.ProcessState.ExitCode() < 0:
			case ended && !strings.Contains(said, "the previous site is unchanged"):
				t.Errorf("stderr does not say the site is unchanged:\n%s", said)
			case !ended && !strings.Contains(said, c.says):
				t.Errorf("stderr does not say %q:\n%s", c.says, said)
			}
			sitetest.SameSnapshot(t, "after the stopped build", before, snapshot(t, out))
			if left := stagingFolders(out); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
	t.Run("killed outright", func(t *testing.T) {
		var stderr bytes.Buffer
		cmd := startFundsite(t, &stderr, "build", "--config", config, "--out", out)
		if !waitFor(time.Minute, func() bool { return writingPages(out) }) {
			cmd.Process.Kill()
			t.Fatal("the build never started writing")
		}
		cmd.Process.Kill()
		cmd.Wait()
		if len(stagingFolders(out)) == 0 {
			t.Fatal("a killed build left nothing to clear; the test proves nothing")
		}
		if code, _, stderr := runCLI(t, "build", "--config", config, "--out", out); code != 0 {
			t.Fatalf("build after the killed one: %.2000s", stderr)
		}
		if left := stagingFolders(out); len(left) > 0 {
			entries, _ := os.ReadDir(left[0])
			t.Errorf("the next build left the killed build's %v (holding %v)", left, entries)
		}
	})
}

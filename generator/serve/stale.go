package serve

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A preview builds the whole site into a folder of its own under the
// system's temporary folder, and deletes it when it stops. One killed
// outright (kill -9, a closed laptop lid that ends the terminal) cannot,
// and left a whole site behind for ever. So each preview's folder is
// named fundsite-serve-* and holds a record of the process that owns it,
// and a preview starting up deletes the folders whose owner has ended:
// only those, nothing else that may sit in the temporary folder.

// folderPrefix begins the name of every preview's folder.
const folderPrefix = "fundsite-serve-"

// ownerFile, in a preview's folder, records the process that made it.
const ownerFile = "fundsite-serve.owner"

// ownerRecord is the text of ownerFile for process pid of this machine.
// The machine's name is in it because a process number means nothing on
// another (a container sharing /tmp with its host): a record from one is
// never taken for a process that has ended.
func ownerRecord(pid int) string {
	host, _ := os.Hostname()
	return fmt.Sprintf("fundsite serve, process %d on %q\n", pid, host)
}

// newFolder makes this preview's folder in the temporary folder, with
// the record that lets a later preview delete it should this one be killed.
func newFolder() (string, error) {
	root, err := os.MkdirTemp("", folderPrefix+"*")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(root, ownerFile), []byte(ownerRecord(os.Getpid())), 0o600); err != nil {
		os.RemoveAll(root)
		return "", err
	}
	return root, nil
}

// removeStale deletes, from the temporary folder, every preview folder
// whose owner has ended, saying so on w. A folder is deleted only when all
// of this holds: its name begins fundsite-serve-; it is a real folder
// (not a link) of this user's; it holds an owner record in exactly the
// form newFolder writes; and no process with that number is running.
// Anything else is left alone, and a failure to delete is not a reason
// for this preview not to start.
func removeStale(w io.Writer) {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), folderPrefix) {
			continue // ReadDir does not follow links: a link is not a folder here
		}
		dir := filepath.Join(tmp, e.Name())
		pid, ok := staleOwner(dir)
		if !ok {
			continue
		}
		if err := os.RemoveAll(dir); err == nil {
			fmt.Fprintf(w, "Deleted %s, the site an earlier preview (process %d, no longer running) left behind.\n", dir, pid)
		}
	}
}

// staleOwner is the process recorded as owning the preview folder dir,
// and whether it is provably a preview's folder whose owner has ended.
func staleOwner(dir string) (int, bool) {
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() || !ownedByMe(info) {
		return 0, false
	}
	record := filepath.Join(dir, ownerFile)
	if info, err := os.Lstat(record); err != nil || !info.Mode().IsRegular() || info.Size() > 100 || !ownedByMe(info) {
		return 0, false
	}
	data, err := os.ReadFile(record)
	if err != nil {
		return 0, false
	}
	pid, err := parseOwner(string(data))
	if err != nil || pid == os.Getpid() || running(pid) {
		return 0, false
	}
	return pid, true
}

// parseOwner reads an owner record, accepting only what ownerRecord writes
// on this machine.
func parseOwner(record string) (int, error) {
	n, _, _ := strings.Cut(strings.TrimPrefix(record, "fundsite serve, process "), " ")
	pid, err := strconv.Atoi(n)
	if err != nil || pid <= 0 || ownerRecord(pid) != record {
		return 0, fmt.Errorf("not an owner record this machine's preview wrote: %q", record)
	}
	return pid, nil
}

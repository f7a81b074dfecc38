package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

const startProcessEnv = "CONFIGWARD_STARTPROCESS_CHILD"

// TestStartProcess runs TestStartProcessChild in a fresh process (this
// test binary again, GOGC unset), which sets the process up as main does
// and scans one template: what a pre-commit hook pays on every commit.
func TestStartProcess(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestStartProcessChild$", "-test.count=1", "-test.v")
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOGC=") {
			env = append(env, e)
		}
	}
	cmd.Env = append(env, startProcessEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestStartProcessChild") {
		t.Fatalf("child did not run:\n%s", out)
	}
}

// TestStartProcessChild checks, in a process of its own: a scan runs with
// memory profiling off unless --memprofile asks for it, and with the
// collector at scanGOGC through a report of a few findings (restoring the
// default there started a collection that the process exited before
// finishing); --memprofile still writes a profile of the scan.
func TestStartProcessChild(t *testing.T) {
	if os.Getenv(startProcessEnv) == "" {
		t.Skip("run by TestStartProcess")
	}
	startProcess()
	if runtime.MemProfileRate != 0 {
		t.Fatalf("after startProcess, MemProfileRate is %d, want 0", runtime.MemProfileRate)
	}
	template := "../../testdata/examples/cloudformation/insecure.yaml"
	if code := run([]string{"scan", "--format", "json", template}, io.Discard, io.Discard); code != exitFindings {
		t.Fatalf("scan %s: exit %d, want %d", template, code, exitFindings)
	}
	if runtime.MemProfileRate != 0 {
		t.Errorf("after a scan without --memprofile, MemProfileRate is %d, want 0", runtime.MemProfileRate)
	}
	if gc := debug.SetGCPercent(scanGOGC); gc != scanGOGC {
		t.Errorf("after a scan with a few findings, GOGC is %d, want the scan's %d", gc, scanGOGC)
	}

	profile := filepath.Join(t.TempDir(), "mem.pprof")
	if code := run([]string{"scan", "--format", "json", "--memprofile", profile, template}, io.Discard, io.Discard); code != exitFindings {
		t.Fatalf("scan --memprofile: exit %d", code)
	}
	if runtime.MemProfileRate != memProfileRate {
		t.Errorf("with --memprofile, MemProfileRate is %d, want %d", runtime.MemProfileRate, memProfileRate)
	}
	if st, err := os.Stat(profile); err != nil || st.Size() == 0 {
		t.Errorf("--memprofile wrote no profile: %v", err)
	}
}

package checker

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/configward/configward/analyzer"
)

// TestMoreRootsThanDescriptors: a scan naming more directories than the
// process may hold open (a pre-commit hook passing every changed file)
// scans every one of them, and their lines can still be read afterwards.
// It runs in a child process whose descriptor limit is lowered; with every
// root held open for the whole scan it failed with "too many open files".
func TestMoreRootsThanDescriptors(t *testing.T) {
	const roots, limit = 300, 128
	if os.Getenv("CW_MANY_ROOTS_CHILD") == "" {
		if runtime.GOOS != "linux" {
			t.Skip("lowers RLIMIT_NOFILE, which this test does on Linux only")
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestMoreRootsThanDescriptors$", "-test.v")
		cmd.Env = append(os.Environ(), "CW_MANY_ROOTS_CHILD="+t.TempDir())
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		return
	}
	dir := os.Getenv("CW_MANY_ROOTS_CHILD")
	var paths []string
	for i := range roots {
		d := filepath.Join(dir, fmt.Sprintf("d%03d", i))
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(d, "template.json")
		if err := os.WriteFile(p, []byte("{\"Resources\": {\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	res, err := Run(paths, Options{Rules: []*analyzer.Rule{invalidInput}})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, f := range res.Findings {
		files[f.Range.Filename] = true
	}
	if len(files) != roots {
		t.Fatalf("%d of %d broken templates reported", len(files), roots)
	}
	last := res.Findings[len(res.Findings)-1].Range.Filename
	if got := string(res.Lines(last, 1)); got != "{\"Resources\": {\n" {
		t.Fatalf("Lines(%s) = %q after the scan", last, got)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostileMeasured are the cases TestHostile scans in a child process (this
// test binary again, running TestHostileChild), whose peak memory must
// stay under hostileMaxRSS: issue 14's bound, measured as the kernel
// counts it (the child's VmHWM, what /usr/bin/time shows as its maximum
// resident set size), which no count of the Go heap shows. getrusage of
// the child would not do: Linux carries the parent's peak into a child
// that shares its memory until exec, as Go's os/exec does.
var hostileMeasured = map[string]bool{"tf-5MB": true, "tf-5MB-strip": true, "tf-5MB-one-block": true}

const (
	hostileMaxRSS = 300 << 20
	// hostileHangGuard ends a child that hangs (and the test binary when a
	// scan in process does); it is no time bound (the child's CPU time is
	// logged, and compared by BenchmarkHostile).
	hostileHangGuard = 3 * time.Minute
	childArgsEnv     = "CONFIGWARD_HOSTILE_CHILD"
)

// raceDetector is set when the test binary has the race detector, which
// multiplies memory: the child's peak is not measured then.
var raceDetector bool

// scanChild scans in a child process with cwd dir and returns its output,
// exit code, peak resident memory in bytes and CPU time.
func scanChild(t *testing.T, dir string, args []string) (out scanOutput, code int, rss int64, cpu time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileHangGuard)
	defer cancel()
	result := t.TempDir() + "/out.json"
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileChild$", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(append([]string{result}, args...), "\n"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the scan ran over %v: killed", hostileHangGuard)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	data, rerr := os.ReadFile(result)
	if rerr != nil {
		t.Fatalf("child: %v (%v)\n%s", rerr, err, stderr.String())
	}
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if err := json.Unmarshal(rest, &out); err != nil {
		t.Fatalf("scan %v: %s, not JSON: %v\n%s", args, first, err, stderr.String())
	}
	fields := strings.Fields(string(first))
	if len(fields) != 2 {
		t.Fatalf("child wrote %q", first)
	}
	if code, err = strconv.Atoi(fields[0]); err != nil {
		t.Fatalf("child wrote %q", first)
	}
	if rss, err = strconv.ParseInt(fields[1], 10, 64); err != nil {
		t.Fatalf("child wrote %q", first)
	}
	return out, code, rss, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// peakRSS is this process's peak resident memory in bytes (VmHWM), 0 where
// /proc does not tell.
func peakRSS() int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestHostileChild is the child of scanChild: it scans with the arguments
// in its environment, with the collector set as main sets it, and writes the exit code, its peak memory and the
// JSON output to the file named first.
func TestHostileChild(t *testing.T) {
	env := os.Getenv(childArgsEnv)
	if env == "" {
		t.Skip("run by scanChild")
	}
	args := strings.Split(env, "\n")
	startProcess() // as main does
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"scan", "--format", "json"}, args[1:]...), &stdout, &stderr)
	os.Stderr.Write(stderr.Bytes())
	data := append([]byte(fmt.Sprintf("%d %d\n", code, peakRSS())), stdout.Bytes()...)
	if err := os.WriteFile(args[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
}

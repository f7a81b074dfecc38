package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

const hugeHeapEnv = "CONFIGWARD_HUGEHEAP_CHILD"

// TestHugeHeap runs TestHugeHeapChild in a fresh process (this test binary
// again), where the heap is as a scan finds it after start-up, and fails
// unless the memory the scan then allocates lies in a mapping the kernel
// was asked to back with huge pages.
func TestHugeHeap(t *testing.T) {
	if !hugePagesOnRequest() {
		t.Skip("transparent huge pages are off (/sys/kernel/mm/transparent_hugepage/enabled): hugeHeap gives no advice here")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugeHeapChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), hugeHeapEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestHugeHeapChild") {
		t.Fatalf("child did not run:\n%s", out)
	}
	t.Logf("%s", out)
}

func TestHugeHeapChild(t *testing.T) {
	if os.Getenv(hugeHeapEnv) == "" {
		t.Skip("run by TestHugeHeap")
	}
	file := filepath.Join(t.TempDir(), "main.tf")
	if err := os.WriteFile(file, []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hugeHeap([]string{file})
	if hugeHeapStart == 0 {
		t.Fatal("hugeHeap gave no advice although huge pages are on and the scan has input")
	}
	// What a scan allocates next: a parser's token list.
	block := make([]byte, 1<<20)
	at := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	if at < hugeHeapStart {
		t.Fatalf("a block allocated after hugeHeap lies at %#x, below the advised heap at %#x", at, hugeHeapStart)
	}
	flags, err := vmFlags(at)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Fatalf("the mapping of %#x has flags %q, without hg (MADV_HUGEPAGE)", at, flags)
	}
	for i := range block {
		block[i] = 1
	}
	t.Logf("block at %#x, advised from %#x, mapping flags %s", at, hugeHeapStart, flags)
}

// vmFlags is the VmFlags line of the mapping holding addr in
// /proc/self/smaps.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}

// TestHasInput: huge pages only for a scan with something to read.
func TestHasInput(t *testing.T) {
	empty := t.TempDir()
	full := t.TempDir()
	file := filepath.Join(full, "a.yaml")
	if err := os.WriteFile(file, []byte("x: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyFile := filepath.Join(empty, "..", filepath.Base(empty)+".empty")
	if err := os.WriteFile(emptyFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(emptyFile)
	for _, c := range []struct {
		paths []string
		want  bool
	}{
		{[]string{empty}, false},
		{[]string{emptyFile}, false},
		{[]string{filepath.Join(empty, "missing")}, false},
		{[]string{full}, true},
		{[]string{file}, true},
		{[]string{empty, file}, true},
	} {
		if got := hasInput(c.paths); got != c.want {
			t.Errorf("hasInput(%q) = %v, want %v", c.paths, got, c.want)
		}
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// smallScans are the scans of issue 15's small inputs (an empty directory,
// one template, one module), and of a template whose role attaches AWS
// managed policies no rule reads, each bounded in what it allocates in a
// fresh process, where every table, catalog service and embedded document
// is built on first use: what a pre-commit hook pays on every commit. The
// bounds are about 1.3x what each allocates now (empty directory 61 KB in
// 207 allocations, of which 32 KB are the report writer's buffer; template
// 157 KB in 1,056; module 2.5 MB in 19,558; role 82 KB in 522); the costs
// they were set against go over them: the JSON report written through
// encoding/json's reflection (403 allocations for the empty directory),
// the IAM catalog's services inflated or parsed for a lookup and the
// accounts of a fix read by regular expressions (the template: 371 KB,
// then 230 KB), the AWS managed policies inflated for one document (the
// module: 3.5 MB), the documents of every attached managed policy parsed
// (the role: 1.3 MB).
var smallScans = []struct {
	name, path string
	maxBytes   uint64
	maxAllocs  uint64
}{
	{"empty directory", "", 80 << 10, 280},
	{"one template", "../../testdata/examples/cloudformation/insecure.yaml", 200 << 10, 1400},
	{"one module", "../../testdata/examples/terraform/secure", 3 << 20, 25000},
	{"managed policies no rule reads", "role.yaml", 104 << 10, 700},
}

// unreadManagedPolicies is a template whose Lambda role attaches two AWS
// managed policies configward embeds, which no rule reads for such a role.
const unreadManagedPolicies = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonS3FullAccess
`

const smallScanEnv = "CONFIGWARD_SMALLSCAN_CHILD"

// TestAllocSmallScan scans each of smallScans in a child process (this
// test binary again, running TestAllocSmallScanChild) and fails when the
// scan allocates more than its bound. Allocation counts, not time: they
// are the same on a loaded machine.
func TestAllocSmallScan(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector changes what is allocated")
	}
	for _, sc := range smallScans {
		t.Run(sc.name, func(t *testing.T) {
			path := sc.path
			switch path {
			case "":
				path = t.TempDir()
			case "role.yaml":
				path = filepath.Join(t.TempDir(), path)
				if err := os.WriteFile(path, []byte(unreadManagedPolicies), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestAllocSmallScanChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), smallScanEnv+"="+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			var bytes, allocs uint64
			i := strings.Index(string(out), "scan allocated ")
			if i < 0 {
				t.Fatalf("child did not report:\n%s", out)
			}
			if _, err := fmt.Sscanf(string(out[i:]), "scan allocated %d bytes in %d allocations", &bytes, &allocs); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			t.Logf("%s: %d bytes in %d allocations", sc.name, bytes, allocs)
			if bytes > sc.maxBytes || allocs > sc.maxAllocs {
				t.Errorf("scanning %s in a fresh process allocates %d bytes in %d allocations, over %d bytes or %d allocations: find what it builds that this input does not need (go test -run TestAllocSmallScanChild -memprofile, with %s=%s and -test.memprofilerate=1)",
					sc.name, bytes, allocs, sc.maxBytes, sc.maxAllocs, smallScanEnv, path)
			}
		})
	}
}

// TestAllocSmallScanChild is TestAllocSmallScan's child: it scans the path
// in smallScanEnv, as `configward scan --format json PATH`, and prints what
// the scan allocated.
func TestAllocSmallScanChild(t *testing.T) {
	path := os.Getenv(smallScanEnv)
	if path == "" {
		t.Skip("run by TestAllocSmallScan")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code := run([]string{"scan", "--format", "json", path}, io.Discard, io.Discard)
	runtime.ReadMemStats(&after)
	if code == exitUsage {
		t.Fatalf("scan %s: exit %d", path, code)
	}
	// Less hugeHeap's blocks: address space that no page of memory backs.
	fmt.Printf("scan allocated %d bytes in %d allocations\n", after.TotalAlloc-before.TotalAlloc-hugeHeapBytes, after.Mallocs-before.Mallocs-hugeHeapAllocs)
}

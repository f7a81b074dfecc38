package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type jsonFinding struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Resource   string `json:"resource"`
	Suppressed bool   `json:"suppressed"`
}

// scanJSON runs the CLI in-process from the repository root.
func scanJSON(t *testing.T, args ...string) ([]jsonFinding, int) {
	t.Helper()
	t.Chdir("../..")
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"scan", "--format", "json"}, args...), &stdout, &stderr)
	if code == exitUsage {
		t.Fatalf("scan %v: exit 2: %s", args, stderr.String())
	}
	var doc struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("scan output is not JSON: %v\n%s", err, stdout.String())
	}
	return doc.Findings, code
}

// TestGoldenExamples pins what the example set-ups yield: the insecure ones
// exactly the findings in testdata/golden/examples.txt, the secure ones
// nothing.
func TestGoldenExamples(t *testing.T) {
	findings, code := scanJSON(t, "testdata/examples")
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "%s:%d:%d %s %s %s: %s\n", f.File, f.Line, f.Column, f.Severity, f.Rule, f.Resource, f.Message)
		base := filepath.Base(f.File)
		dir := filepath.Base(filepath.Dir(f.File))
		if (strings.Contains(base, "secure") && !strings.Contains(base, "insecure")) || dir == "secure" || strings.Contains(base, "-scoped") {
			t.Errorf("a secure example has a finding: %s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
		}
	}
	if len(findings) > 0 && code != exitFindings {
		t.Errorf("exit code %d with findings, want %d", code, exitFindings)
	}
	const golden = "testdata/golden/examples.txt"
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run make update)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("examples yield different findings than %s (make update to accept):\n--- got\n%s--- want\n%s", golden, got, want)
	}
}

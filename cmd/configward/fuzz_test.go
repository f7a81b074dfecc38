package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/rules"
)

// FuzzScanFile runs the whole pipeline (classify, parse, every rule,
// suppressions) on one input presented as a YAML, a JSON and a Terraform
// file. Any internal error (a recovered panic in a parser or rule) fails.
func FuzzScanFile(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/rules/*/*/*")
	for _, p := range seeds {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	all := rules.All()
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"t.yaml":      {Data: src},
			"t.json":      {Data: src},
			"mod/main.tf": {Data: src},
		}
		res := checker.Scan(fsys, ".", "", checker.Options{Rules: all, Workers: 1})
		for _, n := range res.Notifications {
			if n.Level == "error" {
				t.Fatalf("internal error: %s", n.Message)
			}
		}
		for _, fd := range res.Findings {
			if strings.Contains(fd.Message, "internal error") {
				t.Fatalf("internal error finding: %s", fd.Message)
			}
		}
	})
}

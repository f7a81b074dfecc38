package checker

import (
	"os"
	"path"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/rules"
)

// BenchmarkStages measures the stages of a scan on one input of each kind
// (the examples of testdata/examples, read from memory so that only the
// work is timed): "load" classifies, parses, evaluates and links; "rules"
// runs every rule and the suppression check on the loaded unit; "skip" is
// what recognising a YAML or JSON file that is not IaC costs.
func BenchmarkStages(b *testing.B) {
	fsys := fstest.MapFS{
		".github/workflows/ci.yml": {Data: []byte("name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n")},
		"web/package.json":         {Data: []byte(`{"name": "web", "version": "1.0.0", "scripts": {"build": "tsc"}, "dependencies": {"react": "^18.0.0"}}`)},
	}
	for _, f := range []string{
		"cloudformation/insecure.yaml", "cloudformation/custom-rule-insecure.json",
		"terraform/insecure/main.tf", "iam/admin-policy.json",
	} {
		src, err := os.ReadFile(path.Join("../../testdata/examples", f))
		if err != nil {
			b.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: src}
	}
	opts := Options{Rules: rules.All(), MaxFileSize: DefaultMaxFileSize}
	inputs := []struct {
		name string
		job  job
	}{
		{"cfn-yaml", job{path: "cloudformation/insecure.yaml"}},
		{"cfn-json", job{path: "cloudformation/custom-rule-insecure.json"}},
		{"terraform", job{path: "terraform/insecure", tfDir: true}},
		{"iam-json", job{path: "iam/admin-policy.json"}},
	}
	for _, in := range inputs {
		b.Run("load/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if load(fsys, in.job, opts) == nil {
					b.Fatal("not loaded")
				}
			}
		})
		b.Run("rules/"+in.name, func(b *testing.B) {
			unit := load(fsys, in.job, opts)
			b.ReportAllocs()
			for b.Loop() {
				out := runRules(unit, opts)
				checkSuppressions(out, opts)
				if len(out.findings) == 0 {
					b.Fatal("no findings")
				}
			}
		})
	}
	for _, p := range []string{".github/workflows/ci.yml", "web/package.json"} {
		b.Run("skip/"+path.Base(p), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if load(fsys, job{path: p}, opts) != nil {
					b.Fatal("loaded")
				}
			}
		})
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

type jsonFinding struct {
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Resource   string `json:"resource"`
	Format     string `json:"format"`
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

// TestExamplesSARIF: the SARIF of a real scan validates against the
// official SARIF 2.1.0 schema, is byte-identical across runs and keeps the
// contract's points for every result.
func TestExamplesSARIF(t *testing.T) {
	t.Chdir("../..")
	scan := func() []byte {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"scan", "--format", "sarif", "testdata/examples"}, &stdout, &stderr); code != exitFindings {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return stdout.Bytes()
	}
	out := scan()
	if again := scan(); !bytes.Equal(out, again) {
		t.Fatal("two scans of the same tree differ")
	}
	schema, err := os.ReadFile("analyzer/report/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("schema: %s", e)
	}

	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string `json:"id"`
						Properties struct {
							SecuritySeverity string   `json:"security-severity"`
							Tags             []string `json:"tags"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI     string `json:"uri"`
							URIBase string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
					Logical []struct {
						FQN  string `json:"fullyQualifiedName"`
						Kind string `json:"kind"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				Fingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	sarifRun := doc.Runs[0]
	for _, r := range sarifRun.Tool.Driver.Rules {
		if r.Properties.SecuritySeverity == "" || !slices.Contains(r.Properties.Tags, "security") {
			t.Errorf("rule %s: security-severity %q, tags %v", r.ID, r.Properties.SecuritySeverity, r.Properties.Tags)
		}
	}
	if len(sarifRun.Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range sarifRun.Results {
		if sarifRun.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not name %s", r.RuleIndex, r.RuleID)
		}
		loc := r.Locations[0]
		reg := loc.Physical.Region
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine || (reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn) {
			t.Errorf("%s %s: bad region %+v", r.RuleID, loc.Physical.Artifact.URI, reg)
		}
		if !strings.HasPrefix(loc.Physical.Artifact.URI, "testdata/examples/") || loc.Physical.Artifact.URIBase != "%SRCROOT%" {
			t.Errorf("uri %q base %q", loc.Physical.Artifact.URI, loc.Physical.Artifact.URIBase)
		}
		if len(loc.Logical) != 1 || loc.Logical[0].FQN == "" || loc.Logical[0].Kind != "resource" {
			t.Errorf("%s: logical locations %+v", r.RuleID, loc.Logical)
		}
		if len(r.Fingerprints["configward/v1"]) != 32 {
			t.Errorf("%s: fingerprints %v", r.RuleID, r.Fingerprints)
		}
	}
}

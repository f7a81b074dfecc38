package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (slash paths to contents) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type sarifDoc struct {
	Runs []struct {
		Results []struct {
			RuleID              string            `json:"ruleId"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			RelatedLocations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"relatedLocations"`
		} `json:"results"`
	} `json:"runs"`
}

// scanSARIF runs the CLI in-process in dir and decodes its SARIF.
func scanSARIF(t *testing.T, dir string, args ...string) (sarifDoc, []byte) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"scan", "--format", "sarif"}, args...), &stdout, &stderr); code == exitUsage {
		t.Fatalf("scan %v: exit 2: %s", args, stderr.String())
	}
	var doc sarifDoc
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return doc, stdout.Bytes()
}

const topicModule = `variable "key" {
  default = null
}

resource "aws_sns_topic" "this" {
  name              = "alerts"
  kms_master_key_id = var.key
}
`

// TestModuleCalledThreeTimes: a module called from three places with the
// same inputs reports its finding once, with the three call sites as
// related locations and the three instance addresses.
func TestModuleCalledThreeTimes(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"live/main.tf": `module "a" {
  source = "../modules/topic"
}

module "b" {
  source = "../modules/topic"
}
`,
		"other/main.tf": `module "c" {
  source = "../modules/topic"
}
`,
		"modules/topic/main.tf": topicModule,
	})
	doc, _ := scanSARIF(t, dir, "--rules", "CW105", ".")
	results := doc.Runs[0].Results
	if len(results) != 1 {
		t.Fatalf("got %d results, want 1", len(results))
	}
	r := results[0]
	if got := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "modules/topic/main.tf" {
		t.Errorf("location %s, want modules/topic/main.tf", got)
	}
	var sites []string
	for _, rl := range r.RelatedLocations {
		sites = append(sites, rl.PhysicalLocation.ArtifactLocation.URI+":"+itoa(rl.PhysicalLocation.Region.StartLine)+" "+rl.Message.Text)
	}
	want := []string{
		"live/main.tf:1 module.a called here: module.a.aws_sns_topic.this",
		"live/main.tf:5 module.b called here: module.b.aws_sns_topic.this",
		"other/main.tf:1 module.c called here: module.c.aws_sns_topic.this",
	}
	if strings.Join(sites, "\n") != strings.Join(want, "\n") {
		t.Errorf("related locations:\n%s\nwant\n%s", strings.Join(sites, "\n"), strings.Join(want, "\n"))
	}

	// The fingerprint does not depend on which calls there are.
	one := t.TempDir()
	writeTree(t, one, map[string]string{
		"live/main.tf":          "module \"z\" {\n  source = \"../modules/topic\"\n}\n",
		"modules/topic/main.tf": topicModule,
	})
	doc1, _ := scanSARIF(t, one, "--rules", "CW105", ".")
	if len(doc1.Runs[0].Results) != 1 {
		t.Fatalf("one call: %d results", len(doc1.Runs[0].Results))
	}
	if a, b := r.PartialFingerprints["configward/v1"], doc1.Runs[0].Results[0].PartialFingerprints["configward/v1"]; a == "" || a != b {
		t.Errorf("fingerprint with three calls %q, with one %q", a, b)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestSARIFSameFromAnyDirectory: URIs and fingerprints are relative to the
// repository root (found by its .git), so the SARIF report of one tree is
// the same byte for byte from the root, from a directory inside it and
// from outside it.
func TestSARIFSameFromAnyDirectory(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	writeTree(t, repo, map[string]string{
		".git/HEAD":                   "ref: refs/heads/main\n",
		"infra/main.tf":               "module \"a\" {\n  source = \"./modules/topic\"\n}\n",
		"infra/modules/topic/main.tf": topicModule,
	})
	_, fromRoot := scanSARIF(t, repo, "infra")
	_, fromInside := scanSARIF(t, filepath.Join(repo, "infra"), ".")
	_, fromOutside := scanSARIF(t, top, "repo/infra")
	if !bytes.Contains(fromRoot, []byte(`"uri": "infra/modules/topic/main.tf"`)) {
		t.Errorf("URI not relative to the repository root:\n%s", fromRoot)
	}
	if !bytes.Equal(fromRoot, fromInside) || !bytes.Equal(fromRoot, fromOutside) {
		t.Errorf("reports differ by working directory:\nroot:\n%s\ninside:\n%s\noutside:\n%s", fromRoot, fromInside, fromOutside)
	}
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// graphOf runs `configward graph` in-process from the repository root.
func graphOf(t *testing.T, args ...string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		root = "." // already there
	}
	t.Chdir(root)
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"graph"}, args...), &stdout, &stderr); code != exitOK {
		t.Fatalf("graph %v: exit %d: %s", args, code, stderr.String())
	}
	return stdout.String()
}

// TestGoldenGraph pins the delivery paths of the example set-ups, insecure
// and secure, as Mermaid and DOT. Each Mermaid golden was rendered to PNG
// with mermaid-cli and looked at before it was committed (make graphs).
func TestGoldenGraph(t *testing.T) {
	for _, c := range []struct{ golden, format string }{
		{"graph-examples.mmd", "mermaid"},
		{"graph-examples.dot", "dot"},
	} {
		got := graphOf(t, "--format", c.format, "testdata/examples")
		path := filepath.Join("testdata/golden", c.golden)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from `configward graph --format %s testdata/examples` (go test -run TestGoldenGraph -update, then look at the picture)", path, c.format)
		}
	}
	mmd := graphOf(t, "testdata/examples")
	for _, want := range []string{
		// The insecure channel has no key: the link is marked with CW101.
		`-.->|"encrypts with ⚠ CW101"|`,
		// The secure Terraform channel and bucket use the declared key.
		`["KMS key<br/>aws_kms_key.config<br/>testdata/examples/terraform/secure/kms_sns.tf:1"]`,
		`["recorder<br/>aws_config_configuration_recorder.main<br/>testdata/examples/terraform/insecure/main.tf:15<br/>⚠ CW401`,
	} {
		if !strings.Contains(mmd, want) {
			t.Errorf("the graph lacks %s", want)
		}
	}
}

// TestGraphHostileNames: names from the scanned files cannot break out of a
// Mermaid label or a markdown code fence.
func TestGraphHostileNames(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x`\"];click n1 call alert()%%/main.tf"), `resource "aws_config_delivery_channel" "a_b" {
  s3_bucket_name = "x\"]--> n9[\"pwned"
}
resource "aws_config_configuration_recorder" "r" {
  role_arn = "arn:aws:iam::111122223333:role/x\"]"
}
`, 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"graph", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, bad := range []string{"`", "%%", "pwned\"", "\"]--> n9", "\n  click"} {
		if strings.Contains(out, bad) {
			t.Errorf("the graph carries %q raw:\n%s", bad, out)
		}
	}
	if strings.Count(out, "\n  n") < 3 || !strings.Contains(out, "n9#91;#34;pwned") {
		t.Errorf("unexpected graph (stderr %s):\n%s", stderr.String(), out)
	}
	mermaidParse(t, out)
}

// mermaidParse checks Mermaid text with the mermaid npm package's own
// parser (node; .ci/run installs the package), or skips.
func mermaidParse(t *testing.T, text string) {
	t.Helper()
	modules := os.Getenv("MERMAID_NODE_PATH")
	if modules == "" {
		t.Skip("MERMAID_NODE_PATH not set (a node_modules with mermaid; .ci/run installs it)")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
	// ESM resolves packages from the script's place: it goes beside the
	// node_modules, and away afterwards.
	script := filepath.Join(filepath.Dir(modules), fmt.Sprintf("configward-parse-%d.mjs", os.Getpid()))
	t.Cleanup(func() { os.Remove(script) })
	writeFile(t, script, `
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
let src = '';
process.stdin.on('data', d => src += d);
process.stdin.on('end', async () => {
  try {
    const r = await mermaid.parse(src);
    if (!r || r.diagramType !== 'flowchart-v2') { console.error('not a flowchart: ' + JSON.stringify(r)); process.exit(1); }
    console.log('ok ' + r.diagramType);
  } catch (e) { console.error(String(e && e.message || e)); process.exit(1); }
});
`, 0o644)
	cmd := exec.Command("node", script)
	cmd.Dir = filepath.Dir(modules)
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("mermaid does not parse the graph: %v\n%s\n%s", err, out, text)
	}
}

func TestGraphMermaidParses(t *testing.T) {
	mermaidParse(t, graphOf(t, "testdata/examples"))
}

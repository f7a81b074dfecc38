package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/fix"
	"github.com/configward/configward/analyzer/report"
	"github.com/configward/configward/rules"
	"github.com/xeipuuv/gojsonschema"
)

// The proof of the fixes: for every bad fixture whose findings have a
// fix, applying the fixes of that rule removes those findings, adds no
// other, and a second run has nothing left to change; the diff matches a
// golden file; the fixed Terraform passes `terraform validate` and the
// fixed templates add nothing to what cfn-lint reports, when the tools are
// installed.

// fixScan scans root (a file or directory) with every rule.
func fixScan(t *testing.T, root string) *checker.Result {
	t.Helper()
	res, err := checker.Run([]string{root}, checker.Options{Rules: rules.All(), Config: &analyzer.Config{}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// findingKey names a finding across a fix: rule, resource, property.
func findingKey(f *analyzer.Finding) string {
	return f.RuleID + " " + f.Resource + " " + f.Property
}

// fixable returns the unsuppressed findings of rule id (all when id is
// "") whose fix can be written.
func fixable(res *checker.Result, id string) []*analyzer.Finding {
	var out []*analyzer.Finding
	for _, f := range res.Findings {
		if (id == "" || f.RuleID == id) && !f.Suppressed() && len(fix.For(f, res.Source)) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// applyFixes applies the fixes of fs to the files and returns the diff,
// named relative to base.
func applyFixes(t *testing.T, res *checker.Result, fs []*analyzer.Finding, base string) string {
	t.Helper()
	byFile, failed := fix.Edits(fs, res.Source)
	for _, f := range failed {
		t.Errorf("%s: the fix of %s could not be written", report.Place(f.Range), f.RuleID)
	}
	names := make([]string, 0, len(byFile))
	for n := range byFile {
		names = append(names, n)
	}
	sort.Strings(names)
	var diff strings.Builder
	for _, n := range names {
		src := res.Source(n)
		abs, _ := filepath.Abs(n)
		rel, err := filepath.Rel(base, abs)
		if err != nil {
			t.Fatal(err)
		}
		diff.WriteString(fix.Diff(filepath.ToSlash(rel), src, byFile[n]))
		if err := os.WriteFile(abs, fix.Apply(src, byFile[n]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return diff.String()
}

// copyTree copies a file or directory to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".json") {
			// The fixtures' // want comments, which JSON cannot hold.
			b = jsonComment.ReplaceAll(b, nil)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkGolden compares got with the golden file (rewritten by -update).
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("diff differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

// fixedSet is what the validators check after the fixes.
type fixedSet struct {
	tfDirs   []string // fixed Terraform module directories
	cfnFiles []string // fixed templates
	cfnOrig  []string // their originals, in the same order
}

func TestFixProof(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "rules")
	tmp := t.TempDir()
	var set fixedSet
	fixedRules := map[string]int{}
	ids, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		fmts, _ := os.ReadDir(filepath.Join(root, id.Name()))
		for _, format := range fmts {
			if !format.IsDir() {
				continue
			}
			cases, _ := os.ReadDir(filepath.Join(root, id.Name(), format.Name()))
			for _, c := range cases {
				if !strings.HasPrefix(c.Name(), "bad") {
					continue
				}
				name := id.Name() + "/" + format.Name() + "/" + c.Name()
				src := filepath.Join(root, id.Name(), format.Name(), c.Name())
				dst := filepath.Join(tmp, id.Name(), format.Name(), c.Name())
				copyTree(t, src, dst)
				n := proveFix(t, id.Name(), name, dst, src)
				if n == 0 {
					continue
				}
				fixedRules[id.Name()] += n
				switch {
				case format.Name() == "terraform":
					set.tfDirs = append(set.tfDirs, dst)
				case strings.HasPrefix(format.Name(), "cfn"):
					set.cfnFiles = append(set.cfnFiles, dst)
					set.cfnOrig = append(set.cfnOrig, src)
				}
			}
		}
	}
	// The examples, every rule at once: nothing that has a fix is left.
	examples := filepath.Join("..", "..", "testdata", "examples")
	for _, ex := range []string{"terraform/insecure", "cloudformation/insecure.yaml"} {
		dst := filepath.Join(tmp, "examples", ex)
		copyTree(t, filepath.Join(examples, ex), dst)
		before := fixScan(t, dst)
		todo := fixable(before, "")
		if len(todo) == 0 {
			t.Fatalf("example %s: nothing to fix", ex)
		}
		diff := applyFixes(t, before, todo, filepath.Dir(dst))
		checkGolden(t, filepath.Join("..", "..", "testdata", "golden", "fix", "examples", strings.ReplaceAll(ex, "/", "-")+".diff"), diff)
		after := fixScan(t, dst)
		checkAfterFix(t, ex, before, after, todo)
		if left := fixable(after, ""); len(left) > 0 {
			t.Errorf("example %s: a finding that has a fix is left: %s", ex, findingKey(left[0]))
		}
		t.Logf("example %s: %d of %d findings fixed", ex, len(todo), len(before.Findings))
		if strings.HasPrefix(ex, "terraform") {
			set.tfDirs = append(set.tfDirs, dst)
		} else {
			set.cfnFiles = append(set.cfnFiles, dst)
			set.cfnOrig = append(set.cfnOrig, filepath.Join(examples, ex))
		}
	}
	proveMerged(t, tmp, &set)
	t.Logf("fixed findings per rule: %v", fixedRules)
	checkFixDocs(t, fixedRules)
	validateTerraform(t, set.tfDirs)
	lintTemplates(t, set.cfnOrig, set.cfnFiles)
}

// proveFix fixes one bad fixture copied to dst with the fixes of rule id,
// and returns the number of findings fixed.
func proveFix(t *testing.T, id, name, dst, orig string) int {
	before := fixScan(t, dst)
	todo := fixable(before, id)
	if len(todo) == 0 {
		return 0
	}
	base := dst
	if fi, err := os.Stat(dst); err == nil && !fi.IsDir() {
		base = filepath.Dir(dst)
	}
	diff := applyFixes(t, before, todo, base)
	checkGolden(t, filepath.Join("..", "..", "testdata", "golden", "fix", name+".diff"), diff)
	after := fixScan(t, dst)
	checkAfterFix(t, name, before, after, todo)
	if again := fixable(after, id); len(again) > 0 {
		t.Errorf("%s: not idempotent: a second fix would change %s", name, findingKey(again[0]))
	}
	return len(todo)
}

// checkAfterFix: the fixed findings are gone and no finding is new.
func checkAfterFix(t *testing.T, name string, before, after *checker.Result, fixed []*analyzer.Finding) {
	t.Helper()
	was := map[string]bool{}
	for _, f := range before.Findings {
		was[findingKey(f)] = true
	}
	now := map[string]bool{}
	for _, f := range after.Findings {
		now[findingKey(f)] = true
		if !was[findingKey(f)] {
			t.Errorf("%s: the fix added a finding: %s: %s", name, findingKey(f), f.Message)
		}
	}
	for _, f := range fixed {
		if now[findingKey(f)] {
			t.Errorf("%s: the fix left %s", name, findingKey(f))
		}
	}
}

// checkFixDocs: a rule's doc says it has a fix exactly when some fixture
// of it was fixed.
func checkFixDocs(t *testing.T, fixed map[string]int) {
	for _, r := range rules.All() {
		has := strings.Contains(r.Documentation(), "`configward fix` writes")
		none := strings.Contains(r.Documentation(), "`configward fix` offers no fix")
		switch {
		case fixed[r.ID] > 0 && !has:
			t.Errorf("%s has fixes but its doc does not say what `configward fix` writes", r.ID)
		case fixed[r.ID] == 0 && has:
			t.Errorf("%s: its doc says `configward fix` writes a fix, but no bad fixture was fixed", r.ID)
		case fixed[r.ID] == 0 && !none && r.ID >= "CW100":
			t.Errorf("%s: its doc must say that `configward fix` offers no fix, and why", r.ID)
		}
	}
}

// tfMirror is the local filesystem mirror of the AWS provider that lets
// terraform init work offline.
func tfMirror() string {
	if m := os.Getenv("CONFIGWARD_TF_MIRROR"); m != "" {
		return m
	}
	return "/opt/tf-plugins"
}

// validateTerraform runs `terraform validate` once over every fixed
// module, each called from one root (a validate per module would cost a
// provider schema load each).
func validateTerraform(t *testing.T, dirs []string) {
	t.Helper()
	if len(dirs) == 0 {
		return
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Log("terraform not installed: fixed modules not validated")
		return
	}
	mirror := tfMirror()
	if _, err := os.Stat(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws")); err != nil {
		t.Logf("no AWS provider mirror at %s (set CONFIGWARD_TF_MIRROR): fixed modules not validated", mirror)
		return
	}
	work := t.TempDir()
	var main strings.Builder
	for i, d := range dirs {
		fmt.Fprintf(&main, "module \"m%d\" {\n  source = %q\n}\n\n", i, d)
	}
	must(t, os.WriteFile(filepath.Join(work, "main.tf"), []byte(main.String()), 0o644))
	rc := filepath.Join(work, "cli.tfrc")
	must(t, os.WriteFile(rc, []byte(fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
`, mirror)), 0o644))
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	for _, args := range [][]string{{"init", "-backend=false", "-input=false", "-no-color"}, {"validate", "-no-color"}} {
		cmd := exec.Command(tf, args...)
		cmd.Dir, cmd.Env = work, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s over the fixed modules: %v\n%s", args[0], err, out)
		}
	}
	for _, d := range dirs {
		cmd := exec.Command(tf, "fmt", "-check", "-no-color", d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("terraform fmt -check %s: the fixed module is not formatted:\n%s", d, out)
		}
	}
	t.Logf("terraform validate: %d fixed modules valid", len(dirs))
}

var jsonComment = regexp.MustCompile(`(?m)\s//.*$`)

// lintTemplates runs cfn-lint over the originals and the fixed templates
// (the fixtures' // want comments taken out of JSON): the fix may not
// add any error or warning.
func lintTemplates(t *testing.T, orig, fixed []string) {
	t.Helper()
	if len(fixed) == 0 {
		return
	}
	lint, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Log("cfn-lint not installed: fixed templates not linted")
		return
	}
	work := t.TempDir()
	var files []string
	for i := range fixed {
		for k, p := range []string{orig[i], fixed[i]} {
			b, err := os.ReadFile(p)
			must(t, err)
			if strings.HasSuffix(p, ".json") {
				b = jsonComment.ReplaceAll(b, nil)
			}
			to := filepath.Join(work, fmt.Sprintf("%d-%d%s", i, k, filepath.Ext(p)))
			must(t, os.WriteFile(to, b, 0o644))
			files = append(files, to)
		}
	}
	out, _ := exec.Command(lint, append([]string{"--format", "parseable", "--"}, files...)...).CombinedOutput()
	// file:line:col:line:col:CODE:message; codes per file, lines left out
	// since the fix moves them.
	codes := map[string][]string{}
	for _, l := range strings.Split(string(out), "\n") {
		parts := strings.SplitN(l, ":", 7)
		if len(parts) < 7 {
			continue
		}
		codes[parts[0]] = append(codes[parts[0]], parts[5]+" "+parts[6])
	}
	for i := range fixed {
		was := codes[files[2*i]]
		for _, c := range codes[files[2*i+1]] {
			if k := slices.Index(was, c); k >= 0 {
				was = slices.Delete(was, k, k+1)
				continue
			}
			t.Errorf("cfn-lint reports on the fixed %s what it did not before: %s", fixed[i], c)
		}
	}
	t.Logf("cfn-lint: %d fixed templates add no error or warning", len(fixed))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFixesInSARIF: a scan's SARIF carries the fixes, and still validates
// against the SARIF 2.1.0 schema.
func TestFixesInSARIF(t *testing.T) {
	t.Chdir("../..")
	var stdout, stderr strings.Builder
	if code := run([]string{"scan", "--format", "sarif", "testdata/examples"}, &stdout, &stderr); code != exitFindings {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	schema, err := os.ReadFile("analyzer/report/testdata/sarif-schema-2.1.0.json")
	must(t, err)
	res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewStringLoader(stdout.String()))
	must(t, err)
	for _, e := range res.Errors() {
		t.Errorf("schema: %s", e)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Replacements     []struct {
							DeletedRegion struct {
								ByteOffset *int `json:"byteOffset"`
							} `json:"deletedRegion"`
							InsertedContent struct{ Text string } `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	must(t, json.Unmarshal([]byte(stdout.String()), &doc))
	withFix := map[string]int{}
	for _, r := range doc.Runs[0].Results {
		for _, f := range r.Fixes {
			for _, c := range f.ArtifactChanges {
				if !strings.HasPrefix(c.ArtifactLocation.URI, "testdata/examples/") || len(c.Replacements) == 0 {
					t.Errorf("%s: fix on %q with %d replacements", r.RuleID, c.ArtifactLocation.URI, len(c.Replacements))
				}
				for _, rep := range c.Replacements {
					if rep.DeletedRegion.ByteOffset == nil || rep.InsertedContent.Text == "" {
						t.Errorf("%s: a replacement without a region or content", r.RuleID)
					}
				}
			}
			withFix[r.RuleID]++
		}
	}
	for _, id := range []string{"CW401", "CW701"} {
		if withFix[id] == 0 {
			t.Errorf("no SARIF result of %s carries a fix", id)
		}
	}
}

// TestFixNotOffered: where a fix would need a choice only the author can
// make, or could break what works, the finding comes without one.
func TestFixNotOffered(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "rules")
	for _, c := range []struct{ rule, fixture string }{
		{"CW107", "CW107/terraform/bad_two_keys"},                      // which key
		{"CW107", "CW107/cfn-yaml/bad_key_not_for_cloudtrail.yaml"},    // a key CloudTrail may not use
		{"CW107", "CW107/terraform/bad_no_key"},                        // no key: never invented
		{"CW106", "CW106/cfn-yaml/bad_policy_string.yaml"},             // JSON in a string
		{"CW106", "CW106/cfn-yaml/bad_delivery_bucket_no_policy.yaml"}, // a new policy must grant Config too
		{"CW202", "CW202/cfn-yaml/bad_macro_permission.yaml"},          // a service not known to send the source account
		{"CW701", "CW701/cfn-yaml/bad_versioning_parameter.yaml"},      // a state the deployer chooses
		{"CW106", "CW106/cfn-yaml/bad_no_policy_macro.yaml"},           // a macro may rename the bucket
		{"CW701", "CW701/terraform/bad_versioning_count_zero"},         // the split resource's name is taken
	} {
		res := fixScan(t, filepath.Join(root, c.fixture))
		n := 0
		for _, f := range res.Findings {
			if f.RuleID != c.rule {
				continue
			}
			n++
			if f.Fix != nil && len(fix.For(f, res.Source)) > 0 {
				t.Errorf("%s: %s offers a fix: %s", c.fixture, c.rule, f.Fix.Description)
			}
		}
		if n == 0 {
			t.Errorf("%s: no %s finding", c.fixture, c.rule)
		}
	}
}

// proveMerged: the TLS Deny added to a bucket policy (CW106) and the
// conditions added to that policy's statements (CW202), with every other
// fix of the file, applied at once: nothing that has a fix is left,
// nothing is added, the result matches a golden diff; the fixed files join
// set for the validators.
func proveMerged(t *testing.T, tmp string, set *fixedSet) {
	root := filepath.Join("..", "..", "testdata", "rules")
	tmp = filepath.Join(tmp, "merged")
	for _, c := range []string{
		"CW202/cfn-yaml/bad_trail_bucket_merge_conditions.yaml",
		"CW202/terraform/bad_trail_bucket_merge_conditions",
		"CW202/terraform/bad_bucket_policy_document",
	} {
		src := filepath.Join(root, c)
		dst := filepath.Join(tmp, c)
		copyTree(t, src, dst)
		before := fixScan(t, dst)
		todo := fixable(before, "")
		rules := map[string]bool{}
		for _, f := range todo {
			rules[f.RuleID] = true
		}
		if !rules["CW106"] || !rules["CW202"] {
			t.Fatalf("%s: want fixes of CW106 and CW202 together, have %v", c, rules)
		}
		base := dst
		if fi, err := os.Stat(dst); err == nil && !fi.IsDir() {
			base = filepath.Dir(dst)
		}
		diff := applyFixes(t, before, todo, base)
		checkGolden(t, filepath.Join("..", "..", "testdata", "golden", "fix", "merged", c+".diff"), diff)
		after := fixScan(t, dst)
		checkAfterFix(t, c, before, after, todo)
		if left := fixable(after, ""); len(left) > 0 {
			t.Errorf("%s: a finding that has a fix is left: %s", c, findingKey(left[0]))
		}
		if strings.HasSuffix(c, ".yaml") {
			set.cfnFiles, set.cfnOrig = append(set.cfnFiles, dst), append(set.cfnOrig, src)
		} else {
			set.tfDirs = append(set.tfDirs, dst)
		}
	}
}

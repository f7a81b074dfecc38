package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// channel is a Terraform delivery channel without a KMS key: one CW101
// (medium, a warning annotation) at its header line.
func channel(name string) string {
	return fmt.Sprintf("resource \"aws_config_delivery_channel\" %q {\n  name           = %q\n  s3_bucket_name = \"config-history\"\n}\n", name, name)
}

// openPermission is a Lambda permission for config.amazonaws.com without
// source scoping: one CW202 (high, an error annotation).
const openPermission = `resource "aws_lambda_permission" "config_rule" {
  action        = "lambda:InvokeFunction"
  function_name = "custom-config-rule"
  principal     = "config.amazonaws.com"
}
`

const cleanTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKey
  TopicKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
`

const defaultWith = `          args: |
            --rules=CW101,CW202,CW105,CW104`

func prPayload(base, head, headRepo string) string {
	return fmt.Sprintf(`{"pull_request": {"number": 7, "base": {"ref": "main", "sha": %q, "repo": {"full_name": "acme/infra"}}, "head": {"ref": "pr", "sha": %q, "repo": {"full_name": %q}}}, "repository": {"full_name": "acme/infra"}}`, base, head, headRepo)
}

func TestActionByAct(t *testing.T) {
	if testing.Short() {
		t.Skip("act runs take a minute")
	}
	e := newActEnv(t)

	t.Run("push with findings", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"infra/main.tf":              channel("main") + "\n" + openPermission,
		})
		r := e.run(t, repo, "push", `{"ref": "refs/heads/main"}`, "")
		if r.ok {
			t.Fatalf("the job passed with findings:\n%s", r)
		}
		if r.count("error", "file=infra/main.tf,line=9,") != 1 || r.count("warning", "file=infra/main.tf,line=1,") != 1 {
			t.Errorf("want an error on line 9 (CW202) and a warning on line 1 (CW101):\n%s", r)
		}
		if r.outputs["findings"] != "2" || r.outputs["exit-code"] != "1" || r.outputs["sarif-file"] != "configward.sarif" {
			t.Errorf("outputs = %v", r.outputs)
		}
		if !strings.Contains(r.summary, ":x: **Failed**: 2 findings at or above `low`") || r.summary != r.summaryFile ||
			!strings.Contains(r.summary, "### AWS Config delivery path\n\n```mermaid\nflowchart LR\n") ||
			!strings.Contains(r.summary, `-.->|"encrypts with ⚠ CW101"|`) {
			t.Errorf("job summary:\n%s\nsummary-file:\n%s", r.summary, r.summaryFile)
		}
		if !strings.Contains(r.uploadLog, "sarif_file=configward.sarif\ncategory=configward\n") || !strings.Contains(r.uploaded, `"ruleId": "CW202"`) {
			t.Errorf("upload: %q\n%s", r.uploadLog, r)
		}
		// The first run builds the analyzer, with setup-go and no module cache.
		if !strings.Contains(r.setupGoLog, "cache=false") || !strings.Contains(r.setupGoLog, "/go.mod\n") {
			t.Errorf("setup-go was given %q", r.setupGoLog)
		}
		if !strings.Contains(r.log, "Building configward once for this action version") {
			t.Errorf("the first run did not build")
		}
	})

	t.Run("push clean, analyzer reused", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"templates/topic.yaml":       cleanTemplate,
		})
		r := e.run(t, repo, "push", `{"ref": "refs/heads/main"}`, "")
		if !r.ok || len(r.annotations) != 0 {
			t.Fatalf("a clean push failed or annotated:\n%s", r)
		}
		if r.outputs["findings"] != "0" || r.outputs["exit-code"] != "0" {
			t.Errorf("outputs = %v", r.outputs)
		}
		if !strings.Contains(r.summary, ":white_check_mark: **Passed**") || !strings.Contains(r.uploaded, `"results": []`) {
			t.Errorf("summary or upload:\n%s", r)
		}
		// Built once per action version: the tool cache has it.
		if r.setupGoLog != "" || strings.Contains(r.log, "Building configward") || !strings.Contains(r.log, "is in the tool cache") {
			t.Errorf("the analyzer was built again (setup-go log %q)", r.setupGoLog)
		}
	})

	t.Run("restored from the Actions cache on a fresh runner", func(t *testing.T) {
		fresh := *e
		fresh.actCache = t.TempDir() // a new runner: empty tool cache
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"templates/topic.yaml":       cleanTemplate,
		})
		r := fresh.run(t, repo, "push", `{"ref": "refs/heads/main"}`, "")
		if !r.ok || r.setupGoLog != "" || strings.Contains(r.log, "Building configward") {
			t.Errorf("not restored from the cache (setup-go log %q):\n%s", r.setupGoLog, r)
		}
	})

	t.Run("pull request adding a finding", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"infra/main.tf":              channel("old"),
		})
		base := repo.git("rev-parse", "HEAD")
		repo.git("checkout", "-q", "-b", "pr")
		repo.write(map[string]string{"infra/main.tf": channel("old") + "\n" + channel("added"), "README.md": "docs\n"})
		head := repo.commit("add a channel")
		r := e.run(t, repo, "pull_request", prPayload(base, head, "acme/infra"), "")
		if r.ok {
			t.Fatalf("the pull request passed with a new finding:\n%s", r)
		}
		if len(r.annotations) != 1 || r.count("warning", "file=infra/main.tf,line=6,") != 1 {
			t.Errorf("want one annotation, on the added channel:\n%s", r)
		}
		if r.outputs["findings"] != "1" || !strings.Contains(r.summary, "**1 new**, 0 fixed, 1 unchanged") {
			t.Errorf("outputs %v, summary:\n%s", r.outputs, r.summary)
		}
		if !strings.Contains(r.uploaded, `"baselineState": "new"`) || !strings.Contains(r.uploaded, `"baselineState": "unchanged"`) {
			t.Errorf("the uploaded SARIF has no baseline states")
		}
		if out := repo.git("worktree", "list"); strings.Count(out, "\n") != 0 {
			t.Errorf("the base worktree was left behind:\n%s", out)
		}
	})

	t.Run("pull request that only deletes lines", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"infra/main.tf":              channel("kept") + "\n" + channel("removed"),
			"infra/other.tf":             channel("other"),
		})
		base := repo.git("rev-parse", "HEAD")
		repo.git("checkout", "-q", "-b", "pr")
		repo.write(map[string]string{"infra/main.tf": channel("kept")})
		head := repo.commit("remove a channel")
		r := e.run(t, repo, "pull_request", prPayload(base, head, "acme/infra"), "")
		if !r.ok || len(r.annotations) != 0 {
			t.Fatalf("a deletion-only pull request failed or annotated the untouched findings:\n%s", r)
		}
		if r.outputs["findings"] != "0" || !strings.Contains(r.summary, "**0 new**, 1 fixed, 2 unchanged") {
			t.Errorf("outputs %v, summary:\n%s", r.outputs, r.summary)
		}
	})

	t.Run("pull request from a fork", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"infra/main.tf":              channel("main"),
		})
		base := repo.git("rev-parse", "HEAD")
		repo.git("checkout", "-q", "-b", "pr")
		repo.write(map[string]string{"README.md": "typo fixed\n"})
		head := repo.commit("docs")
		r := e.run(t, repo, "pull_request", prPayload(base, head, "someone/infra"), "")
		if !r.ok {
			t.Fatalf("a fork's README-only pull request failed:\n%s", r)
		}
		if r.uploadLog != "" || r.count("notice", "SARIF upload skipped: a pull request from a fork") != 1 {
			t.Errorf("want the upload skipped with a notice:\n%s", r)
		}
	})

	t.Run("upload refused", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"templates/topic.yaml":       cleanTemplate,
		})
		r := e.run(t, repo, "push", `{"ref": "refs/heads/main"}`, "", "STUB_UPLOAD_FAIL=1")
		if !r.ok || r.count("notice", "SARIF upload failed") != 1 {
			t.Errorf("a refused upload failed the job or said nothing:\n%s", r)
		}
	})

	t.Run("build failure", func(t *testing.T) {
		broken := t.TempDir()
		for _, name := range []string{"action.yml", ".github/action/key.sh", ".github/action/build.sh", ".github/action/scan.sh", ".github/action/verdict.sh", "go.mod"} {
			writeFile(t, filepath.Join(broken, name), readFile(t, filepath.Join(e.action, name)), 0o755)
		}
		writeFile(t, filepath.Join(broken, "cmd/configward/main.go"), "package main\n\nfunc main() { undefined() }\n", 0o644)
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"templates/topic.yaml":       cleanTemplate,
		})
		r := e.run(t, repo, "push", `{"ref": "refs/heads/main"}`, broken)
		if r.ok || r.count("error", "could not build configward from the action's source") != 1 || r.count("error", "configward did not run") != 1 {
			t.Errorf("want a failed job with a clear error:\n%s", r)
		}
		if strings.Contains(r.log, `exit ""`) || strings.Contains(r.log, "numeric argument required") || r.uploadLog != "" {
			t.Errorf("the failed build went on:\n%s", r)
		}
	})

	t.Run("paths with spaces", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(`          path: |
            my infra
            other dir/topic.yaml
          args: |
            --rules=CW101,CW105
            --exclude=skip me/**`),
			"my infra/main.tf":         channel("main"),
			"my infra/skip me/main.tf": channel("skipped"),
			"other dir/topic.yaml":     "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
			"ignored/main.tf":          channel("ignored"),
		})
		r := e.run(t, repo, "push", `{"ref": "refs/heads/main"}`, "")
		if r.ok || len(r.annotations) != 2 || r.count("warning", "file=my infra/main.tf,line=1,") != 1 || r.count("notice", "file=other dir/topic.yaml,line=2,") != 1 {
			t.Errorf("want the two findings of the named paths, none excluded:\n%s", r)
		}
		if !strings.Contains(r.uploaded, `"uri": "my%20infra/main.tf"`) {
			t.Errorf("uploaded SARIF lacks the escaped URI")
		}
	})

	t.Run("baseline", func(t *testing.T) {
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith + "\n          baseline: configward-baseline.sarif"),
			"infra/main.tf":              channel("main"),
		})
		// The baseline is the scan of the same tree, kept in the repository.
		dir, _ := os.Getwd()
		t.Chdir(repo.dir)
		var stdout, stderr strings.Builder
		if code := run([]string{"scan", "--rules=CW101", "--format", "sarif", "--output", "configward-baseline.sarif", "infra"}, &stdout, &stderr); code != 1 {
			t.Fatalf("baseline scan exited %d: %s", code, stderr.String())
		}
		t.Chdir(dir)
		repo.commit("baseline")
		r := e.run(t, repo, "push", `{"ref": "refs/heads/main"}`, "")
		if !r.ok || r.outputs["findings"] != "0" || r.count("notice", "unchanged since baseline") != 1 {
			t.Errorf("a finding in the baseline failed the job or was not a notice:\n%s", r)
		}
	})

	// The acceptance case: a repository with 40 findings adopts the
	// action; a pull request adding one fails with exactly that one, and a
	// pull request fixing one passes and says so.
	t.Run("40 existing findings", func(t *testing.T) {
		var tf strings.Builder
		for i := range 40 {
			tf.WriteString(channel(fmt.Sprintf("c%02d", i)) + "\n")
		}
		repo := newRepo(t, map[string]string{
			".github/workflows/scan.yml": workflow(defaultWith),
			"infra/main.tf":              tf.String(),
		})
		base := repo.git("rev-parse", "HEAD")
		repo.git("checkout", "-q", "-b", "adds")
		repo.write(map[string]string{"infra/new.tf": channel("added")})
		head := repo.commit("add one")
		r := e.run(t, repo, "pull_request", prPayload(base, head, "acme/infra"), "")
		if r.ok || r.outputs["findings"] != "1" || len(r.annotations) != 1 || r.count("warning", "file=infra/new.tf,line=1,") != 1 {
			t.Errorf("adding one: want a failure with exactly the new finding:\n%s", r)
		}
		if !strings.Contains(r.summary, "**1 new**, 0 fixed, 40 unchanged") || !strings.Contains(r.summary, ":x: **Failed**: 1 finding at or above") {
			t.Errorf("adding one: summary:\n%s", r.summary)
		}

		repo.git("checkout", "-q", "main")
		repo.git("checkout", "-q", "-b", "fixes")
		fixed := strings.Replace(tf.String(), "  name           = \"c07\"\n", "  name           = \"c07\"\n  s3_kms_key_arn = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n", 1)
		repo.write(map[string]string{"infra/main.tf": fixed})
		head = repo.commit("fix one")
		r = e.run(t, repo, "pull_request", prPayload(base, head, "acme/infra"), "")
		if !r.ok || r.outputs["findings"] != "0" || len(r.annotations) != 0 {
			t.Errorf("fixing one: want a pass with no annotation:\n%s", r)
		}
		if !strings.Contains(r.summary, "**0 new**, 1 fixed, 39 unchanged") {
			t.Errorf("fixing one: summary:\n%s", r.summary)
		}
	})
}

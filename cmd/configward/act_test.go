package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The GitHub Action, run as GitHub runs it: nektos/act (host mode, no
// Docker) runs a workflow that uses the action, with actions/setup-go,
// actions/cache and github/codeql-action/upload-sarif replaced through
// --local-repository by the stubs of testdata/action/stubs, which record
// what they were given. Each scenario checks the job's result, the
// annotations (the workflow commands act parsed), the action's outputs, the
// job summary and the uploaded SARIF.
//
// act comes from `go install github.com/nektos/act@v0.2.89` (.ci/run does
// it); the test skips without it. It runs with no network: in a network
// namespace of its own when unshare works, with no version check, no cache
// server, no ~/.actrc, and Go offline (GOPROXY=off, GOTOOLCHAIN=local).

// actEnv is what every scenario shares: the action as GitHub would download
// it, the stubs, the Actions cache of the stubs and act's own cache (whose
// tool_cache is RUNNER_TOOL_CACHE).
type actEnv struct {
	act, action, stubs, stubCache, actCache string
	goEnv                                   []string
	unshare                                 bool
}

// actRun is the outcome of one act run.
type actRun struct {
	ok          bool     // the job succeeded
	annotations []string // ::error/::warning/::notice commands, as printed
	outputs     map[string]string
	summary     string // the job summary, as act read it from the steps
	summaryFile string // the action's summary-file output
	uploaded    string // the SARIF the upload stub received, "" when none
	uploadLog   string
	setupGoLog  string
	log         string
}

func findAct(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ACT"); p != "" {
		return p
	}
	if p, err := exec.LookPath("act"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "bin", "act")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("act not installed (go install github.com/nektos/act@v0.2.89; .ci/run does)")
	return ""
}

func newActEnv(t *testing.T) *actEnv {
	t.Helper()
	e := &actEnv{act: findAct(t)}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	e.action = copyAction(t, root)
	e.stubs = filepath.Join(root, "testdata/action/stubs")
	e.stubCache = t.TempDir()
	e.actCache = t.TempDir()
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"} {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatal(err)
		}
		e.goEnv = append(e.goEnv, k+"="+strings.TrimSpace(string(out)))
	}
	e.unshare = exec.Command("unshare", "--net", "true").Run() == nil
	if !e.unshare {
		t.Log("unshare --net is not available: act runs in the host's network namespace (it is given nothing to reach)")
	}
	return e
}

// copyAction copies the files git tracks (as they are in the working tree,
// testdata left out) into a fresh directory: what GitHub downloads for
// `uses: configward/configward@v1`.
func copyAction(t *testing.T, root string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	dst := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if strings.HasPrefix(name, "testdata/") || strings.Contains(name, "/testdata/") {
			continue
		}
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the working tree, or not a file
		}
		writeFile(t, filepath.Join(dst, name), readFile(t, src), info.Mode().Perm())
	}
	return dst
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, name, body string, perm fs.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(body), perm); err != nil {
		t.Fatal(err)
	}
}

// gitRepo is a scenario's repository.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T, files map[string]string) *gitRepo {
	r := &gitRepo{t, t.TempDir()}
	r.git("init", "-q", "-b", "main", ".")
	r.write(files)
	r.commit("base")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *gitRepo) write(files map[string]string) {
	for name, body := range files {
		if body == "" {
			r.git("rm", "-q", "--", name)
			continue
		}
		writeFile(r.t, filepath.Join(r.dir, name), body, 0o644)
	}
}

func (r *gitRepo) commit(msg string) string {
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// workflow is the user's workflow: the action, then a step that keeps its
// outputs and summary where the test can read them.
func workflow(with string) string {
	return `name: scan
on: [push, pull_request]
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - id: cw
        uses: configward/configward@v1
        with:
` + with + `
      - if: always()
        shell: bash
        env:
          FINDINGS: ${{ steps.cw.outputs.findings }}
          EXIT_CODE: ${{ steps.cw.outputs.exit-code }}
          SARIF: ${{ steps.cw.outputs.sarif-file }}
          SUMMARY: ${{ steps.cw.outputs.summary-file }}
        run: |
          printf 'findings=%s\nexit-code=%s\nsarif-file=%s\n' "$FINDINGS" "$EXIT_CODE" "$SARIF" >"$STUB_RECORD/outputs.txt"
          if [ -n "$SUMMARY" ]; then cp "$SUMMARY" "$STUB_RECORD/summary.md"; fi
`
}

// run runs the workflow of repo for event with payload (JSON; "" for
// none); action is the action's directory ("" for the default).
func (e *actEnv) run(t *testing.T, repo *gitRepo, event, payload, action string, env ...string) *actRun {
	t.Helper()
	if action == "" {
		action = e.action
	}
	record := t.TempDir()
	home := t.TempDir()
	eventFile := filepath.Join(home, "event.json")
	if payload == "" {
		payload = "{}"
	}
	writeFile(t, eventFile, payload, 0o644)
	args := []string{event,
		"-C", repo.dir,
		"-W", filepath.Join(repo.dir, ".github/workflows/scan.yml"),
		"-e", eventFile,
		"-P", "ubuntu-latest=-self-hosted",
		"--local-repository", "configward/configward@v1=" + action,
		"--local-repository", "actions/setup-go@v5=" + filepath.Join(e.stubs, "setup-go"),
		"--local-repository", "actions/cache@v4=" + filepath.Join(e.stubs, "cache"),
		"--local-repository", "github/codeql-action@v4=" + filepath.Join(e.stubs, "codeql-action"),
		"--action-cache-path", e.actCache,
		"--no-cache-server",
		"--json",
		"--env", "STUB_RECORD=" + record,
		"--env", "STUB_CACHE=" + e.stubCache,
		"--env", "GITHUB_REPOSITORY=acme/infra",
	}
	for _, kv := range env {
		args = append(args, "--env", kv)
	}
	name, argv := e.act, args
	if e.unshare {
		name, argv = "unshare", append([]string{"--net", e.act}, args...)
	}
	cmd := exec.Command(name, argv...)
	cmd.Dir = repo.dir
	cmd.Env = append([]string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"PATH=" + os.Getenv("PATH"),
		"ACT_DISABLE_VERSION_CHECK=1",
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GOFLAGS=-mod=readonly",
		"NO_COLOR=1",
	}, e.goEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	res := &actRun{ok: err == nil, outputs: map[string]string{}, log: out.String()}
	if d := os.Getenv("ACT_LOG_DIR"); d != "" {
		os.WriteFile(filepath.Join(d, strings.ReplaceAll(t.Name(), "/", "_")+".log"), out.Bytes(), 0o644)
	}
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatalf("act: %v", err)
	}
	jobResult := ""
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var entry struct {
			Command   string `json:"command"`
			Raw       string `json:"raw"`
			JobResult string `json:"jobResult"`
			Msg       string `json:"msg"`
		}
		if json.Unmarshal(sc.Bytes(), &entry) != nil {
			continue
		}
		switch entry.Command {
		case "error", "warning", "notice":
			res.annotations = append(res.annotations, entry.Raw)
		}
		if s, ok := strings.CutPrefix(entry.Msg, "  \u2699  Summary - "); ok {
			res.summary += s // what act read from GITHUB_STEP_SUMMARY
		}
		if entry.JobResult != "" {
			jobResult = entry.JobResult
		}
	}
	if (jobResult == "success") != res.ok {
		t.Fatalf("act exited %v but the job result is %q\n%s", err, jobResult, res.log)
	}
	if b, err := os.ReadFile(filepath.Join(record, "outputs.txt")); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			k, v, _ := strings.Cut(line, "=")
			res.outputs[k] = v
		}
	}
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(record, name))
		return string(b)
	}
	res.summaryFile = read("summary.md")
	res.uploaded = read("uploaded.sarif")
	res.uploadLog = read("upload-sarif.log")
	res.setupGoLog = read("setup-go.log")
	return res
}

// count counts the annotations of a kind ("error", "warning", "notice")
// whose text contains sub.
func (r *actRun) count(kind, sub string) int {
	n := 0
	for _, a := range r.annotations {
		if strings.HasPrefix(a, "::"+kind+" ") && strings.Contains(a, sub) {
			n++
		}
	}
	return n
}

func (r *actRun) String() string {
	return fmt.Sprintf("ok=%v outputs=%v\nannotations:\n%s\nsummary:\n%s\nlog:\n%s",
		r.ok, r.outputs, strings.Join(r.annotations, "\n"), r.summary, r.log)
}

package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// hostileInput has findings whose file names, resources and source lines
// hold workflow commands, links and bidi controls.
func hostileInput() *Input {
	src := []byte("::add-mask::secret: x\n  ##[error]key: ::stop-commands::k\n")
	var fs []*analyzer.Finding
	for i, file := range []string{"::stop-commands::abc", "  ::set-output name=x::y", "a##[warning]b", "ok.yaml"} {
		fs = append(fs, &analyzer.Finding{RuleID: "CW101", Severity: analyzer.High, Message: "bucket \"::error::x\" https://evil.example a@b.example www.evil.example \u202egnp.exe",
			Resource: "::notice::r", Range: model.Range{Filename: file, Start: model.Pos{Line: 1 + i%2, Column: 1}, End: model.Pos{Line: 1 + i%2, Column: 3}}})
	}
	return &Input{Findings: fs, Sources: func(string) []byte { return src },
		Notifications: []Notification{{Level: "warning", Message: "::warning::n"}}}
}

// commandLines are the lines a runner would execute: "::" after leading
// white space, or "##[" anywhere.
func commandLines(out string) []string {
	var cmds []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") || strings.Contains(l, "##[") {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

func TestTextCannotCommandTheRunner(t *testing.T) {
	out := string(write(t, "text", hostileInput()))
	if cmds := commandLines(out); len(cmds) != 0 {
		t.Errorf("text output holds command lines %q:\n%s", cmds, out)
	}
	if !strings.Contains(out, `:\:stop-commands::abc:1:1: high [CW101]`) || !strings.Contains(out, `##\[error]key`) {
		t.Errorf("escapes are not visible:\n%s", out)
	}

	in := hostileInput()
	in.GitHubActions = true
	out = string(write(t, "text", in))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	m := regexp.MustCompile(`^::stop-commands::([0-9a-f]{32})$`).FindStringSubmatch(lines[0])
	if m == nil || lines[len(lines)-1] != "::"+m[1]+"::" {
		t.Fatalf("want the output wrapped in stop-commands with a random token:\n%s", out)
	}
	if cmds := commandLines(strings.Join(lines[1:len(lines)-1], "\n")); len(cmds) != 0 {
		t.Errorf("command lines inside the block %q", cmds)
	}
	if again := string(write(t, "text", in)); strings.HasPrefix(again, lines[0]+"\n") {
		t.Errorf("the token is the same in two runs: %s", lines[0])
	}
}

func TestMarkdownHostile(t *testing.T) {
	out := string(write(t, "markdown", hostileInput()))
	for _, bad := range []string{"https://", "a@b", "www.evil", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown holds %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{`https\://evil.example`, `a\@b.example`, `www\.evil.example`, "U+202Egnp.exe"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}

	// 20,000 findings with long messages: the summary stays under 1 MiB
	// and says how many it left out.
	in := &Input{}
	for i := range 20000 {
		in.Findings = append(in.Findings, &analyzer.Finding{RuleID: "CW101", Severity: analyzer.High, Message: fmt.Sprintf("finding %d %s", i, strings.Repeat("m", 3000)),
			Range: model.Range{Filename: "f.yaml", Start: model.Pos{Line: i + 1, Column: 1}}})
	}
	out = string(write(t, "markdown", in))
	rows := strings.Count(out, "| high | CW101")
	if len(out) >= 1<<20 || rows == 0 || !strings.Contains(out, fmt.Sprintf("_%d more findings left out:", 20000-rows)) {
		t.Errorf("markdown of %d bytes, %d rows, ends:\n%s", len(out), rows, out[max(0, len(out)-300):])
	}
}

package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var goldenExt = map[string]string{
	"text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "markdown": "md",
}

func write(t *testing.T, format string, in *Input) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, in); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

// TestGolden compares every format, for the fixture scan and for an empty
// one, with testdata/<format>_<case>.golden.<ext>. Run with -update to
// rewrite them, then read the diff.
func TestGolden(t *testing.T) {
	cases := map[string]func() *Input{"full": fixtureInput, "empty": emptyInput}
	for _, format := range Formats {
		for _, name := range []string{"full", "empty"} {
			t.Run(format+"_"+name, func(t *testing.T) {
				got := write(t, format, cases[name]())
				path := filepath.Join("testdata", format+"_"+name+".golden."+goldenExt[format])
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the output (run go test -update and read the diff):\n%s", path, got)
				}
				if len(got) > 0 && got[len(got)-1] != '\n' {
					t.Errorf("output does not end with a newline")
				}
			})
		}
	}
}

// TestDeterministic writes each format several times from fresh inputs.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats {
		first := write(t, format, fixtureInput())
		for range 5 {
			if got := write(t, format, fixtureInput()); !bytes.Equal(got, first) {
				t.Errorf("%s: two writes of the same input differ", format)
			}
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", fixtureInput())
	if err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("Write(xml) = %v, want an unknown format error", err)
	}
}

func TestNilInput(t *testing.T) {
	for _, format := range Formats {
		if err := Write(&bytes.Buffer{}, format, nil); err != nil {
			t.Errorf("Write(%s, nil): %v", format, err)
		}
	}
}

func TestNormalize(t *testing.T) {
	pos := func(l, c int) model.Pos { return model.Pos{Line: l, Column: c} }
	for _, tc := range []struct {
		name string
		r    model.Range
		want region
	}{
		{"ordinary", model.Range{Filename: "a", Start: pos(3, 5), End: pos(3, 9)}, region{"a", 3, 5, 3, 9}},
		{"multi-line", model.Range{Filename: "a", Start: pos(3, 5), End: pos(7, 1)}, region{"a", 3, 5, 7, 1}},
		{"zero end", model.Range{Filename: "a", Start: pos(3, 5)}, region{"a", 3, 5, 3, 6}},
		{"empty", model.Range{Filename: "a", Start: pos(3, 5), End: pos(3, 5)}, region{"a", 3, 5, 3, 6}},
		{"end before start", model.Range{Filename: "a", Start: pos(3, 5), End: pos(2, 9)}, region{"a", 3, 5, 3, 6}},
		{"zero start", model.Range{Filename: "a"}, region{"a", 1, 1, 1, 2}},
		{"negative", model.Range{Filename: "a", Start: pos(-2, -4), End: pos(4, 0)}, region{"a", 1, 1, 4, 1}},
	} {
		if got := normalize(tc.r); got != tc.want {
			t.Errorf("%s: normalize(%+v) = %+v, want %+v", tc.name, tc.r, got, tc.want)
		}
	}
}

func TestFails(t *testing.T) {
	f := func(s analyzer.Severity, mod func(*analyzer.Finding)) *analyzer.Finding {
		x := &analyzer.Finding{RuleID: "CW101", Severity: s}
		if mod != nil {
			mod(x)
		}
		return x
	}
	suppressed := func(x *analyzer.Finding) { x.Suppression = &analyzer.Suppression{Kind: "external"} }
	unchanged := func(x *analyzer.Finding) { x.BaselineState = "unchanged" }
	isNew := func(x *analyzer.Finding) { x.BaselineState = "new" }
	for _, tc := range []struct {
		f      *analyzer.Finding
		failOn analyzer.Severity
		want   bool
	}{
		{f(analyzer.High, nil), analyzer.High, true},
		{f(analyzer.Critical, nil), analyzer.High, true},
		{f(analyzer.Medium, nil), analyzer.High, false},
		{f(analyzer.Low, nil), analyzer.Low, true},
		{f(analyzer.Critical, nil), analyzer.None, false},
		{f(analyzer.Critical, suppressed), analyzer.Low, false},
		{f(analyzer.Critical, unchanged), analyzer.Low, false},
		{f(analyzer.Critical, isNew), analyzer.Low, true},
	} {
		if got := Fails(tc.f, tc.failOn); got != tc.want {
			t.Errorf("Fails(%s %+v, %s) = %v, want %v", tc.f.Severity, tc.f, tc.failOn, got, tc.want)
		}
	}
	in := fixtureInput() // one critical, two high (one suppressed), one unchanged medium
	for _, tc := range []struct {
		failOn analyzer.Severity
		want   bool
	}{{analyzer.Critical, true}, {analyzer.None, false}} {
		in.FailOn = tc.failOn
		if got := in.Failed(); got != tc.want {
			t.Errorf("fail-on %s: Failed() = %v, want %v", tc.failOn, got, tc.want)
		}
	}
}

// TestJSON decodes the json format into its documented types and checks the
// summary.
func TestJSON(t *testing.T) {
	in := fixtureInput()
	var rep JSONReport
	dec := json.NewDecoder(bytes.NewReader(write(t, "json", in)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatal(err)
	}
	if rep.Version != 1 || len(rep.Findings) != len(in.Findings) {
		t.Fatalf("version %d, %d findings; want 1, %d", rep.Version, len(rep.Findings), len(in.Findings))
	}
	want := JSONSummary{
		Total:      6,
		BySeverity: JSONSeverities{Critical: 1, High: 1, Medium: 1, Low: 2},
		Suppressed: 1,
		Open:       4, // 5 unsuppressed, 1 unchanged since the baseline
		FailOn:     "high",
		Failed:     true,
	}
	if rep.Summary != want {
		t.Errorf("summary = %+v, want %+v", rep.Summary, want)
	}
	sup := rep.Findings[3]
	if !sup.Suppressed || sup.Suppression == nil || sup.Suppression.Kind != "inSource" {
		t.Errorf("suppressed finding = %+v", sup)
	}
	if rep.Findings[0].Title != "S3 bucket without default encryption" || rep.Findings[0].CDKPath == "" {
		t.Errorf("first finding = %+v", rep.Findings[0])
	}

	// No findings: "findings": [] and no notifications key.
	raw := string(write(t, "json", emptyInput()))
	if !strings.Contains(raw, `"findings": []`) || strings.Contains(raw, "notifications") {
		t.Errorf("empty json report:\n%s", raw)
	}
}

func TestTextColor(t *testing.T) {
	in := fixtureInput()
	in.Findings[0].Message += " \x1b[2J"
	plain := string(write(t, "text", in))
	if strings.Contains(plain, "\x1b") {
		t.Errorf("text without colour contains an escape sequence:\n%q", plain)
	}
	if !strings.Contains(plain, `\x1b[2J`) {
		t.Errorf("a control character of the message is not written as an escape:\n%s", plain)
	}

	in.Color = true
	colored := string(write(t, "text", in))
	for _, want := range []string{
		"\x1b[1mcfn/app.yaml:3:3:\x1b[0m \x1b[1;31mhigh\x1b[0m [CW101]",
		"\x1b[1;35mcritical\x1b[0m",
		"\x1b[1;33mmedium\x1b[0m",
	} {
		if !strings.Contains(colored, want) {
			t.Errorf("coloured text lacks %q:\n%q", want, colored)
		}
	}
	if strings.Count(colored, "\x1b[2J") != 0 {
		t.Errorf("message escape sequence reached the terminal")
	}
	// Colour changes nothing but the escapes.
	strip := regexp.MustCompile("\x1b\\[[0-9;]*m")
	if got := strip.ReplaceAllString(colored, ""); got != plain {
		t.Errorf("coloured text without its escapes differs from plain text:\n%s\n---\n%s", got, plain)
	}
}

func TestTextHidesSecretsAndSuppressed(t *testing.T) {
	out := string(write(t, "text", fixtureInput()))
	if strings.Contains(out, "hunter2") {
		t.Errorf("text shows the source line of a secrets finding:\n%s", out)
	}
	if strings.Contains(out, "aws_s3_bucket.legacy") {
		t.Errorf("text lists a suppressed finding:\n%s", out)
	}
	if !strings.HasSuffix(out, "\n5 findings (1 critical, 1 high, 1 medium, 2 low), 1 unchanged since baseline, 1 suppressed\n") {
		t.Errorf("text summary:\n%s", out)
	}
	if got := string(write(t, "text", emptyInput())); got != "no findings\n" {
		t.Errorf("empty text report = %q", got)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30) // 300 code points
	for _, tc := range []struct {
		name, line string
		g          region
		src, marks string
	}{
		{"single line", `  BucketName: logs`, region{"f", 1, 3, 1, 13}, `  BucketName: logs`, `  ^~~~~~~~~~`},
		{"one column", `key: value`, region{"f", 1, 1, 1, 2}, `key: value`, `^`},
		{"multi-line: caret only", `  Props:`, region{"f", 1, 3, 4, 1}, `  Props:`, `  ^`},
		{"tabs kept and mirrored", "\t\tpassword = x", region{"f", 1, 3, 1, 11}, "\t\tpassword = x", "\t\t^~~~~~~~"},
		{"code points, not bytes", `"Sid": "Prüfer→Zugriff", "Principal": 1`, region{"f", 1, 26, 1, 37}, `"Sid": "Prüfer→Zugriff", "Principal": 1`, strings.Repeat(" ", 25) + "^~~~~~~~~~~"},
		{"end past the line", `abc`, region{"f", 1, 2, 1, 40}, `abc`, ` ^~`},
		{"start past the line", `abc`, region{"f", 1, 9, 1, 10}, `abc`, `   ^`},
		{"control characters", "a\x1b[2Jb", region{"f", 1, 6, 1, 7}, "a?[2Jb", "     ^"},
		{"invalid UTF-8", "a\xffb", region{"f", 1, 3, 1, 4}, "a\uFFFDb", "  ^"},
		{"long line, start near the end", long, region{"f", 1, 201, 1, 204},
			"..." + long[140:],
			"   " + strings.Repeat(" ", 60) + "^~~"},
		{"long line, start in the middle", long, region{"f", 1, 101, 2, 1},
			"..." + long[60:220] + "...",
			"   " + strings.Repeat(" ", 40) + "^"},
		{"long line, start near the beginning", long, region{"f", 1, 2, 1, 3}, long[:160] + "...", " ^"},
	} {
		src, marks := snippet(tc.line, tc.g)
		if src != tc.src || marks != tc.marks {
			t.Errorf("%s:\n got %q\n     %q\nwant %q\n     %q", tc.name, src, marks, tc.src, tc.marks)
		}
	}
}

func TestSourceLine(t *testing.T) {
	src := []byte("one\r\ntwo\nthree")
	for n, want := range map[int]string{1: "one", 2: "two", 3: "three"} {
		if got, ok := sourceLine(src, n); !ok || got != want {
			t.Errorf("line %d = %q, %v", n, got, ok)
		}
	}
	for _, n := range []int{0, 4} {
		if _, ok := sourceLine(src, n); ok {
			t.Errorf("line %d found", n)
		}
	}
	if _, ok := sourceLine(nil, 1); ok {
		t.Errorf("line of nil source found")
	}
}

// TestGitHubLimits: GitHub shows 10 annotations of each kind per step, so
// the most severe come first and a closing notice counts the rest.
func TestGitHubLimits(t *testing.T) {
	in := &Input{FailOn: analyzer.Low}
	add := func(n int, sev analyzer.Severity, file string) {
		for i := range n {
			in.Findings = append(in.Findings, &analyzer.Finding{RuleID: "CW101", Severity: sev, Message: "m",
				Range: model.Range{Filename: file, Start: model.Pos{Line: i + 1, Column: 1}, End: model.Pos{Line: i + 1, Column: 5}}})
		}
	}
	add(12, analyzer.Low, "a.tf") // file order puts these first
	add(3, analyzer.Medium, "b.tf")
	add(25, analyzer.High, "c.tf")
	lines := strings.Split(strings.TrimSuffix(string(write(t, "github", in)), "\n"), "\n")
	count := map[string]int{}
	for _, l := range lines {
		count[l[:strings.Index(l, " ")]]++
	}
	if count["::error"] != 10 || count["::warning"] != 3 || count["::notice"] != 10 || len(lines) != 23 {
		t.Errorf("got %v in %d lines, want 10 errors, 3 warnings, 10 notices", count, len(lines))
	}
	if !strings.HasPrefix(lines[0], "::error file=c.tf,line=1,") || !strings.HasPrefix(lines[10], "::warning file=b.tf,line=1,") {
		t.Errorf("not most severe first:\n%s", strings.Join(lines, "\n"))
	}
	if last := lines[len(lines)-1]; last != "::notice title=configward::18 annotations not shown here (GitHub shows 10 errors, 10 warnings and 10 notices per step): see the job summary, the SARIF report or code scanning for every finding" {
		t.Errorf("closing line = %q", last)
	}

	// Within the limits nothing is left out and no closing line is added.
	in.Findings = in.Findings[:10]
	if lines := strings.Split(strings.TrimSuffix(string(write(t, "github", in)), "\n"), "\n"); len(lines) != 10 || strings.Contains(strings.Join(lines, ""), "not shown") {
		t.Errorf("10 low findings: got %d lines", len(lines))
	}
	// Annotate chooses the findings (the changed lines of a pull request).
	in.Annotate = func(f *analyzer.Finding) bool { return f.Range.Start.Line == 3 }
	if got := string(write(t, "github", in)); !strings.HasPrefix(got, "::notice file=a.tf,line=3,") || strings.Count(got, "\n") != 1 {
		t.Errorf("Annotate: got %q", got)
	}
}

func TestGitHub(t *testing.T) {
	if got, want := escapeProperty("a:b,c%d\r\ne"), "a%3Ab%2Cc%25d%0D%0Ae"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
	if got, want := escapeData("a:b,c%d\r\ne"), "a:b,c%25d%0D%0Ae"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	out := string(write(t, "github", fixtureInput()))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// Five unsuppressed findings, most severe first, and two
	// notifications, one line each.
	if len(lines) != 7 {
		t.Fatalf("got %d lines, want 7:\n%s", len(lines), out)
	}
	for i, prefix := range []string{"::error ", "::error ", "::notice ", "::notice ", "::notice ", "::warning ", "::notice "} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d = %q, want prefix %q", i+1, lines[i], prefix)
		}
	}
	if strings.Contains(out, "legacy") {
		t.Errorf("github lists a suppressed finding")
	}
	if got := write(t, "github", emptyInput()); len(got) != 0 {
		t.Errorf("empty github report = %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	if got, want := escapeCell("a|b\n<i>*c*</i> [x](y) `z` \\"), `a\|b<br>\<i\>\*c\*\</i\> \[x\](y) \`+"`"+`z\`+"`"+` \\`; got != want {
		t.Errorf("escapeCell = %s, want %s", got, want)
	}
	out := string(write(t, "markdown", fixtureInput()))
	for _, want := range []string{":x: **Failed**: 2 findings at or above `high`.", "| critical | 1 |", "| suppressed | 1 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	// Every table row has exactly its columns: escaped pipes do not split.
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| ") {
			cells := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)) - 1
			if cells != 2 && cells != 5 {
				t.Errorf("table row with %d cells: %s", cells, line)
			}
		}
	}
	empty := string(write(t, "markdown", emptyInput()))
	if !strings.Contains(empty, "No findings.") || !strings.Contains(empty, "**Passed**") {
		t.Errorf("empty markdown report:\n%s", empty)
	}
	in := emptyInput()
	in.FailOn = analyzer.None
	if got := string(write(t, "markdown", in)); !strings.Contains(got, "--fail-on none") {
		t.Errorf("fail-on none verdict:\n%s", got)
	}
}

func TestFullDescription(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{"# CW001 x\n\nFirst line\nsecond line.\n\n## Why\n\nNo.", "First line second line."},
		{"Plain paragraph.\n\nMore.", "Plain paragraph."},
		{"## Why\nBecause.\n## How", "Because."},
		{"# Only a heading\n", "the title"},
		{"", "the title"},
	} {
		if got := fullDescription(tc.doc, "the title"); got != tc.want {
			t.Errorf("fullDescription(%q) = %q, want %q", tc.doc, got, tc.want)
		}
	}
}

func TestRuleTags(t *testing.T) {
	r := &analyzer.Rule{Tags: []string{"s3", "security", "encryption", "s3"}}
	if got, want := ruleTags(r), []string{"encryption", "s3", "security"}; !slices.Equal(got, want) {
		t.Errorf("ruleTags = %q, want %q", got, want)
	}
	if got := ruleTags(&analyzer.Rule{}); !slices.Equal(got, []string{"security"}) {
		t.Errorf("ruleTags of no tags = %q", got)
	}
}

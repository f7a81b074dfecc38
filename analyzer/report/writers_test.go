package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/fix"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules"
)

// reference is the report in format (sarif or json) as encoding/json
// writes it: the bytes Write must write.
func reference(t testing.TB, format string, in *Input) []byte {
	t.Helper()
	var v any
	switch format {
	case "sarif":
		rep, rules, err := buildSARIF(repoPaths(redactInput(in)))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rules {
			addSARIFRule(rep.Runs[0], r)
		}
		v = rep
	case "json":
		v = buildJSON(redactInput(in))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// addSARIFRule adds the rule's descriptor to the run as go-sarif's types
// hold it (what encodeSARIF writes from the rule itself), as the SARIF
// writer filled them before it wrote the rules directly.
func addSARIFRule(run *sarif.Run, r *analyzer.Rule) {
	doc := r.Documentation()
	full := fullDescription(doc, r.Title)
	if strings.TrimSpace(doc) == "" {
		doc = r.Title
	}
	props := sarif.Properties{
		"security-severity": r.Severity.SecurityScore(),
		"tags":              ruleTags(r),
	}
	if r.Precision != "" {
		props["precision"] = r.Precision
	}
	run.AddRule(r.ID).
		WithName(r.Name).
		WithShortDescription(sarif.NewMultiformatMessageString(r.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString(full)).
		// Both text and markdown: help.text is required, and
		// WithMarkdownHelp alone leaves it out.
		WithHelp(sarif.NewMultiformatMessageString(doc).WithMarkdown(doc)).
		WithHelpURI(r.HelpURI()).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(r.Severity.SARIFLevel())).
		WithProperties(props)
}

// fullDescription is a rule's SARIF fullDescription: the first paragraph
// of its doc that is not a heading, joined into one line; the title when
// there is none.
func fullDescription(doc, title string) string {
	para, lines := firstParagraph(doc)
	if lines == 0 {
		return title
	}
	var joined []string
	for line := range strings.Lines(para) {
		joined = append(joined, strings.TrimSpace(line))
	}
	return strings.Join(joined, " ")
}

// writerFormats are the formats written through jsonWriter.
var writerFormats = []string{"sarif", "json"}

// sameAsEncodingJSON fails unless Write's report in each writerFormats is
// reference's bytes, naming the first line that differs.
func sameAsEncodingJSON(t testing.TB, name string, in *Input) {
	t.Helper()
	for _, format := range writerFormats {
		want := reference(t, format, in)
		var got bytes.Buffer
		if err := Write(&got, format, in); err != nil {
			t.Fatalf("%s %s: %v", name, format, err)
		}
		if bytes.Equal(got.Bytes(), want) {
			continue
		}
		g, w := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(g), len(w)) {
			gl, wl := "<end>", "<end>"
			if i < len(g) {
				gl = g[i]
			}
			if i < len(w) {
				wl = w[i]
			}
			if gl != wl {
				t.Fatalf("%s %s: line %d differs from encoding/json's:\n got: %q\nwant: %q", name, format, i+1, gl, wl)
			}
		}
		t.Fatalf("%s %s: differs from encoding/json's", name, format)
	}
}

// scanInput scans dir with every rule, as `configward scan --format sarif`
// does (fixes, repository paths, notifications).
func scanInput(t *testing.T, dir string) *Input {
	t.Helper()
	all := rules.All()
	res, err := checker.Run([]string{dir}, checker.Options{Rules: all})
	if err != nil {
		t.Fatal(err)
	}
	in := &Input{
		Rules:    all,
		Findings: res.Findings,
		Sources:  res.Source,
		RepoPath: res.RepoPath,
		Fixes:    fix.NewPlanner(res.Source).For,
		Version:  "devel",
		FailOn:   analyzer.Low,
	}
	for _, n := range res.Notifications {
		in.Notifications = append(in.Notifications, Notification{Level: n.Level, Message: n.Message, Range: n.Range, RuleID: n.RuleID})
	}
	return in
}

// withBaseline marks the findings new or unchanged, suppresses some
// (external, with a justification) and reports others as fixed, as
// --baseline and --new-since do.
func withBaseline(in *Input) *Input {
	out := *in
	out.Findings = nil
	out.Comparison = &Comparison{Base: "main (1a2b3c4)"}
	for i, f := range in.Findings {
		c := *f
		switch i % 4 {
		case 0:
			c.BaselineState = "new"
		case 1:
			c.BaselineState = "unchanged"
		case 2:
			if c.Suppression == nil {
				c.Suppression = &analyzer.Suppression{Kind: "external", Justification: "accepted <risk> & \"owner\" said so\n"}
			}
		case 3:
			out.Comparison.Absent = append(out.Comparison.Absent, &c)
			continue
		}
		out.Findings = append(out.Findings, &c)
	}
	return &out
}

// oddStrings are what encoding/json escapes, or leaves alone where a
// hand-written escaper might not.
var oddStrings = []string{
	"",
	"plain",
	"quote \" backslash \\ slash /",
	"html <script>alert(1)</script> & &amp;",
	"controls \x00\x01\x07\b\t\n\v\f\r\x0e\x1b\x1f\x7f end",
	"invalid \xff\xfe utf-8 \xc3 cut \xe2\x80 and \xed\xa0\x80 surrogate",
	"separators \u2028 and \u2029, and \u2027 \u202a beside them",
	"wide: Prüfer→Zugriff 日本 🪣 \ufeff \ufffd",
	"trailing half \xf0\x9f",
	strings.Repeat("long ", 8000) + "\x00", // over the writer's buffer
}

// oddInput is the fixture scan with oddStrings in every text a finding, a
// rule, a fix and a notification carry.
func oddInput(s string) *Input {
	in := fixtureInput()
	for _, r := range in.Rules {
		c := *r
		c.Title, c.Doc, c.Precision, c.Tags = s, "# "+s+"\n\n"+s+"\n"+s, s, []string{s, "z" + s}
		*r = c
	}
	src := []byte("resource \"aws_s3_bucket\" \"" + s + "\" {\n  bucket = \"" + s + "\"\n}\n")
	findings := in.Findings
	in.Findings = nil
	for i, f := range findings {
		c := *f
		c.Message, c.ResourceName, c.CDKPath, c.Fingerprint = s+c.Message, s, s, s+c.Fingerprint
		if i%2 == 0 {
			c.Resource = s
			c.Range.Filename = s + "/" + c.Range.Filename
		}
		if c.Suppression != nil {
			c.Suppression = &analyzer.Suppression{Kind: s, Justification: s}
		}
		if i == 0 {
			c.Fix = &analyzer.Fix{Description: s}
		}
		for k := range c.Instances {
			c.Instances[k].Address += s
		}
		in.Findings = append(in.Findings, &c)
	}
	in.Notifications = append(in.Notifications, Notification{Level: s, Message: s, RuleID: s, Range: model.Range{Filename: s}})
	in.Version = s
	in.Sources = func(string) []byte { return src }
	in.Fixes = func(f *analyzer.Finding) []analyzer.Edit {
		return []analyzer.Edit{
			{File: f.Range.Filename, Start: 0, End: 8, Text: s},
			{File: f.Range.Filename, Start: len(src) - 2, End: len(src) - 2, Text: "\n" + s},
			{File: "other " + s, Start: 3, End: 3, Text: s},
		}
	}
	return in
}

// TestWritersMatchEncodingJSON: the SARIF and JSON writers write, for every
// report the scans of testdata build (every rule's fixtures, their fixes
// and suppressions; the examples; the CDK assemblies), with baseline
// states, suppressions and fixed findings added, and for the fixture scan
// with odd strings everywhere, the bytes encoding/json writes for the same
// go-sarif report or JSONReport.
func TestWritersMatchEncodingJSON(t *testing.T) {
	withError := emptyInput()
	withError.Notifications = []Notification{{Level: "error", Message: "rule CW101 failed", RuleID: "CW101"}}
	cases := map[string]*Input{
		"fixture": fixtureInput(), "empty": emptyInput(), "nothing": {}, "error": withError,
		"fixture-baseline": withBaseline(fixtureInput()),
	}
	fixes := 0
	for _, dir := range []string{"../../testdata/rules", "../../testdata/examples", "../../testdata/cdk"} {
		in := scanInput(t, dir)
		if len(in.Findings) == 0 {
			t.Fatalf("%s: no finding", dir)
		}
		for _, f := range in.Findings {
			if f.Fix != nil && !f.Suppressed() && len(in.Fixes(f)) > 0 {
				fixes++
			}
		}
		cases[dir] = in
		cases[dir+"-baseline"] = withBaseline(in)
	}
	if fixes < 20 {
		t.Errorf("the scans of testdata offer %d fixes, want at least 20", fixes)
	}
	for i, s := range oddStrings {
		cases[fmt.Sprintf("odd%d", i)] = oddInput(s)
	}
	for name, in := range cases {
		sameAsEncodingJSON(t, name, in)
	}
}

// FuzzWriters: whatever the strings and numbers of a scan, the SARIF and
// JSON writers write encoding/json's bytes. One rule, a finding with every part
// (baseline state, CDK path, instances, a fix), the same suppressed, and a
// notification, so that each run is short.
func FuzzWriters(f *testing.F) {
	for _, s := range oddStrings {
		if len(s) < 100 {
			f.Add(s, s, 3, 5)
		}
	}
	f.Fuzz(func(t *testing.T, s, doc string, line, col int) {
		full := oddInput(s)
		r := *full.Rules[0]
		r.Doc = doc
		fd := *full.Findings[0]
		fd.RuleID, fd.Severity = r.ID, r.Severity
		fd.Range.Start = model.Pos{Line: line, Column: col, Byte: line}
		fd.Range.End = model.Pos{Line: col, Column: line, Byte: col}
		fd.Instances = full.Findings[4].Instances
		suppressed := fd
		suppressed.Suppression = &analyzer.Suppression{Kind: "external", Justification: s}
		in := *full
		in.Rules, in.Findings, in.Notifications = []*analyzer.Rule{&r}, []*analyzer.Finding{&fd, &suppressed}, full.Notifications[2:]
		sameAsEncodingJSON(t, "fuzz", &in)
	})
}

// BenchmarkSARIFSmallScan writes the SARIF report of a scan of one
// template: every rule with its doc, a handful of results.
func BenchmarkSARIFSmallScan(b *testing.B) {
	in := fixtureInput()
	in.Rules = rules.All()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, "sarif", in); err != nil {
			b.Fatal(err)
		}
	}
}

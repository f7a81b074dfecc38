package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// TestTextReadsThroughTheLastLineShown: the text format asks each file
// once for its text through the last line its findings show (suppressed
// findings show none), and masks secrets in it as in the whole file.
func TestTextReadsThroughTheLastLineShown(t *testing.T) {
	src := map[string]string{
		"a.yaml": "k: 1\npassword:\n  hunter22\nx: 1\ny: 2\n-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\nMIIEdef\n",
		"b.yaml": "z: 1\n",
	}
	var calls []string
	find := func(file string, line int, suppressed bool) *analyzer.Finding {
		f := &analyzer.Finding{RuleID: "CW101", Severity: analyzer.High, Message: "m",
			Range: model.Range{Filename: file, Start: model.Pos{Line: line, Column: 1}, End: model.Pos{Line: line, Column: 2}}}
		if suppressed {
			f.Suppression = &analyzer.Suppression{Kind: "inSource"}
		}
		return f
	}
	in := &Input{Findings: []*analyzer.Finding{find("a.yaml", 3, false), find("a.yaml", 7, false), find("a.yaml", 8, true), find("b.yaml", 1, false)},
		Lines: func(file string, last int) []byte {
			calls = append(calls, fmt.Sprintf("%s:%d", file, last))
			s := src[file]
			for i, n := 0, 0; i < len(s); i++ {
				if s[i] == '\n' {
					if n++; n == last {
						return []byte(s[:i+1])
					}
				}
			}
			return []byte(s)
		}}
	out := string(write(t, "text", in))
	if strings.Join(calls, " ") != "a.yaml:7 b.yaml:1" {
		t.Errorf("reads %v, want a.yaml through line 7 and b.yaml through line 1", calls)
	}
	for _, want := range []string{"\n      ********\n", "\n    *******\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks the masked line %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hunter22") || strings.Contains(out, "MIIE") {
		t.Errorf("a secret is shown:\n%s", out)
	}
}

// TestRedactPrefix: a file's text through the end of any line is masked,
// on those lines, as the whole file is.
func TestRedactPrefix(t *testing.T) {
	src := "a: 1\npassword:\n  hunter22\ntoken = \"abcd1234\"\nkey: AKIAABCDEFGHIJKLMNOP\n-----BEGIN PRIVATE KEY-----\nMIIEabc\n  MIIEdef\n-----END PRIVATE KEY-----\nsecret: x\n\n  longvalue\n"
	whole := strings.SplitAfter(Redact(src), "\n")
	lines := strings.SplitAfter(src, "\n")
	for n := 1; n < len(lines); n++ {
		prefix := strings.Join(lines[:n], "")
		got := strings.SplitAfter(Redact(prefix), "\n")
		if len(got) != n+1 {
			t.Fatalf("through line %d: masked into %d lines", n, len(got)-1)
		}
		for i := 0; i < n; i++ {
			if got[i] != whole[i] {
				t.Errorf("through line %d, line %d: %q, whole file %q", n, i+1, got[i], whole[i])
			}
		}
	}
}

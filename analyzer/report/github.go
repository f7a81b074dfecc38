package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/configward/configward/analyzer"
)

// The github format: one workflow command per unsuppressed finding, which
// GitHub Actions shows as an annotation on the file and line:
//
//	::error file=main.tf,line=12,col=3,endLine=12,endColumn=11,title=CW101 s3-bucket-encryption-missing::S3 bucket "logs" has no default server-side encryption
//
// Critical and high findings are errors, medium ones warnings, low ones
// notices; a finding unchanged since the baseline is a notice whatever its
// severity, since it does not fail the run. Suppressed findings are left
// out. Notifications follow, titled "configward". Nothing else is printed:
// the exit code carries the verdict.

func writeGitHub(w io.Writer, in *Input) error {
	bw := bufio.NewWriter(w)
	idx := indexRules(in.Rules)
	for _, f := range in.Findings {
		if f.Suppressed() {
			continue
		}
		cmd := githubCommand(f.Severity)
		title := f.RuleID
		if r := idx[f.RuleID]; r != nil && r.Name != "" {
			title += " " + r.Name
		}
		if f.BaselineState == "unchanged" {
			cmd = "notice"
			title += " (" + unchangedNote + ")"
		}
		g := normalize(f.Range)
		var props []string
		if g.file != "" {
			props = append(props,
				"file="+escapeProperty(g.file),
				fmt.Sprintf("line=%d", g.startLine),
				fmt.Sprintf("col=%d", g.startCol),
				fmt.Sprintf("endLine=%d", g.endLine),
				fmt.Sprintf("endColumn=%d", g.endCol))
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(bw, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(messageWithInstances(f)))
	}
	for _, n := range in.Notifications {
		cmd := "warning"
		switch n.Level {
		case "error":
			cmd = "error"
		case "note":
			cmd = "notice"
		}
		var props []string
		if n.Range.Filename != "" {
			props = append(props, "file="+escapeProperty(n.Range.Filename))
			if n.Range.Start.Line > 0 {
				props = append(props,
					fmt.Sprintf("line=%d", n.Range.Start.Line),
					fmt.Sprintf("col=%d", max(n.Range.Start.Column, 1)))
			}
		}
		title := "configward"
		if n.RuleID != "" {
			title += " " + n.RuleID
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(bw, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(n.Message))
	}
	return bw.Flush()
}

func githubCommand(s analyzer.Severity) string {
	switch s.SARIFLevel() {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "notice"
}

// escapeData escapes a workflow command's message as @actions/core does.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// The escapers are built once: a Replacer builds its tables on first use.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeProperty escapes a workflow command's property value as
// @actions/core does.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

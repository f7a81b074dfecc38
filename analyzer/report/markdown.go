package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/configward/configward/analyzer"
)

// The markdown format is a job summary for $GITHUB_STEP_SUMMARY: a heading,
// the verdict against --fail-on, a table of counts by severity and a table
// of the unsuppressed findings (suppressed ones are only counted), then any
// notifications. Text from the scanned files is escaped so that it cannot
// add markup, links or HTML to the summary.

func writeMarkdown(w io.Writer, in *Input) error {
	bw := bufio.NewWriter(w)
	c := count(in)
	idx := indexRules(in.Rules)

	bw.WriteString("## configward\n\n")
	switch failing := in.failing(); {
	case failing > 0:
		fmt.Fprintf(bw, ":x: **Failed**: %s at or above `%s`.\n\n", plural(failing, "finding", "findings"), in.FailOn)
	case in.FailOn == analyzer.None:
		bw.WriteString(":white_check_mark: **Passed** (`--fail-on none`).\n\n")
	default:
		fmt.Fprintf(bw, ":white_check_mark: **Passed**: no finding at or above `%s`.\n\n", in.FailOn)
	}

	if cmp := in.Comparison; cmp != nil {
		writeComparison(bw, cmp, c)
	}

	bw.WriteString("| Severity | Findings |\n|---|---:|\n")
	for _, s := range severities {
		fmt.Fprintf(bw, "| %s | %d |\n", s, c.bySeverity[s])
	}
	if c.unchanged > 0 {
		fmt.Fprintf(bw, "| _of which %s_ | %d |\n", unchangedNote, c.unchanged)
	}
	fmt.Fprintf(bw, "| suppressed | %d |\n\n", c.suppressed)

	if c.open == 0 {
		bw.WriteString("No findings.\n")
	} else {
		bw.WriteString("| Severity | Rule | Location | Resource | Message |\n|---|---|---|---|---|\n")
		for _, f := range in.Findings {
			if f.Suppressed() {
				continue
			}
			rule := f.RuleID
			if t := idx.title(f.RuleID); t != "" {
				rule += " " + t
			}
			g := normalize(f.Range)
			loc := ""
			if g.file != "" {
				loc = fmt.Sprintf("%s:%d", g.file, g.startLine)
			}
			msg := escapeCell(messageWithInstances(f))
			if f.BaselineState == "unchanged" {
				msg += " _(" + unchangedNote + ")_"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n",
				f.Severity, escapeCell(rule), escapeCell(loc), escapeCell(f.Resource), msg)
		}
	}

	if len(in.Notifications) > 0 {
		bw.WriteString("\n### Notifications\n\n")
		for _, n := range in.Notifications {
			loc := ""
			if n.Range.Filename != "" {
				loc = n.Range.Filename
				if n.Range.Start.Line > 0 {
					loc += fmt.Sprintf(":%d", n.Range.Start.Line)
				}
				loc += ": "
			}
			fmt.Fprintf(bw, "- **%s**: %s\n", escapeCell(n.Level), escapeCell(loc+n.Message))
		}
	}
	return bw.Flush()
}

// writeComparison says what a change did against its base: new, fixed and
// unchanged findings, then the suppressions and configuration changes it
// added, so that a reviewer sees a change that silences its own findings.
func writeComparison(bw *bufio.Writer, cmp *Comparison, c counts) {
	fmt.Fprintf(bw, "Compared with the base %s: **%d new**, %d fixed, %d unchanged.\n\n",
		"`"+strings.ReplaceAll(cmp.Base, "`", "'")+"`", c.new, len(cmp.Absent), c.unchanged)
	if len(cmp.SuppressionsAdded) > 0 {
		bw.WriteString("### Suppressions added by this change\n\n| Rule | Location | Resource | Reason |\n|---|---|---|---|\n")
		for _, f := range cmp.SuppressionsAdded {
			g := normalize(f.Range)
			reason := ""
			if f.Suppression != nil {
				reason = f.Suppression.Justification
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", escapeCell(f.RuleID), escapeCell(fmt.Sprintf("%s:%d", g.file, g.startLine)), escapeCell(f.Resource), escapeCell(reason))
		}
		bw.WriteString("\n")
	}
	if len(cmp.ConfigChanges) > 0 {
		bw.WriteString("### Configuration changed by this change\n\n")
		for _, ch := range cmp.ConfigChanges {
			fence := "~~~"
			for _, l := range ch.Lines {
				for strings.Contains(l, fence) {
					fence += "~"
				}
			}
			fmt.Fprintf(bw, "%s\n\n%s diff\n%s\n%s\n\n", escapeCell(ch.File), fence, strings.Join(ch.Lines, "\n"), fence)
		}
	}
}

// mdEscaper backslash-escapes the characters that could start markup inside
// a table cell (CommonMark allows a backslash before any ASCII punctuation),
// and turns line breaks into <br>.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "!", `\!`,
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

func escapeCell(s string) string {
	return mdEscaper.Replace(s)
}

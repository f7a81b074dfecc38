package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/configward/configward/analyzer"
)

// The markdown format is a job summary for $GITHUB_STEP_SUMMARY: a heading,
// the verdict against --fail-on, a table of counts by severity and a table
// of the unsuppressed findings (suppressed ones are only counted), then any
// notifications. Text from the scanned files is escaped so that it cannot
// add markup, links or HTML to the summary.

// GitHub drops a job summary over 1 MiB: the findings table stops at
// maxMarkdownFindings bytes and the notifications at maxMarkdown, each
// with a line saying how many were left out (a row or line is at most a
// few KiB more: messages and names are bounded by the files' size, so a
// margin is kept).
const (
	maxMarkdown         = 1<<20 - 64<<10
	maxMarkdownFindings = maxMarkdown - 64<<10
)

// countingWriter counts the bytes bufio has flushed through it.
type countingWriter struct {
	w io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

func writeMarkdown(w io.Writer, in *Input) error {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriter(cw)
	size := func() int { return cw.n + bw.Buffered() }
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
		for i, f := range in.Findings {
			if f.Suppressed() {
				continue
			}
			if size() > maxMarkdownFindings {
				left := 0
				for _, f := range in.Findings[i:] {
					if !f.Suppressed() {
						left++
					}
				}
				fmt.Fprintf(bw, "\n_%s left out: a job summary holds at most 1 MiB; the json and sarif reports have every finding._\n", plural(left, "more finding", "more findings"))
				break
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
		for i, n := range in.Notifications {
			if size() > maxMarkdown {
				fmt.Fprintf(bw, "\n_%s left out: a job summary holds at most 1 MiB._\n", plural(len(in.Notifications)-i, "more notification", "more notifications"))
				break
			}
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
// and turns line breaks into <br>. "://", "@" and "www." are escaped too: an
// escaped character is a text node of its own, so GitHub's autolinks (a
// scheme's "://", an e-mail address, "www.") cannot form.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "!", `\!`,
	"://", `\://`, "@", `\@`, "www.", `www\.`,
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

// maxCell bounds a cell's text, in bytes before escaping.
const maxCell = 2048

// escapeCell escapes a cell's text, writes control and bidi characters as
// visible code points (U+202E) so they cannot reorder what a reader sees,
// and cuts it at maxCell.
func escapeCell(s string) string {
	if len(s) > maxCell {
		cut := maxCell
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	if strings.ContainsFunc(s, isHiddenControl) {
		var b strings.Builder
		for _, r := range s {
			if isHiddenControl(r) {
				fmt.Fprintf(&b, "U+%04X", r)
				continue
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	return mdEscaper.Replace(s)
}

// isHiddenControl: control characters but line breaks (made <br>), and
// bidi controls.
func isHiddenControl(r rune) bool {
	return r != '\n' && r != '\r' && isControl(r)
}

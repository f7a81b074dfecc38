package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
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
// out. Notifications follow, titled "configward".
//
// GitHub shows at most 10 errors, 10 warnings and 10 notices of one step
// and drops the rest without a word, so the annotations come most severe
// first (file order within a severity), at most GitHubLimit of each kind,
// and when any were left out a closing notice says how many and where the
// rest are (it takes the last notice place). Input.Annotate, when set,
// keeps only the findings it accepts (a pull request's changed lines).

// GitHubLimit is the number of annotations of each kind (error, warning,
// notice) that GitHub shows for one step.
const GitHubLimit = 10

type annotation struct {
	cmd, line string
	rank      int // sort key: lower first
}

func writeGitHub(w io.Writer, in *Input) error {
	bw := bufio.NewWriter(w)
	idx := indexRules(in.Rules)
	var all []annotation
	for _, f := range in.Findings {
		if f.Suppressed() || (in.Annotate != nil && !in.Annotate(f)) {
			continue
		}
		cmd := githubCommand(f.Severity)
		title := f.RuleID
		if r := idx[f.RuleID]; r != nil && r.Name != "" {
			title += " " + r.Name
		}
		rank := int(analyzer.Critical - f.Severity)
		if f.BaselineState == "unchanged" {
			cmd = "notice"
			title += " (" + unchangedNote + ")"
			rank = int(analyzer.Critical) + 1
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
		all = append(all, annotation{cmd, fmt.Sprintf("::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(messageWithInstances(f))), rank})
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
		all = append(all, annotation{cmd, fmt.Sprintf("::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(n.Message)), int(analyzer.Critical) + 2})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].rank < all[j].rank })

	total := map[string]int{}
	for _, a := range all {
		total[a.cmd]++
	}
	limit := map[string]int{"error": GitHubLimit, "warning": GitHubLimit, "notice": GitHubLimit}
	if total["error"] > GitHubLimit || total["warning"] > GitHubLimit || total["notice"] > GitHubLimit {
		limit["notice"] = GitHubLimit - 1 // the closing notice takes the last place
	}
	shown := map[string]int{}
	left := 0
	for _, a := range all {
		if shown[a.cmd] >= limit[a.cmd] {
			left++
			continue
		}
		shown[a.cmd]++
		bw.WriteString(a.line)
	}
	if left > 0 {
		fmt.Fprintf(bw, "::notice title=configward::%s\n", escapeData(fmt.Sprintf(
			"%s not shown here (GitHub shows %d errors, %d warnings and %d notices per step): see the job summary, the SARIF report or code scanning for every finding",
			plural(left, "annotation", "annotations"), GitHubLimit, GitHubLimit, GitHubLimit)))
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

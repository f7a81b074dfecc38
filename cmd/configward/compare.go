package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/report"
	"github.com/configward/configward/parsers/model"
)

// baseline is an earlier SARIF report (--baseline): the scan of a base
// commit, or a report kept in the repository. configward never runs git
// itself (the binary spawns no process): the action checks the merge base
// out and scans it into the baseline.
type baseline struct {
	findings map[string]*analyzer.Finding // by fingerprint, suppressed ones too
	list     []*analyzer.Finding
}

// readBaseline reads the results of an earlier SARIF report with their
// configward/v1 fingerprints, places and suppressions.
func readBaseline(path string, rules []*analyzer.Rule, limit int64) (*baseline, error) {
	src, err := readInput("--baseline", path, limit)
	if err != nil {
		return nil, err
	}
	return parseBaseline(path, src, rules)
}

// parseBaseline reads a SARIF report's results.
func parseBaseline(path string, src []byte, rules []*analyzer.Rule) (*baseline, error) {
	var doc struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
							EndLine     int `json:"endLine"`
							EndColumn   int `json:"endColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
					Logical []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Suppressions        []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
				} `json:"suppressions"`
				BaselineState string `json:"baselineState"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("--baseline %s: not a SARIF report: %v", path, err)
	}
	b := &baseline{findings: map[string]*analyzer.Finding{}}
	for _, r := range doc.Runs {
		for _, res := range r.Results {
			fp := res.PartialFingerprints["configward/v1"]
			if fp == "" || res.BaselineState == "absent" {
				continue
			}
			f := &analyzer.Finding{RuleID: res.RuleID, Message: res.Message.Text, Fingerprint: fp}
			if rule := analyzer.Lookup(rules, res.RuleID); rule != nil {
				f.Severity = rule.Severity
			}
			if len(res.Locations) > 0 {
				loc := res.Locations[0]
				file := strings.TrimPrefix(loc.Physical.Artifact.URI, "./")
				if u, err := url.PathUnescape(file); err == nil {
					file = u
				}
				rg := loc.Physical.Region
				f.Range = model.Range{Filename: file,
					Start: model.Pos{Line: rg.StartLine, Column: rg.StartColumn},
					End:   model.Pos{Line: rg.EndLine, Column: rg.EndColumn}}
				if len(loc.Logical) > 0 {
					f.Resource = loc.Logical[0].FullyQualifiedName
				}
			}
			if len(res.Suppressions) > 0 {
				f.Suppression = &analyzer.Suppression{Kind: res.Suppressions[0].Kind, Justification: res.Suppressions[0].Justification}
			}
			if b.findings[fp] == nil {
				b.findings[fp] = f
				b.list = append(b.list, f)
			}
		}
	}
	return b, nil
}

// compare marks each finding new or unchanged against the baseline and
// lists what the change fixed (the baseline's unsuppressed findings that
// are gone) and silenced (findings suppressed now that the baseline had
// unsuppressed, or did not have).
func (b *baseline) compare(findings []*analyzer.Finding) *report.Comparison {
	cmp := &report.Comparison{}
	seen := map[string]bool{}
	for _, fd := range findings {
		seen[fd.Fingerprint] = true
		old := b.findings[fd.Fingerprint]
		fd.BaselineState = "new"
		if old != nil {
			fd.BaselineState = "unchanged"
		}
		if fd.Suppressed() && (old == nil || !old.Suppressed()) {
			cmp.SuppressionsAdded = append(cmp.SuppressionsAdded, fd)
		}
	}
	for _, old := range b.list {
		if !seen[old.Fingerprint] && !old.Suppressed() {
			cmp.Absent = append(cmp.Absent, old)
		}
	}
	return cmp
}

// configChange lists the lines the configuration file at path gained
// ("+ ...") and lost ("- ...") against the base's copy at basePath (which
// may not exist: every line is then new). Lines are compared as a
// sequence (longest common subsequence), so a moved line shows as both.
func configChange(basePath, path string) (*report.ConfigChange, error) {
	oldSrc, err := os.ReadFile(basePath)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("--baseline-config: %v", err)
	}
	newSrc, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	lines := diffLines(splitLines(oldSrc), splitLines(newSrc))
	if len(lines) == 0 {
		return nil, nil
	}
	return &report.ConfigChange{File: path, Lines: lines}, nil
}

func splitLines(src []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	return out
}

// diffLines is a plain LCS line diff: fine for configuration files of a
// few hundred lines.
func diffLines(a, b []string) []string {
	const max = 2000
	if len(a) > max || len(b) > max {
		return []string{fmt.Sprintf("~ the file changed (%d lines before, %d after)", len(a), len(b))}
	}
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max2(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+ "+b[j])
			j++
		default:
			out = append(out, "- "+a[i])
			i++
		}
	}
	return out
}

func max2(a, b int) int {
	if a > b {
		return a
	}
	return b
}

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
)

// lineSpan is a run of lines, first to last inclusive.
type lineSpan struct{ first, last int }

// readChangedLines reads a unified diff (`git diff --unified=0 -M BASE`,
// which the action makes: configward runs no git itself) into the lines
// each file gained or changed.
func readChangedLines(path string) (map[string][]lineSpan, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--changed-lines: %v", err)
	}
	return parseUnifiedDiff(src), nil
}

// parseUnifiedDiff reads the new-side line ranges of a unified diff, by
// the new name of each file (so a renamed file's changes count under its
// new name, and a pure rename changes no line). Names are unquoted as git
// quotes them, and git's trailing tab after a name with a space is
// dropped. A deletion changes no line of the new version.
func parseUnifiedDiff(diff []byte) map[string][]lineSpan {
	changed := map[string][]lineSpan{}
	file := ""
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = ""
			name := strings.TrimSuffix(line[4:], "\t")
			if strings.HasPrefix(name, `"`) {
				if uq, err := strconv.Unquote(name); err == nil {
					name = uq
				}
			}
			if strings.HasPrefix(name, "b/") {
				file = name[2:]
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			// @@ -a,b +c,d @@: d lines from c are new (d defaults to 1).
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				continue
			}
			start, count, hasCount := strings.Cut(fields[2][1:], ",")
			first, err := strconv.Atoi(start)
			if err != nil {
				continue
			}
			n := 1
			if hasCount {
				if n, err = strconv.Atoi(count); err != nil {
					continue
				}
			}
			if n > 0 {
				changed[file] = append(changed[file], lineSpan{first, first + n - 1})
			}
		}
	}
	return changed
}

// touchesChanged reports whether a finding's whole range, first line to
// last, meets a changed line of its file.
func touchesChanged(changed map[string][]lineSpan, f *analyzer.Finding) bool {
	first, last := f.Range.Start.Line, max(f.Range.End.Line, f.Range.Start.Line)
	for _, s := range changed[f.Range.Filename] {
		if s.first <= last && first <= s.last {
			return true
		}
	}
	return false
}

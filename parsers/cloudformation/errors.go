package cloudformation

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/configward/configward/parsers/model"
	"go.yaml.in/yaml/v3"
)

var yamlErrLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// Bounds of the search for the line of a YAML syntax error.
const (
	maxPrefixTries = 64
	maxPrefixBytes = 16 << 20
)

// yamlErrorDiag turns a yaml.v3 syntax error into a diagnostic. yaml.v3
// reports no column and often the line where the enclosing construct
// starts rather than where the problem is; the line is refined by parsing
// growing prefixes of the file until one fails with the same message.
func yamlErrorDiag(t *lineTable, err error) model.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlErrLine().FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	line = max(1, min(line, t.lines()))
	off := -1
	switch {
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if i := bytes.Index(t.src, []byte("*"+name)); i >= 0 {
			off = i
		}
	case strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token"):
		off = findIndentTab(t, line)
	}
	if off < 0 {
		line = refineErrorLine(t, line, msg)
		text := t.lineText(line - 1)
		off = t.starts[line-1] + len(text) - len(bytes.TrimLeft(text, " \t"))
	}
	li := t.lineOf(off)
	end := t.starts[li] + len(bytes.TrimRight(t.lineText(li), " \t"))
	if end <= off {
		_, size := utf8.DecodeRune(t.src[off:t.ends[li]])
		end = off + size
	}
	return model.Diagnostic{Summary: "invalid YAML: " + msg, Range: t.rng(off, end)}
}

// findIndentTab finds the first tab in the indentation of a line at or
// after line (1-based), or -1.
func findIndentTab(t *lineTable, line int) int {
	for li := line - 1; li < t.lines(); li++ {
		text := t.lineText(li)
		for k, c := range text {
			if c == '\t' {
				return t.starts[li] + k
			}
			if c != ' ' {
				break
			}
		}
	}
	return -1
}

// refineErrorLine returns the first line L at or after line such that the
// file cut after L fails with the same message, or line when none does
// within the bounds.
func refineErrorLine(t *lineTable, line int, msg string) int {
	budget := maxPrefixBytes
	for l, tries := line, 0; l <= t.lines() && tries < maxPrefixTries; l, tries = l+1, tries+1 {
		cut := t.ends[l-1]
		if budget -= cut; budget < 0 {
			break
		}
		var n yaml.Node
		err := yaml.Unmarshal(t.src[:cut], &n)
		if err == nil {
			continue
		}
		got := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlErrLine().FindStringSubmatch(err.Error()); m != nil {
			got = m[2]
		}
		if got == msg {
			return l
		}
	}
	return line
}

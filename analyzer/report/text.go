package report

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// The text format, for terminals and logs. Each unsuppressed finding is a
// block in compiler style:
//
//	main.tf:12:3: high [CW101] S3 bucket "logs" has no default server-side encryption
//	    resource "aws_s3_bucket" "logs" {
//	    ^~~~~~~~
//
// then the notifications, then one summary line:
//
//	3 findings (0 critical, 2 high, 1 medium, 0 low), 1 suppressed
//
// Suppressed findings are not listed, only counted in the summary (json and
// sarif carry them with their justification). A finding unchanged since the
// baseline ends with "(unchanged since baseline)" and is counted as such.
//
// The snippet is the one source line of the finding's start, with a caret
// under the start and tildes to the end of a single-line range; tabs are
// kept and mirrored in the caret line. A long line is cut to a window around
// the start. Control characters become "?", so input cannot send escape
// sequences to the terminal. Findings of rules tagged "secret" or "secrets"
// get no snippet: the line may hold the very value the message masks.

// ANSI escapes, used only when Input.Color is set.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
)

var severityColor = map[analyzer.Severity]string{
	analyzer.Critical: "\x1b[1;35m", // bold magenta
	analyzer.High:     "\x1b[1;31m", // bold red
	analyzer.Medium:   "\x1b[1;33m", // bold yellow
	analyzer.Low:      "\x1b[1;36m", // bold cyan
}

var levelColor = map[string]string{
	"error":   "\x1b[1;31m",
	"warning": "\x1b[1;33m",
	"note":    "\x1b[1;36m",
}

// maxSnippet is the widest source line shown, in code points.
const maxSnippet = 160

func writeText(w io.Writer, in *Input) error {
	cw := &commandSafeWriter{w: w}
	bw := bufio.NewWriter(cw)
	if in.GitHubActions {
		// The runner executes no workflow command between these lines; the
		// token is random, so the scanned files cannot end the block.
		token, err := stopToken()
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "::stop-commands::%s\n", token); err != nil {
			return err
		}
		defer fmt.Fprintf(w, "::%s::\n", token)
	}
	lines := &lineCache{read: in.Lines}
	if lines.read == nil && in.Sources != nil {
		lines.read = func(file string, _ int) []byte { return in.Sources(file) }
	}
	paint := func(code, s string) string {
		if !in.Color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	idx := indexRules(in.Rules)
	blocks := 0
	for i, f := range in.Findings {
		if f.Suppressed() {
			continue
		}
		if blocks > 0 {
			bw.WriteString("\n")
		}
		blocks++
		g := normalize(f.Range)
		fmt.Fprintf(bw, "%s %s [%s] %s",
			paint(ansiBold, fmt.Sprintf("%s:%d:%d:", cleanText(g.file), g.startLine, g.startCol)),
			paint(severityColor[f.Severity], f.Severity.String()),
			cleanText(f.RuleID), cleanText(messageWithInstances(f)))
		if f.BaselineState == "unchanged" {
			bw.WriteString(" (" + unchangedNote + ")")
		}
		if hasFix(f, in) {
			bw.WriteString(" " + paint(ansiBold, fixNote))
		}
		bw.WriteString("\n")
		if lines.read != nil && g.file != "" && !secretRule(idx[f.RuleID]) {
			if runes, ok := lines.line(g.file, g.startLine, in.Findings[i:]); ok {
				src, marks := snippetRunes(runes, g)
				fmt.Fprintf(bw, "    %s\n    %s\n", src, paint(severityColor[f.Severity], marks))
			}
		}
	}
	if len(in.Notifications) > 0 {
		if blocks > 0 {
			bw.WriteString("\n")
		}
		for _, n := range in.Notifications {
			loc := ""
			if n.Range.Filename != "" {
				loc = paint(ansiBold, Place(n.Range)+":") + " "
			}
			rule := ""
			if n.RuleID != "" {
				rule = " [" + cleanText(n.RuleID) + "]"
			}
			fmt.Fprintf(bw, "%s%s%s: %s\n", loc, paint(levelColor[n.Level], cleanText(n.Level)), rule, cleanText(n.Message))
		}
	}
	if blocks > 0 || len(in.Notifications) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString(textSummary(count(in)) + "\n")
	if err := bw.Flush(); err != nil {
		return err
	}
	return cw.flush()
}

// stopToken is a random token for ::stop-commands::.
func stopToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// commandSafeWriter escapes, in every line written through it, what a
// GitHub Actions runner would execute: a line starting (after white space)
// with "::" gets a backslash between the colons, and "##[" (the legacy
// command prefix, matched anywhere in a line) becomes "##\[". Text output
// never writes either itself, so only text taken from input is changed.
type commandSafeWriter struct {
	w       io.Writer
	partial []byte // the start of a line not yet ended
}

func (c *commandSafeWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			c.partial = append(c.partial, p...)
			break
		}
		line := append(c.partial, p[:i+1]...)
		c.partial = c.partial[:0]
		if _, err := c.w.Write(escapeCommands(line)); err != nil {
			return 0, err
		}
		p = p[i+1:]
	}
	return n, nil
}

func (c *commandSafeWriter) flush() error {
	if len(c.partial) == 0 {
		return nil
	}
	_, err := c.w.Write(escapeCommands(c.partial))
	c.partial = c.partial[:0]
	return err
}

// escapeCommands escapes one line as commandSafeWriter says.
func escapeCommands(line []byte) []byte {
	trimmed := bytes.TrimLeft(line, " \t")
	if bytes.HasPrefix(trimmed, []byte("::")) {
		at := len(line) - len(trimmed)
		line = append(append(append([]byte{}, line[:at+1]...), '\\'), line[at+1:]...)
	}
	if bytes.Contains(line, []byte("##[")) {
		line = bytes.ReplaceAll(line, []byte("##["), []byte("##\\["))
	}
	return line
}

// lineCache reads each file once for the snippets of its findings (they
// come sorted by file), only as far as the last line they show, and
// converts each line to code points once.
type lineCache struct {
	read     func(file string, last int) []byte
	file     string
	src      []byte
	starts   []int // the offset of each line's start
	lineNo   int
	runes    []rune
	hasRunes bool
}

// line returns line n of file; rest are the findings from the current one
// on, whose run on the same file says how far to read.
func (c *lineCache) line(file string, n int, rest []*analyzer.Finding) ([]rune, bool) {
	if file != c.file {
		last := n
		for _, f := range rest {
			if f.Range.Filename != file {
				break
			}
			if !f.Suppressed() {
				last = max(last, f.Range.Start.Line)
			}
		}
		c.file, c.src, c.starts, c.hasRunes = file, c.read(file, last), nil, false
		c.src = bytes.TrimPrefix(c.src, []byte("\xEF\xBB\xBF")) // a BOM takes no column
		if c.src != nil {
			c.starts = lineStarts(c.src)
		}
	}
	if c.hasRunes && c.lineNo == n {
		return c.runes, true
	}
	if n < 1 || n > len(c.starts) {
		return nil, false
	}
	end := len(c.src)
	if n < len(c.starts) {
		end = c.starts[n]
	}
	// A line holds no CR or LF but its end.
	line := bytes.TrimRight(c.src[c.starts[n-1]:end], "\r\n")
	c.lineNo, c.runes, c.hasRunes = n, []rune(string(line)), true
	return c.runes, true
}

// lineStarts are the offsets where lines start; lines end at LF, CRLF or
// a lone CR, as the parsers count them.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		case '\n':
			starts = append(starts, i+1)
		}
	}
	return starts
}

// textSummary is the last line of the text format.
func textSummary(c counts) string {
	var b strings.Builder
	if c.open == 0 {
		b.WriteString("no findings")
	} else {
		b.WriteString(plural(c.open, "finding", "findings"))
		b.WriteString(" (")
		for i, s := range severities {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d %s", c.bySeverity[s], s)
		}
		b.WriteString(")")
	}
	if c.unchanged > 0 {
		fmt.Fprintf(&b, ", %d %s", c.unchanged, unchangedNote)
	}
	if c.suppressed > 0 {
		fmt.Fprintf(&b, ", %d suppressed", c.suppressed)
	}
	return b.String()
}

// secretRule reports whether the rule's findings are about secret values,
// whose source lines are not shown.
func secretRule(r *analyzer.Rule) bool {
	if r == nil {
		return false
	}
	for _, t := range r.Tags {
		if t == "secret" || t == "secrets" {
			return true
		}
	}
	return false
}

// sourceLine returns the 1-based line n of src, without its line ending.
func sourceLine(src []byte, n int) (string, bool) {
	if src == nil || n < 1 {
		return "", false
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")) // a BOM takes no column
	// Lines end at LF, CRLF or a lone CR, as the parsers count them.
	for line := 1; ; line++ {
		j := bytes.IndexAny(src, "\r\n")
		if line == n {
			if j >= 0 {
				src = src[:j]
			}
			return string(src), true
		}
		if j < 0 {
			return "", false
		}
		if src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
			j++
		}
		src = src[j+1:]
	}
}

// snippet renders a source line and the caret line under the region g,
// columns counting code points. Every code point of the line becomes one
// code point of the output, so the caret line lines up with it.
func snippet(line string, g region) (src, marks string) {
	return snippetRunes([]rune(line), g) // invalid bytes become U+FFFD, one each, as columns count them
}

// snippetRunes is snippet of a line already converted to code points.
func snippetRunes(runes []rune, g region) (src, marks string) {
	start := min(g.startCol-1, len(runes))
	end := start + 1
	if g.endLine == g.startLine && g.endCol-1 > end {
		end = g.endCol - 1
	}
	end = min(end, max(len(runes), start+1))

	// Cut a long line to a window around the start.
	lo, hi := 0, len(runes)
	if len(runes) > maxSnippet {
		lo = max(0, min(start-maxSnippet/4, len(runes)-maxSnippet))
		hi = lo + maxSnippet
		end = max(min(end, hi), start+1)
	}
	var s, m strings.Builder
	if lo > 0 {
		s.WriteString("...")
		m.WriteString("   ")
	}
	for i := lo; i < max(hi, end); i++ {
		r := ' '
		if i < len(runes) {
			r = runes[i]
		}
		switch {
		case r == '\t':
		case r == unicode.ReplacementChar:
		case !unicode.IsPrint(r) && r != ' ':
			r = '?'
		}
		if i < hi {
			s.WriteRune(r)
		}
		switch {
		case i < start:
			if r == '\t' {
				m.WriteRune('\t')
			} else {
				m.WriteRune(' ')
			}
		case i == start:
			m.WriteRune('^')
		case i < end:
			m.WriteRune('~')
		}
	}
	if hi < len(runes) {
		s.WriteString("...")
	}
	return strings.TrimRight(s.String(), " "), m.String()
}

// Place is "file:line:col" of r (file alone without a line), safe for one
// terminal line whatever the file is named.
func Place(r model.Range) string {
	loc := cleanText(r.Filename)
	if r.Start.Line > 0 {
		loc += fmt.Sprintf(":%d:%d", r.Start.Line, max(r.Start.Column, 1))
	}
	return loc
}

// cleanText makes a string safe for one terminal line: control characters
// are written as Go escapes (\n, \x1b).
func cleanText(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := fmt.Sprintf("%+q", string(r))
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
}

// fixNote marks a finding whose fix `configward fix` can write.
const fixNote = "[fix: configward fix]"

// hasFix reports whether the finding's fix can be written in its file.
func hasFix(f *analyzer.Finding, in *Input) bool {
	return f.Fix != nil && in.Fixes != nil && len(in.Fixes(f)) > 0
}

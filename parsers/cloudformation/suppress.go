package cloudformation

import (
	"bytes"
	"strings"

	"github.com/configward/configward/parsers/model"
)

// metadataSuppressions reads a resource's
// Metadata: {configward: {ignore: [{id: CW101, reason: "..."}]}}.
func metadataSuppressions(r *model.Resource) []model.Suppression {
	var out []model.Suppression
	for _, entry := range r.Metadata.Path("configward", "ignore").Elements() {
		id, ok := entry.Get("id").AsString()
		if !ok {
			continue
		}
		reason, _ := entry.Get("reason").AsString()
		out = append(out, model.Suppression{
			RuleID:   strings.TrimSpace(id),
			Reason:   strings.TrimSpace(reason),
			Range:    entry.Range,
			Resource: r.Address,
		})
	}
	return out
}

const ignoreDirective = "configward:ignore"

// commentSuppressions finds `# configward:ignore CW101 reason` comments in
// YAML source. Each covers its own line and the next line that is neither
// blank nor a comment. Lines inside multi-line scalars (verbatim, 1-based
// inclusive spans) hold no comments.
func commentSuppressions(t *lineTable, verbatim [][2]int) []model.Suppression {
	if !bytes.Contains(t.src, []byte(ignoreDirective)) {
		return nil // nearly every template: no line needs a look
	}
	skip := make([]bool, t.lines()+2)
	for _, s := range verbatim {
		for l := max(s[0], 0); l <= s[1] && l < len(skip); l++ {
			skip[l] = true
		}
	}
	var out []model.Suppression
	for li := 0; li < t.lines(); li++ {
		if skip[li+1] {
			continue
		}
		text := t.lineText(li)
		at := commentStart(text)
		if at < 0 {
			continue
		}
		body := strings.TrimSpace(string(text[at+1:]))
		if !strings.HasPrefix(body, ignoreDirective) {
			continue
		}
		rest := body[len(ignoreDirective):]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue // configward:ignored or similar
		}
		ids, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
		lines := []int{li + 1}
		if next := nextCodeLine(t, li+1); next > 0 {
			lines = append(lines, next)
		}
		from := t.starts[li] + at
		rng := t.rng(from, t.starts[li]+len(bytes.TrimRight(text, " \t")))
		for _, id := range strings.Split(ids, ",") {
			out = append(out, model.Suppression{
				RuleID: strings.TrimSpace(id),
				Reason: strings.TrimSpace(reason),
				Range:  rng,
				Lines:  lines,
			})
		}
	}
	return out
}

// nextCodeLine is the 1-based number of the first line at or after 0-based
// index li that is neither blank nor only a comment, or 0.
func nextCodeLine(t *lineTable, li int) int {
	for ; li < t.lines(); li++ {
		s := bytes.TrimLeft(t.lineText(li), " \t")
		if len(s) > 0 && s[0] != '#' {
			return li + 1
		}
	}
	return 0
}

// commentStart finds the '#' that starts a comment on a YAML line: at the
// start after blanks, or after a blank outside quotes. A quote opens a
// quoted scalar only at the start of a token.
func commentStart(line []byte) int {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				quote = 0
			}
		case quote == '\'':
			if c == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
				} else {
					quote = 0
				}
			}
		case c == '#':
			if i == 0 || isBlank(line[i-1]) {
				return i
			}
		case c == '"' || c == '\'':
			if i == 0 || strings.IndexByte(" \t[{,:-?", line[i-1]) >= 0 {
				quote = c
			}
		}
	}
	return -1
}

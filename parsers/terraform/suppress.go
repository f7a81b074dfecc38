package terraform

import (
	"bytes"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/configward/configward/parsers/model"
)

// ignoreDirective starts a suppression comment.
const ignoreDirective = "configward:ignore"

// suppressions finds the `configward:ignore RULE reason` comments of the
// native files, in any of the three comment forms. Each covers its own
// line and the next line that holds code, so a comment above a block or
// attribute covers it and a trailing comment covers its line.
func (m *module) suppressions() []model.Suppression {
	var out []model.Suppression
	for _, name := range m.tfFiles {
		src := m.cfg.sources[name]
		if !bytes.Contains(src.src, []byte(ignoreDirective)) {
			continue // no directive, so no comment to read
		}
		toks, _ := hclsyntax.LexConfig(src.src, name, hcl.InitialPos)
		for i, t := range toks {
			if t.Type != hclsyntax.TokenComment {
				continue
			}
			body := commentBody(string(t.Bytes))
			rest, ok := strings.CutPrefix(body, ignoreDirective)
			if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
				continue
			}
			rest = strings.TrimSpace(rest)
			ids, reason, _ := strings.Cut(rest, " ")
			if j := strings.IndexAny(ids, "\t"); j >= 0 {
				ids, reason = ids[:j], ids[j+1:]+" "+reason
			}
			reason = strings.Join(strings.Fields(reason), " ")

			line := t.Range.Start.Line
			lines := []int{line}
			for _, n := range toks[i+1:] {
				if n.Type == hclsyntax.TokenNewline || n.Type == hclsyntax.TokenComment {
					continue
				}
				if n.Type != hclsyntax.TokenEOF && n.Range.Start.Line > line {
					lines = append(lines, n.Range.Start.Line)
				}
				if n.Range.Start.Line > line || n.Type == hclsyntax.TokenEOF {
					break
				}
			}
			rng := commentRange(src, t)
			for _, id := range strings.Split(ids, ",") {
				out = append(out, model.Suppression{RuleID: strings.TrimSpace(id), Reason: reason, Range: rng, Lines: lines})
			}
		}
	}
	return out
}

// commentBody strips the comment markers.
func commentBody(c string) string {
	switch {
	case strings.HasPrefix(c, "#"):
		c = c[1:]
	case strings.HasPrefix(c, "//"):
		c = c[2:]
	case strings.HasPrefix(c, "/*"):
		c = strings.TrimSuffix(c[2:], "*/")
	}
	return strings.TrimSpace(c)
}

// commentRange is the comment without the line break that ends a line
// comment.
func commentRange(src *source, t hclsyntax.Token) model.Range {
	end := t.Range.End.Byte
	for end > t.Range.Start.Byte && (src.src[end-1] == '\n' || src.src[end-1] == '\r') {
		end--
	}
	return model.Range{Filename: src.name, Start: src.pos(t.Range.Start.Byte), End: src.pos(end)}
}

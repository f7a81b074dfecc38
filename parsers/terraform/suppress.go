package terraform

import (
	"bytes"
	"slices"
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
// attribute covers it and a trailing comment covers its line. A file is
// lexed in the pieces it is parsed in, and only the pieces that hold a
// directive (and the next one, for the line after a piece's last comment):
// never a large file's tokens at once.
func (m *module) suppressions() []model.Suppression {
	var out []model.Suppression
	for _, name := range m.tfFiles {
		src := m.cfg.sources[name]
		if !bytes.Contains(src.src, []byte(ignoreDirective)) {
			continue // no directive, so no comment to read
		}
		ps := newPieces(src.src, name)
		for k := range ps.count() {
			if !bytes.Contains(ps.bytes(k), []byte(ignoreDirective)) {
				continue
			}
			toks := ps.lex(k)
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
				if next := ps.nextCodeLine(k, toks[i+1:], line); next > 0 {
					lines = append(lines, next)
				}
				rng := commentRange(src, t)
				for _, id := range strings.Split(ids, ",") {
					out = append(out, model.Suppression{RuleID: strings.TrimSpace(id), Reason: reason, Range: rng, Lines: lines})
				}
			}
		}
	}
	return out
}

// pieces are a native file's pieces as parsePieces cuts them (the whole
// file when it is not cut), lexed on demand, the last one kept.
type pieces struct {
	src    []byte
	name   string
	bounds []int // piece k is src[bounds[k]:bounds[k+1]]
	lexed  map[int]hclsyntax.Tokens
}

func newPieces(src []byte, name string) *pieces {
	n := scanNesting(src)
	cuts := n.cuts
	for _, l := range n.locals {
		cuts = append(cuts, l.cuts...)
	}
	slices.Sort(cuts)
	bounds := append(append([]int{0}, cuts...), len(src))
	return &pieces{src: src, name: name, bounds: bounds, lexed: map[int]hclsyntax.Tokens{}}
}

func (p *pieces) count() int         { return len(p.bounds) - 1 }
func (p *pieces) bytes(k int) []byte { return p.src[p.bounds[k]:p.bounds[k+1]] }

// lex returns piece k's tokens, positioned in the whole file.
func (p *pieces) lex(k int) hclsyntax.Tokens {
	if toks, ok := p.lexed[k]; ok {
		return toks
	}
	start := p.bounds[k]
	pos := hcl.Pos{Line: 1 + bytes.Count(p.src[:start], []byte("\n")), Column: 1, Byte: start}
	toks, _ := hclsyntax.LexConfig(p.bytes(k), p.name, pos)
	clear(p.lexed)
	p.lexed[k] = toks
	return toks
}

// nextCodeLine is the first line after line that holds code, from the
// tokens after a comment in piece k on (0 at the end of the file).
func (p *pieces) nextCodeLine(k int, after hclsyntax.Tokens, line int) int {
	for {
		for _, n := range after {
			switch {
			case n.Type == hclsyntax.TokenNewline || n.Type == hclsyntax.TokenComment:
			case n.Type == hclsyntax.TokenEOF:
			case n.Range.Start.Line > line:
				return n.Range.Start.Line
			}
		}
		if k++; k >= p.count() {
			return 0
		}
		after = p.lex(k)
	}
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

package terraform

import "strings"

// yamlNestedPast reports whether the YAML text src certainly nests its
// collections deeper than limit, read from the text alone: flow brackets,
// and block sequence entries and mapping keys by their columns. It runs
// before yaml.v3, whose parser allocates about a kilobyte per level (and
// more than linearly in the levels) before the nesting of its nodes can be
// measured. It is a lower bound: a construct it does not follow for
// certain (explicit keys, multi-line scalars outside flow collections,
// tabs in indentation, directives, several documents) ends the scan with
// false, and yaml.v3's reading decides as before.
func yamlNestedPast(src string, limit int) bool {
	if strings.HasPrefix(src, "\ufeff") {
		return false
	}
	s := yamlScan{limit: limit}
	for first := true; src != ""; first = false {
		line, rest, _ := strings.Cut(src, "\n")
		src = rest
		switch s.line(strings.TrimSuffix(line, "\r"), first) {
		case yamlDeep:
			return true
		case yamlStop:
			return false
		}
	}
	return false
}

type yamlScanResult int

const (
	yamlGoOn yamlScanResult = iota
	yamlDeep                // a collection nested past the limit
	yamlStop                // a construct the scan does not follow
)

// yamlLevel is an open block collection: the column of its entries or
// keys, and its nesting (the root collection is 1).
type yamlLevel struct {
	col, depth int
	seq        bool
}

type yamlScan struct {
	limit   int
	stack   []yamlLevel
	started bool // a node has been read
	open    bool // the last line ended where its node was still to come
	// Inside flow collections: how many are open, the block nesting they
	// are in, whether a node may start here, whether one just ended (a
	// ':' right after a quoted scalar or a collection is a value
	// indicator).
	flow, flowBase     int
	flowStart, flowEnd bool
	// Inside a block scalar: its content is the lines indented past
	// scalarCol, and blank lines.
	inScalar  bool
	scalarCol int
}

func yamlBlank(line string, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t'
}

func (s *yamlScan) depth() int {
	if len(s.stack) == 0 {
		return 0
	}
	return s.stack[len(s.stack)-1].depth
}

func (s *yamlScan) line(line string, first bool) yamlScanResult {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	body := strings.TrimLeft(line, " \t")
	if s.inScalar {
		if body == "" || indent > s.scalarCol {
			return yamlGoOn
		}
		s.inScalar = false
	}
	if s.flow > 0 {
		p, r := s.flowRun(line, 0)
		if r != yamlGoOn || s.flow > 0 {
			return r
		}
		return s.afterFlow(line, p)
	}
	if body == "" || body[0] == '#' {
		return yamlGoOn
	}
	if len(body) != len(line)-indent {
		return yamlStop // a tab in the indentation
	}
	if first && line == "---" {
		return yamlGoOn
	}
	if line[0] == '%' || indent == 0 && (strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...")) && yamlBlank(line, 3) {
		return yamlStop // directives, document markers
	}
	// A line indented past the innermost collection after a line whose
	// node was complete continues a multi-line scalar.
	if !s.open && s.started && (len(s.stack) == 0 || indent > s.stack[len(s.stack)-1].col) {
		return yamlStop
	}
	s.started = true
	return s.blockLine(line, indent)
}

// push records a block collection whose entries (seq) or keys are at col,
// the first node of its line when lineStart: then it may continue a
// collection at the same column.
func (s *yamlScan) push(col int, seq, lineStart bool) yamlScanResult {
	if lineStart {
		for n := len(s.stack); n > 0; n = len(s.stack) {
			t := s.stack[n-1]
			// A sequence at a mapping's column is the value of its last
			// key; a key at a sequence's column ends the sequence.
			if t.col > col || t.col == col && t.seq && !seq {
				s.stack = s.stack[:n-1]
				continue
			}
			if t.col == col && t.seq == seq {
				return yamlGoOn
			}
			break
		}
	}
	d := s.depth() + 1
	s.stack = append(s.stack, yamlLevel{col, d, seq})
	if d > s.limit {
		return yamlDeep
	}
	return yamlGoOn
}

// blockLine reads the nodes of a line in block context.
func (s *yamlScan) blockLine(line string, p int) yamlScanResult {
	lineStart, value := true, false
	for {
		for p < len(line) && (line[p] == ' ' || line[p] == '\t') {
			p++
		}
		if p == len(line) || line[p] == '#' {
			s.open = true // a key or entry whose node is on a later line
			return yamlGoOn
		}
		c := line[p]
		switch {
		case c == '-' && yamlBlank(line, p+1):
			if value {
				return yamlStop // not allowed in a key's value on its line
			}
			if r := s.push(p, true, lineStart); r != yamlGoOn {
				return r
			}
			p++
		case (c == '?' || c == ':') && yamlBlank(line, p+1):
			return yamlStop // explicit keys
		case c == '|' || c == '>':
			s.inScalar, s.scalarCol, s.open = true, -1, false
			if len(s.stack) > 0 {
				s.scalarCol = s.stack[len(s.stack)-1].col
			}
			return yamlGoOn
		case c == '[' || c == '{':
			if lineStart && len(s.stack) > 0 && s.stack[len(s.stack)-1].col >= p {
				return yamlStop // not the value of the collection above
			}
			s.flowBase, s.flowStart = s.depth(), true
			p, r := s.flowRun(line, p)
			if r != yamlGoOn {
				return r
			}
			if s.flow > 0 {
				s.open = true
				return yamlGoOn
			}
			return s.afterFlow(line, p)
		case c == '"' || c == '\'':
			end := yamlQuotedEnd(line, p)
			if end < 0 {
				return yamlStop // a quoted scalar over several lines
			}
			q := end
			for q < len(line) && (line[q] == ' ' || line[q] == '\t') {
				q++
			}
			if q < len(line) && line[q] == ':' && yamlBlank(line, q+1) {
				if value {
					return yamlStop
				}
				if r := s.push(p, false, lineStart); r != yamlGoOn {
					return r
				}
				p, value = q+1, true
				break
			}
			return s.complete(line, q)
		case c == '&' || c == '!':
			if lineStart {
				return yamlStop // properties of a key or of the line's collection
			}
			for p < len(line) && !yamlBlank(line, p) {
				p++
			}
			continue
		case c == '*':
			for p < len(line) && !yamlBlank(line, p) {
				p++
			}
			return s.complete(line, p)
		case strings.IndexByte("%@`,]}", c) >= 0:
			return yamlStop
		default: // a plain scalar: a key when ": " ends it on this line
			k := yamlPlainKeyEnd(line, p)
			if k < 0 {
				s.open = false
				return yamlGoOn
			}
			if value {
				return yamlStop
			}
			if r := s.push(p, false, lineStart); r != yamlGoOn {
				return r
			}
			p, value = k+1, true
		}
		lineStart = false
	}
}

// complete checks that nothing but a comment follows a node that ends at p.
func (s *yamlScan) complete(line string, p int) yamlScanResult {
	for p < len(line) && (line[p] == ' ' || line[p] == '\t') {
		p++
	}
	if p < len(line) && line[p] != '#' {
		return yamlStop
	}
	s.open = false
	return yamlGoOn
}

// afterFlow: the flow collections closed before p; a key or anything else
// after them is not followed.
func (s *yamlScan) afterFlow(line string, p int) yamlScanResult {
	return s.complete(line, p)
}

// flowRun reads line from p in flow context until the flow collections
// close (returning the position after the last) or the line ends.
func (s *yamlScan) flowRun(line string, p int) (int, yamlScanResult) {
	for p < len(line) {
		c := line[p]
		switch {
		case c == ' ' || c == '\t':
			p++
			continue
		case c == '#' && (p == 0 || yamlBlank(line, p-1)):
			return len(line), yamlGoOn
		case c == '[' || c == '{':
			if !s.flowStart {
				return p, yamlStop // after a scalar: an error in YAML
			}
			s.flow++
			if s.flowBase+s.flow > s.limit {
				return p, yamlDeep
			}
			p++
			continue
		case c == ']' || c == '}':
			s.flow--
			s.flowStart, s.flowEnd = false, true
			p++
			if s.flow == 0 {
				return p, yamlGoOn
			}
			continue
		case c == ',':
			s.flowStart, s.flowEnd = true, false
			p++
			continue
		case c == ':' && (s.flowEnd || yamlBlank(line, p+1) || p+1 < len(line) && strings.IndexByte(",[]{}", line[p+1]) >= 0):
			s.flowStart, s.flowEnd = true, false
			p++
			continue
		case c == '?' && s.flowStart && yamlBlank(line, p+1):
			p++
			continue
		}
		if !s.flowStart {
			// The rest of a plain scalar begun on an earlier line.
			p = yamlPlainEnd(line, p)
			continue
		}
		switch {
		case c == '"' || c == '\'':
			end := yamlQuotedEnd(line, p)
			if end < 0 {
				return p, yamlStop
			}
			p = end
			s.flowStart, s.flowEnd = false, true
		case c == '&' || c == '!' || c == '*':
			for p < len(line) && !yamlBlank(line, p) && strings.IndexByte(",[]{}", line[p]) < 0 {
				p++
			}
			if c == '*' {
				s.flowStart, s.flowEnd = false, true
			}
		case strings.IndexByte("|>%@`", c) >= 0 || c == '-' && yamlBlank(line, p+1):
			return p, yamlStop
		default:
			p = yamlPlainEnd(line, p)
			s.flowStart, s.flowEnd = false, false
		}
	}
	return p, yamlGoOn
}

// yamlPlainEnd is where a plain scalar in flow context that goes on at p
// ends on its line: at a flow indicator, a ':' before a blank or one, or a
// comment.
func yamlPlainEnd(line string, p int) int {
	for i := p; i < len(line); i++ {
		switch c := line[i]; {
		case strings.IndexByte(",[]{}", c) >= 0:
			return i
		case c == ':' && (yamlBlank(line, i+1) || strings.IndexByte(",[]{}", line[i+1]) >= 0):
			return i
		case c == '#' && i > 0 && yamlBlank(line, i-1):
			return i
		}
	}
	return len(line)
}

// yamlPlainKeyEnd is the index of the ':' that ends a plain scalar in
// block context begun at p as a mapping key, or -1 when it is not a key on
// this line.
func yamlPlainKeyEnd(line string, p int) int {
	for i := p; i < len(line); i++ {
		switch {
		case line[i] == ':' && yamlBlank(line, i+1):
			return i
		case line[i] == '#' && i > p && yamlBlank(line, i-1):
			return -1
		}
	}
	return -1
}

// yamlQuotedEnd is the index after the quoted scalar that starts at p, or
// -1 when it does not end on this line.
func yamlQuotedEnd(line string, p int) int {
	q := line[p]
	for i := p + 1; i < len(line); i++ {
		switch {
		case q == '"' && line[i] == '\\':
			i++
		case line[i] != q:
		case q == '\'' && i+1 < len(line) && line[i+1] == '\'':
			i++
		default:
			return i + 1
		}
	}
	return -1
}

package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// unknownPlaceholder stands for an unknown interpolation in the rendered
// text; it is valid inside a JSON string and nowhere else.
const unknownPlaceholder = "CWUNKNOWN"

// segment is a stretch of a rendered template and where it came from.
type segment struct {
	start, end int // offsets in the rendered text
	lit        bool
	// offs holds the source byte of each rendered byte of a literal; nil
	// when the literal could not be aligned with its source (escapes).
	offs      []int
	part      hcl.Expression
	known     bool
	sensitive bool
}

// templateJSON reads a JSON document written as a string template (a
// heredoc or a quoted string) with the range of every node in the .tf file.
// The template is rendered with its known interpolations; an unknown
// interpolation inside a JSON string makes that string unknown, anywhere
// else the whole document. It returns nil when the template is not valid
// JSON (a diagnostic says why).
func (w *walker) templateJSON(te *hclsyntax.TemplateExpr) *model.Value {
	return w.templateJSONWith(te, w.eval)
}

// templateJSONWith is templateJSON with the interpolations evaluated by
// eval: a template file's interpolations see only the variables given to
// templatefile.
func (w *walker) templateJSONWith(te *hclsyntax.TemplateExpr, eval func(hcl.Expression) cty.Value) *model.Value {
	src := w.cfg.sources[te.SrcRange.Filename]
	if src == nil {
		return nil
	}
	var buf strings.Builder
	var segs []*segment
	anyUnknown := false
	for _, p := range te.Parts {
		s := &segment{start: buf.Len(), part: p}
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull() {
			text := lit.Val.AsString()
			s.lit = true
			s.offs = align(text, src.text(lit.SrcRange), lit.SrcRange.Start.Byte)
			buf.WriteString(text)
		} else {
			v, marks := eval(p).Unmark()
			_, s.sensitive = marks[sensitiveMark]
			text, ok := "", false
			if v.IsWhollyKnown() && !v.IsNull() {
				if sv, err := convert.Convert(v, cty.String); err == nil {
					sv, _ = sv.UnmarkDeep()
					text, ok = sv.AsString(), true
				}
			}
			if !ok {
				text = unknownPlaceholder
				anyUnknown = true
			}
			s.known = ok
			buf.WriteString(text)
		}
		s.end = buf.Len()
		segs = append(segs, s)
	}
	t := &templateMap{src: src, segs: segs, te: te}
	val, diags := jsonvalue.ParseAt(te.SrcRange.Filename, []byte(buf.String()), model.Pos{Line: 1, Column: 1, Byte: 0})
	if val == nil {
		if anyUnknown {
			return w.unknown(te, rangeOf(te), false)
		}
		for _, d := range diags {
			d.Range = t.mapRange(d.Range)
			d.Summary = "policy is not valid JSON: " + strings.TrimPrefix(d.Summary, "invalid JSON: ")
			w.cfg.diags = append(w.cfg.diags, d)
		}
		return nil
	}
	for _, d := range diags {
		d.Range = t.mapRange(d.Range)
		w.cfg.diags = append(w.cfg.diags, d)
	}
	return t.remap(w, val)
}

// escaped flags an offset whose character is escaped in the source: a
// range starting there starts one byte earlier, at the backslash.
const escaped = 1 << 62

// align maps each byte of a literal's value to its source byte. The value
// is the source minus deleted characters (the indentation a <<- heredoc
// strips, the escapes $${ and %%{, the backslash of \"), so a greedy match
// finds every byte; nil when it does not (an escape such as \n).
func align(val, src string, base int) []int {
	offs := make([]int, len(val))
	if val == src {
		for i := range offs {
			offs[i] = base + i
		}
		return offs
	}
	j := 0
	for i := 0; i < len(val); i++ {
		from := j
		for j < len(src) && src[j] != val[i] {
			j++
		}
		if j == len(src) {
			return nil
		}
		offs[i] = base + j
		if j > from && src[j-1] == '\\' {
			offs[i] |= escaped // an escaped character starts at its backslash
		}
		j++
	}
	return offs
}

// templateMap maps offsets of a rendered template back to its source.
type templateMap struct {
	src  *source
	segs []*segment
	te   *hclsyntax.TemplateExpr
}

// byteAt maps a rendered offset to a source byte; end asks for the
// exclusive end of the byte at off.
func (t *templateMap) byteAt(off int, end bool) int {
	for _, s := range t.segs {
		if off < s.start || off >= s.end {
			continue
		}
		switch {
		case s.lit && s.offs != nil:
			o := s.offs[off-s.start]
			switch {
			case end:
				return o&^escaped + 1
			case o&escaped != 0:
				return o&^escaped - 1
			}
			return o
		case end:
			return s.part.Range().End.Byte
		default:
			return s.part.Range().Start.Byte
		}
	}
	if end {
		return t.te.SrcRange.End.Byte
	}
	return t.te.SrcRange.Start.Byte
}

func (t *templateMap) mapRange(r model.Range) model.Range {
	start := t.byteAt(r.Start.Byte, false)
	end := start
	if r.End.Byte > r.Start.Byte {
		end = max(start, t.byteAt(r.End.Byte-1, true))
	}
	return model.Range{Filename: t.src.name, Start: t.src.pos(start), End: t.src.pos(end)}
}

// overlaps returns the segments of unknown interpolations that intersect
// the rendered stretch [start, end).
func (t *templateMap) overlaps(start, end int) []*segment {
	var out []*segment
	for _, s := range t.segs {
		if !s.lit && !s.known && start < s.end && s.start < end {
			out = append(out, s)
		}
	}
	return out
}

func (t *templateMap) sensitive(start, end int) bool {
	for _, s := range t.segs {
		if s.sensitive && start < s.end && s.start < end {
			return true
		}
	}
	return false
}

// remap moves a value parsed from the rendered text to source ranges and
// turns what an unknown interpolation touches into unknown values.
func (t *templateMap) remap(w *walker, v *model.Value) *model.Value {
	rs, re := v.Range.Start.Byte, v.Range.End.Byte
	rng := t.mapRange(v.Range)
	unknownHere := func() *model.Value {
		text := strings.Trim(t.src.text(hcl.Range{Start: hcl.Pos{Byte: rng.Start.Byte}, End: hcl.Pos{Byte: rng.End.Byte}}), `"\`)
		u := model.NewUnknown(shorten(text), rng)
		// The string is exactly one interpolation: it takes that
		// expression's text, reference and hint.
		if segs := t.overlaps(rs, re); len(segs) == 1 && segs[0].start == rs+1 && segs[0].end == re-1 {
			u.Reason = t.src.reason(segs[0].part.Range())
			u.Ref, u.Hint = w.refOf(segs[0].part)
		}
		return u
	}
	switch v.Kind {
	case model.String:
		if len(t.overlaps(rs, re)) > 0 {
			return unknownHere()
		}
	case model.List:
		for i, it := range v.Items {
			v.Items[i] = t.remap(w, it)
		}
	case model.Object:
		for _, f := range v.Fields {
			if len(t.overlaps(f.KeyRange.Start.Byte, f.KeyRange.End.Byte)) > 0 {
				return unknownHere()
			}
		}
		for _, f := range v.Fields {
			f.KeyRange = t.mapRange(f.KeyRange)
			f.Value = t.remap(w, f.Value)
		}
	}
	v.Sensitive = v.Sensitive || t.sensitive(rs, re)
	v.Range = rng
	return v
}

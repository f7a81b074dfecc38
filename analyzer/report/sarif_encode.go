package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// encodeSARIF writes the report as encoding/json writes it (SetEscapeHTML
// false, indented by two spaces, a final newline) without reflection. The
// first use of encoding/json on go-sarif's types built its encoders for the
// whole type graph, some 4,500 allocations and a hundred pages first
// touched, more than all the rest of a SARIF report of a small scan cost.
//
// Only the fields buildSARIF and addFixes fill are written; the others are
// left at their zero value, which encoding/json would omit (or write as
// null, for the few without omitempty: those are written too).
// TestSARIFWriterMatchesEncodingJSON holds every report the scans of
// testdata build, and FuzzSARIFWriter arbitrary strings, to encoding/json's
// bytes.
func encodeSARIF(w io.Writer, rep *sarif.Report) error {
	e := &sarifWriter{w: w, buf: make([]byte, 0, 32<<10)}
	e.report(rep)
	e.buf = append(e.buf, '\n')
	e.flush()
	return e.err
}

// sarifWriter writes JSON as encoding/json's Encoder with SetIndent("",
// "  ") does: an empty object or array on one line, every member or element
// on a line of its own.
type sarifWriter struct {
	w   io.Writer
	buf []byte
	// open holds, for each object or array being written, how many
	// members or elements it has so far.
	open []int
	// err is the first write error, or a value encodeSARIF cannot write.
	err error
	// flushes counts the times buf was written out.
	flushes int
}

func (e *sarifWriter) flush() {
	if e.err == nil {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
	e.flushes++
}

func (e *sarifWriter) begin(c byte) {
	e.room(1)
	e.buf = append(e.buf, c)
	e.open = append(e.open, 0)
}

func (e *sarifWriter) end(c byte) {
	n := e.open[len(e.open)-1]
	e.open = e.open[:len(e.open)-1]
	e.room(2*len(e.open) + 2)
	if n > 0 {
		e.newline()
	}
	e.buf = append(e.buf, c)
}

// next starts a member or an element of the innermost object or array.
func (e *sarifWriter) next() {
	e.room(2*len(e.open) + 64) // the indent, a key
	last := len(e.open) - 1
	if e.open[last] > 0 {
		e.buf = append(e.buf, ',')
	}
	e.open[last]++
	e.newline()
}

func (e *sarifWriter) newline() {
	e.buf = append(e.buf, '\n')
	for n := 2 * len(e.open); n > 0; {
		k := min(n, len(indentSpaces))
		e.buf = append(e.buf, indentSpaces[:k]...)
		n -= k
	}
}

// key starts a member whose name needs no escaping.
func (e *sarifWriter) key(k string) {
	e.next()
	e.buf = append(e.buf, '"')
	e.buf = append(e.buf, k...)
	e.buf = append(e.buf, `": `...)
}

func (e *sarifWriter) null() { e.raw("null") }

func (e *sarifWriter) int(n int) {
	e.room(20)
	e.buf = strconv.AppendInt(e.buf, int64(n), 10)
}

func (e *sarifWriter) uint(n uint) {
	e.room(20)
	e.buf = strconv.AppendUint(e.buf, uint64(n), 10)
}

func (e *sarifWriter) bool(v bool) {
	e.room(5)
	e.buf = strconv.AppendBool(e.buf, v)
}

// room makes room for n more bytes in the buffer, writing it out when
// it has not.
func (e *sarifWriter) room(n int) {
	if len(e.buf)+n > cap(e.buf) {
		e.flush()
	}
}

// raw appends text written as it is, straight to the writer when it
// would not fit in the buffer (a rule's doc, a long message).
func (e *sarifWriter) raw(text string) {
	e.room(len(text))
	if len(text) > cap(e.buf) {
		if e.err == nil {
			_, e.err = io.WriteString(e.w, text)
		}
		return
	}
	e.buf = append(e.buf, text...)
}

// string writes s quoted as encoding/json does without HTML escaping:
// '"', '\\' and control characters escaped (\b \f \n \r \t by name),
// invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func (e *sarifWriter) string(s string) {
	const hex = "0123456789abcdef"
	e.raw(`"`)
	start := 0
	for i := 0; i < len(s); {
		i = plainFrom(s, i)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			e.raw(s[start:i])
			e.room(6)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\b':
				e.buf = append(e.buf, '\\', 'b')
			case '\f':
				e.buf = append(e.buf, '\\', 'f')
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			e.raw(s[start:i])
			e.raw(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			e.raw(s[start:i])
			e.room(6)
			e.buf = append(e.buf, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	e.raw(s[start:])
	e.raw(`"`)
}

// plainFrom returns the index of the first byte of s from i on that is
// not plain ASCII text (a control, '"', '\\', a multi-byte character's),
// or len(s); eight bytes at a time while none is. Bit tricks: a
// byte of x-0x20 borrows (sets its top bit) iff it was under 0x20, one of
// t-1 iff t's was zero; exact while no byte has its top bit set, which is
// checked too.
func plainFrom(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		t := s[i : i+8]
		x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		quote, backslash := x^(ones*'"'), x^(ones*'\\')
		special := (x - ones*0x20) | (quote-ones)&^quote | (backslash-ones)&^backslash
		if (x|special)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			break
		}
	}
	return i
}

func (e *sarifWriter) optString(k string, s *string) {
	if s != nil {
		e.key(k)
		e.string(*s)
	}
}

func (e *sarifWriter) optInt(k string, n *int) {
	if n != nil {
		e.key(k)
		e.int(*n)
	}
}

func (e *sarifWriter) optUint(k string, n *uint) {
	if n != nil {
		e.key(k)
		e.uint(*n)
	}
}

// array writes the member k: null for a nil slice, as encoding/json writes
// a slice without omitempty.
func array[T any](e *sarifWriter, k string, xs []T, elem func(T)) {
	e.key(k)
	if xs == nil {
		e.null()
		return
	}
	e.begin('[')
	for _, x := range xs {
		e.next()
		elem(x)
	}
	e.end(']')
}

// optArray writes the member k unless xs is empty (omitempty).
func optArray[T any](e *sarifWriter, k string, xs []T, elem func(T)) {
	if len(xs) > 0 {
		array(e, k, xs, elem)
	}
}

// properties writes a property bag (omitempty): its keys sorted, its
// values strings or lists of strings, the only kinds buildSARIF puts there.
func (e *sarifWriter) properties(k string, p map[string]any) {
	if len(p) == 0 {
		return
	}
	e.key(k)
	e.begin('{')
	var small [8]string
	keys := small[:0]
	for name := range p {
		keys = append(keys, name)
	}
	slices.Sort(keys)
	for _, name := range keys {
		e.next()
		e.string(name)
		e.raw(": ")
		switch v := p[name].(type) {
		case string:
			e.string(v)
		case []string:
			if v == nil {
				e.null()
				break
			}
			e.begin('[')
			for _, s := range v {
				e.next()
				e.string(s)
			}
			e.end(']')
		default:
			e.null()
			e.err = fmt.Errorf("sarif: property %q is a %T, which the SARIF writer does not write", name, v)
		}
	}
	e.end('}')
}

func (e *sarifWriter) report(r *sarif.Report) {
	e.begin('{')
	e.properties("properties", r.Properties)
	e.key("version")
	e.string(r.Version)
	if r.Schema != "" {
		e.key("$schema")
		e.string(r.Schema)
	}
	array(e, "runs", r.Runs, e.run)
	e.end('}')
}

func (e *sarifWriter) run(r *sarif.Run) {
	if r == nil {
		e.null()
		return
	}
	e.begin('{')
	e.key("tool")
	e.begin('{')
	e.key("driver")
	e.driver(r.Tool.Driver)
	e.properties("properties", r.Tool.Properties)
	e.end('}')
	optArray(e, "invocations", r.Invocations, e.invocation)
	array(e, "results", r.Results, e.result)
	if r.ColumnKind != nil {
		e.key("columnKind")
		if s, ok := r.ColumnKind.(string); ok {
			e.string(s)
		} else {
			e.null()
			e.err = fmt.Errorf("sarif: columnKind is a %T, which the SARIF writer does not write", r.ColumnKind)
		}
	}
	e.properties("properties", r.Properties)
	e.end('}')
}

func (e *sarifWriter) driver(d *sarif.ToolComponent) {
	if d == nil {
		e.null()
		return
	}
	e.begin('{')
	e.optString("informationUri", d.InformationURI)
	e.key("name")
	e.string(d.Name)
	array(e, "rules", d.Rules, e.rule)
	e.optString("version", d.Version)
	e.properties("properties", d.Properties)
	e.end('}')
}

func (e *sarifWriter) rule(r *sarif.ReportingDescriptor) {
	if r == nil {
		e.null()
		return
	}
	e.begin('{')
	// The descriptor's own Properties field hides its PropertyBag's.
	e.key("id")
	e.string(r.ID)
	e.optString("name", r.Name)
	e.key("shortDescription")
	e.message(r.ShortDescription)
	if r.FullDescription != nil {
		e.key("fullDescription")
		e.message(r.FullDescription)
	}
	if c := r.DefaultConfiguration; c != nil {
		e.key("defaultConfiguration")
		e.begin('{')
		if c.Level != "" {
			e.key("level")
			e.string(c.Level)
		}
		e.properties("properties", c.Properties)
		e.end('}')
	}
	e.optString("helpUri", r.HelpURI)
	if r.Help != nil {
		e.key("help")
		e.message(r.Help)
	}
	e.properties("properties", r.Properties)
	e.end('}')
}

// message writes a MultiformatMessageString.
func (e *sarifWriter) message(m *sarif.MultiformatMessageString) {
	if m == nil {
		e.null()
		return
	}
	e.begin('{')
	var at, flushes int
	if m.Text != nil {
		e.key("text")
		at, flushes = len(e.buf), e.flushes
		e.string(*m.Text)
	}
	switch {
	case m.Markdown == nil:
	case m.Text != nil && *m.Markdown == *m.Text && e.flushes == flushes &&
		len(e.buf)+(len(e.buf)-at)+2*len(e.open)+64 <= cap(e.buf):
		// A rule's help is its doc as text and as markdown, the bulk of
		// a report of few results: the text's escaped bytes, still in
		// the buffer, are copied rather than escaped again.
		escaped := e.buf[at:]
		e.key("markdown")
		e.buf = append(e.buf, escaped...)
	default:
		e.key("markdown")
		e.string(*m.Markdown)
	}
	e.properties("properties", m.Properties)
	e.end('}')
}

func (e *sarifWriter) textMessage(m *sarif.Message) {
	if m == nil {
		e.null()
		return
	}
	e.begin('{')
	e.optString("text", m.Text)
	e.optString("markdown", m.Markdown)
	e.optString("id", m.ID)
	e.properties("properties", m.Properties)
	e.end('}')
}

func (e *sarifWriter) result(r *sarif.Result) {
	if r == nil {
		e.null()
		return
	}
	e.begin('{')
	e.properties("properties", r.Properties) // embedded first, so written first
	e.optString("ruleId", r.RuleID)
	e.optUint("ruleIndex", r.RuleIndex)
	e.optString("kind", r.Kind)
	e.optString("level", r.Level)
	e.key("message")
	e.textMessage(&r.Message)
	optArray(e, "locations", r.Locations, e.location)
	if len(r.PartialFingerprints) > 0 {
		e.properties("partialFingerprints", r.PartialFingerprints)
	}
	optArray(e, "relatedLocations", r.RelatedLocations, e.location)
	optArray(e, "suppressions", r.Suppressions, e.suppression)
	e.optString("baselineState", r.BaselineState)
	optArray(e, "fixes", r.Fixes, e.fix)
	e.end('}')
}

func (e *sarifWriter) location(l *sarif.Location) {
	if l == nil {
		e.null()
		return
	}
	e.begin('{')
	e.optUint("id", l.Id)
	if p := l.PhysicalLocation; p != nil {
		e.key("physicalLocation")
		e.begin('{')
		if p.ArtifactLocation != nil {
			e.key("artifactLocation")
			e.artifactLocation(p.ArtifactLocation)
		}
		if p.Region != nil {
			e.key("region")
			e.region(p.Region)
		}
		e.properties("properties", p.Properties)
		e.end('}')
	}
	optArray(e, "logicalLocations", l.LogicalLocations, e.logicalLocation)
	if l.Message != nil {
		e.key("message")
		e.textMessage(l.Message)
	}
	e.properties("properties", l.Properties)
	e.end('}')
}

func (e *sarifWriter) artifactLocation(a *sarif.ArtifactLocation) {
	e.begin('{')
	e.optString("uri", a.URI)
	e.optString("uriBaseId", a.URIBaseId)
	e.optUint("index", a.Index)
	e.properties("properties", a.Properties)
	e.end('}')
}

func (e *sarifWriter) region(r *sarif.Region) {
	e.begin('{')
	e.optInt("startLine", r.StartLine)
	e.optInt("startColumn", r.StartColumn)
	e.optInt("endLine", r.EndLine)
	e.optInt("endColumn", r.EndColumn)
	e.optInt("charOffset", r.CharOffset)
	e.optInt("charLength", r.CharLength)
	e.optInt("byteOffset", r.ByteOffset)
	e.optInt("byteLength", r.ByteLength)
	e.properties("properties", r.Properties)
	e.end('}')
}

func (e *sarifWriter) logicalLocation(l *sarif.LogicalLocation) {
	if l == nil {
		e.null()
		return
	}
	e.begin('{')
	e.optUint("index", l.Index)
	e.optString("name", l.Name)
	e.optString("fullyQualifiedName", l.FullyQualifiedName)
	e.optString("decoratedName", l.DecoratedName)
	e.optString("kind", l.Kind)
	e.optUint("parentIndex", l.ParentIndex)
	e.properties("properties", l.Properties)
	e.end('}')
}

// suppression writes every field: go-sarif v2 gives none omitempty.
func (e *sarifWriter) suppression(s *sarif.Suppression) {
	if s == nil {
		e.null()
		return
	}
	str := func(k string, p *string) {
		e.key(k)
		if p == nil {
			e.null()
		} else {
			e.string(*p)
		}
	}
	e.begin('{')
	e.key("kind")
	e.string(s.Kind)
	str("status", s.Status)
	e.key("location")
	e.location(s.Location)
	str("guid", s.Guid)
	str("justification", s.Justification)
	e.properties("properties", s.Properties)
	e.end('}')
}

func (e *sarifWriter) fix(f *sarif.Fix) {
	if f == nil {
		e.null()
		return
	}
	e.begin('{')
	if f.Description != nil {
		e.key("description")
		e.textMessage(f.Description)
	}
	array(e, "artifactChanges", f.ArtifactChanges, e.artifactChange)
	e.properties("properties", f.Properties)
	e.end('}')
}

func (e *sarifWriter) artifactChange(c *sarif.ArtifactChange) {
	if c == nil {
		e.null()
		return
	}
	e.begin('{')
	e.key("artifactLocation")
	e.artifactLocation(&c.ArtifactLocation)
	array(e, "replacements", c.Replacements, e.replacement)
	e.properties("properties", c.Properties)
	e.end('}')
}

func (e *sarifWriter) replacement(r *sarif.Replacement) {
	if r == nil {
		e.null()
		return
	}
	e.begin('{')
	e.key("deletedRegion")
	e.region(&r.DeletedRegion)
	if c := r.InsertedContent; c != nil {
		e.key("insertedContent")
		e.begin('{')
		e.optString("text", c.Text)
		e.optString("binary", c.Binary)
		e.properties("properties", c.Properties)
		e.end('}')
	}
	e.properties("properties", r.Properties)
	e.end('}')
}

func (e *sarifWriter) invocation(inv *sarif.Invocation) {
	if inv == nil {
		e.null()
		return
	}
	e.begin('{')
	e.key("executionSuccessful")
	if inv.ExecutionSuccessful == nil {
		e.null()
	} else {
		e.bool(*inv.ExecutionSuccessful)
	}
	optArray(e, "toolExecutionNotifications", inv.ToolExecutionNotifications, e.notification)
	e.properties("properties", inv.Properties)
	e.end('}')
}

func (e *sarifWriter) notification(n *sarif.Notification) {
	if n == nil {
		e.null()
		return
	}
	e.begin('{')
	if r := n.AssociatedRule; r != nil {
		e.key("associatedRule")
		e.begin('{')
		e.properties("properties", r.Properties) // embedded first
		e.optString("id", r.Id)
		e.optUint("index", r.Index)
		e.optString("guid", r.Guid)
		e.end('}')
	}
	if n.Level != "" {
		e.key("level")
		e.string(n.Level)
	}
	optArray(e, "locations", n.Locations, e.location)
	e.key("message")
	e.textMessage(n.Message)
	e.properties("properties", n.Properties)
	e.end('}')
}

const indentSpaces = "                                                                "

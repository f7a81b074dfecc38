package report

import (
	"fmt"
	"io"
	"slices"

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
// TestWritersMatchEncodingJSON holds every report the scans of
// testdata build, and FuzzWriters arbitrary strings, to encoding/json's
// bytes.
func encodeSARIF(w io.Writer, rep *sarif.Report) error {
	e := newJSONWriter(w)
	e.report(rep)
	return e.finish()
}

// properties writes a property bag (omitempty): its keys sorted, its
// values strings or lists of strings, the only kinds buildSARIF puts there.
func (e *jsonWriter) properties(k string, p map[string]any) {
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

func (e *jsonWriter) report(r *sarif.Report) {
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

func (e *jsonWriter) run(r *sarif.Run) {
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

func (e *jsonWriter) driver(d *sarif.ToolComponent) {
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

func (e *jsonWriter) rule(r *sarif.ReportingDescriptor) {
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
func (e *jsonWriter) message(m *sarif.MultiformatMessageString) {
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

func (e *jsonWriter) textMessage(m *sarif.Message) {
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

func (e *jsonWriter) result(r *sarif.Result) {
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

func (e *jsonWriter) location(l *sarif.Location) {
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

func (e *jsonWriter) artifactLocation(a *sarif.ArtifactLocation) {
	e.begin('{')
	e.optString("uri", a.URI)
	e.optString("uriBaseId", a.URIBaseId)
	e.optUint("index", a.Index)
	e.properties("properties", a.Properties)
	e.end('}')
}

func (e *jsonWriter) region(r *sarif.Region) {
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

func (e *jsonWriter) logicalLocation(l *sarif.LogicalLocation) {
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
func (e *jsonWriter) suppression(s *sarif.Suppression) {
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

func (e *jsonWriter) fix(f *sarif.Fix) {
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

func (e *jsonWriter) artifactChange(c *sarif.ArtifactChange) {
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

func (e *jsonWriter) replacement(r *sarif.Replacement) {
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

func (e *jsonWriter) invocation(inv *sarif.Invocation) {
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

func (e *jsonWriter) notification(n *sarif.Notification) {
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

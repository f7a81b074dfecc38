package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/configward/configward/analyzer"
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
//
// The driver's rules come from the rules themselves (buildSARIF leaves
// them out of the go-sarif report).
func encodeSARIF(w io.Writer, rep *sarif.Report, rules []*analyzer.Rule) error {
	e := newJSONWriter(w)
	e.report(rep, rules)
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

func (e *jsonWriter) report(r *sarif.Report, rules []*analyzer.Rule) {
	e.begin('{')
	e.properties("properties", r.Properties)
	e.key("version")
	e.string(r.Version)
	if r.Schema != "" {
		e.key("$schema")
		e.string(r.Schema)
	}
	array(e, "runs", r.Runs, func(run *sarif.Run) { e.run(run, rules) })
	e.end('}')
}

func (e *jsonWriter) run(r *sarif.Run, rules []*analyzer.Rule) {
	if r == nil {
		e.null()
		return
	}
	e.begin('{')
	e.key("tool")
	e.begin('{')
	e.key("driver")
	e.driver(r.Tool.Driver, rules)
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

func (e *jsonWriter) driver(d *sarif.ToolComponent, rules []*analyzer.Rule) {
	if d == nil {
		e.null()
		return
	}
	e.begin('{')
	e.optString("informationUri", d.InformationURI)
	e.key("name")
	e.string(d.Name)
	// buildSARIF leaves the driver's Rules empty (go-sarif makes them an
	// empty array): they are written from the rule list (catalogRule).
	e.key("rules")
	e.begin('[')
	for _, r := range rules {
		e.next()
		e.catalogRule(r)
	}
	e.end(']')
	e.optString("version", d.Version)
	e.properties("properties", d.Properties)
	e.end('}')
}

// catalogRule writes a rule's reportingDescriptor: the fields and order
// of a go-sarif ReportingDescriptor holding its id, name, title, first
// paragraph, level, help URI, doc as help text and markdown (its title
// when it has none) and properties.
func (e *jsonWriter) catalogRule(r *analyzer.Rule) {
	doc := r.Documentation() // read once: the rules keep theirs embedded
	e.begin('{')
	e.stringMember("id", r.ID)
	e.stringMember("name", r.Name)
	e.key("shortDescription")
	e.begin('{')
	e.stringMember("text", r.Title)
	e.end('}')
	e.key("fullDescription")
	e.begin('{')
	e.key("text")
	if para, lines := firstParagraph(doc); lines == 0 {
		e.string(r.Title)
	} else {
		// The paragraph's lines trimmed and joined by spaces, escaped
		// line by line: each is whole text, so escaping the pieces is
		// escaping the joined text.
		e.raw(`"`)
		sep := false
		for line := range strings.Lines(para) {
			if sep {
				e.raw(" ")
			}
			e.stringBody(strings.TrimSpace(line))
			sep = true
		}
		e.raw(`"`)
	}
	e.end('}')
	e.key("defaultConfiguration")
	e.begin('{')
	e.stringMember("level", r.Severity.SARIFLevel())
	e.end('}')
	e.stringMember("helpUri", r.HelpURI())
	e.key("help")
	e.begin('{')
	if strings.TrimSpace(doc) == "" {
		doc = r.Title
	}
	// Both text and markdown: help.text is required.
	e.twice("text", "markdown", doc)
	e.end('}')
	e.key("properties")
	e.begin('{')
	if r.Precision != "" {
		e.stringMember("precision", r.Precision)
	}
	e.stringMember("security-severity", r.Severity.SecurityScore())
	e.key("tags")
	e.begin('[')
	for _, tag := range ruleTags(r) {
		e.next()
		e.string(tag)
	}
	e.end(']')
	e.end('}')
	e.end('}')
}

// twice writes the members k1 and k2 of the same text s (a rule's doc as
// help text and markdown, the bulk of a report of few results): the
// second copies the first's escaped bytes while they are still in the
// buffer and fit, rather than escaping s again.
func (e *jsonWriter) twice(k1, k2, s string) {
	e.key(k1)
	at, flushes := len(e.buf), e.flushes
	e.string(s)
	if e.flushes == flushes && len(e.buf)+(len(e.buf)-at)+2*len(e.open)+64 <= cap(e.buf) {
		escaped := e.buf[at:]
		e.key(k2)
		e.buf = append(e.buf, escaped...)
		return
	}
	e.key(k2)
	e.string(s)
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

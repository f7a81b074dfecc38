package report

import (
	"io"

	"github.com/configward/configward/analyzer"
)

// JSONReport is the shape of --format json, version 1. Keys are never
// removed or renamed within a version; new keys may be added.
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {
//	      "rule": "CW101",                 // rule id
//	      "severity": "high",              // critical, high, medium or low
//	      "title": "S3 bucket without default encryption", // the rule's title
//	      "message": "S3 bucket \"Logs\" has no default server-side encryption",
//	      "file": "templates/app.yaml",    // relative to the current directory, "/" separators
//	      "line": 12, "column": 5,         // 1-based; columns count Unicode code points
//	      "endLine": 12, "endColumn": 21,  // exclusive end
//	      "resource": "Logs",              // resource address, logical id or Statement[N]
//	      "format": "cloudformation",      // cloudformation, terraform or iam-policy
//	      "suppressed": false,
//	      "fingerprint": "…",              // stable across line moves (SARIF partialFingerprints "configward/v1")
//	      "suppression": {"kind": "inSource", "justification": "…"}, // only when suppressed; kind inSource or external
//	      "baselineState": "new",          // only with --baseline: new or unchanged
//	      "cdkPath": "App/Stack/Logs/Resource", // only for CDK-synthesized resources
//	      "instances": [                   // only inside a called module or nested template: every instantiation
//	        {"address": "module.a.aws_s3_bucket.this[0]",
//	         "calls": [{"module": "module.a", "file": "main.tf", "line": 12, "column": 1}]}
//	      ]
//	    }
//	  ],
//	  "notifications": [                   // only when the scan could not do something
//	    {"level": "error", "message": "…", "file": "…", "line": 3, "column": 1, "rule": "CW101"}
//	  ],
//	  "summary": {
//	    "total": 3,                        // every finding listed, suppressed ones included
//	    "bySeverity": {"critical": 0, "high": 1, "medium": 1, "low": 0}, // unsuppressed findings
//	    "suppressed": 1,
//	    "open": 2,                         // unsuppressed and not unchanged since the baseline
//	    "failOn": "low",                   // the --fail-on threshold
//	    "failed": true,                    // whether the scan exits 1
//	    "comparison": {"base": "main (1a2b3c4)", "new": 1, "unchanged": 40, "fixed": 0,
//	                   "suppressionsAdded": 0, "configFilesChanged": 0} // only with --new-since
//	  }
//	}
//
// findings is [] when there are none, sorted by file, line, column, rule and
// message. An unsuppressed finding fails the run when its severity is at
// least failOn and it is not "unchanged" since the baseline.
type JSONReport struct {
	Version       int                `json:"version"`
	Findings      []JSONFinding      `json:"findings"`
	Notifications []JSONNotification `json:"notifications,omitempty"`
	Summary       JSONSummary        `json:"summary"`
}

// JSONFinding is one finding of a JSONReport.
type JSONFinding struct {
	Rule          string           `json:"rule"`
	Severity      string           `json:"severity"`
	Title         string           `json:"title"`
	Message       string           `json:"message"`
	File          string           `json:"file"`
	Line          int              `json:"line"`
	Column        int              `json:"column"`
	EndLine       int              `json:"endLine"`
	EndColumn     int              `json:"endColumn"`
	Resource      string           `json:"resource"`
	Format        string           `json:"format"`
	Suppressed    bool             `json:"suppressed"`
	Fingerprint   string           `json:"fingerprint"`
	Suppression   *JSONSuppression `json:"suppression,omitempty"`
	BaselineState string           `json:"baselineState,omitempty"`
	CDKPath       string           `json:"cdkPath,omitempty"`
	Instances     []JSONInstance   `json:"instances,omitempty"`
}

// JSONInstance is one instantiation of a finding inside a called module or
// nested template: the resource instance address and the calls that made
// it, outermost first.
type JSONInstance struct {
	Address string     `json:"address"`
	Calls   []JSONCall `json:"calls"`
}

// JSONCall is a module call or nested stack: the instance it made and
// where it is written.
type JSONCall struct {
	Module string `json:"module"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// JSONSuppression says why a finding is suppressed.
type JSONSuppression struct {
	// Kind is "inSource" (a comment or Metadata) or "external" (the
	// configuration file).
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// JSONNotification is something the scan could not do.
type JSONNotification struct {
	Level   string `json:"level"`
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Rule    string `json:"rule,omitempty"`
}

// JSONSummary counts the findings of a JSONReport.
type JSONSummary struct {
	Total      int            `json:"total"`
	BySeverity JSONSeverities `json:"bySeverity"`
	Suppressed int            `json:"suppressed"`
	// Open counts the unsuppressed findings that are not unchanged since
	// the baseline: what a pull request has to look at.
	Open       int             `json:"open"`
	FailOn     string          `json:"failOn"`
	Failed     bool            `json:"failed"`
	Comparison *JSONComparison `json:"comparison,omitempty"`
}

// JSONComparison counts a scan against its base (scan --new-since).
type JSONComparison struct {
	Base              string `json:"base"`
	New               int    `json:"new"`
	Unchanged         int    `json:"unchanged"`
	Fixed             int    `json:"fixed"`
	SuppressionsAdded int    `json:"suppressionsAdded"`
	ConfigChanged     int    `json:"configFilesChanged"`
}

// JSONSeverities counts unsuppressed findings by severity.
type JSONSeverities struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
}

// writeJSON writes the report as encoding/json writes the JSONReport
// (indented by two spaces, no HTML escaping), through jsonWriter, which
// needs no reflection and streams a large report (tens of megabytes)
// rather than holding it. TestWritersMatchEncodingJSON and FuzzWriters
// hold it to encoding/json's bytes.
func writeJSON(w io.Writer, in *Input) error {
	e := newJSONWriter(w)
	e.jsonReport(buildJSON(in))
	return e.finish()
}

func (e *jsonWriter) jsonReport(r *JSONReport) {
	e.begin('{')
	e.key("version")
	e.int(r.Version)
	e.key("findings")
	if r.Findings == nil {
		e.null()
	} else {
		e.begin('[')
		for i := range r.Findings {
			e.next()
			e.jsonFinding(&r.Findings[i])
		}
		e.end(']')
	}
	optArray(e, "notifications", r.Notifications, e.jsonNotification)
	e.key("summary")
	e.jsonSummary(&r.Summary)
	e.end('}')
}

func (e *jsonWriter) jsonFinding(f *JSONFinding) {
	e.begin('{')
	e.stringMember("rule", f.Rule)
	e.stringMember("severity", f.Severity)
	e.stringMember("title", f.Title)
	e.stringMember("message", f.Message)
	e.stringMember("file", f.File)
	e.intMember("line", f.Line)
	e.intMember("column", f.Column)
	e.intMember("endLine", f.EndLine)
	e.intMember("endColumn", f.EndColumn)
	e.stringMember("resource", f.Resource)
	e.stringMember("format", f.Format)
	e.key("suppressed")
	e.bool(f.Suppressed)
	e.stringMember("fingerprint", f.Fingerprint)
	if s := f.Suppression; s != nil {
		e.key("suppression")
		e.begin('{')
		e.stringMember("kind", s.Kind)
		e.stringMember("justification", s.Justification)
		e.end('}')
	}
	if f.BaselineState != "" {
		e.stringMember("baselineState", f.BaselineState)
	}
	if f.CDKPath != "" {
		e.stringMember("cdkPath", f.CDKPath)
	}
	optArray(e, "instances", f.Instances, func(in JSONInstance) {
		e.begin('{')
		e.stringMember("address", in.Address)
		array(e, "calls", in.Calls, func(c JSONCall) {
			e.begin('{')
			e.stringMember("module", c.Module)
			e.stringMember("file", c.File)
			e.intMember("line", c.Line)
			e.intMember("column", c.Column)
			e.end('}')
		})
		e.end('}')
	})
	e.end('}')
}

func (e *jsonWriter) jsonNotification(n JSONNotification) {
	e.begin('{')
	e.stringMember("level", n.Level)
	e.stringMember("message", n.Message)
	if n.File != "" {
		e.stringMember("file", n.File)
	}
	if n.Line != 0 {
		e.intMember("line", n.Line)
	}
	if n.Column != 0 {
		e.intMember("column", n.Column)
	}
	if n.Rule != "" {
		e.stringMember("rule", n.Rule)
	}
	e.end('}')
}

func (e *jsonWriter) jsonSummary(s *JSONSummary) {
	e.begin('{')
	e.intMember("total", s.Total)
	e.key("bySeverity")
	e.begin('{')
	e.intMember("critical", s.BySeverity.Critical)
	e.intMember("high", s.BySeverity.High)
	e.intMember("medium", s.BySeverity.Medium)
	e.intMember("low", s.BySeverity.Low)
	e.end('}')
	e.intMember("suppressed", s.Suppressed)
	e.intMember("open", s.Open)
	e.stringMember("failOn", s.FailOn)
	e.key("failed")
	e.bool(s.Failed)
	if c := s.Comparison; c != nil {
		e.key("comparison")
		e.begin('{')
		e.stringMember("base", c.Base)
		e.intMember("new", c.New)
		e.intMember("unchanged", c.Unchanged)
		e.intMember("fixed", c.Fixed)
		e.intMember("suppressionsAdded", c.SuppressionsAdded)
		e.intMember("configFilesChanged", c.ConfigChanged)
		e.end('}')
	}
	e.end('}')
}

func buildJSON(in *Input) *JSONReport {
	idx := indexRules(in.Rules)
	// At its size: a list of many findings grown by appends is copied
	// (and left as garbage) many times over.
	rep := &JSONReport{Version: 1, Findings: make([]JSONFinding, 0, len(in.Findings))}
	for _, f := range in.Findings {
		g := normalize(f.Range)
		jf := JSONFinding{
			Rule:          f.RuleID,
			Severity:      f.Severity.String(),
			Title:         idx.title(f.RuleID),
			Message:       f.Message,
			File:          g.file,
			Line:          g.startLine,
			Column:        g.startCol,
			EndLine:       g.endLine,
			EndColumn:     g.endCol,
			Resource:      f.Resource,
			Format:        string(f.Format),
			Suppressed:    f.Suppressed(),
			Fingerprint:   f.Fingerprint,
			BaselineState: f.BaselineState,
			CDKPath:       f.CDKPath,
		}
		if s := f.Suppression; s != nil {
			jf.Suppression = &JSONSuppression{Kind: s.Kind, Justification: s.Justification}
		}
		for _, in := range f.Instances {
			ji := JSONInstance{Address: in.Address, Calls: []JSONCall{}}
			for _, c := range in.Calls {
				g := normalize(c.Range)
				ji.Calls = append(ji.Calls, JSONCall{Module: c.Address, File: g.file, Line: g.startLine, Column: g.startCol})
			}
			jf.Instances = append(jf.Instances, ji)
		}
		rep.Findings = append(rep.Findings, jf)
	}
	for _, n := range in.Notifications {
		jn := JSONNotification{Level: n.Level, Message: n.Message, File: n.Range.Filename, Rule: n.RuleID}
		if n.Range.Start.Line > 0 {
			jn.Line = n.Range.Start.Line
			jn.Column = max(n.Range.Start.Column, 1)
		}
		rep.Notifications = append(rep.Notifications, jn)
	}
	c := count(in)
	rep.Summary = JSONSummary{
		Total: len(in.Findings),
		BySeverity: JSONSeverities{
			Critical: c.bySeverity[analyzer.Critical],
			High:     c.bySeverity[analyzer.High],
			Medium:   c.bySeverity[analyzer.Medium],
			Low:      c.bySeverity[analyzer.Low],
		},
		Suppressed: c.suppressed,
		Open:       c.open - c.unchanged,
		FailOn:     in.FailOn.String(),
		Failed:     in.Failed(),
	}
	if cmp := in.Comparison; cmp != nil {
		rep.Summary.Comparison = &JSONComparison{Base: cmp.Base, New: c.new, Unchanged: c.unchanged,
			Fixed: len(cmp.Absent), SuppressionsAdded: len(cmp.SuppressionsAdded), ConfigChanged: len(cmp.ConfigChanges)}
	}
	return rep
}

// Package analyzer is configward's rule API: a Rule is a value with metadata
// and a Run function over one unit of the common model; it reports Findings
// through its Pass. The driver lives in analyzer/checker, the writers in
// analyzer/report and the test harness in analyzer/analyzertest.
package analyzer

import (
	"fmt"
	"strings"

	"github.com/configward/configward/parsers/model"
)

// Severity of a rule or finding, ordered: Low < Medium < High < Critical.
type Severity uint8

const (
	// None is only a --fail-on threshold: nothing fails.
	None Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"none", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", s)
}

// ParseSeverity reads a severity name, case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return None, fmt.Errorf("unknown severity %q (want critical, high, medium, low or none)", s)
}

// SARIFLevel maps a severity to a SARIF result level.
func (s Severity) SARIFLevel() string {
	switch s {
	case Critical, High:
		return "error"
	case Medium:
		return "warning"
	}
	return "note"
}

// SecurityScore is the GitHub code scanning security-severity of a severity.
func (s Severity) SecurityScore() string {
	switch s {
	case Critical:
		return "9.5"
	case High:
		return "8.0"
	case Medium:
		return "5.5"
	}
	return "3.0"
}

// Rule is one check. Rules are package-level values listed once in
// rules.All(); nothing registers itself.
type Rule struct {
	// ID is stable forever: CW and three digits.
	ID string
	// Name is a lower-case slug, distinct from ID (SARIF requires it).
	Name string
	// Title is a short noun phrase, no trailing period, at most 72 chars.
	Title string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Formats are the input formats the rule covers; its testdata must have
	// good and bad cases for each.
	Formats []model.Format
	// Tags go into SARIF properties.tags; "security" is added for all.
	Tags []string
	// Precision is the SARIF precision: "very-high", "high", "medium", "low".
	Precision string
	// Doc is the rule's markdown documentation (## Why, ## How to fix,
	// ## References); read it through Documentation.
	Doc string
	// ReadDoc, when Doc is empty, reads the documentation of the rule with
	// the given id (configward's rules embed theirs in Doc as strings,
	// which costs nothing until read).
	ReadDoc func(id string) string
	// Run checks one unit. It returns an error only for an internal
	// failure, never to report a finding.
	Run func(*Pass) error
	// Set is the check of a rule that judges the scanned set as a whole
	// (global resources recorded by some recorder of the set), made with
	// a SetCheck. A rule has Run, Set or both.
	Set SetRunner
	// AfterSuppression makes Run wait until every other rule reported on
	// the unit (over the unit and over the set) and the unit's
	// suppressions were matched against those findings: each
	// model.Suppression of the unit then says whether it matched a finding
	// and whether its rule ran. For the rules that judge suppressions.
	AfterSuppression bool
}

// Covers reports whether the rule applies to units of format f.
func (r *Rule) Covers(f model.Format) bool {
	for _, g := range r.Formats {
		if g == f {
			return true
		}
	}
	return false
}

// Documentation is the rule's markdown documentation: Doc, or what ReadDoc
// reads.
func (r *Rule) Documentation() string {
	if r.Doc == "" && r.ReadDoc != nil {
		return r.ReadDoc(r.ID)
	}
	return r.Doc
}

// HelpURI is the rule's documentation page.
func (r *Rule) HelpURI() string {
	return "https://github.com/configward/configward/blob/main/rules/docs/" + r.ID + ".md"
}

// Pass is the rule's view of one unit.
type Pass struct {
	Rule *Rule
	Unit *model.Unit
	// Config carries scan-wide settings rules may read.
	Config *Config
	report func(Finding)
	// shared holds what rules derive from the unit alone, built by the
	// first rule that asks and read by the others (see Shared).
	shared map[any]any
}

// Config holds the scan settings that rules read.
type Config struct {
	// TrustedAccounts from .configward.yml (CW408).
	TrustedAccounts []string
}

// NewPass makes a pass whose findings go to report. The driver and the test
// harness use it; rules never do.
func NewPass(r *Rule, u *model.Unit, cfg *Config, report func(Finding)) *Pass {
	if cfg == nil {
		cfg = &Config{}
	}
	return &Pass{Rule: r, Unit: u, Config: cfg, report: report}
}

// Shared returns the value kept under key for this pass's unit, made by
// build the first time it is asked for. A pass serves the rules of one
// unit one after another, so a rule's derived indexes (a policy's
// statements by action, by resource) are built once per unit, not once
// per rule; what is kept must depend on the unit alone.
func (p *Pass) Shared(key any, build func() any) any {
	v, ok := p.shared[key]
	if !ok {
		if p.shared == nil {
			p.shared = map[any]any{}
		}
		v = build()
		p.shared[key] = v
	}
	return v
}

// Report records a finding. The rule id, format and default severity are
// filled in here, so a rule cannot report under another rule's id.
func (p *Pass) Report(f Finding) {
	f.RuleID = p.Rule.ID
	f.Format = p.Unit.Format
	if f.Severity == None {
		f.Severity = p.Rule.Severity
	}
	p.report(f)
}

// Reportf reports a finding at rng on resource with a formatted message.
func (p *Pass) Reportf(rng model.Range, resource *model.Resource, format string, args ...any) {
	f := Finding{Range: rng, Message: fmt.Sprintf(format, args...)}
	if resource != nil {
		f.Resource = resource.Address
		f.CDKPath = resource.CDKPath
	}
	p.Report(f)
}

// SetCheck is the check of a rule that judges the scanned set as a whole,
// in two phases, so that the driver never holds more than one unit of the
// scan at a time:
//
//  1. Summarize runs on each unit of the formats the rule covers, right
//     after the per-unit rules, and returns the rule's summary of it: S,
//     the rule's own type, holds the facts the judgement weighs and the
//     candidate findings, made in full (range, message, resource,
//     property) while the unit is at hand. The unit is released
//     afterwards, so S must not point into it: copy out strings, ranges,
//     booleans and Findings, never *model.Value or entity pointers.
//     Findings that hold whatever the rest of the set says may be
//     reported at once through the pass.
//  2. Judge runs once, after every unit was summarized, with the summaries
//     of every covered unit of the scan (all roots) in scan order, and
//     reports the candidates the set confirms with SetPass.Report(i, f):
//     the finding goes to the unit of summaries[i].
//
// A rule sets Set: &analyzer.SetCheck[S]{Summarize: ..., Judge: ...}.
type SetCheck[S any] struct {
	Summarize func(*Pass) (S, error)
	Judge     func(pass *SetPass, summaries []S) error
}

// SetRunner is the driver's view of a SetCheck, whatever its summary
// type; only SetCheck implements it.
type SetRunner interface {
	// SummarizeUnit runs phase 1 on the pass's unit.
	SummarizeUnit(*Pass) (any, error)
	// JudgeSet runs phase 2 over what SummarizeUnit returned for every
	// covered unit, in scan order.
	JudgeSet(*SetPass, []any) error
	complete() bool
}

// SummarizeUnit implements SetRunner.
func (c *SetCheck[S]) SummarizeUnit(p *Pass) (any, error) {
	return c.Summarize(p)
}

// JudgeSet implements SetRunner.
func (c *SetCheck[S]) JudgeSet(p *SetPass, summaries []any) error {
	typed := make([]S, len(summaries))
	for i, s := range summaries {
		typed[i] = s.(S)
	}
	return c.Judge(p, typed)
}

func (c *SetCheck[S]) complete() bool {
	return c != nil && c.Summarize != nil && c.Judge != nil
}

// SetPass is a set rule's view of the scanned set in its second phase.
type SetPass struct {
	Rule   *Rule
	Config *Config
	report func(int, Finding)
}

// NewSetPass makes a set pass whose findings on the unit of the i-th
// summary go to report(i, f); the driver uses it.
func NewSetPass(r *Rule, cfg *Config, report func(i int, f Finding)) *SetPass {
	if cfg == nil {
		cfg = &Config{}
	}
	return &SetPass{Rule: r, Config: cfg, report: report}
}

// Report records a finding on the unit of the i-th summary. The rule id
// and default severity are filled in here; the driver sets the unit's
// format.
func (p *SetPass) Report(i int, f Finding) {
	f.RuleID = p.Rule.ID
	if f.Severity == None {
		f.Severity = p.Rule.Severity
	}
	p.report(i, f)
}

// Finding is one reported problem.
type Finding struct {
	RuleID   string
	Severity Severity
	Message  string
	Range    model.Range
	Format   model.Format
	// Resource is the logical location: a resource address, a logical id,
	// or "Statement[N]" in a raw policy.
	Resource string
	// ResourceName is a display name for the logical location (a Sid).
	ResourceName string
	// Property is the canonical path of the property at fault, the same
	// in every format: an entity property's model.Property.Path
	// ("encryption.sse_algorithm", "status.is_enabled"), or a policy
	// element ("Statement[0].Principal"). Empty means the resource itself.
	// Part of the fingerprint, so it survives lines moving and a template
	// rewritten in the other format.
	Property string
	CDKPath  string
	// Fix, when the rule can propose one, is the change that makes the
	// finding go away (package analyzer/fix spells it as edits).
	Fix *Fix

	// Set by the checker.

	// Instances are, for a finding inside a called module or a nested
	// template, every instantiation it holds for: the resource instance
	// address and the chain of calls that made it. Empty at the root.
	Instances     []Instance
	Fingerprint   string
	Suppression   *Suppression
	BaselineState string // "", "new" or "unchanged"
}

// Instance is one instantiation of a finding's resource.
type Instance struct {
	// Address is the resource instance address
	// ("module.a.aws_s3_bucket.this[0]").
	Address string
	// Calls are the module calls or nested stacks that made it, outermost
	// first.
	Calls []model.Call
}

// LocalAddress is the finding's resource address inside its module or
// nested template ("aws_s3_bucket.this[0]"): the same whichever call
// instantiated it.
func (f *Finding) LocalAddress() string {
	if len(f.Instances) == 0 {
		return f.Resource
	}
	in := f.Instances[0]
	if len(in.Calls) == 0 {
		return in.Address
	}
	last := in.Calls[len(in.Calls)-1].Address
	if rest, ok := strings.CutPrefix(in.Address, last); ok {
		return strings.TrimLeft(rest, "./")
	}
	return in.Address
}

// Suppressed reports whether the finding is suppressed.
func (f *Finding) Suppressed() bool { return f.Suppression != nil }

// Suppression records why a finding is suppressed.
type Suppression struct {
	// Kind is "inSource" or "external".
	Kind          string
	Justification string
}

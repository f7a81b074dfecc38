package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

const (
	sarifSchema    = "https://json.schemastore.org/sarif-2.1.0.json"
	toolName       = "configward"
	informationURI = "https://github.com/configward/configward"
	srcRoot        = "%SRCROOT%"
	// fingerprintKey is our own partial fingerprint. primaryLocationLineHash
	// is left to github/codeql-action/upload-sarif, which computes it.
	fingerprintKey = "configward/v1"
)

// writeSARIF writes one SARIF 2.1.0 run, as design.md §1 fixes it.
func writeSARIF(w io.Writer, in *Input) error {
	rep, rules, err := buildSARIF(repoPaths(in))
	if err != nil {
		return err
	}
	return encodeSARIF(w, rep, rules)
}

// repoPaths names every file of the input by its path from the repository
// root (Input.RepoPath), as code scanning wants URIs, whatever the working
// directory; findings are the copies redactInput made.
func repoPaths(in *Input) *Input {
	if in.RepoPath == nil {
		return in
	}
	out := *in
	for _, f := range out.Findings {
		if f.Range.Filename != "" {
			f.Range.Filename = in.RepoPath(f.Range.Filename)
		}
		for i := range f.Instances {
			calls := slices.Clone(f.Instances[i].Calls)
			for k := range calls {
				calls[k].Range.Filename = in.RepoPath(calls[k].Range.Filename)
			}
			f.Instances[i].Calls = calls
		}
	}
	out.Notifications = slices.Clone(in.Notifications)
	for i := range out.Notifications {
		if n := &out.Notifications[i]; n.Range.Filename != "" {
			n.Range.Filename = in.RepoPath(n.Range.Filename)
		}
	}
	return &out
}

// buildSARIF fills go-sarif's types with the run but for the driver's
// rules, which it returns (sorted by id) for encodeSARIF to write from the
// rules themselves: the same 53 descriptors, every doc twice, are in every
// report, and as go-sarif values (a property map, a dozen pointers each)
// they were most of what a report of a small scan allocated, written once
// and never read.
func buildSARIF(in *Input) (*sarif.Report, []*analyzer.Rule, error) {
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return nil, nil, err
	}
	rep.Schema = sarifSchema

	run := sarif.NewRunWithInformationURI(toolName, informationURI)
	run.Tool.Driver.WithVersion(versionOf(in))
	run.WithColumnKind("unicodeCodePoints")
	rules := sarifRules(in)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.ID] = i
	}
	add := func(res *sarif.Result) {
		// sarifRules made sure every finding's rule is there.
		run.Results = append(run.Results, res.WithRuleIndex(index[*res.RuleID]))
	}

	for _, f := range in.Findings {
		res := sarifResult(f)
		addFixes(res, f, in)
		add(res)
	}
	// What a --new-since comparison fixed: the base's findings, at their
	// place in the base, marked absent and of kind "pass" (the problem is
	// gone), so that no consumer takes them for open alerts.
	if in.Comparison != nil {
		for _, f := range in.Comparison.Absent {
			add(sarifResult(f).WithBaselineState("absent").WithKind("pass").WithLevel("none"))
		}
	}

	ok := true
	inv := run.AddInvocation(true)
	for _, n := range in.Notifications {
		if n.Level == "error" {
			ok = false
		}
		inv.AddTToolExecutionNotification(sarifNotification(index, n))
	}
	inv.WithExecutionSuccess(ok)

	rep.AddRun(run)
	return rep, rules, nil
}

func versionOf(in *Input) string {
	if in.Version == "" {
		return "devel"
	}
	return in.Version
}

// sarifRules is every rule that ran, plus a stub for any rule a finding
// names that is not among them (so that every result has a valid
// ruleIndex), sorted by id.
func sarifRules(in *Input) []*analyzer.Rule {
	var rules []*analyzer.Rule
	seen := map[string]bool{}
	for _, r := range in.Rules {
		if r != nil && !seen[r.ID] {
			seen[r.ID] = true
			rules = append(rules, r)
		}
	}
	all := in.Findings
	if in.Comparison != nil {
		all = append(slices.Clip(all), in.Comparison.Absent...)
	}
	for _, f := range all {
		if !seen[f.RuleID] {
			seen[f.RuleID] = true
			rules = append(rules, &analyzer.Rule{
				ID:       f.RuleID,
				Name:     strings.ToLower(f.RuleID),
				Title:    f.RuleID,
				Severity: f.Severity,
			})
		}
	}
	slices.SortStableFunc(rules, func(a, b *analyzer.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}

// ruleTags is the rule's tags plus "security", deduplicated and sorted.
func ruleTags(r *analyzer.Rule) []string {
	tags := append([]string{"security"}, r.Tags...)
	slices.Sort(tags)
	return slices.Compact(tags)
}

// firstParagraph is the first paragraph of a rule's doc that is not a
// heading (its lines as written) and its number of lines: the rule's
// fullDescription is those lines trimmed and joined by spaces, or the
// title when there are none.
func firstParagraph(doc string) (para string, lines int) {
	start, end := 0, 0
	for line := range strings.Lines(doc) {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			if lines > 0 {
				break
			}
			start += len(line)
			continue
		}
		if lines == 0 {
			end = start
		}
		lines++
		end += len(line)
	}
	if lines == 0 {
		return "", 0
	}
	return doc[start:end], lines
}

func sarifResult(f *analyzer.Finding) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID).
		WithLevel(f.Severity.SARIFLevel()).
		WithMessage(sarif.NewTextMessage(f.Message))

	loc := sarif.NewLocation()
	if f.Range.Filename != "" {
		loc.WithPhysicalLocation(sarifPhysical(f.Range))
	}
	if f.Resource != "" {
		ll := sarif.NewLogicalLocation().WithFullyQualifiedName(f.Resource).WithKind("resource")
		if f.ResourceName != "" {
			ll.WithName(f.ResourceName)
		}
		loc.AddLogicalLocations(ll)
	}
	res.AddLocation(loc)
	addRelatedLocations(res, f)

	if f.Fingerprint != "" {
		res.WithPartialFingerPrints(map[string]any{fingerprintKey: f.Fingerprint})
	}
	if f.CDKPath != "" {
		res.Properties = sarif.Properties{"cdkPath": f.CDKPath}
	}
	if s := f.Suppression; s != nil {
		kind := "external"
		if s.Kind == "inSource" {
			kind = "inSource"
		}
		// go-sarif v2's Suppression has no omitempty: every field is set,
		// or it would be written as a schema-invalid null.
		res.AddSuppression(sarif.NewSuppression(kind).
			WithStatus("accepted").
			WithJustifcation(s.Justification).
			WithGuid(suppressionGUID(f)).
			WithLocation(loc))
	}
	if f.BaselineState != "" {
		res.WithBaselineState(f.BaselineState)
	}
	return res
}

// addRelatedLocations adds one related location for each call site that
// instantiates a finding inside a called module or nested template (the
// module blocks, outer and inner, and nested stacks), its message naming
// the call and the resource instances it leads to.
func addRelatedLocations(res *sarif.Result, f *analyzer.Finding) {
	type site struct {
		rng       model.Range
		calls     []string
		addresses []string
	}
	var sites []*site
	for _, in := range f.Instances {
		for _, c := range in.Calls {
			i := slices.IndexFunc(sites, func(s *site) bool { return s.rng == c.Range })
			if i < 0 {
				i = len(sites)
				sites = append(sites, &site{rng: c.Range})
			}
			s := sites[i]
			if !slices.Contains(s.calls, c.Address) {
				s.calls = append(s.calls, c.Address)
			}
			if !slices.Contains(s.addresses, in.Address) {
				s.addresses = append(s.addresses, in.Address)
			}
		}
	}
	for i, s := range sites {
		msg := strings.Join(s.calls, ", ") + " called here: " + strings.Join(s.addresses, ", ")
		res.AddRelatedLocation(sarif.NewLocation().
			WithId(i + 1).
			WithPhysicalLocation(sarifPhysical(s.rng)).
			WithMessage(sarif.NewTextMessage(msg)))
	}
}

func sarifPhysical(r model.Range) *sarif.PhysicalLocation {
	g := normalize(r)
	return sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(uriOf(g.file)).WithUriBaseId(srcRoot)).
		WithRegion(sarif.NewRegion().
			WithStartLine(g.startLine).
			WithStartColumn(g.startCol).
			WithEndLine(g.endLine).
			WithEndColumn(g.endCol))
}

// uriOf turns a relative slash path into a relative URI reference:
// "my dir/main.tf" becomes "my%20dir/main.tf". A colon in the first segment
// would read as a scheme, so such a path gets a leading "./".
func uriOf(file string) string {
	u := (&url.URL{Path: file}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return u
}

// suppressionGUID derives a stable UUID-shaped id (version 5 and variant
// bits set, as the SARIF schema's guid pattern requires) from the finding's
// fingerprint and rule, or from its location when it has no fingerprint.
func suppressionGUID(f *analyzer.Finding) string {
	key := f.Fingerprint
	if key == "" {
		g := normalize(f.Range)
		key = strings.Join([]string{g.file, strconv.Itoa(g.startLine), strconv.Itoa(g.startCol), f.Resource, f.Property, f.Message}, "\x00")
	}
	sum := sha256.Sum256([]byte("configward suppression\x00" + f.RuleID + "\x00" + key))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func sarifNotification(ruleIndex map[string]int, n Notification) *sarif.Notification {
	level := n.Level
	switch level {
	case "error", "warning", "note":
	default:
		level = "warning"
	}
	sn := sarif.NewNotification().WithLevel(level).WithTextMessage(n.Message)
	if n.Range.Filename != "" {
		sn.WithLocations([]*sarif.Location{sarif.NewLocation().WithPhysicalLocation(notificationPhysical(n.Range))})
	}
	if n.RuleID != "" {
		ref := sarif.NewReportingDescriptorReference().WithId(n.RuleID)
		if i, ok := ruleIndex[n.RuleID]; ok {
			ref.WithIndex(i)
		}
		sn.WithAssociatedRule(ref)
	}
	return sn
}

// notificationPhysical is a notification's place: a whole file when it has
// no line.
func notificationPhysical(r model.Range) *sarif.PhysicalLocation {
	if r.Start.Line <= 0 {
		return sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(uriOf(r.Filename)).WithUriBaseId(srcRoot))
	}
	return sarifPhysical(r)
}

// Package checker is configward's driver: it discovers the files under the
// scanned paths, classifies them by content, parses them in parallel into
// units of the common model, runs the rules it is given over each unit,
// applies suppressions, fingerprints and sorts the findings. It never
// imports the rules: the caller passes the list.
package checker

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/cloudformation"
	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/parsers/terraform"
)

// DefaultMaxFileSize is the largest file read; larger ones are CW001.
const DefaultMaxFileSize = 10 << 20

// Options configure a scan.
type Options struct {
	// Rules to run, sorted by id. CW001 reports parse errors; CW002
	// checks suppressions (see suppress.go).
	Rules []*analyzer.Rule
	// Exclude holds globs relative to each scan root.
	Exclude []string
	// TerraformVars and TerraformVarFiles are --var and --var-file.
	TerraformVars     map[string]string
	TerraformVarFiles []string
	// Params are CloudFormation parameter values.
	Params map[string]string
	// Config is passed to rules.
	Config *analyzer.Config
	// Workers bounds parallelism; 0 means GOMAXPROCS.
	Workers     int
	MaxFileSize int64
	// Ignores are the configuration file's suppressions still in force.
	Ignores []Ignore
	// ConfigUnit is the configuration file as a unit, for the rules about
	// it (expired ignores); nil when there is none.
	ConfigUnit *model.Unit
}

// Ignore suppresses findings of Rule whose file matches one of Paths (globs
// relative to the working directory; all files when empty) and whose
// resource is Resource (any when empty).
type Ignore struct {
	Rule     string
	Paths    []string
	Resource string
	Reason   string
}

func (ig Ignore) matches(f *analyzer.Finding) bool {
	if ig.Rule != f.RuleID || (ig.Resource != "" && ig.Resource != f.Resource) {
		return false
	}
	if len(ig.Paths) == 0 {
		return true
	}
	return excluder(ig.Paths)(f.Range.Filename)
}

// Result is the outcome of a scan.
type Result struct {
	// Findings sorted by file, line, column, rule id and message.
	Findings      []*analyzer.Finding
	Notifications []analyzer.Notification
	// Files is the number of units scanned.
	Units int
	// sources maps a reported filename to where it can be read.
	sources map[string]sourceRef
}

type sourceRef struct {
	fsys fs.FS
	name string
}

// Source returns the content of a file named in a finding, for snippets.
func (r *Result) Source(filename string) []byte {
	ref, ok := r.sources[filename]
	if !ok {
		return nil
	}
	b, err := fs.ReadFile(ref.fsys, ref.name)
	if err != nil {
		return nil
	}
	return utf8Text(b)
}

// Run scans each path (a file or directory; "." when none) as its own root:
// nothing outside a root is read. Reported filenames are relative to the
// current directory, with forward slashes. Rules that judge the scanned set
// as a whole see the units of every root together.
func Run(paths []string, opts Options) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	var roots []*rootScan
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", p, err)
		}
		rootDir, start := p, "."
		if !info.IsDir() {
			rootDir, start = filepath.Dir(p), filepath.Base(p)
		}
		root, err := os.OpenRoot(rootDir)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", p, err)
		}
		roots = append(roots, scanRoot(root.FS(), start, displayPrefix(cwd, rootDir), opts))
	}
	if cr := configRoot(os.DirFS("."), opts); cr != nil {
		roots = append(roots, cr)
	}
	res := finish(roots, opts)
	res.Findings = dropRepeats(res.Findings)
	sortFindings(res.Findings)
	return res, nil
}

// displayPrefix is rootDir relative to the working directory, slash form,
// "" for the working directory itself.
func displayPrefix(cwd, rootDir string) string {
	abs, err := filepath.Abs(rootDir)
	if err != nil {
		return filepath.ToSlash(rootDir)
	}
	rel, err := filepath.Rel(cwd, abs)
	if err != nil {
		rel = abs
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return ""
	}
	return rel
}

// Scan scans fsys from start (a directory or file inside it). Filenames in
// the result are prefix joined with the path inside fsys.
func Scan(fsys fs.FS, start, prefix string, opts Options) *Result {
	roots := []*rootScan{scanRoot(fsys, start, prefix, opts)}
	if cr := configRoot(fsys, opts); cr != nil {
		roots = append(roots, cr)
	}
	res := finish(roots, opts)
	sortFindings(res.Findings)
	return res
}

// configRoot checks the configuration file's unit, read from fsys for
// snippets; nil without one.
func configRoot(fsys fs.FS, opts Options) *rootScan {
	if opts.ConfigUnit == nil {
		return nil
	}
	return &rootScan{fsys: fsys, units: []*unitResult{runRules(opts.ConfigUnit, opts)}}
}

// rootScan is the first phase's outcome for one root: every unit parsed and
// checked by the per-unit rules.
type rootScan struct {
	fsys   fs.FS
	prefix string
	units  []*unitResult
	notes  []analyzer.Notification
}

// unitResult is what the scan keeps of one unit between phases: its
// findings and suppressions, and the summaries the set rules made of it.
// The unit itself is released once its rules ran.
type unitResult struct {
	path         string
	format       model.Format
	findings     []*analyzer.Finding
	notes        []analyzer.Notification
	suppressions []model.Suppression
	ran          []*analyzer.Rule // the rules run on the unit, for the suppression check
	summaries    []setSummary
	files        []string // the unit's files (a template and its nested ones)
	modules      []string // the Terraform module directories the unit called
	secrets      []string // sensitive values of the unit, masked in its findings
}

// setSummary is what a set rule's first phase kept of a unit.
type setSummary struct {
	rule    *analyzer.Rule
	summary any
}

// scanRoot discovers, parses and checks the units of one root in parallel:
// the walk hands units to the workers as it finds them, and the units are
// put back in path order at the end.
func scanRoot(fsys fs.FS, start, prefix string, opts Options) *rootScan {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type done struct {
		path string
		out  *unitResult
	}
	results := make([][]done, workers)
	var wg sync.WaitGroup
	next := make(chan job, 4*workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				results[w] = append(results[w], done{j.path, checkJob(fsys, j, opts)})
			}
		}()
	}
	notes := walk(fsys, start, excluder(opts.Exclude), func(j job) { next <- j })
	close(next)
	wg.Wait()
	var outs []done
	for _, r := range results {
		outs = append(outs, r...)
	}
	sort.Slice(outs, func(i, k int) bool { return outs[i].path < outs[k].path })
	units := make([]*unitResult, 0, len(outs))
	for _, d := range outs {
		if d.out != nil {
			units = append(units, d.out)
		}
	}
	rs := &rootScan{fsys: fsys, prefix: prefix}
	for _, n := range notes {
		rs.notes = append(rs.notes, analyzer.Notification{Level: "note", Message: n})
	}
	nested := nestedTemplates(units)
	called := calledModules(units)
	for _, o := range units {
		if !nested[o.path] && !called[o.path] {
			rs.units = append(rs.units, o)
		}
	}
	return rs
}

// nestedTemplates are the templates read as nested stacks of another
// CloudFormation unit of the root: they are checked there, with the
// parameters their parent passes and addresses under it, not again on
// their own. A template is kept when it nests its parent in turn (a cycle
// has no outermost template).
func nestedTemplates(outs []*unitResult) map[string]bool {
	readBy := map[string][]*unitResult{}
	for _, o := range outs {
		if o == nil || o.format != model.CloudFormation {
			continue
		}
		for _, f := range o.files {
			if f != o.path {
				readBy[f] = append(readBy[f], o)
			}
		}
	}
	nested := map[string]bool{}
	for _, o := range outs {
		if o == nil || o.format != model.CloudFormation {
			continue
		}
		for _, parent := range readBy[o.path] {
			if !contains(o.files, parent.path) {
				nested[o.path] = true
			}
		}
	}
	return nested
}

// calledModules are the Terraform module directories that another
// Terraform unit of the root calls: they are checked there, with the inputs
// their caller binds and addresses under module.NAME, not again on their
// own, where every input without a default would be unknown and a default
// the caller overrides could raise findings that do not hold (precision
// first), and every finding would be reported twice. A plan JSON (terraform
// show -json) "calls" the configuration it was made from: Terraform's own
// evaluation wins over configward's. A directory that no scanned root calls
// is still scanned as a root module; one that calls its caller in turn (a
// cycle has no outermost module) is kept.
func calledModules(outs []*unitResult) map[string]bool {
	callers := map[string][]*unitResult{}
	for _, o := range outs {
		if o != nil && o.format == model.Terraform {
			for _, d := range o.modules {
				callers[d] = append(callers[d], o)
			}
		}
	}
	called := map[string]bool{}
	for _, o := range outs {
		if o == nil || o.format != model.Terraform {
			continue
		}
		for _, c := range callers[o.path] {
			if !contains(o.modules, c.path) {
				called[o.path] = true
			}
		}
	}
	return called
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// finish runs the rules over the whole set, applies the in-source
// suppressions and the suppression check, then names files for display and
// fingerprints the findings.
func finish(roots []*rootScan, opts Options) *Result {
	runSetRules(roots, opts)
	res := &Result{sources: map[string]sourceRef{}}
	for _, rs := range roots {
		res.Notifications = append(res.Notifications, displayNotes(rs.prefix, rs.notes)...)
		for _, u := range rs.units {
			checkSuppressions(u, opts)
			res.Units++
			res.Notifications = append(res.Notifications, displayNotes(rs.prefix, u.notes)...)
			for _, f := range u.findings {
				maskSecrets(f, u.secrets)
				nameConstruct(f)
				f.Range.Filename = joinDisplay(rs.prefix, f.Range.Filename)
				f.Fingerprint = fingerprint(f, joinDisplay(rs.prefix, u.path))
				res.sources[f.Range.Filename] = sourceRef{rs.fsys, strings.TrimPrefix(strings.TrimPrefix(f.Range.Filename, rs.prefix), "/")}
				res.Findings = append(res.Findings, f)
			}
		}
	}
	dedupeFingerprints(res.Findings)
	applyIgnores(res.Findings, opts.Ignores)
	return res
}

// minSecretLen keeps a sensitive value of one or two characters ("1",
// "on") from masking unrelated words of messages.
const minSecretLen = 4

// sensitiveValues collects the text of the unit's values marked sensitive
// (CloudFormation NoEcho parameters, Terraform sensitive variables), which
// a rule may have quoted in a message without knowing.
func sensitiveValues(u *model.Unit) []string {
	var out []string
	for _, r := range u.Resources {
		r.Body.Walk(func(v *model.Value) bool {
			if v.Sensitive && len(v.Str) >= minSecretLen && !slices.Contains(out, v.Str) {
				out = append(out, v.Str)
			}
			return true
		})
	}
	return out
}

// maskSecrets replaces every sensitive value of the unit in the finding's
// message and names: they are never printed, whichever rule quoted them.
func maskSecrets(f *analyzer.Finding, secrets []string) {
	for _, s := range secrets {
		mask := strings.Repeat("*", len(s))
		f.Message = strings.ReplaceAll(f.Message, s, mask)
		f.Resource = strings.ReplaceAll(f.Resource, s, mask)
		f.ResourceName = strings.ReplaceAll(f.ResourceName, s, mask)
	}
}

// nameConstruct adds the CDK construct path of a finding to its message,
// so that every format tells a CDK user which construct to fix (SARIF also
// has it in properties.cdkPath).
func nameConstruct(f *analyzer.Finding) {
	if f.CDKPath != "" && !strings.Contains(f.Message, f.CDKPath) {
		f.Message += " (CDK construct " + f.CDKPath + ")"
	}
}

// runSetRules runs the second phase of each set rule over the summaries
// its first phase made of every unit, across all roots, in scan order;
// findings go to the unit of the summary they are reported on.
func runSetRules(roots []*rootScan, opts Options) {
	for _, r := range opts.Rules {
		if r.Set == nil {
			continue
		}
		var units []*unitResult
		var summaries []any
		for _, rs := range roots {
			for _, u := range rs.units {
				for _, s := range u.summaries {
					if s.rule == r {
						units = append(units, u)
						summaries = append(summaries, s.summary)
					}
				}
			}
		}
		if len(units) == 0 {
			continue
		}
		failed := func(why any) {
			first := units[0]
			first.notes = append(first.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed over the scanned set: %v", r.ID, why)})
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					failed(p)
					debugLog(p)
				}
			}()
			sp := analyzer.NewSetPass(r, opts.Config, func(i int, f analyzer.Finding) {
				if i >= 0 && i < len(units) {
					f.Format = units[i].format
					units[i].findings = append(units[i].findings, &f)
				}
			})
			if err := r.Set.JudgeSet(sp, summaries); err != nil {
				failed(err)
			}
		}()
	}
	for _, rs := range roots {
		for _, u := range rs.units {
			u.summaries = nil
		}
	}
}

func displayNotes(prefix string, notes []analyzer.Notification) []analyzer.Notification {
	for i := range notes {
		if n := &notes[i]; n.Range.Filename != "" {
			n.Range.Filename = joinDisplay(prefix, n.Range.Filename)
		}
	}
	return notes
}

func joinDisplay(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return path.Join(prefix, name)
}

// checkJob parses one job, runs the per-unit rules and the first phase of
// the set rules over it; nil when the job is not IaC.
func checkJob(fsys fs.FS, j job, opts Options) (out *unitResult) {
	defer func() {
		if r := recover(); r != nil {
			out = &unitResult{path: j.path}
			out.notes = append(out.notes, analyzer.Notification{Level: "error", Message: fmt.Sprintf("internal error while reading %s: %v", j.path, r)})
			out.findings = append(out.findings, internalErrorFinding(j.path, fmt.Sprintf("configward failed to read this file (internal error: %v); please report it", r)))
			debugLog(r)
		}
	}()
	unit := load(fsys, j, opts)
	if unit == nil {
		return nil
	}
	return runRules(unit, opts)
}

// load classifies and parses one job; nil means "not IaC", skipped silently.
func load(fsys fs.FS, j job, opts Options) *model.Unit {
	if j.tfDir {
		return terraform.ParseModule(fsys, j.path, terraform.Options{Vars: opts.TerraformVars, VarFiles: opts.TerraformVarFiles})
	}
	if size := j.size(); size > opts.MaxFileSize {
		if !looksLikeIaCName(j.path) {
			return nil
		}
		return tooLarge(j.path, size, opts.MaxFileSize)
	}
	src, err := fs.ReadFile(fsys, j.path)
	if err != nil {
		return &model.Unit{Format: formatByName(j.path), Path: j.path, Files: []string{j.path}, Diagnostics: []model.Diagnostic{{
			Summary: "cannot read file: " + err.Error(),
			Range:   model.Range{Filename: j.path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
		}}}
	}
	src = utf8Text(src)
	if terraform.IsPlan(j.path, src) {
		return terraform.ParsePlan(fsys, j.path, src)
	}
	if u, ok := cloudformation.Parse(j.path, src, cloudformation.Options{Params: opts.Params, ReadFile: readInRoot(fsys, opts.MaxFileSize)}); ok {
		return u
	}
	if strings.EqualFold(path.Ext(j.path), ".json") {
		if u, ok := iampolicy.ParseFile(j.path, src); ok {
			return u
		}
	}
	return nil
}

// readInRoot reads a file of the scanned root for a parser (the templates
// of nested stacks): fsys confines it to the root, symbolic links are not
// followed (as discover does not follow them) and the size limit holds.
func readInRoot(fsys fs.FS, limit int64) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !fs.ValidPath(name) {
			return nil, fmt.Errorf("%s is outside the scanned directory", name)
		}
		info, err := fs.Lstat(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s does not exist", name)
		} else if err != nil {
			return nil, err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symbolic link, not followed", name)
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("%s is not a regular file", name)
		case info.Size() > limit:
			return nil, fmt.Errorf("%s is too large: %d bytes, over the limit of %d", name, info.Size(), limit)
		}
		return fs.ReadFile(fsys, name)
	}
}

// looksLikeIaCName is the only hint available for a file too large to read.
func looksLikeIaCName(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template"
}

func formatByName(p string) model.Format {
	if strings.EqualFold(path.Ext(p), ".json") {
		return model.IAMPolicy
	}
	return model.CloudFormation
}

func tooLarge(p string, size, limit int64) *model.Unit {
	return &model.Unit{Format: formatByName(p), Path: p, Files: []string{p}, Diagnostics: []model.Diagnostic{{
		Summary: fmt.Sprintf("file too large: %d bytes, over the limit of %d (--max-file-size); not read", size, limit),
		Range:   model.Range{Filename: p, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
	}}}
}

func internalErrorFinding(file, msg string) *analyzer.Finding {
	return &analyzer.Finding{
		RuleID:   "CW001",
		Severity: analyzer.High,
		Message:  msg,
		Range:    model.Range{Filename: file, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}},
		Resource: file,
	}
}

// runRules runs every applicable per-unit rule over the unit, then the
// first phase of the set rules, containing panics. The suppression check
// runs later, in checkSuppressions, once the rules over the whole set have
// reported too.
func runRules(unit *model.Unit, opts Options) *unitResult {
	out := &unitResult{path: unit.Path, format: unit.Format, suppressions: unit.Suppressions, files: unit.Files, modules: unit.Modules,
		secrets: sensitiveValues(unit), ran: make([]*analyzer.Rule, 0, len(opts.Rules))}
	for _, n := range unit.Notes {
		msg := n.Summary
		if n.Detail != "" {
			msg += ": " + n.Detail
		}
		out.notes = append(out.notes, analyzer.Notification{Level: "warning", Message: msg, Range: n.Range})
	}
	// One pass serves every rule in turn: rules do not keep it.
	pass := analyzer.NewPass(nil, unit, opts.Config, func(f analyzer.Finding) {
		out.findings = append(out.findings, &f)
	})
	for _, r := range opts.Rules {
		if !r.Covers(unit.Format) || r.ID == SuppressionRuleID || r.Run == nil {
			continue
		}
		out.ran = append(out.ran, r)
		runOne(r, pass, out)
	}
	for _, r := range opts.Rules {
		if r.Set == nil || !r.Covers(unit.Format) || r.ID == SuppressionRuleID {
			continue
		}
		out.ran = append(out.ran, r)
		summarize(r, pass, out)
	}
	return out
}

// summarize runs the first phase of a set rule over the pass's unit and
// keeps its summary for the second; a rule that fails on the unit judges
// the set without it.
func summarize(r *analyzer.Rule, pass *analyzer.Pass, out *unitResult) {
	defer recoverRule(r, pass.Unit, out)
	pass.Rule = r
	s, err := r.Set.SummarizeUnit(pass)
	if err != nil {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed on %s: %v", r.ID, pass.Unit.Path, err)})
		return
	}
	out.summaries = append(out.summaries, setSummary{r, s})
}

// checkSuppressions applies the unit's in-source suppressions and runs the
// suppression check (CW002) with the findings of every other rule.
func checkSuppressions(u *unitResult, opts Options) {
	var cw002 *analyzer.Rule
	for _, r := range opts.Rules {
		if r.ID == SuppressionRuleID && r.Covers(u.format) && r.Run != nil {
			cw002 = r
		}
	}
	unit := &model.Unit{Path: u.path, Format: u.format, Suppressions: u.suppressions}
	var prior []*analyzer.Finding
	var ran map[string]bool
	if len(u.suppressions) > 0 {
		prior = append([]*analyzer.Finding(nil), u.findings...)
		ran = make(map[string]bool, len(u.ran))
		for _, r := range u.ran {
			ran[r.ID] = true
		}
		applySuppressions(unit, u.findings)
	}
	if cw002 != nil {
		pass := analyzer.NewPass(cw002, unit, opts.Config, func(f analyzer.Finding) {
			u.findings = append(u.findings, &f)
		})
		pass.Prior, pass.Ran = prior, ran
		runOne(cw002, pass, u)
	}
}

// runOne runs one per-unit rule with the pass, containing panics.
func runOne(r *analyzer.Rule, pass *analyzer.Pass, out *unitResult) {
	defer recoverRule(r, pass.Unit, out)
	pass.Rule = r
	if err := r.Run(pass); err != nil {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed on %s: %v", r.ID, pass.Unit.Path, err)})
	}
}

// recoverRule, deferred, turns a rule's panic on a unit into a
// notification and an internal-error finding on the unit.
func recoverRule(r *analyzer.Rule, unit *model.Unit, out *unitResult) {
	if p := recover(); p != nil {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed on %s: %v", r.ID, unit.Path, p)})
		out.findings = append(out.findings, internalErrorFinding(firstFile(unit), fmt.Sprintf("rule %s could not check this file (internal error: %v); please report it", r.ID, p)))
		debugLog(p)
	}
}

func firstFile(u *model.Unit) string {
	if len(u.Files) > 0 {
		return u.Files[0]
	}
	return u.Path
}

func debugLog(p any) {
	if os.Getenv("CONFIGWARD_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "panic: %v\n%s", p, debug.Stack())
	}
}

// sortFindings orders findings by file, line, column, rule id and message.
func sortFindings(fs []*analyzer.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Range.Filename != b.Range.Filename {
			return a.Range.Filename < b.Range.Filename
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.Range.Start.Column != b.Range.Start.Column {
			return a.Range.Start.Column < b.Range.Start.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}

// dropRepeats removes findings reported twice because two scanned paths
// share a unit (two files of one Terraform module given as arguments).
func dropRepeats(findings []*analyzer.Finding) []*analyzer.Finding {
	type key struct {
		fp, file  string
		line, col int
	}
	seen := map[key]bool{}
	out := findings[:0]
	for _, f := range findings {
		k := key{f.Fingerprint, f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// applyIgnores marks findings that a configuration-file ignore covers.
func applyIgnores(findings []*analyzer.Finding, ignores []Ignore) {
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		for _, ig := range ignores {
			if ig.matches(f) {
				f.Suppression = &analyzer.Suppression{Kind: "external", Justification: ig.Reason}
				break
			}
		}
	}
}

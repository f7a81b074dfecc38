package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/config"
	"github.com/configward/configward/analyzer/fix"
	"github.com/configward/configward/analyzer/graph"
	"github.com/configward/configward/analyzer/report"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

type scanFlags struct {
	format, output, failOn, minSeverity string
	rules, skipRules, configPath        string
	baselineConfig, changedLines        string
	baselines                           listFlag
	exclude, vars, varFiles             listFlag
	reports                             listFlag
	params, paramFiles                  listFlag
	noColor, onlyFiles                  bool
	maxFileSize                         int64
	cpuProfile, memProfile              string
	set                                 map[string]bool
}

func newScanFlagSet(f *scanFlags, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "report format: text, json, sarif, github or markdown")
	fs.StringVar(&f.output, "output", "", "write the report to `FILE` instead of stdout")
	fs.Var(&f.reports, "report", "also write a report `FORMAT=PATH` (PATH - for stdout) from the same scan; repeatable")
	fs.StringVar(&f.failOn, "fail-on", "low", "exit 1 when an unsuppressed finding has severity >= `S`: critical, high, medium, low or none")
	fs.StringVar(&f.minSeverity, "min-severity", "low", "leave out findings below `S`")
	addInputFlags(fs, f)
	fs.Var(&f.baselines, "baseline", "an earlier SARIF report `FILE` (the scan of a base commit): findings already in it are unchanged and do not fail the run, the reports count what is new, fixed and newly suppressed; repeatable")
	fs.StringVar(&f.baselineConfig, "baseline-config", "", "the base's configuration `FILE`: the markdown summary lists the lines the configuration gained and lost since")
	fs.StringVar(&f.changedLines, "changed-lines", "", "a unified diff `FILE` (git diff --unified=0 -M BASE): the github report annotates only findings whose lines it changed, and new ones")
	fs.BoolVar(&f.onlyFiles, "only-files", false, "the PATHs are changed files (pre-commit's staged files): scan the whole current directory as CI does, so that rules judging the whole set answer alike, and report only the findings of those files' units (a Terraform file or .tfvars brings in its module)")
	fs.BoolVar(&f.noColor, "no-color", false, "plain text output (also when NO_COLOR is set or stdout is not a terminal)")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the scan to `FILE` (go tool pprof)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write a heap profile at the end of the scan to `FILE` (go tool pprof)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: configward scan [flags] [PATH ...]\n\nScans files and directories (default \".\") for security problems.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nExit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.\n")
	}
	return fs
}

// addInputFlags adds the flags that say what a scan reads and which rules
// run: shared by scan, graph and fix, which scan alike.
func addInputFlags(fs *flag.FlagSet, f *scanFlags) {
	fs.StringVar(&f.rules, "rules", "", "comma-separated rule `IDS` to run (all by default)")
	fs.StringVar(&f.skipRules, "skip-rules", "", "comma-separated rule `IDS` to leave out")
	fs.Var(&f.exclude, "exclude", "leave out paths matching `GLOB` (relative to the scan root, ** allowed); repeatable")
	fs.Var(&f.vars, "var", "Terraform input variable `NAME=VALUE`; repeatable")
	fs.Var(&f.varFiles, "var-file", "Terraform variables `FILE` (tfvars, HCL or JSON); repeatable")
	fs.Var(&f.params, "param", "CloudFormation parameter `NAME=VALUE`; repeatable")
	fs.Var(&f.paramFiles, "param-file", "CloudFormation parameters `FILE`: a JSON object or the CLI's ParameterKey/ParameterValue list; repeatable")
	fs.StringVar(&f.configPath, "config", "", "configuration `FILE` (default .configward.yml in the current directory, if present)")
	fs.Int64Var(&f.maxFileSize, "max-file-size", checker.DefaultMaxFileSize, "files larger than `BYTES` are reported (CW001), not read")
}

// parseInterspersed lets flags follow paths: `configward scan . --format sarif`.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
}

func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "configward: "+format+"\n", args...)
	return exitUsage
}

func runScan(args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	fs := newScanFlagSet(&f, stderr)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })

	if !slices.Contains(report.Formats, f.format) {
		return usageError(stderr, "unknown --format %q (want %s)", f.format, strings.Join(report.Formats, ", "))
	}
	outputs, err := reportTargets(&f)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	// The rule list is validated by its test (rules.TestAll), not at each
	// run: that reads every rule's documentation, which a scan needs only
	// for SARIF.
	all := rules.All()

	cfg, err := loadConfig(f.configPath, all, maxInputSize(&f))
	var refused *model.Unit
	if err != nil {
		if f.configPath != "" {
			return usageError(stderr, "%v", err)
		}
		// The default file is part of the scanned tree: one that cannot
		// be read as a scanned file is a CW001 there, and the scan goes on
		// without it (no exclusion or ignore of it applies).
		refused = config.Refused(config.DefaultFile, err)
		cfg = &config.File{}
	}
	failOn, minSev, err := thresholds(&f, cfg)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	selected, err := selectRules(all, f.rules, f.skipRules, cfg)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	var g *graph.Graph
	for _, t := range outputs {
		if isGraphFormat(t.format) && g == nil {
			g = graph.New()
		}
	}
	opts, err := scanOptions(&f, cfg, selected)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	if refused != nil {
		opts.ConfigUnit = refused
	}
	if g != nil {
		opts.Rules = append(slices.Clip(opts.Rules), graphDrawer(g))
	}
	var base *baseline
	for _, path := range f.baselines {
		b, err := readBaseline(path, all, maxInputSize(&f))
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		if base == nil {
			base = b
			continue
		}
		for fp, fd := range b.findings {
			if base.findings[fp] == nil {
				base.findings[fp] = fd
				base.list = append(base.list, fd)
			}
		}
	}
	var changed map[string][]lineSpan
	if f.changedLines != "" {
		if changed, err = readChangedLines(f.changedLines); err != nil {
			return usageError(stderr, "%v", err)
		}
	}

	stopProfiles, err := startProfiles(f.cpuProfile, f.memProfile)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	var matchedMu sync.Mutex
	matched := map[string]bool{}
	opts.ExcludeMatched = func(g string) {
		matchedMu.Lock()
		matched[g] = true
		matchedMu.Unlock()
	}
	var named []string
	if f.onlyFiles {
		named, paths = paths, nil
	}
	if named != nil {
		hugeHeap(named)
	} else {
		hugeHeap(paths)
	}
	started := time.Now()
	res, err := checker.Run(paths, opts)
	elapsed := time.Since(started)
	if perr := stopProfiles(); perr != nil {
		fmt.Fprintln(stderr, "configward:", perr)
	}
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	endScanGC(len(res.Findings))
	for _, g := range opts.Exclude {
		if !matched[g] {
			fmt.Fprintf(stderr, "configward: warning: exclude pattern %q matches nothing\n", g)
		}
	}

	findings := adjustFindings(res.Findings, cfg, minSev)
	if f.onlyFiles {
		findings = ofFiles(findings, named)
	}
	var comparison *report.Comparison
	if base != nil {
		comparison = base.compare(findings)
		var names []string
		for _, b := range f.baselines {
			names = append(names, filepath.Base(b))
		}
		comparison.Base = strings.Join(names, ", ")
		if f.baselineConfig != "" {
			ch, err := configChange(f.baselineConfig, configFile(f.configPath, cfg))
			if err != nil {
				return usageError(stderr, "%v", err)
			}
			if ch != nil {
				comparison.ConfigChanges = append(comparison.ConfigChanges, *ch)
			}
		}
	}
	var annotate func(*analyzer.Finding) bool
	if changed != nil {
		annotate = func(fd *analyzer.Finding) bool {
			return touchesChanged(changed, fd) || fd.BaselineState == "new"
		}
	}

	in := &report.Input{
		Rules:    selected,
		Findings: findings,
		Sources:  res.Source,
		Lines:    res.Lines,
		RepoPath: res.RepoPath,
		Fixes:    fix.NewPlanner(res.Source).For,
		Version:  version(),
		FailOn:   failOn,

		Comparison: comparison,
		Annotate:   annotate,
	}
	for _, n := range res.Notifications {
		in.Notifications = append(in.Notifications, report.Notification{Level: n.Level, Message: n.Message, Range: n.Range, RuleID: n.RuleID})
	}

	textToStdout := false
	if g != nil {
		g.Mark(res.Findings)
		nameGraphFiles(g, paths)
	}
	for _, t := range outputs {
		var err error
		if isGraphFormat(t.format) {
			err = writeGraph(t, g, stdout)
		} else {
			err = writeReport(t, in, stdout, f.noColor)
		}
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		textToStdout = textToStdout || (t.format == "text" && t.path == "-")
	}
	if res.Units == 0 {
		fmt.Fprintf(stderr, "configward: no CloudFormation template, Terraform module or IAM policy found in %s\n", strings.Join(orDot(paths), " "))
	} else if textToStdout {
		fmt.Fprintln(stderr, scannedLine(res, elapsed))
		if fd := firstOpen(findings); fd != nil {
			fmt.Fprintf(stderr, "run `configward explain %s` for why the rule matters and how to fix it\n", fd.RuleID)
		}
	}
	if in.Failed() {
		return exitFindings
	}
	return exitOK
}

// ofFiles keeps the findings of the named files' units: the file itself,
// or for a Terraform file (.tf, .tf.json, .tfvars) every file of its
// module directory.
func ofFiles(findings []*analyzer.Finding, named []string) []*analyzer.Finding {
	files, dirs := map[string]bool{}, map[string]bool{}
	for _, n := range named {
		n = filepath.ToSlash(filepath.Clean(n))
		files[n] = true
		if strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") || strings.HasSuffix(n, ".tfvars") || strings.HasSuffix(n, ".tfvars.json") {
			dirs[path.Dir(n)] = true
		}
	}
	out := findings[:0:0]
	for _, f := range findings {
		file := f.Range.Filename
		if files[file] || (dirs[path.Dir(file)] && isTerraformName(file)) {
			out = append(out, f)
		}
	}
	return out
}

func isTerraformName(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// configFile is the configuration file the scan read, or the one it
// would have read.
func configFile(path string, cfg *config.File) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	if path != "" {
		return path
	}
	return config.DefaultFile
}

// adjustFindings applies the configuration's severities and --min-severity.
func adjustFindings(all []*analyzer.Finding, cfg *config.File, minSev analyzer.Severity) []*analyzer.Finding {
	out := all[:0:0]
	for _, fd := range all {
		if s, ok := cfg.Rules[fd.RuleID]; ok && s.Severity != nil {
			fd.Severity = *s.Severity
		}
		if fd.Severity >= minSev {
			out = append(out, fd)
		}
	}
	return out
}

// scannedLine says what a scan read and how long it took:
// "scanned 138 files: 12 templates, 9 modules, 3 policies in 41 ms".
func scannedLine(res *checker.Result, elapsed time.Duration) string {
	var parts []string
	for _, k := range []struct {
		format    model.Format
		one, many string
	}{
		{model.CloudFormation, "template", "templates"},
		{model.Terraform, "module", "modules"},
		{model.IAMPolicy, "policy", "policies"},
	} {
		if n := res.Scanned[k.format]; n > 0 {
			parts = append(parts, plural(n, k.one, k.many))
		}
	}
	return fmt.Sprintf("scanned %s: %s in %d ms", plural(res.Files, "file", "files"), strings.Join(parts, ", "), elapsed.Milliseconds())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// firstOpen is the first unsuppressed finding, for the explain hint.
func firstOpen(findings []*analyzer.Finding) *analyzer.Finding {
	for _, f := range findings {
		if !f.Suppressed() {
			return f
		}
	}
	return nil
}

func orDot(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

// reportTarget is one report to write: a format and a path ("-" for
// stdout).
type reportTarget struct{ format, path string }

// reportTargets lists the reports of one scan: --format to --output (or
// stdout), then each --report FORMAT=PATH. The --format report is left out
// when neither --format nor --output was given and a --report goes to
// stdout, so that stdout holds one report.
func reportTargets(f *scanFlags) ([]reportTarget, error) {
	main := reportTarget{f.format, f.output}
	if main.path == "" {
		main.path = "-"
	}
	var extra []reportTarget
	toStdout := false
	for _, r := range f.reports {
		format, path, ok := strings.Cut(r, "=")
		if !ok || path == "" {
			return nil, fmt.Errorf("--report %q: want FORMAT=PATH", r)
		}
		if !slices.Contains(report.Formats, format) && !isGraphFormat(format) {
			return nil, fmt.Errorf("--report %q: unknown format %q (want %s, or mermaid or dot for the delivery path graph)", r, format, strings.Join(report.Formats, ", "))
		}
		toStdout = toStdout || path == "-"
		extra = append(extra, reportTarget{format, path})
	}
	if toStdout && !f.set["format"] && !f.set["output"] {
		return extra, nil
	}
	return append([]reportTarget{main}, extra...), nil
}

// writeReport writes one report; colour only for text on a terminal.
func writeReport(t reportTarget, in *report.Input, stdout io.Writer, noColor bool) error {
	c := *in
	c.Color = false
	c.GitHubActions = os.Getenv("GITHUB_ACTIONS") == "true"
	var out io.Writer = stdout
	if t.path != "-" {
		file, err := os.Create(t.path)
		if err != nil {
			return err
		}
		defer file.Close()
		out = file
	} else {
		c.Color = t.format == "text" && useColor(noColor, stdout)
	}
	if err := report.Write(out, t.format, &c); err != nil {
		return err
	}
	if file, ok := out.(*os.File); ok && t.path != "-" {
		return file.Close()
	}
	return nil
}

// loadConfig reads --config, or .configward.yml when present, through
// readInput.
func loadConfig(path string, all []*analyzer.Rule, limit int64) (*config.File, error) {
	if path == "" {
		if _, err := os.Lstat(config.DefaultFile); err != nil {
			return &config.File{}, nil
		}
		path = config.DefaultFile
	}
	src, err := readInput("configuration", path, limit)
	if err != nil {
		return nil, err
	}
	return config.Parse(path, src, all)
}

// thresholds takes --fail-on and --min-severity from the flags when given,
// else from the configuration, else the defaults.
func thresholds(f *scanFlags, cfg *config.File) (failOn, minSev analyzer.Severity, err error) {
	if failOn, err = analyzer.ParseSeverity(f.failOn); err != nil {
		return 0, 0, fmt.Errorf("--fail-on: %v", err)
	}
	if !f.set["fail-on"] && cfg.FailOn != nil {
		failOn = *cfg.FailOn
	}
	if minSev, err = analyzer.ParseSeverity(f.minSeverity); err != nil || minSev == analyzer.None {
		return 0, 0, fmt.Errorf("--min-severity: %q is not one of critical, high, medium, low", f.minSeverity)
	}
	if !f.set["min-severity"] && cfg.MinSeverity != nil {
		minSev = *cfg.MinSeverity
	}
	return failOn, minSev, nil
}

func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.ToUpper(strings.TrimSpace(id)); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// selectRules applies --rules, --skip-rules and the configuration. CW001
// (invalid input) runs unless skipped by name: a file that cannot be read
// is never passed over silently.
func selectRules(all []*analyzer.Rule, only, skip string, cfg *config.File) ([]*analyzer.Rule, error) {
	onlyIDs, skipIDs := splitIDs(only), splitIDs(skip)
	for _, id := range append(slices.Clone(onlyIDs), skipIDs...) {
		if analyzer.Lookup(all, id) == nil {
			return nil, fmt.Errorf("unknown rule id %q (see `configward rules`)", id)
		}
	}
	var out []*analyzer.Rule
	for _, r := range all {
		if slices.Contains(skipIDs, r.ID) {
			continue
		}
		if len(onlyIDs) > 0 && !slices.Contains(onlyIDs, r.ID) && r.ID != rules.InvalidInput.ID {
			continue
		}
		if s, ok := cfg.Rules[r.ID]; ok {
			if s.Enabled != nil && !*s.Enabled && !slices.Contains(onlyIDs, r.ID) {
				continue
			}
			if s.Severity != nil {
				c := *r
				c.Severity = *s.Severity
				r = &c
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func scanOptions(f *scanFlags, cfg *config.File, selected []*analyzer.Rule) (checker.Options, error) {
	opts := checker.Options{
		Rules:             selected,
		Exclude:           append(configRelative(cfg, cfg.Exclude), f.exclude...),
		TerraformVars:     map[string]string{},
		TerraformVarFiles: append(slices.Clone(cfg.VarFiles), f.varFiles...),
		Params:            map[string]string{},
		Config:            &analyzer.Config{TrustedAccounts: cfg.TrustedAccounts},
		MaxFileSize:       f.maxFileSize,
	}
	for _, v := range f.vars {
		name, val, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opts, fmt.Errorf("--var %q: want NAME=VALUE", v)
		}
		opts.TerraformVars[name] = val
	}
	for k, v := range cfg.Params {
		opts.Params[k] = v
	}
	for _, file := range f.paramFiles {
		ps, err := readParamFile(file, maxInputSize(f))
		if err != nil {
			return opts, err
		}
		for k, v := range ps {
			opts.Params[k] = v
		}
	}
	for _, p := range f.params {
		name, val, ok := strings.Cut(p, "=")
		if !ok || name == "" {
			return opts, fmt.Errorf("--param %q: want NAME=VALUE", p)
		}
		opts.Params[name] = val
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	for _, ig := range cfg.Ignore {
		if ig.Expired(today) {
			continue
		}
		opts.Ignores = append(opts.Ignores, checker.Ignore{Rule: ig.Rule, Paths: configRelative(cfg, ig.Paths), Resource: ig.Resource, Reason: ig.Reason})
	}
	if cfg.Path != "" {
		opts.ConfigUnit = cfg.Unit(today)
	}
	return opts, nil
}

// configRelative turns globs written relative to the configuration file's
// directory into globs relative to the current directory, as findings name
// files.
func configRelative(cfg *config.File, globs []string) []string {
	dir := "."
	if cfg.Path != "" {
		dir = filepath.ToSlash(filepath.Dir(cfg.Path))
	}
	if dir == "." || len(globs) == 0 {
		return slices.Clone(globs)
	}
	out := make([]string, len(globs))
	for i, g := range globs {
		out[i] = path.Join(dir, strings.TrimPrefix(g, "./"))
	}
	return out
}

// readParamFile reads {"Name": "value"} or the CLI's
// [{"ParameterKey": "Name", "ParameterValue": "value"}].
func readParamFile(path string, limit int64) (map[string]string, error) {
	src, err := readInput("--param-file", path, limit)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var obj map[string]any
	if err := json.Unmarshal(src, &obj); err == nil {
		for k, v := range obj {
			out[k] = scalarText(v)
		}
		return out, nil
	}
	var list []struct {
		Key   string `json:"ParameterKey"`
		Value any    `json:"ParameterValue"`
	}
	if err := json.Unmarshal(src, &list); err != nil {
		return nil, fmt.Errorf("--param-file %s: want a JSON object or a list of ParameterKey/ParameterValue: %v", path, err)
	}
	for _, p := range list {
		if p.Key == "" {
			return nil, fmt.Errorf("--param-file %s: an entry without ParameterKey", path)
		}
		out[p.Key] = scalarText(p.Value)
	}
	return out, nil
}

func scalarText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case nil:
		return ""
	case []any:
		parts := make([]string, len(t))
		for i, p := range t {
			parts[i] = scalarText(p)
		}
		return strings.Join(parts, ",")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// maxInputSize is the --max-file-size limit, for the files the scan is
// told about as for those it scans.
func maxInputSize(f *scanFlags) int64 {
	if f.maxFileSize > 0 {
		return f.maxFileSize
	}
	return checker.DefaultMaxFileSize
}

// useColor: only on a terminal, never with --no-color or NO_COLOR.
func useColor(noColor bool, w io.Writer) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	file, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := file.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

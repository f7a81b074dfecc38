// Package checker is configward's driver: it discovers the files under the
// scanned paths, classifies them by content, parses them in parallel into
// units of the common model, runs the rules it is given over each unit,
// applies suppressions, fingerprints and sorts the findings. It never
// imports the rules: the caller passes the list.
//
// One file per job: discover.go walks the roots, schedule.go hands units to
// the workers, load.go parses one, rules.go runs the per-unit rules,
// setphase.go the rules over the whole set, suppress.go applies
// suppressions and ignores, fingerprint.go identifies findings across runs,
// display.go names files and masks secrets for output; this file ties them
// together.
package checker

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// DefaultMaxFileSize is the largest file read; a larger one is a diagnostic
// of its unit (invalid input).
const DefaultMaxFileSize = 10 << 20

// Options configure a scan.
type Options struct {
	// Rules to run, sorted by id. Parse errors are diagnostics of the
	// units, for the rule that reports them; rules marked
	// AfterSuppression run after the others (see suppress.go).
	Rules []*analyzer.Rule
	// Exclude holds globs relative to each scan root or to the current
	// directory.
	Exclude []string
	// ExcludeMatched, when set, is told each Exclude glob that excluded
	// a path (from the walk's goroutine).
	ExcludeMatched func(glob string)
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

	// parsed is what the scan of one root has parsed, shared by its units
	// (set by scanRoot).
	parsed *parsedRoot
}

// workers is the number of workers a scan runs units on.
func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Result is the outcome of a scan.
type Result struct {
	// Findings sorted by file, line, column, rule id and message.
	Findings      []*analyzer.Finding
	Notifications []analyzer.Notification
	// Units is the number of units scanned.
	Units int
	// Scanned counts the units by format (the configuration file left
	// out), and Files the source files they read.
	Scanned map[model.Format]int
	Files   int
	// sources maps a reported filename to where it can be read.
	sources map[string]sourceRef
	// maxFileSize is the limit the scan read files under.
	maxFileSize int64
	// unread are the reported files the scan did not read (too large, not
	// regular, unreadable): never read for a snippet.
	unread map[string]bool
}

type sourceRef struct {
	fsys fs.FS
	name string // inside fsys
	repo string // relative to the repository root
}

// RepoPath is a reported file's path relative to the repository root (the
// directory above the scanned paths that holds .git; without one, the
// directory that holds every scanned path), whatever the working
// directory: SARIF URIs and fingerprints use it.
func (r *Result) RepoPath(filename string) string {
	if ref, ok := r.sources[filename]; ok {
		return ref.repo
	}
	return filename
}

// name records a file of a root as reported: its display name, where it
// can be read and its path in the repository.
func (r *Result) name(rs *rootScan, rel string) string {
	display := joinDisplay(rs.prefix, rel)
	if _, ok := r.sources[display]; !ok {
		r.sources[display] = sourceRef{rs.fsys, rel, path.Join(rs.repoPrefix, rel)}
	}
	return display
}

// Source returns the content of a file named in a finding, for fixes.
func (r *Result) Source(filename string) []byte {
	ref, ok := r.sources[filename]
	if !ok || r.unread[filename] {
		return nil
	}
	// Read as the scan read it: not through a link, not a file over the
	// size limit (one reported too large is never read).
	b, err := readInRoot(ref.fsys, r.maxFileSize, nil)(ref.name)
	if err != nil {
		return nil
	}
	return utf8Text(b)
}

// Lines returns a reported file's text through the end of its line last,
// for snippets: read as the scan read it (not through a link, not over the
// size limit, as UTF-8) and no further than that line; nil for a file the
// scan did not read, such as one reported too large.
func (r *Result) Lines(filename string, last int) []byte {
	ref, ok := r.sources[filename]
	if !ok || r.unread[filename] || last < 1 {
		return nil
	}
	return readLines(ref.fsys, ref.name, r.maxFileSize, last)
}

// Run scans each path (a file or directory; "." when none) inside its root,
// the directory itself or the file's directory: nothing outside a root is
// read. Paths of one root are scanned together, so a unit two of them
// name (two files of one Terraform module) is parsed and checked once.
// Reported filenames are relative to the current directory, with forward
// slashes. Rules that judge the scanned set as a whole see the units of
// every root together.
func Run(paths []string, opts Options) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	groups, err := groupRoots(paths)
	if err != nil {
		return nil, err
	}
	base := repoBase(groups)
	fsyss := make([]*rootFS, len(groups))
	for i, g := range groups {
		fsyss[i], err = openRootFS(g.dir)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", g.arg, err)
		}
	}
	// The roots are scanned at once (up to maxOpenRoots of them) on one
	// pool of workers, which takes an earlier root's tasks first (see pool).
	// A single root (the usual scan) is scanned on this goroutine.
	roots := make([]*rootScan, len(groups))
	workers := newPool(opts.workers(), len(groups))
	scan := func(i int) {
		g := groups[i]
		rs := scanOpenRoot(fsyss[i], g.starts, displayPrefix(cwd, g.dir), opts, workers.root(i))
		rs.repoPrefix = base.relative(g.dir)
		roots[i] = rs
	}
	if len(groups) == 1 {
		scan(0)
	} else {
		open := make(chan struct{}, maxOpenRoots)
		var wg sync.WaitGroup
		for i := range groups {
			open <- struct{}{}
			wg.Go(func() {
				defer func() { <-open }()
				scan(i)
			})
		}
		wg.Wait()
	}
	workers.close()
	dropInstantiated(roots)
	if cr := configRoot(os.DirFS("."), opts); cr != nil {
		cr.repoPrefix = base.relative(".")
		roots = append(roots, cr)
	}
	res := finish(roots, opts)
	sortFindings(res.Findings)
	return res, nil
}

// scanOpenRoot scans a root held open for the whole of its scan; reads
// after it (snippets, fixes) open it again for a moment.
func scanOpenRoot(root *rootFS, starts []string, prefix string, opts Options, tasks *rootTasks) *rootScan {
	if _, err := root.acquire(); err != nil {
		// Opened a moment ago: each read reports its own failure.
		return scanRoot(root, starts, prefix, opts, tasks)
	}
	defer root.release()
	return scanRoot(root, starts, prefix, opts, tasks)
}

// Scan scans fsys from start (a directory or file inside it). Filenames in
// the result are prefix joined with the path inside fsys.
func Scan(fsys fs.FS, start, prefix string, opts Options) *Result {
	workers := newPool(opts.workers(), 1)
	rs := scanRoot(fsys, []string{start}, prefix, opts, workers.root(0))
	workers.close()
	rs.repoPrefix = prefix
	roots := []*rootScan{rs}
	dropInstantiated(roots)
	if cr := configRoot(fsys, opts); cr != nil {
		cr.repoPrefix = prefix
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
	prefix string // the root as reported, relative to the working directory
	// repoPrefix is the root relative to the repository root.
	repoPrefix string
	units      []*unitResult
	notes      []analyzer.Notification
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
	unread       []string // files the unit names but did not read (too large, ...)
	modules      []string // the Terraform module directories the unit called
	secrets      []string // sensitive values of the unit, masked in its findings
	// calls maps the address of each resource made by a module call or a
	// nested stack to its chain of calls, for the findings on it.
	calls map[string][]model.Call
}

// finish runs the rules over the whole set, applies the in-source
// suppressions and the suppression check, then names files for display and
// fingerprints the findings.
func finish(roots []*rootScan, opts Options) *Result {
	runSetRules(roots, opts)
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	res := &Result{sources: map[string]sourceRef{}, Scanned: map[model.Format]int{}, maxFileSize: limit, unread: map[string]bool{}}
	for _, rs := range roots {
		name := func(rel string) string { return res.name(rs, rel) }
		res.Notifications = append(res.Notifications, displayNotes(name, rs.notes)...)
		for _, u := range rs.units {
			checkSuppressions(u, opts)
			res.Units++
			if u.format != model.ConfigFile {
				res.Scanned[u.format]++
				res.Files += len(u.files)
			}
			res.Notifications = append(res.Notifications, displayNotes(name, u.notes)...)
			for _, f := range u.unread {
				res.unread[name(f)] = true
			}
			for _, f := range u.findings {
				maskSecrets(f, u.secrets)
				nameConstruct(f)
				attachInstance(f, u.calls, name)
				f.Range.Filename = name(f.Range.Filename)
				nameFix(f, name)
				res.Findings = append(res.Findings, f)
			}
		}
	}
	res.Notifications = uniqueNotes(res.Notifications)
	res.Findings = mergeInstances(res.Findings)
	for _, f := range res.Findings {
		f.Fingerprint = fingerprint(f, res.RepoPath(f.Range.Filename))
	}
	dedupeFingerprints(res.Findings)
	applyIgnores(res.Findings, opts.Ignores)
	return res
}

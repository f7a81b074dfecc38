package checker

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// rootArg is one root of a scan: a directory and the paths given inside
// it ("." for the directory itself, a file name for a file argument).
type rootArg struct {
	arg    string // the first path given for it, for errors
	dir    string
	starts []string
}

// groupRoots gathers the paths by root directory, in the order given: two
// files of one directory are one root scanned from both, never two roots
// that would parse their module twice.
func groupRoots(paths []string) ([]rootArg, error) {
	var out []rootArg
	index := map[string]int{}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", p, err)
		}
		dir, start := p, "."
		if !info.IsDir() {
			dir, start = filepath.Dir(p), filepath.Base(p)
		}
		key, err := filepath.Abs(dir)
		if err != nil {
			return nil, fmt.Errorf("cannot scan %s: %w", p, err)
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, rootArg{arg: p, dir: dir})
		}
		if !slices.Contains(out[i].starts, start) {
			out[i].starts = append(out[i].starts, start)
		}
	}
	return out, nil
}

// scanRoot discovers, parses and checks the units of one root in parallel
// on the scan's workers (tasks): the walk hands units to them as it finds
// them, each unit once however many starts reach it, and the units are put
// back in path order at the end.
//
// Both go in steps, so that each file is read and parsed once and a unit
// that another unit instantiates is not evaluated on its own only to be
// dropped (see calledModules and nestedTemplates):
//
//  1. every Terraform directory's files are read (into the root's cache)
//     for the local module sources they name, and every file unit is read;
//  2. the Terraform directories that no local source of the root names are
//     evaluated, each module parsed once and kept until its last expected
//     caller has read it, and the file units that may nest stacks are
//     checked (each nested template parsed once and kept);
//  3. the other file units are checked, and the called directories that no
//     evaluated unit turned out to call (a call under count = 0, a cycle).
func scanRoot(fsys fs.FS, starts []string, prefix string, opts Options, tasks *rootTasks) *rootScan {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	opts.parsed = newParsedRoot(opts.MaxFileSize)
	type done struct {
		path string
		out  *unitResult
	}
	var (
		mu   sync.Mutex
		outs []done
	)
	check := func(j job) {
		out := checkJob(fsys, j, opts)
		mu.Lock()
		outs = append(outs, done{j.path, out})
		mu.Unlock()
	}
	var tfDirs, nesting, waiting []job
	seen := map[string]bool{}
	var notes []string
	// The configuration file is the configuration reader's: it reports
	// the file in its own unit when it cannot read it.
	configFile := ""
	if opts.ConfigUnit != nil && opts.ConfigUnit.Format == model.ConfigFile {
		configFile = path.Clean(filepath.ToSlash(opts.ConfigUnit.Path))
	}
	for _, start := range starts {
		notes = append(notes, walk(fsys, start, rootExcluder(opts, prefix), func(j job) {
			if seen[j.path] || (!j.tfDir && joinDisplay(prefix, j.path) == configFile) {
				return
			}
			seen[j.path] = true
			if j.tfDir {
				tfDirs = append(tfDirs, j)
				tasks.run(func() { opts.parsed.readTerraform(fsys, j.path) })
				return
			}
			tasks.run(func() {
				switch opts.parsed.readAhead(fsys, j, opts.MaxFileSize) {
				case checkFirst:
					mu.Lock()
					nesting = append(nesting, j)
					mu.Unlock()
				case checkAfter:
					mu.Lock()
					waiting = append(waiting, j)
					mu.Unlock()
				default:
					check(j)
				}
			})
		})...)
	}
	tasks.wait()
	calledDirs := opts.parsed.localCallees(fsys, tfDirs)
	var first, deferred []job
	for _, j := range tfDirs {
		if calledDirs[j.path] {
			deferred = append(deferred, j)
			continue
		}
		first = append(first, j)
		opts.parsed.expect(fsys, j.path)
	}
	for _, j := range append(first, nesting...) {
		tasks.run(func() { check(j) })
	}
	tasks.wait()
	evaluated := map[string]bool{}
	for _, d := range outs {
		if d.out != nil {
			for _, m := range d.out.modules {
				evaluated[m] = true
			}
		}
	}
	var last []job
	for _, j := range deferred {
		if !evaluated[j.path] {
			last = append(last, j)
			opts.parsed.expect(fsys, j.path)
		}
	}
	for _, j := range append(waiting, last...) {
		tasks.run(func() { check(j) })
	}
	tasks.wait()
	sort.Slice(outs, func(i, k int) bool { return outs[i].path < outs[k].path })
	rs := &rootScan{fsys: fsys, prefix: prefix}
	for _, d := range outs {
		if d.out != nil {
			rs.units = append(rs.units, d.out)
		}
	}
	for _, n := range notes {
		rs.notes = append(rs.notes, analyzer.Notification{Level: "note", Message: n})
	}
	return rs
}

// dropInstantiated leaves out, across every root of the scan, the units
// that another unit instantiates (nested templates, called modules) and
// the second copy of a unit that two roots reach (scan . mod): each is
// checked once, where its inputs are known.
func dropInstantiated(roots []*rootScan) {
	var all []*unitResult
	for _, rs := range roots {
		for _, u := range rs.units {
			all = append(all, displayUnit(rs.prefix, u))
		}
	}
	nested := nestedTemplates(all)
	called := calledModules(all)
	seen := map[string]bool{}
	i := 0
	for _, rs := range roots {
		kept := rs.units[:0]
		for _, u := range rs.units {
			key := all[i].path
			i++
			if nested[key] || called[key] || seen[key] {
				continue
			}
			seen[key] = true
			kept = append(kept, u)
		}
		rs.units = kept
	}
}

// displayUnit is a copy of what nestedTemplates and calledModules read of
// a unit, its paths as reported (joined with the root's prefix), so that
// units of different roots compare.
func displayUnit(prefix string, u *unitResult) *unitResult {
	d := &unitResult{path: joinDisplay(prefix, u.path), format: u.format}
	for _, f := range u.files {
		d.files = append(d.files, joinDisplay(prefix, f))
	}
	for _, m := range u.modules {
		d.modules = append(d.modules, joinDisplay(prefix, m))
	}
	return d
}

// nestedTemplates are the templates read as nested stacks of another
// CloudFormation unit of the scan: they are checked there, with the
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
// Terraform unit of the scan calls: they are checked there, with the inputs
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

// checkJob parses one job, runs the per-unit rules and the first phase of
// the set rules over it; nil when the job is not IaC.
func checkJob(fsys fs.FS, j job, opts Options) *unitResult {
	unit, failure := loadContained(fsys, j, opts)
	if unit == nil {
		return nil
	}
	out := runRules(unit, opts)
	if failure != "" {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", Message: failure})
	}
	return out
}

// loadContained loads a job; a parser's panic gives a unit whose only
// content is an error diagnostic at the start of the file (reported by the
// rule for invalid input like any other) and the failure, for a
// notification.
func loadContained(fsys fs.FS, j job, opts Options) (unit *model.Unit, failure string) {
	defer func() {
		if r := recover(); r != nil {
			format := formatByName(j.path)
			if j.tfDir {
				format = model.Terraform
			}
			unit = &model.Unit{Format: format, Path: j.path, Files: []string{j.path}, Diagnostics: []model.Diagnostic{{
				Severity: model.DiagError,
				Summary:  fmt.Sprintf("configward failed to read this file (internal error: %v); please report it", r),
				Range:    fileStart(j.path),
			}}}
			failure = fmt.Sprintf("internal error while reading %s: %v", j.path, r)
			debugLog(r)
		}
	}()
	return load(fsys, j, opts), ""
}

package checker

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/configward/configward/parsers/pathglob"
)

// job is one unit to parse: a single file (CloudFormation, policy) or a
// Terraform module directory.
type job struct {
	path  string // slash path relative to the scan root
	tfDir bool
	err   error       // the path could not be listed or named: a CW001
	entry fs.DirEntry // a file's directory entry, for its size
}

// size is a file's size as its directory entry tells it, 0 when unknown.
func (j job) size() int64 {
	if j.entry == nil {
		return 0
	}
	info, err := j.entry.Info()
	if err != nil {
		return 0
	}
	return info.Size()
}

// skipDirs are never descended into. .terraform module caches are read only
// through modules.json by the Terraform parser.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": true}

// candidateExts are the extensions whose content is sniffed for
// CloudFormation or a policy; the rest are not read at all.
var candidateExts = map[string]bool{".json": true, ".yaml": true, ".yml": true, ".template": true}

// discover walks fsys from start (a directory or a file) and returns the
// units to parse, in path order, plus any notifications about entries not
// followed.
func discover(fsys fs.FS, start string, excluded func(string) bool) ([]job, []string) {
	var jobs []job
	notes := walk(fsys, start, excluded, func(j job) { jobs = append(jobs, j) })
	sort.Slice(jobs, func(i, k int) bool { return jobs[i].path < jobs[k].path })
	return jobs, notes
}

// walk walks fsys from start and hands each unit to parse to emit as soon
// as it is found, in walk order (not path order: a Terraform directory
// comes when its first file does); it returns the notifications about
// entries not followed.
func walk(fsys fs.FS, start string, excluded func(string) bool, emit func(job)) []string {
	var notes []string
	tfDirs := map[string]bool{}
	add := func(p string, d fs.DirEntry) {
		name := d.Name()
		if isTerraformFile(name) {
			dir := path.Dir(p)
			if !tfDirs[dir] {
				tfDirs[dir] = true
				emit(job{path: dir, tfDir: true})
			}
			return
		}
		if !candidateExts[strings.ToLower(path.Ext(name))] {
			return
		}
		emit(job{path: p, entry: d})
	}
	err := fs.WalkDir(fsys, start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// Fail closed: a directory that cannot be listed or a name that
			// cannot be read may hide IaC, so it is a finding, not a note.
			if p == start || !excluded(p) {
				emit(job{path: p, err: err})
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// A file named as the start is excluded like any other (a staged
		// file given by pre-commit); a named directory is scanned.
		if (p != start || (d != nil && !d.IsDir())) && excluded(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != start && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			notes = append(notes, p+": symbolic link not followed")
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		add(p, d)
		return nil
	})
	if err != nil {
		notes = append(notes, err.Error())
	}
	return notes
}

func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// rootExcluder tests a path of a root (prefix is the root relative to the
// current directory) against --exclude and the configuration's exclude: a
// glob matches the path relative to the root, or relative to the current
// directory. Each glob that excludes something is told to
// opts.ExcludeMatched.
func rootExcluder(opts Options, prefix string) func(string) bool {
	return func(p string) bool {
		for _, g := range opts.Exclude {
			clean := strings.TrimPrefix(strings.TrimSuffix(g, "/"), "./")
			if pathglob.Match(clean, p) || (prefix != "" && pathglob.Match(clean, joinDisplay(prefix, p))) {
				if opts.ExcludeMatched != nil {
					opts.ExcludeMatched(g)
				}
				return true
			}
		}
		return false
	}
}

// excluder builds the exclusion test for a set of globs: a path is excluded
// when it or any of its parent directories matches.
func excluder(globs []string) func(string) bool {
	return func(p string) bool {
		for _, g := range globs {
			g = strings.TrimPrefix(strings.TrimSuffix(g, "/"), "./")
			if pathglob.Match(g, p) {
				return true
			}
		}
		return false
	}
}

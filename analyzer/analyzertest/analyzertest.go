// Package analyzertest runs one rule over annotated testdata and checks its
// findings against the `want` comments written in the fixtures, as
// golang.org/x/tools/go/analysis/analysistest does for Go.
//
// A fixture line that should carry a finding has a comment
//
//	# want CW101 "regexp" [CW202 "regexp" ...]
//
// (`//` also works; in JSON fixtures `//` comments are blanked with spaces
// before parsing, so offsets stay right). A leading `+N` moves the
// expectation N lines down, for lines that cannot hold a comment. Each
// finding must match an expectation with the same file, line and rule whose
// regexp matches the message; expectations left over fail the test too.
package analyzertest

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/config"
	"github.com/configward/configward/parsers/model"
)

// Expectation is one `want` entry.
type Expectation struct {
	File   string
	Line   int
	RuleID string
	Re     *regexp.Regexp
}

// Run checks rule against every case in dir: each entry whose name starts
// with bad_ or good_ (a file, or a directory scanned as a whole). It
// returns the number of cases run.
func Run(t *testing.T, dir string, rule *analyzer.Rule) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, "bad_") && !strings.HasPrefix(name, "good_") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			RunCase(t, filepath.Join(dir, name), rule)
		})
	}
	if n == 0 {
		t.Errorf("%s: found no bad_* or good_* cases", dir)
	}
	return n
}

// RunCase scans one case (file or directory) with only rule enabled and
// compares findings with the case's want comments.
func RunCase(t *testing.T, casePath string, rule *analyzer.Rule) {
	t.Helper()
	fsys, start, wants, err := Load(casePath)
	if err != nil {
		t.Fatal(err)
	}
	probe, seen := newProbe()
	opts := checker.Options{Rules: []*analyzer.Rule{rule, probe}, Workers: 1}
	// A case holding a configuration file is checked with it, as the CLI
	// checks the file it reads.
	cfgPath := path.Join(start, config.DefaultFile)
	if src, err := fs.ReadFile(fsys, cfgPath); err == nil {
		cfg, err := config.Parse(cfgPath, src, nil)
		if err != nil {
			// Refused as the CLI refuses a default file it cannot parse.
			cfg = &config.File{}
			opts.ConfigUnit = config.Refused(cfgPath, err)
		} else {
			opts.ConfigUnit = cfg.Unit(time.Now().UTC())
		}
		opts.Config = &analyzer.Config{TrustedAccounts: cfg.TrustedAccounts}
		for _, ig := range cfg.Ignore {
			if !ig.Expired(time.Now().UTC()) {
				opts.Ignores = append(opts.Ignores, checker.Ignore{Rule: ig.Rule, Paths: ig.Paths, Resource: ig.Resource, Reason: ig.Reason})
			}
		}
	}
	res := checker.Scan(fsys, start, "", opts)
	for _, n := range res.Notifications {
		if n.Level == "error" {
			t.Errorf("notification: %s", n.Message)
		}
	}
	checkUnits(t, FolderFormats[filepath.Base(filepath.Dir(casePath))], fsys, seen, wants)
	check(t, res.Findings, wants)
}

// FolderFormats is the format of the fixtures in each folder of a rule's
// testdata.
var FolderFormats = map[string]model.Format{
	"cfn-yaml":  model.CloudFormation,
	"cfn-json":  model.CloudFormation,
	"terraform": model.Terraform,
	"iam-json":  model.IAMPolicy,
	"config":    model.ConfigFile,
}

// unitSeen is what the probe saw of one unit.
type unitSeen struct {
	path   string
	format model.Format
	files  []string
	errors []model.Diagnostic
}

// newProbe is a rule that reports nothing and records every unit the scan
// made, so that a case whose fixture did not parse, or was not read as its
// folder's format, fails instead of passing for want of findings.
func newProbe() (*analyzer.Rule, *[]unitSeen) {
	var seen []unitSeen
	probe := &analyzer.Rule{
		ID: "probe", Formats: append(slices.Clone(model.Formats), model.ConfigFile),
		Run: func(p *analyzer.Pass) error {
			u := unitSeen{path: p.Unit.Path, format: p.Unit.Format, files: p.Unit.Files}
			for _, d := range p.Unit.Diagnostics {
				if d.Severity == model.DiagError {
					u.errors = append(u.errors, d)
				}
			}
			seen = append(seen, u)
			return nil
		},
	}
	return probe, &seen
}

// checkUnits fails a case whose fixtures were not all read as the folder's
// format (a configuration file aside) or that has a parse error no want
// comment of the case expects at its line.
func checkUnits(t errorReporter, format model.Format, fsys fs.FS, seen *[]unitSeen, wants []Expectation) {
	t.Helper()
	if format == "" {
		t.Errorf("fixture folder of unknown format")
		return
	}
	read := map[string]bool{}
	ofFormat := 0
	for _, u := range *seen {
		if u.format == format {
			ofFormat++
		} else if u.format != model.ConfigFile {
			t.Errorf("%s: read as %s, not %s", u.path, u.format, format)
		}
		for _, f := range u.files {
			read[f] = true
		}
		for _, d := range u.errors {
			if !slices.ContainsFunc(wants, func(w Expectation) bool { return w.File == d.Range.Filename && w.Line == d.Range.Start.Line }) {
				t.Errorf("%s:%d: does not parse: %s %s", d.Range.Filename, d.Range.Start.Line, d.Summary, d.Detail)
			}
		}
	}
	if ofFormat == 0 {
		t.Errorf("no fixture was read as %s", format)
	}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && sourceExt[strings.ToLower(path.Ext(p))] && !read[p] && !read[path.Dir(p)] {
			t.Errorf("%s: not read as part of any unit", p)
		}
		return nil
	})
}

// sourceExt are the extensions of fixture files a scan must read.
var sourceExt = map[string]bool{".tf": true, ".json": true, ".yaml": true, ".yml": true, ".template": true}

// Load reads a case into memory: JSON files get their // comments blanked,
// and want comments are collected. start is the path to scan inside fsys.
func Load(casePath string) (fs.FS, string, []Expectation, error) {
	mfs := fstest.MapFS{}
	var wants []Expectation
	info, err := os.Stat(casePath)
	if err != nil {
		return nil, "", nil, err
	}
	base := filepath.Dir(casePath)
	err = filepath.WalkDir(casePath, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, p)
		rel = filepath.ToSlash(rel)
		ws, err := parseWants(rel, src)
		if err != nil {
			return err
		}
		wants = append(wants, ws...)
		if strings.EqualFold(path.Ext(rel), ".json") {
			src = BlankJSONComments(src)
		}
		mfs[rel] = &fstest.MapFile{Data: src, Mode: 0o644}
		return nil
	})
	if err != nil {
		return nil, "", nil, err
	}
	start := filepath.Base(casePath)
	_ = info
	return mfs, start, wants, nil
}

var (
	wantRe = regexp.MustCompile(`(?:#|//)\s*want\s+(.*)$`)
	pairRe = regexp.MustCompile("^\\s*(CW\\d{3})\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)")
)

func parseWants(file string, src []byte) ([]Expectation, error) {
	var out []Expectation
	for i, line := range strings.Split(string(src), "\n") {
		m := wantRe.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		rest := m[1]
		lineNo := i + 1
		if strings.HasPrefix(rest, "+") {
			j := strings.IndexAny(rest, " \t")
			if j < 0 {
				return nil, fmt.Errorf("%s:%d: malformed want offset", file, lineNo)
			}
			off, err := strconv.Atoi(rest[1:j])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: malformed want offset: %v", file, lineNo, err)
			}
			lineNo += off
			rest = rest[j:]
		}
		for strings.TrimSpace(rest) != "" {
			pm := pairRe.FindStringSubmatch(rest)
			if pm == nil {
				return nil, fmt.Errorf("%s:%d: malformed want comment near %q", file, i+1, rest)
			}
			pat := pm[2]
			if pat[0] == '"' {
				var err error
				if pat, err = strconv.Unquote(pat); err != nil {
					return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
				}
			} else {
				pat = pat[1 : len(pat)-1]
			}
			re, err := regexp.Compile(pat)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
			}
			out = append(out, Expectation{File: file, Line: lineNo, RuleID: pm[1], Re: re})
			rest = rest[len(pm[0]):]
		}
	}
	return out, nil
}

// BlankJSONComments replaces every // comment outside JSON strings with
// spaces of the same length, keeping line breaks, so the strict parser sees
// the same offsets as the fixture's author.
func BlankJSONComments(src []byte) []byte {
	out := append([]byte(nil), src...)
	inString, escaped := false, false
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for i < len(out) && out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
				i++
			}
		}
	}
	return out
}

// errorReporter is the part of *testing.T that check uses, so the harness
// itself can be tested.
type errorReporter interface {
	Helper()
	Errorf(format string, args ...any)
}

func check(t errorReporter, findings []*analyzer.Finding, wants []Expectation) {
	t.Helper()
	used := make([]bool, len(wants))
	for _, f := range findings {
		matched := false
		for i, w := range wants {
			if used[i] || w.File != f.Range.Filename || w.Line != f.Range.Start.Line || w.RuleID != f.RuleID {
				continue
			}
			if w.Re.MatchString(f.Message) {
				used[i] = true
				matched = true
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected finding %s: %s", f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column, f.RuleID, f.Message)
		}
	}
	var missing []string
	for i, w := range wants {
		if !used[i] {
			missing = append(missing, fmt.Sprintf("%s:%d: no %s finding matching %q", w.File, w.Line, w.RuleID, w.Re))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("%s", m)
	}
}

// WantCount returns the number of want comments in the files under
// casePath, for coverage checks.
func WantCount(casePath string) (int, error) {
	_, _, wants, err := Load(casePath)
	return len(wants), err
}

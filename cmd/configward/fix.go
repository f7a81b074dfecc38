package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/fix"
	"github.com/configward/configward/analyzer/report"
	"github.com/configward/configward/rules"
)

// runFix is `configward fix [flags] [PATH ...]`: it scans like scan, then
// prints the fixes of the unsuppressed findings as a unified diff, or
// with --write applies them.
func runFix(args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	var write bool
	fs := flag.NewFlagSet("fix", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&write, "write", false, "apply the fixes to the files instead of printing a diff")
	addInputFlags(fs, &f)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: configward fix [flags] [PATH ...]\n\nPrints the fixes of the findings as a unified diff; --write applies them.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	all := rules.All()
	cfg, err := loadConfig(f.configPath, all, maxInputSize(&f))
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	selected, err := selectRules(all, f.rules, f.skipRules, cfg)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	opts, err := scanOptions(&f, cfg, selected)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	res, err := checker.Run(paths, opts)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	var open []*analyzer.Finding
	withoutFix := 0
	for _, fd := range res.Findings {
		if fd.Suppressed() {
			continue
		}
		if fd.Fix == nil {
			withoutFix++
			continue
		}
		open = append(open, fd)
	}
	byFile, failed := fix.Edits(open, res.Source)
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	status := exitOK
	for _, name := range names {
		src := res.Source(name)
		if !write {
			fmt.Fprint(stdout, fix.Diff(filepath.ToSlash(name), src, byFile[name]))
			continue
		}
		if err := writeFixed(name, src, fix.Apply(src, byFile[name])); err != nil {
			fmt.Fprintf(stderr, "configward: %s: %v\n", name, err)
			status = exitUsage
		}
	}
	files, edits := fix.Count(byFile)
	verb := "would change"
	if write {
		verb = "changed"
	}
	for _, f := range failed {
		fmt.Fprintf(stderr, "%s: %s: its fix could not be written where the value is (a value read through a parameter, variable or intrinsic function, or text the file's syntax cannot hold there) and was left out\n",
			report.Place(f.Range), f.RuleID)
	}
	fmt.Fprintf(stderr, "configward: %d of %d findings have a fix; %s %s (%s)\n",
		len(open)-len(failed), len(open)+withoutFix, verb, plural(files, "file", "files"), plural(edits, "edit", "edits"))
	return status
}

// writeFixed replaces a scanned file with its fixed content, only when it
// is still the regular file the scan read: not a symbolic link (nor under
// one), nor changed since, nor re-encoded for reading (UTF-16).
func writeFixed(name string, read, fixed []byte) error {
	abs, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return err
	}
	if real != abs {
		return errors.New("not written: the path goes through a symbolic link")
	}
	fi, err := os.Lstat(abs)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not written: not a regular file")
	}
	disk, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	if !bytes.Equal(disk, read) {
		return errors.New("not written: the file changed since it was read, or is not UTF-8")
	}
	return os.WriteFile(abs, fixed, fi.Mode().Perm())
}

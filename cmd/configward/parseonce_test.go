package main

import (
	"io/fs"
	"os"
	"sync"
	"testing"

	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/cmd/configward/internal/floor"
	"github.com/configward/configward/rules"
)

// openCounter counts the files a scan opens; it passes the listing and
// link checks through, so the scan reads the tree as it reads os.Root.
type openCounter struct {
	fsys  fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err == nil {
		if info, serr := f.Stat(); serr == nil && info.Mode().IsRegular() {
			c.mu.Lock()
			c.opens[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

func (c *openCounter) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }
func (c *openCounter) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(c.fsys, name) }
func (c *openCounter) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(c.fsys, name) }
func (c *openCounter) ReadLink(name string) (string, error)       { return fs.ReadLink(c.fsys, name) }

// TestEachFileReadOnce scans a real-shaped family (a module with
// submodules called from every example and three roots, templates nested
// by three parents) with 12 and then 24 examples: every file is opened
// once, so the module, its submodules and the nested templates are read,
// and so parsed, once whatever the number of calls (a parse reads through
// the scan's cache, which lets a parsed module go only with its files).
func TestEachFileReadOnce(t *testing.T) {
	all := rules.All()
	for _, examples := range []int{12, 24} {
		dir := t.TempDir()
		if err := floor.RealTree(dir, 1, examples); err != nil {
			t.Fatal(err)
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		counter := &openCounter{fsys: root.FS(), opens: map[string]int{}}
		res := checker.Scan(counter, ".", "", checker.Options{Rules: all})
		root.Close()
		for _, f := range res.Findings {
			if f.RuleID == "CW001" {
				t.Errorf("examples=%d: %s: %s", examples, f.Range.Filename, f.Message)
			}
		}
		want := floor.FamilyFiles(examples)
		if len(counter.opens) != want {
			t.Errorf("examples=%d: %d files opened, want the tree's %d", examples, len(counter.opens), want)
		}
		for name, n := range counter.opens {
			if n != 1 {
				t.Errorf("examples=%d: %s opened %d times, want once", examples, name, n)
			}
		}
		for _, name := range []string{"fam0000/module/main.tf", "fam0000/module/modules/role/main.tf", "fam0000/cfn/shared/bucket.yaml"} {
			if counter.opens[name] != 1 {
				t.Errorf("examples=%d: %s not read", examples, name)
			}
		}
		// Every example's call is evaluated: its bucket is reported or not
		// by its own inputs (versioning off in the odd examples).
		var odd int
		for _, f := range res.Findings {
			if f.RuleID == "CW701" {
				odd += len(f.Instances)
			}
		}
		if odd < examples/2 {
			t.Errorf("examples=%d: CW701 names %d calls, want the %d odd examples'", examples, odd, examples/2)
		}
	}
}

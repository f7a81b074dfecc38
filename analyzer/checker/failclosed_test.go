package checker

import (
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer"
)

// brokenFS fails to list the directories and open the files it names.
type brokenFS struct {
	fstest.MapFS
	unlistable, unreadable map[string]bool
}

func (b brokenFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if b.unlistable[name] {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return b.MapFS.ReadDir(name)
}

func (b brokenFS) Open(name string) (fs.File, error) {
	if b.unreadable[name] || b.unlistable[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.MapFS.Open(name)
}

func (b brokenFS) ReadFile(name string) ([]byte, error) {
	if b.unreadable[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.MapFS.ReadFile(name)
}

// TestFailClosed: nothing under the root is passed over in silence. A
// directory that cannot be listed and a file that cannot be read are each a
// CW001 at their path; a plan or policy whose JSON breaks after its markers
// is a CW001 at the error; the setup-terraform wrapper's lines around a
// plan are skipped, its positions kept.
func TestFailClosed(t *testing.T) {
	plan := `{"format_version": "1.2", "planned_values": {"root_module": {}}}`
	fsys := brokenFS{MapFS: fstest.MapFS{
		"hidden/t.yaml":   {Data: []byte("Resources: {}\n")},
		"locked.yaml":     {Data: []byte("Resources: {}\n")},
		"plan.json":       {Data: []byte(plan + "x")},
		"policy.json":     {Data: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",}]}`)},
		"wrapped.json":    {Data: []byte("[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n" + plan + "\n::debug::Terraform exited with code 0.\n")},
		"package.json":    {Data: []byte(`{"name": "x",`)},
		"ok/template.yml": {Data: []byte("Resources: {}\n")},
	}, unlistable: map[string]bool{"hidden": true}, unreadable: map[string]bool{"locked.yaml": true}}
	res := Scan(fsys, ".", "", Options{Rules: []*analyzer.Rule{invalidInput}})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Range.Filename+":"+f.Message)
	}
	sort.Strings(got)
	want := []string{
		"hidden:cannot read: readdir hidden: permission denied; nothing under it was scanned",
		"locked.yaml:cannot read file: open locked.yaml: permission denied",
		"plan.json:invalid JSON: unexpected 'x' after the top-level value",
		"policy.json:invalid JSON",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %q, want %q", got[i], want[i])
		}
	}
	if res.Scanned["terraform"] == 0 {
		t.Errorf("the wrapped plan was not read as a plan: %v", res.Scanned)
	}
}

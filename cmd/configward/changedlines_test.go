package main

import (
	"os"
	"os/exec"
	"reflect"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// TestChangedLines reads a diff made by git for real: names with spaces, quotes, commas,
// colons and percent signs, a rename with an edit, a pure rename, a file
// whose change only deletes lines, and a deleted file.
func TestChangedLines(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, body string) { writeFile(t, name, body, 0o644) }
	odd := `my dir/a "b",c:d%e.tf`
	lines := "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n"
	write(odd, lines)
	write("moved.tf", lines)
	write("pure.tf", lines)
	write("shrunk.tf", lines)
	write("gone.tf", lines)
	run("init", "-q", "-b", "main", ".")
	run("-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A")
	run("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base")

	write(odd, "l1\nl2\nNEW\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\n")
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	run("mv", "moved.tf", "sub/moved now.tf")
	write("sub/moved now.tf", "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nCHANGED\nl10\n")
	run("mv", "pure.tf", "pure2.tf")
	write("shrunk.tf", "l1\nl2\nl5\nl6\nl7\nl8\nl9\nl10\n")
	run("rm", "-q", "gone.tf")
	run("add", "-A")

	// As the action makes it (configward itself runs no git).
	diff, err := exec.Command("git", "-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff", "-M", "main").Output()
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "changed.diff", string(diff), 0o644)
	got, err := readChangedLines("changed.diff")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]lineSpan{
		odd:                {{3, 3}, {11, 11}},
		"sub/moved now.tf": {{9, 9}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changedLines = %v, want %v", got, want)
	}

	// A finding is on a changed line when any line of its range is.
	f := &analyzer.Finding{Range: model.Range{Filename: odd, Start: model.Pos{Line: 1}, End: model.Pos{Line: 4}}}
	if !touchesChanged(got, f) {
		t.Errorf("a range over line 3 does not touch it")
	}
	f.Range.Start.Line, f.Range.End.Line = 4, 10
	if touchesChanged(got, f) {
		t.Errorf("lines 4-10 touch a change")
	}
	f.Range.Filename = "shrunk.tf"
	f.Range.Start.Line, f.Range.End.Line = 1, 8
	if touchesChanged(got, f) {
		t.Errorf("a file that only lost lines has a changed line")
	}
}

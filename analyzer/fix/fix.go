// Package fix turns the fixes rules propose (analyzer.Fix, stated on the
// model) into text edits of the source files, merges the edits of several
// findings of one file, applies them and prints them as a unified diff.
// Outside an edit the file stays byte for byte as its author wrote it:
// YAML keeps its comments, quoting, indentation and flow or block style,
// JSON its indentation; a Terraform block that changes is edited as text
// and formatted as `terraform fmt` formats it.
package fix

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// Edit replaces the bytes [Start, End) of File with Text.
type Edit = analyzer.Edit

// Source returns a file's content by the name findings use, nil when it
// cannot be read.
type Source func(filename string) []byte

// Edits computes the edits of every fix of findings, merged per file:
// sorted, non-overlapping, without duplicates. A change that cannot be
// spelled in its file (an expression the syntax cannot hold, a range that
// no longer matches the file) drops the whole fix of its finding, in every
// file it changes; the second result lists those findings, in the order
// given.
func Edits(findings []*analyzer.Finding, src Source) (map[string][]Edit, []*analyzer.Finding) {
	return newFiles(src).edits(findings)
}

func (fs *files) edits(findings []*analyzer.Finding) (map[string][]Edit, []*analyzer.Finding) {
	byFile := map[string][]change{}
	var order []string
	for i, f := range findings {
		if f.Fix == nil || f.Suppressed() {
			continue
		}
		for _, c := range f.Fix.Changes {
			file := c.Anchor.Filename
			if file == "" {
				file = c.Replace.Filename
			}
			if _, ok := byFile[file]; !ok {
				order = append(order, file)
			}
			byFile[file] = append(byFile[file], change{Change: c, finding: i})
		}
	}
	out := map[string][]Edit{}
	bad := map[int]bool{}
	// A fix is written whole or not at all: when a change of a finding
	// fails in one file, the files spelled with its other changes are
	// spelled again without them, until no finding fails anew.
	for todo := order; len(todo) > 0; {
		newly := map[int]bool{}
		for _, file := range todo {
			delete(out, file)
			var cs []change
			for _, c := range byFile[file] {
				if !bad[c.finding] {
					cs = append(cs, c)
				}
			}
			if len(cs) == 0 {
				continue
			}
			b := fs.source(file)
			if downloaded(file) {
				b = nil // terraform init would undo the edit
			}
			var failed []int
			var edits []Edit
			if b == nil {
				for _, c := range cs {
					failed = append(failed, c.finding)
				}
			} else {
				edits, failed = fileEdits(file, b, cs, fs)
			}
			for _, i := range failed {
				bad[i], newly[i] = true, true
			}
			if len(edits) > 0 {
				out[file] = edits
			}
		}
		todo = nil
		for _, file := range order {
			if slices.ContainsFunc(byFile[file], func(c change) bool { return newly[c.finding] }) {
				todo = append(todo, file)
			}
		}
	}
	var failed []*analyzer.Finding
	for i, f := range findings {
		if bad[i] {
			failed = append(failed, f)
		}
	}
	return out, failed
}

// For computes the edits of one finding's fix alone (SARIF fixes), nil
// when it has none or it cannot be spelled.
// A Planner does the same for many findings, reading and parsing each
// file once.
func For(f *analyzer.Finding, src Source) []Edit {
	return newFiles(src).forFinding(f)
}

func (fs *files) forFinding(f *analyzer.Finding) []Edit {
	if f.Fix == nil {
		return nil
	}
	byFile, failed := fs.edits([]*analyzer.Finding{f})
	if len(failed) > 0 {
		return nil
	}
	var out []Edit
	for _, es := range byFile {
		out = append(out, es...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Start < out[j].Start
	})
	return out
}

type change struct {
	analyzer.Change
	finding int
}

// syntax of a file, from its name and content.
type syntax uint8

const (
	yamlSyntax syntax = iota
	jsonSyntax
	hclSyntax
)

func syntaxOf(file string, b []byte) syntax {
	if strings.HasSuffix(file, ".tf") {
		return hclSyntax
	}
	if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
		return jsonSyntax
	}
	return yamlSyntax
}

// fileEdits spells the changes of one file as edits; bad lists the
// findings whose changes could not be spelled (their edits are left out).
func fileEdits(file string, src []byte, cs []change, fs *files) (edits []Edit, bad []int) {
	failed := map[int]bool{}
	for _, c := range cs {
		if !rangeFits(c.Anchor, src) || !rangeFits(c.Replace, src) {
			failed[c.finding] = true
		}
	}
	keep := cs[:0:0]
	for _, c := range cs {
		if !failed[c.finding] {
			keep = append(keep, c)
		}
	}
	var err map[int]bool
	switch syntaxOf(file, src) {
	case hclSyntax:
		edits, err = hclEdits(file, src, keep, fs)
	default:
		edits, err = textEdits(file, src, syntaxOf(file, src), keep)
	}
	for i := range err {
		failed[i] = true
	}
	if len(err) > 0 {
		// Spell again without the failed findings, so that a merged
		// insertion holds only what can be written.
		keep2 := keep[:0:0]
		for _, c := range keep {
			if !failed[c.finding] {
				keep2 = append(keep2, c)
			}
		}
		if syntaxOf(file, src) == hclSyntax {
			edits, _ = hclEdits(file, src, keep2, fs)
		} else {
			edits, _ = textEdits(file, src, syntaxOf(file, src), keep2)
		}
	}
	for i := range failed {
		bad = append(bad, i)
	}
	sort.Ints(bad)
	return normalize(edits), bad
}

func rangeFits(r model.Range, src []byte) bool {
	if r.IsZero() {
		return true
	}
	return r.Start.Byte >= 0 && r.Start.Byte <= r.End.Byte && r.End.Byte <= len(src)
}

// normalize sorts edits, drops duplicates and, of two that overlap, keeps
// the first: the result applies in one pass.
func normalize(es []Edit) []Edit {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Start != es[j].Start {
			return es[i].Start < es[j].Start
		}
		return es[i].End < es[j].End
	})
	var out []Edit
	for _, e := range es {
		if n := len(out); n > 0 {
			last := out[n-1]
			if last == e {
				continue
			}
			if e.Start < last.End || (e.Start == last.Start && e.End == last.Start && last.End > last.Start) {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// Apply applies normalized edits of one file to its content.
func Apply(src []byte, edits []Edit) []byte {
	var b bytes.Buffer
	at := 0
	for _, e := range edits {
		b.Write(src[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.Write(src[at:])
	return b.Bytes()
}

// Count is the number of files and edits of a merged set.
func Count(byFile map[string][]Edit) (files, edits int) {
	for _, es := range byFile {
		files++
		edits += len(es)
	}
	return
}

// errorf is for the spellers' failures.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// downloaded reports a file of a module terraform init installed
// (.terraform/modules): not the author's to edit.
func downloaded(file string) bool {
	for _, seg := range strings.Split(filepath.ToSlash(file), "/") {
		if seg == ".terraform" {
			return true
		}
	}
	return false
}

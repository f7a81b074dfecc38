package checker

import (
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// displayPrefix is rootDir relative to the working directory, slash form,
// "" for the working directory itself.
func displayPrefix(cwd, rootDir string) string {
	abs, err := filepath.Abs(rootDir)
	if err != nil {
		return filepath.ToSlash(rootDir)
	}
	rel, err := filepath.Rel(cwd, abs)
	if err != nil {
		rel = abs
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return ""
	}
	return rel
}

// displayNotes names the notifications' files as reported.
func displayNotes(name func(string) string, notes []analyzer.Notification) []analyzer.Notification {
	for i := range notes {
		if n := &notes[i]; n.Range.Filename != "" {
			n.Range.Filename = name(n.Range.Filename)
		}
	}
	return notes
}

// uniqueNotes keeps the first of notifications that say the same thing at
// the same place (a module not available, met by each root module that
// reaches it).
func uniqueNotes(notes []analyzer.Notification) []analyzer.Notification {
	seen := map[analyzer.Notification]bool{}
	out := notes[:0]
	for _, n := range notes {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func joinDisplay(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return path.Join(prefix, name)
}

// sortFindings orders findings by file, line, column, rule id and message.
func sortFindings(fs []*analyzer.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Range.Filename != b.Range.Filename {
			return a.Range.Filename < b.Range.Filename
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.Range.Start.Column != b.Range.Start.Column {
			return a.Range.Start.Column < b.Range.Start.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}

// minSecretLen keeps a sensitive value of one or two characters ("1",
// "on") from masking unrelated words of messages.
const minSecretLen = 4

// sensitiveValues collects the text of the unit's values marked sensitive
// (CloudFormation NoEcho parameters, Terraform sensitive variables), which
// a rule may have quoted in a message without knowing.
func sensitiveValues(u *model.Unit) []string {
	var out []string
	for _, r := range u.Resources {
		r.Body.Walk(func(v *model.Value) bool {
			if v.Sensitive && len(v.Str) >= minSecretLen && !slices.Contains(out, v.Str) {
				out = append(out, v.Str)
			}
			return true
		})
	}
	return out
}

// maskSecrets replaces every sensitive value of the unit in the finding's
// message and names: they are never printed, whichever rule quoted them.
func maskSecrets(f *analyzer.Finding, secrets []string) {
	for _, s := range secrets {
		mask := strings.Repeat("*", len(s))
		f.Message = strings.ReplaceAll(f.Message, s, mask)
		f.Resource = strings.ReplaceAll(f.Resource, s, mask)
		f.ResourceName = strings.ReplaceAll(f.ResourceName, s, mask)
	}
}

// nameConstruct adds the CDK construct path of a finding to its message,
// so that every format tells a CDK user which construct to fix (SARIF also
// has it in properties.cdkPath).
func nameConstruct(f *analyzer.Finding) {
	if f.CDKPath != "" && !strings.Contains(f.Message, f.CDKPath) {
		f.Message += " (CDK construct " + f.CDKPath + ")"
	}
}

// nameFix names the files of a finding's fix as its range is named.
func nameFix(f *analyzer.Finding, name func(string) string) {
	if f.Fix == nil {
		return
	}
	fix := *f.Fix
	fix.Changes = append([]analyzer.Change(nil), fix.Changes...)
	for i := range fix.Changes {
		c := &fix.Changes[i]
		if c.Anchor.Filename != "" {
			c.Anchor.Filename = name(c.Anchor.Filename)
		}
		if c.Replace.Filename != "" {
			c.Replace.Filename = name(c.Replace.Filename)
		}
		if c.Block != nil && len(c.Block.Free) > 0 {
			b := *c.Block
			b.Free = make([]string, len(c.Block.Free))
			for j, file := range c.Block.Free {
				b.Free[j] = name(file)
			}
			c.Block = &b
		}
	}
	f.Fix = &fix
}

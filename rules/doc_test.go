package rules

import (
	"os"
	"strings"
	"testing"
)

// TestAllocDocEmbedded: every rule's doc is its docs/ID.md, embedded as a
// string, and reading it copies nothing: a SARIF report reads every rule's
// doc, and every byte copied is a page first touched in every run.
func TestAllocDocEmbedded(t *testing.T) {
	for _, r := range All() {
		b, err := os.ReadFile("docs/" + r.ID + ".md")
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		if d := string(b); strings.TrimSpace(d)+"\n" != d {
			t.Errorf("docs/%s.md: want no leading or trailing space but one final newline", r.ID)
		}
		if r.Documentation() != string(b) {
			t.Errorf("%s: the doc is not docs/%s.md", r.ID, r.ID)
		}
		if n := testing.AllocsPerRun(10, func() { _ = r.Documentation() }); n != 0 {
			t.Errorf("%s: reading the doc allocates %.0f times, want none", r.ID, n)
		}
	}
}

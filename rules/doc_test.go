package rules

import (
	"runtime"
	"strings"
	"testing"
)

// TestAllocDocOneCopy: a SARIF report reads every rule's doc, so a read
// makes one copy of the embedded text (the string shares ReadFile's
// bytes), not one per conversion; and the text is the file trimmed, with
// one final newline.
func TestAllocDocOneCopy(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are not those of a normal build under the race detector: make test runs TestAlloc* without it")
	}
	for _, r := range All() {
		d := doc(r.ID)
		if d == "" || strings.TrimSpace(d)+"\n" != d {
			t.Errorf("%s: doc not trimmed to one final newline: %q", r.ID, d[max(0, len(d)-20):])
		}
		doc(r.ID)
		const runs = 10
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range runs {
			doc(r.ID)
		}
		runtime.ReadMemStats(&after)
		// Beside the copy (rounded up to its size class): the file's name
		// and embed's open file.
		if n := (after.TotalAlloc - before.TotalAlloc) / runs; n > uint64(len(d)+len(d)/4)+256 {
			t.Errorf("%s: reading the %d-byte doc allocates %d bytes, want one copy", r.ID, len(d), n)
		}
	}
	if doc("CW999") != "" {
		t.Error("a missing doc reads as text")
	}
}

package fix

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines around a change in a diff.
const context = 3

// Diff prints the edits of one file as a unified diff ("a/NAME",
// "b/NAME", as git and patch -p1 read it). Hunks are made around the
// edits, so a large file costs only its changed lines.
func Diff(name string, src []byte, edits []Edit) string {
	if len(edits) == 0 {
		return ""
	}
	old := splitLines(string(src))
	// Line of a byte offset.
	starts := make([]int, len(old)+1)
	for i, l := range old {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int {
		lo, hi := 0, len(old)
		for lo < hi {
			m := (lo + hi) / 2
			if starts[m+1] <= off {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", name, name)
	delta := 0
	for i := 0; i < len(edits); {
		// A group: edits whose lines are close enough to share a hunk.
		first := lineOf(edits[i].Start)
		last := lineOf(max(edits[i].End-1, edits[i].Start))
		j := i + 1
		for ; j < len(edits); j++ {
			l := lineOf(edits[j].Start)
			if l > last+2*context {
				break
			}
			last = max(last, lineOf(max(edits[j].End-1, edits[j].Start)))
		}
		a := max(0, first-context)
		z := min(len(old), last+context+1)
		seg := src[starts[a]:starts[z]]
		local := make([]Edit, 0, j-i)
		for _, e := range edits[i:j] {
			local = append(local, Edit{Start: e.Start - starts[a], End: e.End - starts[a], Text: e.Text})
		}
		oldLines := old[a:z]
		newLines := splitLines(string(Apply(seg, local)))
		body := lineDiff(oldLines, newLines)
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", span(a, len(oldLines)), span(a+delta, len(newLines)))
		b.WriteString(body)
		delta += len(newLines) - len(oldLines)
		i = j
	}
	return b.String()
}

func span(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// splitLines splits after each newline, keeping it.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// lineDiff prints two short line lists as context, removed and added
// lines (longest common subsequence).
func lineDiff(a, b []string) string {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	line := func(prefix, l string) {
		out.WriteString(prefix)
		out.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			line(" ", a[i])
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			line("-", a[i])
			i++
		default:
			line("+", b[j])
			j++
		}
	}
	return out.String()
}

// Package pathglob matches slash paths against glob patterns where `*`,
// `?` and classes work within one path segment and `**` spans any number
// of segments: the --exclude and ignore paths of the command line and
// Terraform's fileset() share it.
package pathglob

import (
	"path"
	"strings"
)

// Match reports whether name matches pattern; a malformed pattern matches
// nothing. It runs in time linear in the number of pattern segments times
// the number of path segments (each segment matched once at most at each
// position): trying every split of the path at each "**" was exponential.
func Match(pattern, name string) bool {
	pat, segs := strings.Split(pattern, "/"), strings.Split(name, "/")
	for _, p := range pat {
		if _, err := path.Match(p, ""); err != nil {
			return false
		}
	}
	// at[j] says whether the pattern read so far can end at segs[:j].
	at := make([]bool, len(segs)+1)
	at[0] = true
	next := make([]bool, len(segs)+1)
	for _, p := range pat {
		clear(next)
		any := false
		for j, ok := range at {
			switch {
			case !ok && !(p == "**" && j > 0 && next[j-1]):
				continue
			case p == "**":
				next[j] = true // "**" spans any number of segments from j
			case j < len(segs):
				if m, _ := path.Match(p, segs[j]); m {
					next[j+1] = true
				}
			}
			any = any || next[j] || j < len(segs) && next[j+1]
		}
		if !any {
			return false
		}
		at, next = next, at
	}
	return at[len(segs)]
}

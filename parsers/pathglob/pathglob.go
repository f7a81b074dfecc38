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
// nothing.
func Match(pattern, name string) bool {
	return segments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func segments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			for i := 0; i <= len(name); i++ {
				if segments(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

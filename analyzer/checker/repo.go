package checker

import (
	"os"
	"path/filepath"
	"strings"
)

// base is the directory that SARIF URIs and fingerprints are relative to.
type base struct {
	dir string // absolute; "" when unknown
}

// repoBase finds the repository root of the scan: the nearest directory
// at or above the first root that holds .git (a directory, or the file of
// a worktree), found by looking, never by running git; without one, the
// deepest directory holding every root. So a report names files the same
// way from any working directory.
func repoBase(groups []rootArg) base {
	var dirs []string
	for _, g := range groups {
		abs, err := filepath.Abs(g.dir)
		if err != nil {
			return base{}
		}
		dirs = append(dirs, abs)
	}
	if len(dirs) == 0 {
		return base{}
	}
	for d := dirs[0]; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return base{dir: d}
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	common := dirs[0]
	for _, d := range dirs[1:] {
		for !within(d, common) {
			common = filepath.Dir(common)
		}
	}
	return base{dir: common}
}

// within reports whether dir is root or below it.
func within(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// relative is dir relative to the base in slash form, "" for the base
// itself. A directory outside the base keeps its path as given.
func (b base) relative(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil || b.dir == "" || !within(abs, b.dir) {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	rel, _ := filepath.Rel(b.dir, abs)
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

package main

import (
	"fmt"
	"io"
	"os"
)

// readInput reads a file the scan is told about (the configuration, the
// baseline, a --param-file) as the scan reads the files it scans: never
// through a symbolic link, only a regular file, at most limit bytes. A
// committed .configward.yml linked to /dev/zero or to a file outside the
// repository is refused, not read.
func readInput(what, path string, limit int64) ([]byte, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		return nil, fmt.Errorf("%s %s: a symbolic link, not followed (name the file it points to)", what, path)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s %s: not a regular file", what, path)
	case info.Size() > limit:
		return nil, fmt.Errorf("%s %s: %d bytes, over the limit of %d (--max-file-size)", what, path, info.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	defer f.Close()
	// The file may have changed since Lstat: check what was opened, and
	// read no more than the limit whatever it has become.
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return nil, fmt.Errorf("%s %s: changed while being read", what, path)
	}
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	if int64(len(src)) > limit {
		return nil, fmt.Errorf("%s %s: over the limit of %d bytes (--max-file-size)", what, path, limit)
	}
	return src, nil
}

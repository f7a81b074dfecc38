package checker

import (
	"io/fs"
	"os"
	"sync"
)

// maxOpenRoots is how many roots a scan holds open at once. A pre-commit
// hook names every changed file, so a scan can have thousands of root
// directories: holding each open for the whole scan ran out of file
// descriptors (about 10,000 roots under a limit of 20,000).
const maxOpenRoots = 64

// rootFS is a root directory opened (as an os.Root, which confines every
// path to it) only while something reads it: during its scan, and for a
// moment for each later read (snippets, fixes). Files opened through it stay
// open after it closes, as an os.Root's do.
type rootFS struct {
	dir string

	mu    sync.Mutex
	root  *os.Root
	fsys  fs.FS
	users int
}

// openRootFS checks that dir can be opened as a root and returns it closed.
func openRootFS(dir string) (*rootFS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	root.Close()
	return &rootFS{dir: dir}, nil
}

// acquire opens the root if it is closed and counts one more user.
func (r *rootFS) acquire() (fs.FS, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.root == nil {
		root, err := os.OpenRoot(r.dir)
		if err != nil {
			return nil, err
		}
		r.root, r.fsys = root, root.FS()
	}
	r.users++
	return r.fsys, nil
}

// release closes the root when its last user is done.
func (r *rootFS) release() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.users--
	if r.users == 0 {
		r.root.Close()
		r.root, r.fsys = nil, nil
	}
}

// use runs f on the open root.
func use[T any](r *rootFS, name string, f func(fs.FS) (T, error)) (T, error) {
	fsys, err := r.acquire()
	if err != nil {
		var zero T
		return zero, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer r.release()
	return f(fsys)
}

func (r *rootFS) Open(name string) (fs.File, error) {
	return use(r, name, func(fsys fs.FS) (fs.File, error) { return fsys.Open(name) })
}

func (r *rootFS) Stat(name string) (fs.FileInfo, error) {
	return use(r, name, func(fsys fs.FS) (fs.FileInfo, error) { return fs.Stat(fsys, name) })
}

func (r *rootFS) Lstat(name string) (fs.FileInfo, error) {
	return use(r, name, func(fsys fs.FS) (fs.FileInfo, error) { return fs.Lstat(fsys, name) })
}

func (r *rootFS) ReadLink(name string) (string, error) {
	return use(r, name, func(fsys fs.FS) (string, error) { return fs.ReadLink(fsys, name) })
}

func (r *rootFS) ReadFile(name string) ([]byte, error) {
	return use(r, name, func(fsys fs.FS) ([]byte, error) { return fs.ReadFile(fsys, name) })
}

func (r *rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return use(r, name, func(fsys fs.FS) ([]fs.DirEntry, error) { return fs.ReadDir(fsys, name) })
}

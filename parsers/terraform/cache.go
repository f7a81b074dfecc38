package terraform

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/model"
)

// Cache holds what one scan has read of one scan root: every module
// directory parsed and every file read, once, whichever unit asks first.
// Published modules are shaped so that this matters: twenty examples call
// the module at ../../, submodules are called from several places, and
// each example is its own unit. What the cache holds is never changed once
// made, so units evaluate it concurrently; evaluation (and the diagnostics
// of evaluation) stays with each unit.
//
// A Cache is for one fs.FS: give the same Cache to every ParseModule and
// ParsePlan call over that file system, and a new one for another.
type Cache struct {
	// MaxFileSize is the largest file read into the cache (0: the
	// package's limit). Reads are shared by every unit and by LocalCalls,
	// so the limit belongs to the cache, not to one caller's Options.
	MaxFileSize int64

	mu      sync.Mutex
	modules map[string]*cachedModule
	files   map[string]*cachedFile
	// expected counts the units still to read each module (Expect).
	expected map[string]int
	// parses counts the times each module directory was parsed: once,
	// however many units call it, unless it was let go too early.
	parses map[string]int

	// listings are the directories listed, each once for every unit
	// (module directories, and the parents the symlink checks list on a
	// file system that cannot Lstat); realDirs the directories Lstat
	// found to be directories, not links (isRealLstat).
	listMu   sync.Mutex
	listings map[string]*listing
	realDirs dirSet

	// bases are the path and terraform objects of module instances by
	// path.module (base).
	bases sync.Map
}

// base returns the path and terraform objects of a module instance whose
// path.module is pm, made once per scan root rather than once per instance
// (values are never changed once made, so instances share them).
func (c *Cache) base(pm string) map[string]cty.Value {
	if b, ok := c.bases.Load(pm); ok {
		return b.(map[string]cty.Value)
	}
	b := map[string]cty.Value{
		"path": cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(pm),
			"root":   cty.StringVal("."),
			"cwd":    cty.UnknownVal(cty.String),
		}),
		"terraform": cty.ObjectVal(map[string]cty.Value{
			"workspace": cty.StringVal("default"),
		}),
	}
	got, _ := c.bases.LoadOrStore(pm, b)
	return got.(map[string]cty.Value)
}

// listing is one directory's entries, or why they could not be listed.
type listing struct {
	once    sync.Once
	entries []fs.DirEntry
	err     error
}

// list returns dir's entries, listed when no unit listed them yet.
func (c *Cache) list(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	c.listMu.Lock()
	if c.listings == nil {
		c.listings = map[string]*listing{}
	}
	l := c.listings[dir]
	if l == nil {
		l = &listing{}
		c.listings[dir] = l
	}
	c.listMu.Unlock()
	l.once.Do(func() { l.entries, l.err = fs.ReadDir(fsys, dir) })
	return l.entries, l.err
}

// dirSet is a set of directories safe for concurrent use.
type dirSet struct {
	mu   sync.Mutex
	dirs map[string]bool
}

func (s *dirSet) has(dir string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dirs[dir]
}

func (s *dirSet) add(dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dirs == nil {
		s.dirs = map[string]bool{}
	}
	s.dirs[dir] = true
}

// NewCache returns an empty cache for one scan root.
func NewCache() *Cache {
	return &Cache{modules: map[string]*cachedModule{}, files: map[string]*cachedFile{}}
}

// Module reports whether the cache holds a parsed module directory (dir
// cleaned as ParseModule cleans it): a module some unit read.
func (c *Cache) Module(dir string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.modules[cleanDir(dir)]
	return ok
}

func cleanDir(dir string) string { return path.Clean(strings.TrimPrefix(dir, "/")) }

// parsedModule is a module directory as parsed: its blocks (override files
// merged), the files read for it and the problems found reading them.
type parsedModule struct {
	dir     string
	tfFiles []string
	blocks  []*block
	entries []string
	// Read for the module: its sources in reading order, the diagnostics
	// of reading and parsing.
	sources []*source
	diags   []model.Diagnostic
	// suppressions are the module's suppression comments, found once, and
	// decls its declarations.
	suppressions func() []model.Suppression
	decls        func() *decls
	// facts holds the exprFacts of the module's expressions, by
	// hclsyntax.Expression, found as units evaluate them.
	facts sync.Map
	// memo holds the values of its expressions by context (memo.go).
	memo memo
}

type cachedModule struct {
	once sync.Once
	m    atomic.Pointer[parsedModule]
}

// fileRead is the outcome of reading one file: its source, or why it was
// not read (reported at the place of each read that asked for it).
type fileRead struct {
	src             *source
	summary, detail string
}

type cachedFile struct {
	once sync.Once
	r    fileRead
}

// module returns dir's parsed module, made by parse when no unit parsed it
// yet. Units asking for the same directory at once wait for one parse.
func (c *Cache) module(dir string, parse func() *parsedModule) *parsedModule {
	e, _ := c.entry(dir)
	return c.parseOnce(e, dir, parse)
}

// entry returns dir's entry, and whether this call made it.
func (c *Cache) entry(dir string) (e *cachedModule, made bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e = c.modules[dir]
	if e == nil {
		e = &cachedModule{}
		c.modules[dir] = e
		made = true
	}
	return e, made
}

// parseOnce returns e's parsed module, parsing dir when no unit did yet.
func (c *Cache) parseOnce(e *cachedModule, dir string, parse func() *parsedModule) *parsedModule {
	e.once.Do(func() {
		c.mu.Lock()
		if c.parses == nil {
			c.parses = map[string]int{}
		}
		c.parses[dir]++
		c.mu.Unlock()
		e.m.Store(parse())
	})
	m := e.m.Load()
	if m == nil {
		panic("reading module " + dir + " failed in another unit")
	}
	return m
}

// file returns rel's read, made by read when no unit read it yet.
func (c *Cache) file(rel string, read func() fileRead) fileRead {
	c.mu.Lock()
	e := c.files[rel]
	if e == nil {
		e = &cachedFile{}
		c.files[rel] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.r = read() })
	return e.r
}

// LocalCalls reads the .tf and .tf.json files of dir into the cache (when
// no unit read them yet) and returns the directories that a "source"
// argument in them names by a local path ("./", "../"), cleaned as
// ParseModule cleans them: the modules a scan can tell, before parsing or
// evaluating anything, that a unit may call. It reads the text, not the
// syntax, so it may name more than the module blocks call (a source
// argument of another block, a commented-out one): a scan uses it to order
// and to keep parsed modules for their callers, never for findings.
func (c *Cache) LocalCalls(fsys fs.FS, dir string) []string {
	dir = cleanDir(dir)
	cfg := &config{
		fsys: fsys, modules: map[string]*module{}, sources: map[string]*source{}, read: map[string]bool{},
		cache: c, opts: Options{MaxFileSize: c.MaxFileSize},
	}
	if !fs.ValidPath(dir) {
		return nil
	}
	if ok, found := cfg.isReal(dir, true); dir != "." && (!ok || !found) {
		return nil
	}
	entries, err := cfg.list(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json") {
			continue
		}
		src, ok := cfg.readListedFile(relName(dir, name), fileRange(name))
		if !ok {
			continue
		}
		for _, ref := range localSources(src) {
			ref = strings.ReplaceAll(ref, `\\`, "/")
			if d := path.Join(dir, ref); fs.ValidPath(d) {
				out = append(out, d)
			}
		}
	}
	return out
}

// Parse parses the module in dir into the cache, with its declarations,
// when no one parses it yet (it never waits for another parse): a scan
// parses every module that a local source names this way on all its
// workers before evaluating anything, so that a unit never waits, one
// core idle, while another parses the modules both call (the examples of
// a published module all start by calling its root module). What parsing
// reports stays with the parsed module, for the units that read it, as if
// they had parsed it themselves. A parse that panics is forgotten: the
// first unit to read the module parses it again and reports the failure
// at its place.
func (c *Cache) Parse(fsys fs.FS, dir string) {
	dir = cleanDir(dir)
	e, made := c.entry(dir)
	if !made {
		return
	}
	cfg := &config{
		fsys: fsys, root: dir, modules: map[string]*module{}, sources: map[string]*source{}, read: map[string]bool{},
		cache: c, opts: Options{MaxFileSize: c.MaxFileSize},
	}
	var p *parsedModule
	func() {
		defer func() {
			if recover() != nil {
				c.forget(dir)
			}
		}()
		p = c.parseOnce(e, dir, func() *parsedModule { return cfg.parseModule(dir) })
	}()
	if p == nil {
		return
	}
	// The declarations panic again, with the same value, for the unit
	// that asks for them (sync.OnceValue).
	defer func() { _ = recover() }()
	p.decls()
}

// forget drops dir's module after its parse panicked, so that the next
// unit to read it parses it again.
func (c *Cache) forget(dir string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.modules[dir]; e != nil && e.m.Load() == nil {
		delete(c.modules, dir)
	}
}

// localSources finds the source arguments with a local path ("./x",
// "../x", `.\\x`), in native syntax (`source = "../x"` at the start of a
// line) or JSON (`"source": "../x"`), and returns the paths as written.
// It scans for the word rather than matching a pattern: a scan reads every
// Terraform file of the tree this way before evaluating anything.
func localSources(src []byte) []string {
	var out []string
	word := []byte("source")
	for i := 0; ; {
		j := bytes.Index(src[i:], word)
		if j < 0 {
			return out
		}
		at := i + j
		i = at + len(word)
		value := -1
		switch {
		case at > 0 && src[at-1] == '"' && i < len(src) && src[i] == '"':
			if k := skipBytes(src, i+1, " \t\n\f\r"); k < len(src) && src[k] == ':' {
				value = skipBytes(src, k+1, " \t\n\f\r")
			}
		case atLineStart(src, at):
			if k := skipBytes(src, i, " \t"); k < len(src) && src[k] == '=' {
				value = skipBytes(src, k+1, " \t")
			}
		}
		if value < 0 {
			continue
		}
		if ref, end, ok := localPath(src, value); ok {
			out = append(out, ref)
			i = end
		}
	}
}

// skipBytes returns the first offset from i of a byte not in set.
func skipBytes(src []byte, i int, set string) int {
	for i < len(src) && strings.IndexByte(set, src[i]) >= 0 {
		i++
	}
	return i
}

// atLineStart reports whether only blanks stand before at on its line.
func atLineStart(src []byte, at int) bool {
	for at > 0 && (src[at-1] == ' ' || src[at-1] == '\t') {
		at--
	}
	return at == 0 || src[at-1] == '\n'
}

// localPath reads a quoted local path at i: a quote, "." or "..", a slash
// or an escaped backslash, then anything up to the closing quote on the
// same line. It returns the path and the offset after the closing quote.
func localPath(src []byte, i int) (ref string, end int, ok bool) {
	if i >= len(src) || src[i] != '"' {
		return "", 0, false
	}
	k := i + 1
	if k >= len(src) || src[k] != '.' {
		return "", 0, false
	}
	k++
	if k < len(src) && src[k] == '.' {
		k++
	}
	switch {
	case k < len(src) && src[k] == '/':
	case k+1 < len(src) && src[k] == '\\' && src[k+1] == '\\':
	default:
		return "", 0, false
	}
	close := bytes.IndexAny(src[k:], "\"\n")
	if close < 0 || src[k+close] != '"' {
		return "", 0, false
	}
	return string(src[i+1 : k+close]), k + close + 1, true
}

// Expect records that n more units will read the module in dir, parsed
// once for all: once they have, the cache lets the parsed module and its
// files go (a module no unit expects stays for the whole scan).
func (c *Cache) Expect(dir string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.expected == nil {
		c.expected = map[string]int{}
	}
	c.expected[cleanDir(dir)] += n
}

// used records that a unit has read the modules of dirs.
func (c *Cache) used(dirs []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range dirs {
		n, ok := c.expected[d]
		if !ok {
			continue
		}
		if n > 1 {
			c.expected[d] = n - 1
			continue
		}
		delete(c.expected, d)
		if e := c.modules[d]; e != nil && e.m.Load() != nil {
			for _, s := range e.m.Load().sources {
				delete(c.files, s.name)
			}
		}
		delete(c.modules, d)
	}
}

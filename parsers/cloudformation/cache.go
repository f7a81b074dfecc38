package cloudformation

import (
	"bytes"
	"sync"

	"github.com/configward/configward/parsers/model"
)

// Cache holds the templates one scan root has parsed that other units may
// read again: each template read as a nested stack, and each template that
// nests stacks (it may be nested in turn). A template that nests nothing
// and that no parent read yet is parsed for its own unit and not kept, so
// that a scan does not hold every template it read; the scan reads parents
// before the other templates (up to a bound on the bytes it holds for
// them) so that a nested one is parsed once, for all its parents and its
// own unit. A parsed template is never changed
// afterwards (evaluation copies on write, see evaluator.eval), so units
// evaluate it concurrently; evaluation stays with each unit and each
// nesting.
//
// A Cache is for one scan root: its names are the paths Parse and
// Options.ReadFile take, and every Parse given it must see a file's bytes
// as ReadFile returns them.
type Cache struct {
	mu        sync.Mutex
	templates map[string]*cachedTemplate
}

// NewCache returns an empty cache for one scan root.
func NewCache() *Cache {
	return &Cache{templates: map[string]*cachedTemplate{}}
}

type cachedTemplate struct {
	once sync.Once
	t    *parsedTemplate
}

// parsedTemplate is one file as read: its value tree, or why it could not
// be read or parsed.
type parsedTemplate struct {
	src     []byte
	readErr error // set when ReadFile failed
	root    *model.Value
	// more are the documents after the first of a YAML stream.
	more []*model.Value
	// lines is the YAML line table, copied for each use (it caches the
	// last conversion); nil for JSON.
	lines        *lineTable
	suppressions []model.Suppression
	diags        []model.Diagnostic
	failed       bool
}

// parseTemplate parses one file's bytes.
func parseTemplate(path string, src []byte) *parsedTemplate {
	root, yr, diags, failed := read(path, src)
	t := &parsedTemplate{src: src, root: root, diags: diags, failed: failed}
	if yr != nil {
		t.lines = yr.t
		t.more = yr.more
		t.suppressions = commentSuppressions(yr.t, yr.verbatim)
	}
	return t
}

// lineTable returns a line table of the template's own for one use.
func (t *parsedTemplate) lineTable() *lineTable {
	if t.lines == nil {
		return nil
	}
	c := *t.lines
	return &c
}

// own returns the parsed template of a unit's own file: the cached one when
// a parent read it, else parsed now, and kept only when it may nest stacks
// (it may be nested in turn).
func (c *Cache) own(path string, src []byte) *parsedTemplate {
	parse := func() *parsedTemplate { return parseTemplate(path, src) }
	if c == nil {
		return parse()
	}
	if MayNest(src) {
		return c.template(path, parse)
	}
	c.mu.Lock()
	e := c.templates[path]
	c.mu.Unlock()
	if e == nil {
		return parse()
	}
	e.once.Do(func() { e.t = parse() })
	if e.t == nil {
		panic("reading template " + path + " failed in another unit")
	}
	return e.t
}

// MayNest says whether a file may hold a nested stack: it names the
// resource types of one. A scan reads such files before the others, so
// that the templates they nest are parsed once, for them and for their own
// units.
func MayNest(src []byte) bool {
	return bytes.Contains(src, []byte("AWS::CloudFormation::Stack")) || bytes.Contains(src, []byte("AWS::Serverless::Application"))
}

// template returns path's parsed template, made by parse when no unit
// parsed it yet (a nil cache parses every time).
func (c *Cache) template(path string, parse func() *parsedTemplate) *parsedTemplate {
	if c == nil {
		return parse()
	}
	c.mu.Lock()
	e := c.templates[path]
	if e == nil {
		e = &cachedTemplate{}
		c.templates[path] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.t = parse() })
	if e.t == nil {
		panic("reading template " + path + " failed in another unit")
	}
	return e.t
}

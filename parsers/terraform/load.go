package terraform

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/configward/configward/parsers/model"
)

// maxFileSize bounds what is read from one file, so a hostile tree cannot
// exhaust memory.
const maxFileSize = 16 << 20

// config is what one ParseModule or ParsePlan call shares across the
// modules it reads: the file system, the sources, the diagnostics and the
// evaluation budgets.
type config struct {
	fsys fs.FS
	// root is the root module's directory: relative paths in file() and
	// friends are resolved from it, as Terraform resolves them from its
	// working directory.
	root    string
	opts    Options
	modules map[string]*module
	sources map[string]*source
	files   []string
	read    map[string]bool
	diags   []model.Diagnostic
	notes   []model.Diagnostic
	// stack holds the values being evaluated, to find cycles; deep is set
	// once a chain over maxEvalDepth was reported.
	stack []*lazy
	deep  bool
	// pending holds problems met by functions during one evaluation (a
	// path leaving the root, a value too large), reported with the range of
	// the expression that called them.
	pending []string
	funcs   map[string]function.Function
	// manifest is .terraform/modules/modules.json of the root module.
	manifest     map[string]string
	manifestRead bool
	// instances counts module instances, against maxModuleInstances.
	instances int
	// nodes counts the model values built, against maxNodes.
	nodes    int
	overflow bool
	// called lists the module directories evaluated as called modules.
	called []string
	// budget is what is left of unitBudget (budget.go).
	budget int64
	// overBudget are the blocks reported past the budget (instances.go).
	overBudget map[hcl.Range]bool
	// policyIndex maps each resource to its policies by property.
	policyIndex map[*model.Resource]map[string]*model.Policy
	// cache holds the modules and files of the scan root, parsed and read
	// once for every unit of the scan.
	cache *Cache
	// fresh counts the compact expressions parsed again and in use
	// (localSyntax): facts are not kept meanwhile.
	fresh int
	// id tells the configuration apart in the values kept of its
	// modules' expressions that read its files (memo.go); 0 until needed.
	id int64
}

func newConfig(fsys fs.FS, root string, opts Options) *config {
	cfg := &config{
		fsys: fsys, root: root, opts: opts,
		modules:    map[string]*module{},
		sources:    map[string]*source{},
		read:       map[string]bool{},
		budget:     unitBudget,
		overBudget: map[hcl.Range]bool{},
		cache:      opts.Cache,
	}
	if cfg.cache == nil {
		cfg.cache = NewCache()
	}
	cfg.funcs = functions(cfg)
	return cfg
}

// module is one directory's configuration: its files and top-level blocks.
type module struct {
	cfg *config
	dir string
	// tfFiles are the native-syntax files, for comments.
	tfFiles []string
	blocks  []*block
	// entries are the directory's file names, for the tfvars lookup.
	entries []string
	// checked is set once the module's references were checked (a module
	// called twice is checked once).
	checked bool
	// parsed is what every configuration of the scan shares of the module;
	// own are the declarations of a module that no cache holds.
	parsed *parsedModule
	own    *decls
}

// block is a top-level block or a nested one, in either syntax.
type block struct {
	Type      string
	Labels    []string
	DefRange  hcl.Range
	TypeRange hcl.Range
	// Range is the whole block (DefRange for JSON, which has no end).
	Range hcl.Range
	Body  hcl.Body
	// Syntax is the native block; nil for .tf.json.
	Syntax *hclsyntax.Block
	// override is set for the blocks of an override file that had no base
	// block to merge into (locals blocks, which merge by name).
	override bool
	// locals are the locals blocks of a piece of a large file, kept
	// compact (compact.go); Syntax and Body are nil then.
	locals *compactLocals
}

// topSchema lists the top-level blocks of a Terraform module, for .tf.json
// files (native files are read block by block).
var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "terraform"},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
}}

// labelCount is the number of labels a top-level block of type typ takes;
// known is false for a type that is no top-level block.
func labelCount(typ string) (n int, known bool) {
	for _, b := range topSchema.Blocks {
		if b.Type == typ {
			return len(b.LabelNames), true
		}
	}
	return 0, false
}

// relName joins a file name to the module directory the way every range of
// the unit names it.
func relName(dir, name string) string { return path.Join(dir, name) }

// loadModule returns a module directory of the configuration, parsed
// once per scan (see Cache); what parsing it read and reported becomes the
// configuration's.
func (cfg *config) loadModule(dir string) *module {
	dir = cleanDir(dir)
	if m := cfg.modules[dir]; m != nil {
		return m
	}
	p := cfg.cache.module(dir, func() *parsedModule { return cfg.parseModule(dir) })
	m := &module{cfg: cfg, dir: dir, tfFiles: p.tfFiles, blocks: p.blocks, entries: p.entries, parsed: p}
	cfg.modules[dir] = m
	cfg.diags = append(cfg.diags, p.diags...)
	for _, s := range p.sources {
		cfg.addFile(s.name)
		cfg.sources[s.name] = s
	}
	return m
}

// parseModule reads and parses a module directory on a configuration of
// its own, so that what it reads and reports is the module's alone; it
// shares the caller's cache.
func (cfg *config) parseModule(dir string) *parsedModule {
	pc := &config{
		fsys: cfg.fsys, root: cfg.root, opts: cfg.opts,
		modules: map[string]*module{},
		sources: map[string]*source{},
		read:    map[string]bool{},
		cache:   cfg.cache,
	}
	m := pc.readModule(dir)
	p := &parsedModule{dir: dir, tfFiles: m.tfFiles, blocks: m.blocks, entries: m.entries, diags: pc.diags,
		suppressions: sync.OnceValue(m.suppressions),
		decls:        sync.OnceValue(func() *decls { return declare(dir, m.blocks) })}
	for _, name := range pc.files {
		p.sources = append(p.sources, pc.sources[name])
	}
	return p
}

// readModule reads the .tf and .tf.json files of a directory, merging
// override files.
func (cfg *config) readModule(dir string) *module {
	m := &module{cfg: cfg, dir: dir}
	if !fs.ValidPath(dir) {
		m.diag(fileRange(dir), "Invalid module directory", fmt.Sprintf("%q is not a path inside the scan root.", dir))
		return m
	}
	if dir != "." {
		if ok, found := cfg.isReal(dir, true); !found || !ok {
			if !found {
				m.diag(fileRange(dir), "Cannot read module directory", dir+" does not exist.")
			} else {
				m.diag(fileRange(dir), "Not a directory", fmt.Sprintf("%s is not read: only directories inside the scan root are, never a symbolic link.", dir))
			}
			return m
		}
	}
	entries, err := cfg.list(dir)
	if err != nil {
		m.diag(fileRange(dir), "Cannot read module directory", err.Error())
		return m
	}
	parser := hclparse.NewParser()
	var overrides []*hcl.File
	for _, e := range entries {
		// Only regular files: a symlink could lead outside the scan root.
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		m.entries = append(m.entries, name)
		isJSON := strings.HasSuffix(name, ".tf.json")
		if !isJSON && !strings.HasSuffix(name, ".tf") {
			continue
		}
		rel := relName(dir, name)
		src, ok := cfg.readListedFile(rel, fileRange(rel))
		if !ok {
			continue
		}
		var d *model.Diagnostic
		var n nesting
		if isJSON {
			d = jsonTooDeep(src, rel)
		} else {
			d, n = nativeTooDeep(src, rel)
		}
		if d != nil {
			cfg.diags = append(cfg.diags, *d)
			continue
		}
		var f *hcl.File
		var diags hcl.Diagnostics
		var compact []*block
		if isJSON {
			f, diags = parser.ParseJSON(src, rel)
		} else {
			switch {
			case len(n.cuts) > 0 || len(n.locals) > 0:
				// Override files keep their syntax: their locals merge by
				// name into the others (override).
				f, compact, diags = parsePieces(src, rel, n, !isOverride(name))
			case len(n.lexCuts) > 0:
				f, _, diags = parsePieces(src, rel, nesting{cuts: n.lexCuts}, false)
			default:
				f, diags = parser.ParseHCL(src, rel)
			}
			m.tfFiles = append(m.tfFiles, rel)
		}
		m.hclDiags(diags)
		if f == nil || f.Body == nil {
			continue
		}
		if isOverride(name) {
			// Override files are merged once every other file is read, in
			// lexical order, as Terraform does.
			overrides = append(overrides, f)
			continue
		}
		blocks := m.collectBlocks(f.Body)
		if len(compact) > 0 {
			// In source order, as the blocks of a file parsed whole.
			blocks = append(blocks, compact...)
			sort.SliceStable(blocks, func(i, j int) bool { return blocks[i].Range.Start.Byte < blocks[j].Range.Start.Byte })
		}
		m.blocks = append(m.blocks, blocks...)
	}
	for _, f := range overrides {
		for _, ob := range m.collectBlocks(f.Body) {
			m.override(ob)
		}
	}
	return m
}

func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// list returns a directory's entries, listed once per scan root (the
// cache's).
func (cfg *config) list(dir string) ([]fs.DirEntry, error) {
	return cfg.cache.list(cfg.fsys, dir)
}

// isReal reports whether rel is listed by its directory as a regular file
// (or a directory, with dir set), and whether it exists at all. Every
// parent directory must be listed as a directory: a symlink anywhere on the
// way could lead outside the scan root. The listings tell symlinks apart
// even on a file system without ReadLinkFS, where fs.Lstat follows them;
// they are checked first so a link is never opened.
func (cfg *config) isReal(rel string, dir bool) (ok, found bool) {
	if rel == "." {
		return dir, true
	}
	if lfs, isLink := cfg.fsys.(fs.ReadLinkFS); isLink {
		return isRealLstat(lfs, rel, dir, &cfg.cache.realDirs)
	}
	parts := strings.Split(rel, "/")
	cur := "."
	for i, p := range parts {
		entries, err := cfg.list(cur)
		if err != nil {
			return false, false
		}
		var hit fs.DirEntry
		for _, e := range entries {
			if e.Name() == p {
				hit = e
				break
			}
		}
		if hit == nil {
			return false, false
		}
		last := i == len(parts)-1
		switch {
		case !last && !hit.IsDir(), !last && hit.Type()&fs.ModeSymlink != 0:
			return false, true
		case last && dir:
			return hit.IsDir() && hit.Type()&fs.ModeSymlink == 0, true
		case last:
			return hit.Type().IsRegular(), true
		}
		cur = path.Join(cur, p)
	}
	return false, false
}

// isRealLstat is isReal on a file system that can tell links apart
// without following them (os.Root and os.DirFS can): one Lstat per path
// element instead of listing every parent directory, which cost a scan of
// a thousand modules a third of its time.
func isRealLstat(lfs fs.ReadLinkFS, rel string, dir bool, realDirs *dirSet) (ok, found bool) {
	parts := strings.Split(rel, "/")
	for i := range parts {
		last := i == len(parts)-1
		p := strings.Join(parts[:i+1], "/")
		if !last && realDirs.has(p) {
			continue
		}
		info, err := lfs.Lstat(p)
		if err != nil {
			return false, false
		}
		mode := info.Mode()
		if mode.IsDir() {
			realDirs.add(p)
		}
		switch {
		case mode&fs.ModeSymlink != 0, !last && !mode.IsDir():
			return false, true
		case last && dir:
			return mode.IsDir(), true
		case last:
			return mode.IsRegular(), true
		}
	}
	return false, false
}

// readFile reads a file of the scan root (a slash path already validated
// with fs.ValidPath) and records it; problems are diagnostics at at.
func (cfg *config) readFile(rel string, at model.Range) ([]byte, bool) {
	return cfg.readSource(rel, at, false)
}

// readListedFile reads a file that the listing of its directory, a
// directory already checked with isReal, shows as a regular file.
func (cfg *config) readListedFile(rel string, at model.Range) ([]byte, bool) {
	return cfg.readSource(rel, at, true)
}

// maxFileSize is the scan's --max-file-size, or the package's limit.
func (cfg *config) maxFileSize() int64 {
	if cfg.opts.MaxFileSize > 0 {
		return cfg.opts.MaxFileSize
	}
	return maxFileSize
}

func (cfg *config) readSource(rel string, at model.Range, listed bool) ([]byte, bool) {
	if src, ok := cfg.sources[rel]; ok {
		return src.src, true
	}
	if !fs.ValidPath(rel) {
		cfg.diags = append(cfg.diags, model.Diagnostic{Severity: model.DiagError, Summary: "Path outside the scan root",
			Detail: fmt.Sprintf("%q is not inside the scanned directory; it is not read.", rel), Range: at})
		return nil, false
	}
	// A listed file is one its directory's listing shows as regular, and
	// would pass the check a file read on its own gets: either read may
	// stand for the other.
	r := cfg.cache.file(rel, func() fileRead { return cfg.readNew(rel, listed) })
	if r.src == nil {
		cfg.diags = append(cfg.diags, model.Diagnostic{Severity: model.DiagError, Summary: r.summary, Detail: r.detail, Range: at, Unread: at.Filename == rel})
		return nil, false
	}
	cfg.addFile(rel)
	cfg.sources[rel] = r.src
	return r.src.src, true
}

// readNew reads a file of the scan root that no unit read yet.
func (cfg *config) readNew(rel string, listed bool) fileRead {
	notRegular := fileRead{summary: "Not a regular file", detail: fmt.Sprintf("%s is not read: only regular files inside the scan root are.", rel)}
	if !listed {
		regular, found := cfg.isReal(rel, false)
		if !found {
			return fileRead{summary: "Cannot read file", detail: rel + " does not exist."}
		}
		if !regular {
			return notRegular
		}
	}
	f, err := cfg.fsys.Open(rel)
	if err != nil {
		return fileRead{summary: "Cannot read file", detail: err.Error()}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fileRead{summary: "Cannot read file", detail: err.Error()}
	}
	if !info.Mode().IsRegular() {
		return notRegular
	}
	if limit := cfg.maxFileSize(); info.Size() > limit {
		return fileRead{summary: "File too large", detail: fmt.Sprintf("%s has %d bytes; files over %d bytes are not read (--max-file-size).", rel, info.Size(), limit)}
	}
	src, err := readAll(f, info.Size())
	if err != nil {
		return fileRead{summary: "Cannot read file", detail: err.Error()}
	}
	return fileRead{src: newSource(rel, src)}
}

// readAll reads an open file of the size its Stat gave, and no more than
// maxFileSize bytes should it have grown since.
func readAll(f io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, size+1) // +1: the read that sees the end
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) > maxFileSize {
			return nil, fmt.Errorf("more than %d bytes", maxFileSize)
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

func (cfg *config) addFile(rel string) {
	if !cfg.read[rel] {
		cfg.read[rel] = true
		cfg.files = append(cfg.files, rel)
	}
}

func (m *module) collectBlocks(body hcl.Body) []*block {
	var out []*block
	if sb, ok := body.(*hclsyntax.Body); ok {
		for _, a := range sortedAttrs(sb) {
			m.diag(a.NameRange, "Unsupported argument", fmt.Sprintf("An argument named %q is not expected at the top level of a module.", a.Name))
		}
		for _, b := range sb.Blocks {
			want, known := labelCount(b.Type)
			if !known {
				m.diag(b.TypeRange, "Unsupported block type", fmt.Sprintf("Blocks of type %q are not expected at the top level of a module.", b.Type))
				continue
			}
			if len(b.Labels) != want {
				m.diag(b.DefRange(), "Wrong number of block labels", fmt.Sprintf("A %s block takes %d label(s); this one has %d.", b.Type, want, len(b.Labels)))
				continue
			}
			out = append(out, syntaxBlock(b))
		}
		return out
	}
	content, _, diags := body.PartialContent(topSchema)
	m.hclDiags(diags)
	for _, b := range content.Blocks {
		out = append(out, &block{
			Type: b.Type, Labels: b.Labels,
			DefRange: b.DefRange, TypeRange: b.TypeRange, Range: b.DefRange,
			Body: b.Body,
		})
	}
	return out
}

// override merges a block of an override file into the block it
// overrides, as Terraform does: its arguments replace the base block's
// arguments of the same name, and its nested blocks of a type replace every
// nested block of that type. Locals merge by name (declare handles them);
// terraform blocks are not evaluated, so not merged.
func (m *module) override(ob *block) {
	switch ob.Type {
	case "locals":
		ob.override = true
		m.blocks = append(m.blocks, ob)
		return
	case "terraform", "moved", "import", "removed", "check":
		return
	}
	for i, b := range m.blocks {
		if b.Type != ob.Type || strings.Join(b.Labels, "\x00") != strings.Join(ob.Labels, "\x00") || b.override {
			continue
		}
		m.blocks[i] = mergeBlocks(b, ob)
		return
	}
	m.diag(ob.DefRange, "Missing base block to override", fmt.Sprintf("There is no %s block %q for this override block to override.", ob.Type, strings.Join(ob.Labels, ".")))
}

// mergeBlocks builds the merged block. Two native blocks give a native
// block (a new body; the parsed ones are not changed) whose attributes keep
// the ranges of the file they come from; otherwise the merged body only
// answers attribute lookups, which is how JSON bodies are read.
func mergeBlocks(base, over *block) *block {
	out := *base
	if base.Syntax != nil && over.Syntax != nil {
		body := &hclsyntax.Body{
			Attributes: hclsyntax.Attributes{},
			SrcRange:   base.Syntax.Body.SrcRange,
			EndRange:   base.Syntax.Body.EndRange,
		}
		for n, a := range base.Syntax.Body.Attributes {
			body.Attributes[n] = a
		}
		for n, a := range over.Syntax.Body.Attributes {
			body.Attributes[n] = a
		}
		replaced := map[string]bool{}
		for _, nb := range over.Syntax.Body.Blocks {
			replaced[nestedType(nb)] = true
		}
		for _, nb := range base.Syntax.Body.Blocks {
			if !replaced[nestedType(nb)] {
				body.Blocks = append(body.Blocks, nb)
			}
		}
		body.Blocks = append(body.Blocks, over.Syntax.Body.Blocks...)
		sb := *base.Syntax
		sb.Body = body
		out.Syntax = &sb
		out.Body = body
		return &out
	}
	out.Syntax = nil
	out.Body = &overrideBody{base: base.Body, over: over.Body}
	return &out
}

// nestedType is the block type a nested block configures: a dynamic block
// stands for its label.
func nestedType(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) == 1 {
		return b.Labels[0]
	}
	return b.Type
}

// overrideBody is a body whose attributes are over's, then base's.
type overrideBody struct {
	base, over hcl.Body
}

func (o *overrideBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	attrs, diags := o.base.JustAttributes()
	more, d2 := o.over.JustAttributes()
	out := hcl.Attributes{}
	for n, a := range attrs {
		out[n] = a
	}
	for n, a := range more {
		out[n] = a
	}
	return out, append(diags, d2...)
}

func (o *overrideBody) Content(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, _, diags := o.PartialContent(s)
	return c, diags
}

func (o *overrideBody) PartialContent(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	bc, rest, diags := o.base.PartialContent(s)
	oc, _, d2 := o.over.PartialContent(s)
	diags = append(diags, d2...)
	out := &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: bc.MissingItemRange}
	for n, a := range bc.Attributes {
		out.Attributes[n] = a
	}
	for n, a := range oc.Attributes {
		out.Attributes[n] = a
	}
	replaced := map[string]bool{}
	for _, b := range oc.Blocks {
		replaced[b.Type] = true
	}
	for _, b := range bc.Blocks {
		if !replaced[b.Type] {
			out.Blocks = append(out.Blocks, b)
		}
	}
	out.Blocks = append(out.Blocks, oc.Blocks...)
	return out, rest, diags
}

func (o *overrideBody) MissingItemRange() hcl.Range { return o.base.MissingItemRange() }

func syntaxBlock(b *hclsyntax.Block) *block {
	return &block{
		Type: b.Type, Labels: b.Labels,
		DefRange: b.DefRange(), TypeRange: b.TypeRange, Range: b.Range(),
		Body: b.Body, Syntax: b,
	}
}

// sortedAttrs returns a native body's attributes in source order (the body
// keeps them in a map).
func sortedAttrs(b *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *hclsyntax.Attribute) int { return attrOrder(a.SrcRange, b.SrcRange) })
	return out
}

// attrBefore orders attributes by position; a merged override body holds
// attributes of two files, ordered by file name at the same offset.
func attrBefore(a, b hcl.Range) bool {
	if a.Start.Byte != b.Start.Byte {
		return a.Start.Byte < b.Start.Byte
	}
	return a.Filename < b.Filename
}

// attrOrder is attrBefore as a comparison (slices.SortFunc, which unlike
// sort.Slice allocates nothing).
func attrOrder(a, b hcl.Range) int {
	if a.Start.Byte != b.Start.Byte {
		return cmp.Compare(a.Start.Byte, b.Start.Byte)
	}
	return strings.Compare(a.Filename, b.Filename)
}

// attributes returns a block body's attributes in source order, in either
// syntax. Nested blocks of a native body are not included.
func (m *module) attributes(body hcl.Body) []*hcl.Attribute {
	if sb, ok := body.(*hclsyntax.Body); ok {
		// One block for the attributes and one for the pointers, not
		// one per attribute (AsHCLAttribute).
		sorted := sortedAttrs(sb)
		attrs := make([]hcl.Attribute, len(sorted))
		out := make([]*hcl.Attribute, len(sorted))
		for i, a := range sorted {
			attrs[i] = hcl.Attribute{Name: a.Name, Expr: a.Expr, Range: a.SrcRange, NameRange: a.NameRange}
			out[i] = &attrs[i]
		}
		return out
	}
	attrs, diags := body.JustAttributes()
	m.hclDiags(diags)
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return attrBefore(out[i].Range, out[j].Range) })
	return out
}

func fileRange(name string) model.Range {
	p := model.Pos{Line: 1, Column: 1}
	return model.Range{Filename: name, Start: p, End: p}
}

func (m *module) diag(r any, summary, detail string) {
	var rng model.Range
	switch r := r.(type) {
	case hcl.Range:
		rng = toRange(r)
	case model.Range:
		rng = r
	}
	m.cfg.diags = append(m.cfg.diags, model.Diagnostic{Severity: model.DiagError, Summary: summary, Detail: detail, Range: rng})
}

func (m *module) hclDiags(ds hcl.Diagnostics) {
	for _, d := range ds {
		sev := model.DiagError
		if d.Severity == hcl.DiagWarning {
			sev = model.DiagWarning
		}
		var rng model.Range
		switch {
		case d.Subject != nil:
			rng = toRange(*d.Subject)
		case d.Context != nil:
			rng = toRange(*d.Context)
		default:
			rng = fileRange(m.dir)
		}
		m.cfg.diags = append(m.cfg.diags, model.Diagnostic{Severity: sev, Summary: d.Summary, Detail: d.Detail, Range: rng})
	}
}

// Limits that keep the recursive hcl parser and evaluator within the
// stack on hostile input: a file over them is reported, not parsed.
const (
	maxNesting   = 256
	maxOperators = 10000 // operators in one expression
)

// nativeTooDeep is tooDeep without lexing the file when scanNesting can
// tell: the file is lexed here only when it may be too deep and the scan
// could not follow it (ParseHCL lexes it again), and its tokens are not
// kept, so a file costs memory in proportion to its size.
func nativeTooDeep(src []byte, name string) (*model.Diagnostic, nesting) {
	n := scanNesting(src)
	if at := directiveTooDeep(src); at >= 0 && (!n.ok || n.over < 0 || at < n.over) {
		n.over, n.ok = at, true
	}
	switch {
	case n.ok && n.over >= 0:
		p := newSource(name, src).pos(n.over)
		return &model.Diagnostic{Summary: "Configuration too deeply nested", Detail: fmt.Sprintf("%s nests brackets, templates or operators deeper than configward reads (%d levels, %d operators in one expression); the file is not read.", name, maxNesting, maxOperators), Range: model.Range{Filename: name, Start: p, End: p}}, nesting{}
	case n.ok && n.depth <= shallowDepth && n.ops <= maxOperators:
		return nil, n
	}
	return tooDeep(src, name), nesting{}
}

// parsePieces parses a large native file in pieces cut at top-level line
// breaks and joins their bodies: hcl lexes a whole file into a slice of
// tokens before parsing it, some 40 times the file's size at its peak,
// while the pieces' tokens are dropped one piece at a time. With compact
// set, the locals blocks of each piece without syntax errors are taken out
// of the body and kept compact (compact.go), one block per piece, at the
// place of its first locals block: their syntax is dropped with the piece.
// A locals block cut inside (n.locals) is read in pieces of its body.
func parsePieces(src []byte, name string, n nesting, compact bool) (*hcl.File, []*block, hcl.Diagnostics) {
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}}
	var diags hcl.Diagnostics
	var compacted []*block
	at := &cursor{src: src, line: 1}
	piece := func(start, end int) {
		f, ds := hclsyntax.ParseConfig(src[start:end], name, at.pos(start))
		diags = append(diags, ds...)
		b, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			return
		}
		var cb *block
		for _, blk := range b.Blocks {
			// A labelled locals block is kept, to be reported.
			if !compact || ds.HasErrors() || blk.Type != "locals" || len(blk.Labels) != 0 {
				body.Blocks = append(body.Blocks, blk)
				continue
			}
			if cb == nil {
				cb = &block{Type: "locals", DefRange: blk.DefRange(), TypeRange: blk.TypeRange, Range: blk.Range(), locals: &compactLocals{}}
				compacted = append(compacted, cb)
			}
			cb.locals.add(sortedAttrs(blk.Body), src, false)
			for _, nb := range blk.Body.Blocks {
				cb.locals.refsIn(nb)
			}
		}
		// An argument set in two pieces is reported as hcl reports it in
		// one body (at the top level, where none is expected).
		for _, a := range sortedAttrs(b) {
			if prev, dup := body.Attributes[a.Name]; dup {
				diags = append(diags, redefined(a, prev.NameRange))
				continue
			}
			body.Attributes[a.Name] = a
		}
	}
	cuts := n.cuts
	top := func(start, end int) {
		for start < end {
			for len(cuts) > 0 && cuts[0] <= start {
				cuts = cuts[1:]
			}
			next := end
			if len(cuts) > 0 && cuts[0] < end {
				next = cuts[0]
			}
			piece(start, next)
			start = next
		}
	}
	start := 0
	if compact {
		for _, l := range n.locals {
			top(start, l.start)
			compacted = append(compacted, localsInPieces(src, name, l, at, &diags))
			start = l.close + 1
		}
	}
	top(start, len(src))
	end := hcl.Pos{Line: 1 + bytes.Count(src, []byte("\n")), Column: 1, Byte: len(src)}
	body.SrcRange = hcl.Range{Filename: name, Start: hcl.InitialPos, End: end}
	body.EndRange = hcl.Range{Filename: name, Start: end, End: end}
	return &hcl.File{Body: body, Bytes: src}, compacted, diags
}

// redefined is hcl's problem for an argument a set before at prev in the
// same body.
func redefined(a *hclsyntax.Attribute, prev hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Attribute redefined",
		Detail:   fmt.Sprintf("The argument %q was already set at %s. Each argument may be set only once.", a.Name, prev.String()),
		Subject:  &a.NameRange,
	}
}

// localsInPieces reads a top-level locals block cut inside: each piece of
// its body is parsed as a body, its locals kept compact (as syntax when
// the piece has errors), an argument set twice reported as hcl reports it
// in one body.
func localsInPieces(src []byte, name string, l localsCut, at *cursor, diags *hcl.Diagnostics) *block {
	word := at.pos(l.start)
	typeRange := hcl.Range{Filename: name, Start: word, End: hcl.Pos{Line: word.Line, Column: word.Column + len("locals"), Byte: l.start + len("locals")}}
	cb := &block{Type: "locals", DefRange: typeRange, TypeRange: typeRange, locals: &compactLocals{}}
	seen := map[string]hcl.Range{}
	bounds := append(append([]int{l.body}, l.cuts...), l.close)
	for k := 0; k+1 < len(bounds); k++ {
		f, ds := hclsyntax.ParseConfig(src[bounds[k]:bounds[k+1]], name, at.pos(bounds[k]))
		*diags = append(*diags, ds...)
		b, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		var attrs []*hclsyntax.Attribute
		for _, a := range sortedAttrs(b) {
			if prev, dup := seen[a.Name]; dup {
				*diags = append(*diags, redefined(a, prev))
				continue
			}
			seen[a.Name] = a.NameRange
			attrs = append(attrs, a)
		}
		cb.locals.add(attrs, src, ds.HasErrors())
		for _, nb := range b.Blocks {
			cb.locals.refsIn(nb)
		}
	}
	end := at.pos(l.close + 1)
	cb.Range = hcl.Range{Filename: name, Start: word, End: end}
	return cb
}

// cursor turns increasing offsets of a file into positions.
type cursor struct {
	src                  []byte
	off, line, lineStart int
}

func (c *cursor) pos(off int) hcl.Pos {
	for i := c.off; i < off; i++ {
		if c.src[i] == '\n' {
			c.line++
			c.lineStart = i + 1
		}
	}
	c.off = off
	return hcl.Pos{Line: c.line, Column: utf8.RuneCount(c.src[c.lineStart:off]) + 1, Byte: off}
}

// tooDeep reports a native file whose brackets, templates or operator
// chains nest beyond the limits.
func tooDeep(src []byte, name string) *model.Diagnostic {
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	return tokensTooDeep(toks, name)
}

// templateTooDeep is tooDeep for a template file, its directives too.
func templateTooDeep(src []byte, name string) *model.Diagnostic {
	if at := directiveTooDeep(src); at >= 0 {
		p := newSource(name, src).pos(at)
		return &model.Diagnostic{Summary: "Configuration too deeply nested", Detail: fmt.Sprintf("%s nests template directives deeper than configward reads (%d levels); the file is not read.", name, maxNesting), Range: model.Range{Filename: name, Start: p, End: p}}
	}
	toks, _ := hclsyntax.LexTemplate(src, name, hcl.InitialPos)
	return tokensTooDeep(toks, name)
}

func tokensTooDeep(toks hclsyntax.Tokens, name string) *model.Diagnostic {
	// open holds the opening tokens; a newline directly inside a brace (or
	// at the top) ends an expression, inside brackets and parentheses not.
	var open []hclsyntax.TokenType
	ops := 0
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			open = append(open, t.Type)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case hclsyntax.TokenNewline:
			if len(open) == 0 || open[len(open)-1] == hclsyntax.TokenOBrace {
				ops = 0
			}
		case hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash,
			hclsyntax.TokenPercent, hclsyntax.TokenBang, hclsyntax.TokenAnd, hclsyntax.TokenOr,
			hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan,
			hclsyntax.TokenLessThanEq, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
			hclsyntax.TokenQuestion:
			ops++
		}
		depth := len(open)
		if depth > maxNesting || ops > maxOperators {
			r := toRange(t.Range)
			return &model.Diagnostic{Summary: "Configuration too deeply nested", Detail: fmt.Sprintf("%s nests brackets, templates or operators deeper than configward reads (%d levels, %d operators in one expression); the file is not read.", name, maxNesting, maxOperators), Range: r}
		}
	}
	return nil
}

// jsonTooDeep is tooDeep for .tf.json files (and JSON variable files).
// A string counts the brackets of its template sequences (and a "type"
// string all of its brackets) on top of its own depth: hcl parses those
// recursively. Each string's directives must nest no deeper than
// maxNesting either.
func jsonTooDeep(src []byte, name string) *model.Diagnostic {
	depth, inner, inString, str := 0, 0, false, 0
	typeString, afterType := false, false
	report := func(i int) *model.Diagnostic {
		p := newSource(name, src).pos(i)
		return &model.Diagnostic{Summary: "Configuration too deeply nested", Detail: fmt.Sprintf("%s nests deeper than %d levels (brackets, templates or directives); the file is not read.", name, maxNesting), Range: model.Range{Filename: name, Start: p, End: p}}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"' && inString:
			if at := directiveTooDeep(src[str:i]); at >= 0 {
				return report(str + at)
			}
			inString, inner = false, 0
			afterType = string(src[str:i]) == "type"
		case c == '"':
			inString, inner, str = true, 0, i+1
			typeString, afterType = afterType, false
		case inString && (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{' && (i == str || src[i-1] != c):
			inner++
			i++
			if depth+inner > maxNesting {
				return report(i)
			}
		case inString && (inner > 0 || typeString) && (c == '[' || c == '{' || c == '('):
			if inner++; depth+inner > maxNesting {
				return report(i)
			}
		case inString && (c == ']' || c == '}' || c == ')'):
			inner = max(inner-1, 0)
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > maxNesting {
				return report(i)
			}
		case c == ']' || c == '}':
			depth--
		case c == ':':
		default:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				afterType = false
			}
		}
	}
	return nil
}

// directiveTooDeep returns the offset of the first template directive
// (%{if} or %{for}) nested deeper than maxNesting in src, or -1: the
// template parser recurses once per directive, which brackets do not show.
// It counts every %{ sequence, in a string or not: an upper bound.
func directiveTooDeep(src []byte) int {
	depth := 0
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("%{"))
		if j < 0 {
			return -1
		}
		at := i + j
		i = at + 2
		if at > 0 && src[at-1] == '%' {
			continue // %%{ is literal text
		}
		k := i
		for k < len(src) && (src[k] == '~' || src[k] == ' ' || src[k] == '\t' || src[k] == '\n' || src[k] == '\r') {
			k++
		}
		word := src[k:min(k+6, len(src))]
		switch {
		case bytes.HasPrefix(word, []byte("endif")), bytes.HasPrefix(word, []byte("endfor")):
			depth = max(depth-1, 0)
		case bytes.HasPrefix(word, []byte("if")), bytes.HasPrefix(word, []byte("for")):
			if depth++; depth > maxNesting {
				return at
			}
		}
	}
}

package terraform

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/configward/configward/parsers/model"
)

// maxFileSize bounds what is read from one file, so a hostile tree cannot
// exhaust memory.
const maxFileSize = 16 << 20

// module is one directory's configuration: its files and top-level blocks.
type module struct {
	fsys fs.FS
	dir  string
	// files lists every file read (sources and variable files).
	files   []string
	sources map[string]*source
	// tfFiles are the native-syntax files, for comments.
	tfFiles []string
	blocks  []*block
	diags   []model.Diagnostic
	// entries are the directory's file names, for the tfvars lookup.
	entries []string
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
}}

var labelCounts = func() map[string]int {
	m := map[string]int{}
	for _, b := range topSchema.Blocks {
		m[b.Type] = len(b.LabelNames)
	}
	return m
}()

// relName joins a file name to the module directory the way every range of
// the unit names it.
func relName(dir, name string) string { return path.Join(dir, name) }

func loadModule(fsys fs.FS, dir string) *module {
	dir = path.Clean(strings.TrimPrefix(dir, "/"))
	m := &module{fsys: fsys, dir: dir, sources: map[string]*source{}}
	if !fs.ValidPath(dir) {
		m.diag(fileRange(dir), "Invalid module directory", fmt.Sprintf("%q is not a path inside the scan root.", dir))
		return m
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		m.diag(fileRange(dir), "Cannot read module directory", err.Error())
		return m
	}
	parser := hclparse.NewParser()
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
		if isOverride(name) {
			// Override files are merged into other blocks by Terraform;
			// this version does not merge them.
			continue
		}
		rel := relName(dir, name)
		src, ok := m.readFile(rel)
		if !ok {
			continue
		}
		check := tooDeep
		if isJSON {
			check = jsonTooDeep
		}
		if d := check(src, rel); d != nil {
			m.diags = append(m.diags, *d)
			continue
		}
		var f *hcl.File
		var diags hcl.Diagnostics
		if isJSON {
			f, diags = parser.ParseJSON(src, rel)
		} else {
			f, diags = parser.ParseHCL(src, rel)
			m.tfFiles = append(m.tfFiles, rel)
		}
		m.hclDiags(diags)
		if f == nil || f.Body == nil {
			continue
		}
		m.collectBlocks(f.Body)
	}
	return m
}

func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// readFile reads a file of the scan root (a slash path already validated
// or built from a directory listing) and records it.
func (m *module) readFile(rel string) ([]byte, bool) {
	// The directory listing tells symlinks apart even on a file system
	// without ReadLinkFS, where fs.Lstat follows them; it is checked first
	// so a link is never opened.
	listed, found := m.listedRegular(rel)
	if !found {
		m.diag(fileRange(rel), "Cannot read file", rel+" does not exist.")
		return nil, false
	}
	if !listed {
		m.diag(fileRange(rel), "Not a regular file", fmt.Sprintf("%s is not read: only regular files inside the scan root are.", rel))
		return nil, false
	}
	info, err := fs.Lstat(m.fsys, rel)
	if err != nil {
		m.diag(fileRange(rel), "Cannot read file", err.Error())
		return nil, false
	}
	if !info.Mode().IsRegular() {
		m.diag(fileRange(rel), "Not a regular file", fmt.Sprintf("%s is not read: only regular files inside the scan root are.", rel))
		return nil, false
	}
	if info.Size() > maxFileSize {
		m.diag(fileRange(rel), "File too large", fmt.Sprintf("%s has %d bytes; files over %d bytes are not read.", rel, info.Size(), maxFileSize))
		return nil, false
	}
	src, err := fs.ReadFile(m.fsys, rel)
	if err != nil {
		m.diag(fileRange(rel), "Cannot read file", err.Error())
		return nil, false
	}
	m.files = append(m.files, rel)
	m.sources[rel] = newSource(rel, src)
	return src, true
}

// listedRegular reports whether rel's directory lists it as a regular file.
func (m *module) listedRegular(rel string) (regular, found bool) {
	entries, err := fs.ReadDir(m.fsys, path.Dir(rel))
	if err != nil {
		return false, false
	}
	base := path.Base(rel)
	for _, e := range entries {
		if e.Name() == base {
			return e.Type().IsRegular(), true
		}
	}
	return false, false
}

func (m *module) collectBlocks(body hcl.Body) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		for _, a := range sortedAttrs(sb) {
			m.diag(a.NameRange, "Unsupported argument", fmt.Sprintf("An argument named %q is not expected at the top level of a module.", a.Name))
		}
		for _, b := range sb.Blocks {
			want, known := labelCounts[b.Type]
			if !known {
				m.diag(b.TypeRange, "Unsupported block type", fmt.Sprintf("Blocks of type %q are not expected at the top level of a module.", b.Type))
				continue
			}
			if len(b.Labels) != want {
				m.diag(b.DefRange(), "Wrong number of block labels", fmt.Sprintf("A %s block takes %d label(s); this one has %d.", b.Type, want, len(b.Labels)))
				continue
			}
			m.blocks = append(m.blocks, syntaxBlock(b))
		}
		return
	}
	content, _, diags := body.PartialContent(topSchema)
	m.hclDiags(diags)
	for _, b := range content.Blocks {
		m.blocks = append(m.blocks, &block{
			Type: b.Type, Labels: b.Labels,
			DefRange: b.DefRange, TypeRange: b.TypeRange, Range: b.DefRange,
			Body: b.Body,
		})
	}
}

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
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

// attributes returns a block body's attributes in source order, in either
// syntax. Nested blocks of a native body are not included.
func (m *module) attributes(body hcl.Body) []*hcl.Attribute {
	if sb, ok := body.(*hclsyntax.Body); ok {
		var out []*hcl.Attribute
		for _, a := range sortedAttrs(sb) {
			out = append(out, a.AsHCLAttribute())
		}
		return out
	}
	attrs, diags := body.JustAttributes()
	m.hclDiags(diags)
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Byte < out[j].Range.Start.Byte })
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
	m.diags = append(m.diags, model.Diagnostic{Severity: model.DiagError, Summary: summary, Detail: detail, Range: rng})
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
		m.diags = append(m.diags, model.Diagnostic{Severity: sev, Summary: d.Summary, Detail: d.Detail, Range: rng})
	}
}

// Limits that keep the recursive hcl parser and evaluator within the
// stack on hostile input: a file over them is reported, not parsed.
const (
	maxNesting   = 256
	maxOperators = 10000 // operators in one expression
)

// tooDeep reports a native file whose brackets, templates or operator
// chains nest beyond the limits.
func tooDeep(src []byte, name string) *model.Diagnostic {
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
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

// jsonTooDeep is tooDeep for .tf.json files.
func jsonTooDeep(src []byte, name string) *model.Diagnostic {
	depth, inString := 0, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				s := newSource(name, src)
				p := s.pos(i)
				return &model.Diagnostic{Summary: "Configuration too deeply nested", Detail: fmt.Sprintf("%s nests deeper than %d levels; the file is not read.", name, maxNesting), Range: model.Range{Filename: name, Start: p, End: p}}
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}

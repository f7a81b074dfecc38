package fix

import (
	"slices"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/configward/configward/analyzer"
)

// Planner spells the fixes of one scan's findings one finding at a time,
// as For does, for the reports that mark or carry each finding's own fix.
// Each file is read once and each Terraform file parsed once however many
// findings it holds, and a finding's edits are kept for the next report
// that asks (text and SARIF of one scan). Safe for concurrent use.
type Planner struct {
	mu    sync.Mutex
	files *files
	done  map[*analyzer.Fix][]Edit
}

// NewPlanner plans fixes in the files src reads; they must not change
// while it is used.
func NewPlanner(src Source) *Planner {
	return &Planner{files: newFiles(src), done: map[*analyzer.Fix][]Edit{}}
}

// For is the edits of f's own fix alone, as fix.For computes them.
func (p *Planner) For(f *analyzer.Finding) []Edit {
	if f.Fix == nil || f.Suppressed() {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// The edits depend on the fix's changes and the files only: the
	// reports' copies of a finding share its Fix.
	if es, ok := p.done[f.Fix]; ok {
		return es
	}
	es := p.files.forFinding(f)
	p.done[f.Fix] = es
	return es
}

// files reads the files fixes are planned in, each once, and keeps the
// syntax trees of the Terraform files parsed last: findings come sorted
// by file, so each tree serves all the findings of its file.
type files struct {
	read    Source
	content map[string][]byte
	trees   []hclTree // the most recently used last
	parses  int       // files parsed, for tests
}

// hclTree is a Terraform file's syntax, nil when it does not parse.
type hclTree struct {
	name string
	body *hclsyntax.Body
}

// keptTrees bounds the syntax trees kept: a fix spans a file or two (a
// module file and the root, a new data block and a condition).
const keptTrees = 4

func newFiles(read Source) *files {
	return &files{read: read, content: map[string][]byte{}}
}

// source is a file's content, nil when it cannot be read.
func (fs *files) source(name string) []byte {
	if b, ok := fs.content[name]; ok {
		return b
	}
	b := fs.read(name)
	fs.content[name] = b
	return b
}

// hcl is the syntax of the Terraform file name (whose content is src), nil
// when it has errors.
func (fs *files) hcl(name string, src []byte) *hclsyntax.Body {
	for i, t := range fs.trees {
		if t.name == name {
			fs.trees = append(slices.Delete(fs.trees, i, i+1), t)
			return t.body
		}
	}
	fs.parses++
	t := hclTree{name: name}
	if f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); !diags.HasErrors() {
		t.body = f.Body.(*hclsyntax.Body)
	}
	if len(fs.trees) == keptTrees {
		fs.trees = fs.trees[1:]
	}
	fs.trees = append(fs.trees, t)
	return t.body
}

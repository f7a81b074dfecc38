package checker

import (
	"io/fs"
	"sync"

	"github.com/configward/configward/parsers/cloudformation"
	"github.com/configward/configward/parsers/terraform"
)

// parsedRoot holds what the units of one scan root share, so that each
// file is read and parsed once whichever units read it: the Terraform
// modules (parsed once, kept while units that call them are still to
// come), the templates nested by other templates, and the bytes of the
// files read ahead of their unit.
type parsedRoot struct {
	terraform      *terraform.Cache
	cloudformation *cloudformation.Cache

	mu sync.Mutex
	// calls are the local module sources each Terraform directory names.
	calls map[string][]string
	// held are files read ahead (readAhead), until their unit takes them;
	// heldBytes is their size, at most maxHeld.
	held      map[string][]byte
	heldBytes int64
	// waitingBytes are those of the files held until the templates that
	// may nest stacks are checked (checkAfter), at most maxWaiting.
	waitingBytes int64
}

// maxHeld bounds the bytes of the files read ahead and held for their
// unit; past it a file's unit is checked at once.
const maxHeld = 64 << 20

// maxWaiting bounds the bytes of the files held until the templates that
// may nest stacks are checked; past it a file's unit is checked at once,
// with the bytes read ahead. Holding a whole root's files (2.7 MB of the
// CloudFormation samples) kept them live through the read-ahead step, and
// the heap grew to three times them (GOGC 200), each new page a fault of
// ~30 us on this VM. A file checked at once that a template read later
// nests is read and parsed again for it, and its own unit is dropped as a
// nested one, as for any unit: the same findings, in a root with more
// than maxWaiting of files that are not read first.
const maxWaiting = 256 << 10

func newParsedRoot(maxFileSize int64) *parsedRoot {
	tf := terraform.NewCache()
	tf.MaxFileSize = maxFileSize
	return &parsedRoot{
		terraform: tf, cloudformation: cloudformation.NewCache(),
		calls: map[string][]string{}, held: map[string][]byte{},
	}
}

// readStep says when a file unit is checked: at once (not read ahead),
// among the first (it may nest stacks) or after them (its bytes held).
type readStep int

const (
	checkNow readStep = iota
	checkFirst
	checkAfter
)

// readAhead reads a file unit's bytes, UTF-16 turned to UTF-8, and holds
// them for its unit. Files that may nest stacks are checked before the
// others, so that a nested template is parsed once, for its parents and
// its own unit (see cloudformation.Cache).
func (p *parsedRoot) readAhead(fsys fs.FS, j job, limit int64) readStep {
	if j.size() > limit {
		return checkNow
	}
	src, err := fs.ReadFile(fsys, j.path)
	if err != nil {
		return checkNow // the unit reads it again and reports why
	}
	src = utf8Text(src)
	nests := cloudformation.MayNest(src)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.heldBytes+int64(len(src)) > maxHeld {
		return checkNow
	}
	p.held[j.path] = src
	p.heldBytes += int64(len(src))
	switch {
	case nests:
		return checkFirst
	case p.waitingBytes+int64(len(src)) > maxWaiting:
		return checkNow // its unit takes the bytes at once
	}
	p.waitingBytes += int64(len(src))
	return checkAfter
}

// readFile reads a file of the root for a unit (take: the held bytes are
// let go) or a nested template (not take), UTF-16 turned to UTF-8; a nil
// parsedRoot reads every time.
func (p *parsedRoot) readFile(fsys fs.FS, name string, take bool) ([]byte, error) {
	if p != nil {
		p.mu.Lock()
		src, ok := p.held[name]
		if ok && take {
			delete(p.held, name)
			p.heldBytes -= int64(len(src))
		}
		p.mu.Unlock()
		if ok {
			return src, nil
		}
	}
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return utf8Text(src), nil
}

// readTerraform reads a Terraform directory's files into the cache ahead
// of its evaluation, notes the local module sources they name and parses
// those modules: the ones units share, which a unit would otherwise wait
// for while another parses them. A directory that no source names is
// parsed by its own unit, and let go once it is done.
func (p *parsedRoot) readTerraform(fsys fs.FS, dir string) {
	calls := p.localCalls(fsys, dir)
	for _, d := range calls {
		p.terraform.Parse(fsys, d)
	}
	p.mu.Lock()
	p.calls[dir] = calls
	p.mu.Unlock()
}

// callsOf are the local module sources dir names, read when not yet.
func (p *parsedRoot) callsOf(fsys fs.FS, dir string) []string {
	p.mu.Lock()
	calls, ok := p.calls[dir]
	p.mu.Unlock()
	if !ok {
		calls = p.localCalls(fsys, dir)
		p.mu.Lock()
		p.calls[dir] = calls
		p.mu.Unlock()
	}
	return calls
}

func (p *parsedRoot) localCalls(fsys fs.FS, dir string) (dirs []string) {
	defer func() { _ = recover() }() // left for the evaluation to report
	return p.terraform.LocalCalls(fsys, dir)
}

// localCallees are the directories of units that a local source of any
// module reachable from units names: a unit that may be evaluated as a
// called module. A directory some unit calls evaluates to a unit that is
// dropped (calledModules) unless it calls that unit in turn; knowing every
// local call, of every module reached, means no unit evaluated before the
// called directories can be one they call back.
func (p *parsedRoot) localCallees(fsys fs.FS, units []job) map[string]bool {
	isUnit := map[string]bool{}
	for _, j := range units {
		isUnit[j.path] = true
	}
	called := map[string]bool{}
	seen := map[string]bool{}
	queue := make([]string, 0, len(units))
	for _, j := range units {
		queue = append(queue, j.path)
		seen[j.path] = true
	}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		for _, d := range p.callsOf(fsys, dir) {
			if isUnit[d] && d != dir {
				called[d] = true
			}
			if !seen[d] {
				seen[d] = true
				queue = append(queue, d)
			}
		}
	}
	return called
}

// expect tells the Terraform cache which modules the unit in dir will
// read (itself and what it reaches by local sources), so that each parsed
// module is kept until the last of its callers has read it.
func (p *parsedRoot) expect(fsys fs.FS, dir string) {
	seen := map[string]bool{dir: true}
	queue := []string{dir}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		p.terraform.Expect(d, 1)
		for _, c := range p.callsOf(fsys, d) {
			if !seen[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
	}
}

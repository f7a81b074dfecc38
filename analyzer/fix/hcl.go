package fix

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/analyzer"
)

// hclEdits spells the changes of a Terraform file. Each top-level block
// that changes is edited as text where the change is inside a value
// (a policy written with jsonencode or a heredoc), then through hclwrite
// for its arguments and nested blocks, then formatted as `terraform fmt`
// formats it; new blocks go right after the block they belong with.
func hclEdits(file string, src []byte, cs []change, fs *files) ([]Edit, map[int]bool) {
	failed := map[int]bool{}
	read := fs.source
	// What fails whatever the file holds is known before it is parsed: a
	// block its module already declares, a change for templates only.
	// When every finding fails so, the file is not parsed at all.
	for _, c := range cs {
		if c.Replace.IsZero() && (c.Block != nil && !c.AtValue && declared(read, c.Block) || c.Block == nil && c.After) {
			failed[c.finding] = true
		}
	}
	if !slices.ContainsFunc(cs, func(c change) bool { return !failed[c.finding] }) {
		return nil, failed
	}
	body := fs.hcl(file, src)
	if body == nil {
		for _, c := range cs {
			failed[c.finding] = true
		}
		return nil, failed
	}
	type blockWork struct {
		rng      hcl.Range
		text     []Edit // byte edits inside the block
		appends  []Edit // items added to lists, after the text edits at one place
		sets     []change
		adds     []*analyzer.FixBlock
		findings []int
	}
	works := map[int]*blockWork{}
	var starts []int
	for _, c := range cs {
		at := c.Anchor.Start.Byte
		if !c.Replace.IsZero() {
			at = c.Replace.Start.Byte
		}
		var blk *hclsyntax.Block
		for _, b := range body.Blocks {
			if r := b.Range(); r.Start.Byte <= at && at < r.End.Byte {
				blk = b
				break
			}
		}
		if blk == nil {
			failed[c.finding] = true
			continue
		}
		w := works[blk.Range().Start.Byte]
		if w == nil {
			w = &blockWork{rng: blk.Range()}
			works[w.rng.Start.Byte] = w
			starts = append(starts, w.rng.Start.Byte)
		}
		w.findings = append(w.findings, c.finding)
		switch {
		case !c.Replace.IsZero():
			text, ok := scalar(c.Value, hclSyntax)
			if s, isStr := c.Value.(string); isStr {
				text, ok = hclString(s), true
				if old := src[c.Replace.Start.Byte:c.Replace.End.Byte]; hclIdent().Match(old) && hclIdent().MatchString(s) && objectKeyAt(src, c.Replace.End.Byte) {
					text = s // a bare object key stays bare
				}
			}
			if old := string(src[c.Replace.Start.Byte:c.Replace.End.Byte]); old != "true" && old != "false" && hclIdent().MatchString(old) && !objectKeyAt(src, c.Replace.End.Byte) {
				ok = false // a bare name elsewhere is a reference
			}
			if !ok || !literal(src[c.Replace.Start.Byte:c.Replace.End.Byte], hclSyntax) {
				failed[c.finding] = true
				continue
			}
			w.text = append(w.text, Edit{Start: c.Replace.Start.Byte, End: c.Replace.End.Byte, Text: text})
		case c.Block != nil && c.AtValue:
			e, err := blockInsert(src, c.Change)
			if err != nil {
				failed[c.finding] = true
				continue
			}
			w.text = append(w.text, e)
		case c.Block != nil:
			if declared(read, c.Block) {
				failed[c.finding] = true
				continue
			}
			w.adds = addBlock(w.adds, c.Block)
		case c.After:
			failed[c.finding] = true // templates only
		case c.Append && c.AtValue:
			e, err := listAppend(src, body, c.Change)
			if err != nil {
				failed[c.finding] = true
				continue
			}
			w.appends = append(w.appends, e)
		case c.AtValue:
			e, err := objectInsert(src, c.Change)
			if err != nil {
				failed[c.finding] = true
				continue
			}
			w.text = append(w.text, e)
		default:
			w.sets = append(w.sets, c)
		}
	}
	sort.Ints(starts)
	var edits []Edit
	for _, s := range starts {
		w := works[s]
		old := src[w.rng.Start.Byte:w.rng.End.Byte]
		local := make([]Edit, 0, len(w.text)+len(w.appends))
		for _, e := range normalize(append(w.text, w.appends...)) {
			local = append(local, Edit{Start: e.Start - s, End: e.End - s, Text: e.Text})
		}
		text := Apply(old, local)
		if len(w.sets) > 0 {
			wf, diags := hclwrite.ParseConfig(text, file, hcl.InitialPos)
			if diags.HasErrors() || len(wf.Body().Blocks()) != 1 {
				for _, i := range w.findings {
					failed[i] = true
				}
				continue
			}
			blk := wf.Body().Blocks()[0]
			for _, c := range w.sets {
				if c.Append {
					if !appendBlock(blk.Body(), c.Path, c.Value) {
						failed[c.finding] = true
					}
					continue
				}
				if !setIn(blk.Body(), c.Path, c.Value) {
					failed[c.finding] = true
				}
			}
			text = wf.Bytes()
		}
		if len(w.text) > 0 || len(w.appends) > 0 || len(w.sets) > 0 {
			text = hclwrite.Format(text)
			if !bytes.Equal(text, old) {
				edits = append(edits, trimmed(file, s, old, text))
			}
		}
		if len(w.adds) > 0 {
			var add strings.Builder
			for _, b := range w.adds {
				nf := hclwrite.NewEmptyFile()
				if !setIn(nf.Body().AppendNewBlock(b.Type, b.Labels).Body(), nil, b.Body) {
					for _, i := range w.findings {
						failed[i] = true
					}
					continue
				}
				text := bytes.TrimRight(hclwrite.Format(nf.Bytes()), "\n")
				if len(b.Body) == 0 {
					text = bytes.Replace(text, []byte("{\n}"), []byte("{}"), 1) // as terraform fmt leaves an empty block
				}
				add.WriteString("\n\n")
				add.Write(text)
			}
			edits = append(edits, Edit{File: file, Start: w.rng.End.Byte, End: w.rng.End.Byte, Text: add.String()})
		}
	}
	return edits, failed
}

// addBlock adds b to the blocks to write, merged into one of the same
// type and labels.
func addBlock(blocks []*analyzer.FixBlock, b *analyzer.FixBlock) []*analyzer.FixBlock {
	for _, x := range blocks {
		if x.Type == b.Type && slices.Equal(x.Labels, b.Labels) {
			x.Body = merge(x.Body, nil, b.Body)
			return blocks
		}
	}
	return append(blocks, &analyzer.FixBlock{Type: b.Type, Labels: b.Labels, Body: merge(nil, nil, b.Body)})
}

// trimmed is the edit that turns old (at offset base) into new, the bytes
// both share at either end left out.
func trimmed(file string, base int, old, new []byte) Edit {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	q := 0
	for q < len(old)-p && q < len(new)-p && old[len(old)-1-q] == new[len(new)-1-q] {
		q++
	}
	return Edit{File: file, Start: base + p, End: base + len(old) - q, Text: string(new[p : len(new)-q])}
}

// setIn sets path in a block body: every step but the last is a nested
// block (made when missing); the last is an argument, or a nested block
// when the value is an object.
func setIn(body *hclwrite.Body, path []string, v analyzer.FixValue) bool {
	if len(path) == 0 {
		obj, ok := v.(analyzer.FixObject)
		if !ok {
			return false
		}
		for _, m := range obj {
			if !setIn(body, []string{m.Key}, m.Value) {
				return false
			}
		}
		return true
	}
	if len(path) > 1 {
		return setIn(nestedBlock(body, path[0]), path[1:], v)
	}
	switch v := v.(type) {
	case analyzer.FixObject:
		return setIn(nestedBlock(body, path[0]), nil, v)
	case bool:
		body.SetAttributeValue(path[0], cty.BoolVal(v))
	case string:
		body.SetAttributeValue(path[0], cty.StringVal(v))
	case int:
		body.SetAttributeValue(path[0], cty.NumberIntVal(int64(v)))
	case analyzer.FixExpr:
		toks := exprTokens(v.HCL)
		if toks == nil {
			return false
		}
		body.SetAttributeRaw(path[0], toks)
	case []analyzer.FixValue, analyzer.FixCall:
		if !spellable(v, hclSyntax) {
			return false
		}
		toks := exprTokens(hclValue(v))
		if toks == nil {
			return false
		}
		body.SetAttributeRaw(path[0], toks)
	default:
		return false
	}
	return true
}

func nestedBlock(body *hclwrite.Body, name string) *hclwrite.Body {
	if b := body.FirstMatchingBlock(name, nil); b != nil {
		return b.Body()
	}
	return body.AppendNewBlock(name, nil).Body()
}

// exprTokens reads an expression's tokens, nil when it is not one.
func exprTokens(expr string) hclwrite.Tokens {
	if expr == "" {
		return nil
	}
	f, diags := hclwrite.ParseConfig([]byte("x = "+expr+"\n"), "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil
	}
	a := f.Body().GetAttribute("x")
	if a == nil {
		return nil
	}
	return a.Expr().BuildTokens(nil)
}

// hclString spells a string literal (with ${ and %{ escaped).
func hclString(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q, "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

// Patterns are compiled on first use: most runs fix nothing.
var jsonMember = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\{\s*"[^"]*"\s*:`) })

// objectInsert inserts members into an object written inside a value: a
// JSON object (in a heredoc or a string) in JSON, an HCL object
// constructor (jsonencode) as `key = value` lines, which formatting then
// aligns.
func objectInsert(src []byte, c analyzer.Change) (Edit, error) {
	at := c.Anchor.Start.Byte
	if at >= len(src) || src[at] != '{' {
		return Edit{}, errorf("not an object")
	}
	if inString(src, at, hclSyntax) {
		return Edit{}, errorf("a document written inside a quoted string")
	}
	tree := merge(nil, c.Path, c.Value)
	if jsonMember().Match(src[at:]) {
		if !spellable(tree, jsonSyntax) {
			return Edit{}, errorf("an expression JSON cannot hold")
		}
		e, err := jsonInsert(src, analyzer.Change{Anchor: c.Anchor, AtValue: true}, tree)
		return e, err
	}
	if !spellable(tree, hclSyntax) {
		return Edit{}, errorf("an expression HCL cannot hold")
	}
	closeAt := matchBrace(src, at)
	if closeAt < 0 {
		return Edit{}, errorf("unclosed object")
	}
	end := closeAt
	for end > at+1 && strings.ContainsRune(" \t\r\n,", rune(src[end-1])) {
		end--
	}
	if !strings.Contains(string(src[at:closeAt]), "\n") {
		var parts []string
		for _, m := range tree {
			parts = append(parts, hclKey(m.Key)+" = "+hclInline(m.Value))
		}
		sep := ", "
		if end == at+1 {
			sep = " "
		}
		return Edit{Start: end, End: end, Text: sep + strings.Join(parts, ", ")}, nil
	}
	var lines []string
	for _, m := range tree {
		lines = append(lines, hclKey(m.Key)+" = "+hclValue(m.Value))
	}
	return Edit{Start: end, End: end, Text: "\n" + strings.Join(lines, "\n")}, nil
}

var hclIdent = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`) })

func hclKey(k string) string {
	if hclIdent().MatchString(k) {
		return k
	}
	return strconv.Quote(k)
}

// hclInline spells a value as an HCL expression on one line, for an
// object written on one line.
func hclInline(v analyzer.FixValue) string {
	obj, ok := v.(analyzer.FixObject)
	if !ok {
		return hclValue(v)
	}
	var parts []string
	for _, m := range obj {
		parts = append(parts, hclKey(m.Key)+" = "+hclInline(m.Value))
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// hclValue spells a value as an HCL expression, objects on several lines
// (formatting indents them).
func hclValue(v analyzer.FixValue) string {
	switch v := v.(type) {
	case analyzer.FixObject:
		var lines []string
		for _, m := range v {
			lines = append(lines, hclKey(m.Key)+" = "+hclValue(m.Value))
		}
		return "{\n" + strings.Join(lines, "\n") + "\n}"
	case []analyzer.FixValue:
		var parts []string
		for _, x := range v {
			parts = append(parts, hclValue(x))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case string:
		return hclString(v)
	case analyzer.FixCall:
		var args []string
		for _, a := range v.Args {
			args = append(args, hclValue(a))
		}
		return v.Name + "(" + strings.Join(args, ", ") + ")"
	}
	s, _ := scalar(v, hclSyntax)
	return s
}

// appendBlock adds a new nested block path[0] at the end of body, a blank
// line before it, its members set from v.
func appendBlock(body *hclwrite.Body, path []string, v analyzer.FixValue) bool {
	obj, ok := v.(analyzer.FixObject)
	if len(path) != 1 || !ok {
		return false
	}
	if len(body.Attributes()) > 0 || len(body.Blocks()) > 0 {
		body.AppendNewline()
	}
	return setIn(body.AppendNewBlock(path[0], nil).Body(), nil, obj)
}

// listAppend adds an item at the end of a list written inside a value:
// a JSON array (in a heredoc) in JSON, an HCL tuple (jsonencode) as an
// HCL expression, which formatting then indents. The tuple's end is read
// from the syntax tree, so a comment inside it cannot mislead.
func listAppend(src []byte, body *hclsyntax.Body, c analyzer.Change) (Edit, error) {
	at := c.Anchor.Start.Byte
	if at >= len(src) || src[at] != '[' {
		return Edit{}, errorf("not a list")
	}
	var tuple *hclsyntax.TupleConsExpr
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if t, ok := n.(*hclsyntax.TupleConsExpr); ok && tuple == nil && t.SrcRange.Start.Byte == at {
			tuple = t
		}
		return nil
	})
	if tuple == nil {
		// Inside a template: a JSON array in a heredoc (a quoted
		// string's escapes are not JSON's).
		if !inHeredoc(src, body, at) {
			return Edit{}, errorf("a list inside a quoted string")
		}
		if !spellable(c.Value, jsonSyntax) {
			return Edit{}, errorf("an expression JSON cannot hold")
		}
		return jsonAppend(src, at, c.Value)
	}
	if !spellable(c.Value, hclSyntax) {
		return Edit{}, errorf("an expression HCL cannot hold")
	}
	closeAt := tuple.SrcRange.End.Byte - 1
	if closeAt <= at || src[closeAt] != ']' {
		return Edit{}, errorf("unclosed list")
	}
	item := hclValue(c.Value)
	if len(tuple.Exprs) == 0 {
		return Edit{Start: at + 1, End: closeAt, Text: item}, nil
	}
	// Right after the last item: a comma or comment after it stays after
	// the new one.
	end := tuple.Exprs[len(tuple.Exprs)-1].Range().End.Byte
	if strings.Contains(string(src[at:closeAt]), "\n") {
		return Edit{Start: end, End: end, Text: ",\n" + item}, nil
	}
	return Edit{Start: end, End: end, Text: ", " + item}, nil
}

// inHeredoc reports whether the byte at is inside a heredoc template.
func inHeredoc(src []byte, body *hclsyntax.Body, at int) bool {
	found := false
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if t, ok := n.(*hclsyntax.TemplateExpr); ok {
			r := t.SrcRange
			if r.Start.Byte <= at && at < r.End.Byte && bytes.HasPrefix(src[r.Start.Byte:], []byte("<<")) {
				found = true
			}
		}
		return nil
	})
	return found
}

// blockInsert adds a block at the end of the body of the nested block the
// change anchors (a statement of an aws_iam_policy_document); formatting
// then indents it.
func blockInsert(src []byte, c analyzer.Change) (Edit, error) {
	at := c.Anchor.Start.Byte
	for at < c.Anchor.End.Byte && src[at] != '{' {
		at++
	}
	if at >= c.Anchor.End.Byte {
		return Edit{}, errorf("not a block")
	}
	closeAt := matchBrace(src, at)
	if closeAt < 0 || closeAt >= c.Anchor.End.Byte {
		return Edit{}, errorf("unclosed block")
	}
	nf := hclwrite.NewEmptyFile()
	if !setIn(nf.Body().AppendNewBlock(c.Block.Type, c.Block.Labels).Body(), nil, c.Block.Body) {
		return Edit{}, errorf("a block hclwrite cannot write")
	}
	end := closeAt
	for end > at+1 && strings.ContainsRune(" \t\r\n", rune(src[end-1])) {
		end--
	}
	return Edit{Start: end, End: end, Text: "\n" + strings.TrimRight(string(nf.Bytes()), "\n")}, nil
}

// objectKeyAt reports whether the text from at starts with an object
// key's = or : (what ends at at is a key).
func objectKeyAt(src []byte, at int) bool {
	for at < len(src) && (src[at] == ' ' || src[at] == '\t') {
		at++
	}
	return at < len(src) && (src[at] == '=' || src[at] == ':') && (at+1 >= len(src) || src[at+1] != '=')
}

// declared reports whether a file of b.Free already declares a block of
// b's type and labels (or cannot be read, or is JSON naming them).
func declared(read Source, b *analyzer.FixBlock) bool {
	pat := `(?m)^[ \t]*` + regexp.QuoteMeta(b.Type)
	for _, l := range b.Labels {
		pat += `[ \t]+"?` + regexp.QuoteMeta(l) + `"?`
	}
	re := regexp.MustCompile(pat + `[ \t]*\{`)
	for _, f := range b.Free {
		src := read(f)
		if src == nil {
			return true
		}
		if strings.HasSuffix(f, ".json") {
			named := len(b.Labels) > 0
			for _, l := range b.Labels {
				named = named && bytes.Contains(src, []byte(strconv.Quote(l)))
			}
			if named {
				return true
			}
			continue
		}
		if declares(src, b, re) {
			return true
		}
	}
	return false
}

// declares reports whether re, the header of block b on one line, matches
// in src: only the lines where b's type occurs are matched, a file of a
// hundred thousand bytes is not run through the pattern byte by byte for
// every finding.
func declares(src []byte, b *analyzer.FixBlock, re *regexp.Regexp) bool {
	if b.Type == "" || strings.Contains(b.Type, "\n") || slices.ContainsFunc(b.Labels, func(l string) bool { return strings.Contains(l, "\n") }) {
		return re.Match(src) // a header on several lines
	}
	typ := []byte(b.Type)
	for at := 0; at < len(src); {
		i := bytes.Index(src[at:], typ)
		if i < 0 {
			return false
		}
		i += at
		start := bytes.LastIndexByte(src[:i], '\n') + 1
		end := len(src)
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			end = i + j
		}
		if re.Match(src[start:end]) {
			return true
		}
		at = end
	}
	return false
}

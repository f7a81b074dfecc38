package fix

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/analyzer"
)

// hclEdits spells the changes of a Terraform file. Each top-level block
// that changes is edited as text where the change is inside a value
// (a policy written with jsonencode or a heredoc), then its arguments and
// nested blocks are set, then it is formatted as `terraform fmt` formats
// it (formatHCL); new blocks go right after the block they belong with.
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
			if _, ok := parseBlock(text); !ok {
				for _, i := range w.findings {
					failed[i] = true
				}
				continue
			}
			for _, c := range w.sets {
				var next []byte
				var ok bool
				if c.Append {
					next, ok = appendBlock(text, c.Path, c.Value)
				} else {
					next, ok = setIn(text, nil, c.Path, c.Value)
				}
				if !ok {
					failed[c.finding] = true
					continue
				}
				text = next
			}
		}
		if len(w.text) > 0 || len(w.appends) > 0 || len(w.sets) > 0 {
			text = formatHCL(text)
			if !bytes.Equal(text, old) {
				edits = append(edits, trimmed(file, s, old, text))
			}
		}
		if len(w.adds) > 0 {
			var add strings.Builder
			for _, b := range w.adds {
				block, ok := blockText(b.Type, b.Labels, b.Body)
				if !ok {
					for _, i := range w.findings {
						failed[i] = true
					}
					continue
				}
				text := bytes.TrimRight(formatHCL([]byte(block)), "\n")
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

// The arguments and nested blocks a fix sets are written into the text of
// the top-level block, which is parsed again after each change: a change
// sees the blocks the ones before it made. Formatting then lays the text
// out (formatHCL).

// parseBlock parses text, one top-level block.
func parseBlock(text []byte) (*hclsyntax.Block, bool) {
	f, diags := hclsyntax.ParseConfig(text, "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, false
	}
	body := f.Body.(*hclsyntax.Body)
	if len(body.Blocks) != 1 {
		return nil, false
	}
	return body.Blocks[0], true
}

// blockAt is the nested block that path names in text's block (the first
// one without labels of each type), nil when there is none.
func blockAt(text []byte, path []string) *hclsyntax.Block {
	b, ok := parseBlock(text)
	if !ok {
		return nil
	}
	for _, name := range path {
		if b = firstBlock(b.Body, name); b == nil {
			return nil
		}
	}
	return b
}

// firstBlock is body's first nested block of type name without labels.
func firstBlock(body *hclsyntax.Body, name string) *hclsyntax.Block {
	for _, b := range body.Blocks {
		if b.Type == name && len(b.Labels) == 0 {
			return b
		}
	}
	return nil
}

// addItem adds item, whole lines, at the end of the body of the block at
// path in text, after what it holds (comments and blank lines included).
// A body written on the line of its braces ({} or { a = 1 }) is opened
// onto lines of its own.
func addItem(text []byte, path []string, item string) ([]byte, bool) {
	b := blockAt(text, path)
	if b == nil {
		return nil, false
	}
	open, closing := b.OpenBraceRange.End.Byte, b.CloseBraceRange.Start.Byte
	lineStart := bytes.LastIndexByte(text[:closing], '\n') + 1
	if lineStart > open && len(bytes.Trim(text[lineStart:closing], " \t")) == 0 {
		return slices.Concat(text[:lineStart], []byte(item), text[lineStart:]), true
	}
	inner := bytes.TrimSpace(text[open:closing])
	if len(inner) > 0 {
		inner = append(inner, '\n')
	}
	return slices.Concat(text[:open], []byte("\n"), inner, []byte(item), text[closing:]), true
}

// setIn sets path in the body of the block at at in text: every step
// but the last is a nested block (made when missing); the last is an
// argument, or a nested block when the value is an object.
func setIn(text []byte, at, path []string, v analyzer.FixValue) ([]byte, bool) {
	if len(path) == 0 {
		obj, ok := v.(analyzer.FixObject)
		if !ok {
			return nil, false
		}
		for _, m := range obj {
			if text, ok = setIn(text, at, []string{m.Key}, m.Value); !ok {
				return nil, false
			}
		}
		return text, true
	}
	obj, isObj := v.(analyzer.FixObject)
	if len(path) > 1 || isObj {
		text, ok := nestedBlock(text, at, path[0])
		if !ok {
			return nil, false
		}
		inner := append(slices.Clip(at), path[0])
		if len(path) > 1 {
			return setIn(text, inner, path[1:], v)
		}
		return setIn(text, inner, nil, obj)
	}
	expr, ok := attrExpr(v)
	if !ok {
		return nil, false
	}
	b := blockAt(text, at)
	if b == nil {
		return nil, false
	}
	if a := b.Body.Attributes[path[0]]; a != nil {
		r := a.Expr.Range()
		return slices.Concat(text[:r.Start.Byte], []byte(expr), text[r.End.Byte:]), true
	}
	return addItem(text, at, path[0]+" = "+expr+"\n")
}

// nestedBlock makes sure the block at at in text has a nested block name.
func nestedBlock(text []byte, at []string, name string) ([]byte, bool) {
	b := blockAt(text, at)
	if b == nil {
		return nil, false
	}
	if firstBlock(b.Body, name) != nil {
		return text, true
	}
	return addItem(text, at, name+" {\n}\n")
}

// attrExpr spells the value of an argument, false when it is no
// expression HCL can hold.
func attrExpr(v analyzer.FixValue) (string, bool) {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v), true
	case string:
		return quoteHCL(v), true
	case int:
		return strconv.Itoa(v), true
	case analyzer.FixExpr:
		return v.HCL, isExpr(v.HCL)
	case []analyzer.FixValue, analyzer.FixCall:
		if !spellable(v, hclSyntax) {
			return "", false
		}
		e := hclValue(v)
		return e, isExpr(e)
	}
	return "", false
}

// isExpr reports whether expr is one HCL expression.
func isExpr(expr string) bool {
	if expr == "" {
		return false
	}
	f, diags := hclsyntax.ParseConfig([]byte("x = "+expr+"\n"), "", hcl.InitialPos)
	if diags.HasErrors() {
		return false
	}
	body := f.Body.(*hclsyntax.Body)
	return len(body.Attributes) == 1 && body.Attributes["x"] != nil && len(body.Blocks) == 0
}

// blockText writes a block of type typ and labels whose body holds obj's
// members, one a line (formatHCL lays it out); false when a value is no
// HCL expression.
func blockText(typ string, labels []string, obj analyzer.FixObject) (string, bool) {
	var b strings.Builder
	b.WriteString(typ)
	for _, l := range labels {
		b.WriteString(" " + quoteHCL(l))
	}
	b.WriteString(" {\n")
	for _, m := range obj {
		if inner, ok := m.Value.(analyzer.FixObject); ok {
			text, ok := blockText(m.Key, nil, inner)
			if !ok {
				return "", false
			}
			b.WriteString(text)
			continue
		}
		expr, ok := attrExpr(m.Value)
		if !ok {
			return "", false
		}
		b.WriteString(m.Key + " = " + expr + "\n")
	}
	b.WriteString("}\n")
	return b.String(), true
}

// quoteHCL spells a string value as a quoted HCL string, as terraform fmt
// writes one: normalized (NFC), the template introducers ${ and %{ and
// what is not printable escaped.
func quoteHCL(s string) string {
	s = cty.StringVal(s).AsString()
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '$', '%':
			b.WriteRune(r)
			if strings.HasPrefix(s[i+1:], "{") {
				b.WriteRune(r)
			}
		default:
			switch {
			case unicode.IsPrint(r):
				b.WriteRune(r)
			case r < 0x10000:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
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

// appendBlock adds a new nested block path[0] at the end of the body of
// text's block, a blank line before it when the body holds anything, its
// members set from v.
func appendBlock(text []byte, path []string, v analyzer.FixValue) ([]byte, bool) {
	obj, ok := v.(analyzer.FixObject)
	b, parsed := parseBlock(text)
	if len(path) != 1 || !ok || !parsed {
		return nil, false
	}
	block, ok := blockText(path[0], nil, obj)
	if !ok {
		return nil, false
	}
	if len(b.Body.Attributes) > 0 || len(b.Body.Blocks) > 0 {
		block = "\n" + block
	}
	return addItem(text, nil, block)
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
	block, ok := blockText(c.Block.Type, c.Block.Labels, c.Block.Body)
	if !ok {
		return Edit{}, errorf("a block HCL cannot hold")
	}
	end := closeAt
	for end > at+1 && strings.ContainsRune(" \t\r\n", rune(src[end-1])) {
		end--
	}
	return Edit{Start: end, End: end, Text: "\n" + strings.TrimRight(block, "\n")}, nil
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

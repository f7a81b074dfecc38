package fix

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/configward/configward/analyzer"
)

// textEdits spells the changes of a YAML or JSON file: a value replaced in
// place, keys inserted at the end of the mapping they belong to, in its
// style (block or flow) and indentation.
func textEdits(file string, src []byte, syn syntax, cs []change) ([]Edit, map[int]bool) {
	failed := map[int]bool{}
	var edits, appends, afters []Edit
	type group struct {
		anchor   change
		tree     analyzer.FixObject
		findings []int
	}
	var groups []*group
	byAnchor := map[[2]int]*group{}
	for _, c := range cs {
		switch {
		case !c.Replace.IsZero():
			old := src[c.Replace.Start.Byte:c.Replace.End.Byte]
			text, ok := scalar(c.Value, syn)
			if !ok || !literal(old, syn) || inString(src, c.Replace.Start.Byte, syn) {
				failed[c.finding] = true
				continue
			}
			if s, isStr := c.Value.(string); isStr && syn == yamlSyntax && len(old) > 0 && (old[0] == '"' || old[0] == '\'') {
				text = strconv.Quote(s) // quoted as the author quoted it
			}
			edits = append(edits, Edit{File: file, Start: c.Replace.Start.Byte, End: c.Replace.End.Byte, Text: text})
		case c.Block != nil:
			failed[c.finding] = true // Terraform only
		case c.Append || c.After:
			var e Edit
			var err error
			switch {
			case !spellable(c.Value, syn):
				err = errorf("an expression this syntax cannot hold")
			case c.Append:
				e, err = appendItem(src, syn, c.Anchor.Start.Byte, c.Value)
			default:
				e, err = afterMember(src, syn, c.Change)
			}
			if err != nil {
				failed[c.finding] = true
				continue
			}
			e.File = file
			if c.Append {
				appends = append(appends, e)
			} else {
				afters = append(afters, e)
			}
		default:
			k := [2]int{c.Anchor.Start.Byte, c.Anchor.End.Byte}
			g := byAnchor[k]
			if g == nil {
				g = &group{anchor: c}
				byAnchor[k] = g
				groups = append(groups, g)
			}
			g.tree = merge(g.tree, c.Path, c.Value)
			g.findings = append(g.findings, c.finding)
		}
	}
	for _, g := range groups {
		var e Edit
		var err error
		if !spellable(g.tree, syn) {
			err = errorf("an expression this syntax cannot hold")
		} else if g.anchor.AtValue && underIntrinsic(src, g.anchor.Anchor.Start.Byte) {
			err = errorf("a value chosen by an intrinsic function")
		} else if inString(src, g.anchor.Anchor.Start.Byte, syn) {
			err = errorf("a document written inside a string")
		} else if syn == jsonSyntax {
			e, err = jsonInsert(src, g.anchor.Change, g.tree)
		} else {
			e, err = yamlInsert(src, g.anchor.Change, g.tree)
		}
		if err != nil {
			for _, i := range g.findings {
				failed[i] = true
			}
			continue
		}
		e.File = file
		edits = append(edits, e)
	}
	// Inner first: at one place, keys added to a mapping come before an
	// item added to the list that holds it, and that before a member
	// added after the list's key (normalize keeps this order).
	edits = append(append(edits, appends...), afters...)
	return edits, failed
}

// merge adds value at path to tree: the members on the way are made or
// reused, so that two findings' keys under one new parent are one parent.
func merge(tree analyzer.FixObject, path []string, value analyzer.FixValue) analyzer.FixObject {
	if len(path) == 0 {
		if obj, ok := value.(analyzer.FixObject); ok {
			for _, m := range obj {
				tree = merge(tree, []string{m.Key}, m.Value)
			}
		}
		return tree
	}
	for i := range tree {
		if tree[i].Key != path[0] {
			continue
		}
		if len(path) == 1 {
			if a, ok := tree[i].Value.(analyzer.FixObject); ok {
				if b, ok := value.(analyzer.FixObject); ok {
					tree[i].Value = merge(a, nil, b)
				}
			}
			return tree // the first value set wins
		}
		sub, _ := tree[i].Value.(analyzer.FixObject)
		tree[i].Value = merge(sub, path[1:], value)
		return tree
	}
	if len(path) == 1 {
		if obj, ok := value.(analyzer.FixObject); ok {
			value = merge(nil, nil, obj)
		}
		return append(tree, analyzer.FixMember{Key: path[0], Value: value})
	}
	return append(tree, analyzer.FixMember{Key: path[0], Value: merge(nil, path[1:], value)})
}

// Lines.

func lineStart(src []byte, at int) int {
	for at > 0 && src[at-1] != '\n' {
		at--
	}
	return at
}

func lineEnd(src []byte, at int) int {
	for at < len(src) && src[at] != '\n' {
		at++
	}
	return at
}

func indentAt(src []byte, start int) int {
	n := 0
	for start+n < len(src) && src[start+n] == ' ' {
		n++
	}
	return n
}

func blankLine(src []byte, start, end int) bool {
	return strings.TrimSpace(string(src[start:end])) == ""
}

// YAML.

// yamlInsert inserts the members of tree into the mapping the change
// anchors: the value of a key, or (AtValue) a mapping in a sequence.
func yamlInsert(src []byte, c analyzer.Change, tree analyzer.FixObject) (Edit, error) {
	ls := lineStart(src, c.Anchor.Start.Byte)
	col := c.Anchor.Start.Byte - ls
	unit := yamlUnit(src)
	at := c.Anchor.Start.Byte
	if !c.AtValue {
		// After the key: the colon, then the value or the end of line.
		at = c.Anchor.End.Byte
		for at < len(src) && (src[at] == ' ' || src[at] == '\t' || src[at] == '"' || src[at] == '\'') {
			at++
		}
		if at >= len(src) || src[at] != ':' {
			return Edit{}, errorf("no colon after the key")
		}
		at++
		for at < len(src) && (src[at] == ' ' || src[at] == '\t') {
			at++
		}
	}
	if at < len(src) && src[at] == '{' {
		return flowInsert(src, at, tree, yamlSyntax)
	}
	if c.AtValue {
		// A block mapping starting at the anchor: its members are at the
		// anchor's column.
		return Edit{Start: mappingEnd(src, lineEnd(src, at), col), End: mappingEnd(src, lineEnd(src, at), col),
			Text: "\n" + yamlBlock(tree, col, unit)}, nil
	}
	if at < len(src) && src[at] != '\n' && src[at] != '\r' && src[at] != '#' {
		return Edit{}, errorf("the key's value is not a mapping")
	}
	// A block mapping below the key: its members are at the indentation
	// of the next line that is not blank, deeper than the key's.
	le := lineEnd(src, at)
	child := -1
	for next := le + 1; next < len(src); next = lineEnd(src, next) + 1 {
		e := lineEnd(src, next)
		if blankLine(src, next, e) || src[next+indentAt(src, next)] == '#' {
			continue
		}
		child = indentAt(src, next)
		break
	}
	if child <= col {
		// No member yet (a null value): the new ones go right below.
		return Edit{Start: le, End: le, Text: "\n" + yamlBlock(tree, col+unit, unit)}, nil
	}
	end := mappingEnd(src, le, child)
	return Edit{Start: end, End: end, Text: "\n" + yamlBlock(tree, child, unit)}, nil
}

// mappingEnd is the end of the last line, from the line ending at le on,
// of a block whose lines are indented at least indent (blank lines do not
// end it; the first shallower line does).
func mappingEnd(src []byte, le, indent int) int {
	end := le
	for next := le + 1; next < len(src); next = lineEnd(src, next) + 1 {
		e := lineEnd(src, next)
		if blankLine(src, next, e) {
			continue
		}
		if indentAt(src, next) < indent {
			break
		}
		end = e
	}
	if end > 0 && src[end-1] == '\r' {
		end--
	}
	return end
}

// yamlUnit is the file's indentation step: the smallest positive
// indentation of a line, 2 when none.
func yamlUnit(src []byte) int {
	unit := 0
	for at := 0; at < len(src); at = lineEnd(src, at) + 1 {
		n := indentAt(src, at)
		e := lineEnd(src, at)
		if n > 0 && !blankLine(src, at, e) && (unit == 0 || n < unit) {
			unit = n
		}
	}
	if unit == 0 || unit > 8 {
		return 2
	}
	return unit
}

func yamlBlock(obj analyzer.FixObject, indent, unit int) string {
	pad := strings.Repeat(" ", indent)
	var lines []string
	for _, m := range obj {
		lines = append(lines, pad+yamlKey(m.Key)+":"+yamlValue(m.Value, indent, unit))
	}
	return strings.Join(lines, "\n")
}

func yamlValue(v analyzer.FixValue, indent, unit int) string {
	switch v := v.(type) {
	case analyzer.FixObject:
		return "\n" + yamlBlock(v, indent+unit, unit)
	case []analyzer.FixValue:
		pad := strings.Repeat(" ", indent+unit)
		var lines []string
		for _, x := range v {
			if o, ok := x.(analyzer.FixObject); ok {
				b := yamlBlock(o, indent+unit+2, unit)
				lines = append(lines, pad+"- "+strings.TrimLeft(b, " "))
				continue
			}
			s, _ := scalar(x, yamlSyntax)
			lines = append(lines, pad+"- "+s)
		}
		return "\n" + strings.Join(lines, "\n")
	}
	s, _ := scalar(v, yamlSyntax)
	return " " + s
}

var plainYAML = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_./:*-]*$`) })

func yamlKey(k string) string {
	if plainYAML().MatchString(k) && !strings.Contains(k, ": ") {
		return k
	}
	return strconv.Quote(k)
}

// scalar spells a scalar (or an expression) in syntax syn.
func scalar(v analyzer.FixValue, syn syntax) (string, bool) {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v), true
	case int:
		return strconv.Itoa(v), true
	case string:
		if syn == yamlSyntax && plainYAML().MatchString(v) && !yamlSpecial(v) && !strings.HasSuffix(v, ":") {
			return v, true
		}
		b, _ := json.Marshal(v)
		return string(b), true
	case analyzer.FixCall:
		if syn != hclSyntax {
			return "", false
		}
		for _, a := range v.Args {
			if !spellable(a, hclSyntax) {
				return "", false
			}
		}
		return hclValue(v), true
	case analyzer.FixExpr:
		switch syn {
		case yamlSyntax:
			return v.YAML, v.YAML != ""
		case jsonSyntax:
			return v.JSON, v.JSON != ""
		}
		return v.HCL, v.HCL != ""
	}
	return "", false
}

// yamlSpecial reports plain text YAML would read as something else than
// a string.
func yamlSpecial(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~":
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// Flow mappings (YAML) and JSON objects.

// matchBrace returns the index of the brace closing the one at open,
// skipping strings.
func matchBrace(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '"', '\'':
			q := src[i]
			for i++; i < len(src) && src[i] != q; i++ {
				if src[i] == '\\' && q == '"' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func flowInsert(src []byte, open int, tree analyzer.FixObject, syn syntax) (Edit, error) {
	closeAt := matchBrace(src, open)
	if closeAt < 0 {
		return Edit{}, errorf("unclosed mapping")
	}
	inner := strings.TrimSpace(string(src[open+1 : closeAt]))
	end := closeAt
	for end > open+1 && strings.ContainsRune(" \t\r\n", rune(src[end-1])) {
		end--
	}
	var parts []string
	for _, m := range tree {
		parts = append(parts, flowMember(m, syn))
	}
	text := strings.Join(parts, ", ")
	if inner != "" {
		text = ", " + text
	}
	return Edit{Start: end, End: end, Text: text}, nil
}

func flowMember(m analyzer.FixMember, syn syntax) string {
	k := yamlKey(m.Key)
	if syn == jsonSyntax || strings.Contains(m.Key, ":") {
		// A colon in a flow collection reads ambiguously to YAML 1.1
		// parsers: quoted.
		k = strconv.Quote(m.Key)
	}
	return k + ": " + flowValue(m.Value, syn)
}

func flowValue(v analyzer.FixValue, syn syntax) string {
	switch v := v.(type) {
	case analyzer.FixObject:
		var parts []string
		for _, m := range v {
			parts = append(parts, flowMember(m, syn))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []analyzer.FixValue:
		var parts []string
		for _, x := range v {
			parts = append(parts, flowValue(x, syn))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if str, ok := v.(string); ok && syn == yamlSyntax && strings.Contains(str, ":") {
		return strconv.Quote(str)
	}
	s, _ := scalar(v, syn)
	return s
}

// jsonInsert inserts the members of tree into the JSON object the change
// anchors, at the indentation of its members.
func jsonInsert(src []byte, c analyzer.Change, tree analyzer.FixObject) (Edit, error) {
	at := c.Anchor.Start.Byte
	if !c.AtValue {
		at = c.Anchor.End.Byte
		for at < len(src) && src[at] != ':' {
			if !strings.ContainsRune(" \t\r\n\"", rune(src[at])) {
				return Edit{}, errorf("no colon after the key")
			}
			at++
		}
		at++
		for at < len(src) && strings.ContainsRune(" \t\r\n", rune(src[at])) {
			at++
		}
	}
	if at >= len(src) || src[at] != '{' {
		return Edit{}, errorf("the key's value is not an object")
	}
	closeAt := matchBrace(src, at)
	if closeAt < 0 {
		return Edit{}, errorf("unclosed object")
	}
	body := string(src[at+1 : closeAt])
	if !strings.Contains(body, "\n") {
		return flowInsert(src, at, tree, jsonSyntax)
	}
	first, end, pad, unit := jsonLayout(src, at, closeAt)
	var parts []string
	for _, m := range tree {
		parts = append(parts, pad+strconv.Quote(m.Key)+": "+jsonValue(m.Value, pad, unit))
	}
	text := "\n" + strings.Join(parts, ",\n")
	if first < closeAt {
		text = "," + text
	}
	return Edit{Start: end, End: end, Text: text}, nil
}

func jsonValue(v analyzer.FixValue, pad, unit string) string {
	inner := pad + unit
	switch v := v.(type) {
	case analyzer.FixObject:
		var parts []string
		for _, m := range v {
			parts = append(parts, inner+strconv.Quote(m.Key)+": "+jsonValue(m.Value, inner, unit))
		}
		return "{\n" + strings.Join(parts, ",\n") + "\n" + pad + "}"
	case []analyzer.FixValue:
		var parts []string
		for _, x := range v {
			parts = append(parts, inner+jsonValue(x, inner, unit))
		}
		return "[\n" + strings.Join(parts, ",\n") + "\n" + pad + "]"
	}
	s, _ := scalar(v, jsonSyntax)
	return s
}

// leading is the white space that starts the line at start.
func leading(src []byte, start int) string {
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// spellable reports whether every expression of v has a spelling in syn.
func spellable(v analyzer.FixValue, syn syntax) bool {
	switch v := v.(type) {
	case analyzer.FixObject:
		for _, m := range v {
			if !spellable(m.Value, syn) {
				return false
			}
		}
		return true
	case []analyzer.FixValue:
		for _, x := range v {
			if !spellable(x, syn) {
				return false
			}
		}
		return true
	}
	_, ok := scalar(v, syn)
	return ok
}

var (
	literalText = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(true|false|True|False|TRUE|FALSE|-?[0-9][0-9.]*|"[^"\\$%]*"|'[^']*'|[A-Za-z][A-Za-z0-9_:./*-]*)$`)
	})
	literalHCL = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(true|false|-?[0-9][0-9.]*|"[^"\\$%]*"|[A-Za-z_][A-Za-z0-9_-]*)$`)
	})
)

// literal reports whether the text a fix replaces is a literal scalar:
// an intrinsic function (a parameter's !Ref) or a Terraform reference
// stands for a value set elsewhere, and replacing it would cut that link.
func literal(b []byte, syn syntax) bool {
	if syn == hclSyntax {
		return literalHCL().Match(b)
	}
	return literalText().Match(b)
}

// Lists: an item added at the end.

// appendItem adds v as the last item of the list that starts at at: a
// YAML block or flow sequence, or a JSON array.
func appendItem(src []byte, syn syntax, at int, v analyzer.FixValue) (Edit, error) {
	if at >= len(src) {
		return Edit{}, errorf("no list")
	}
	switch {
	case src[at] == '[' && syn == jsonSyntax:
		return jsonAppend(src, at, v)
	case src[at] == '[':
		return flowAppend(src, at, v, syn)
	case src[at] == '-' && syn == yamlSyntax:
		return blockAppend(src, at, v)
	}
	return Edit{}, errorf("not a list")
}

// flowAppend adds v to a flow sequence (or a JSON array written on one
// line), after its last item.
func flowAppend(src []byte, open int, v analyzer.FixValue, syn syntax) (Edit, error) {
	closeAt := matchBrace(src, open)
	if closeAt < 0 {
		return Edit{}, errorf("unclosed list")
	}
	end := closeAt
	for end > open+1 && strings.ContainsRune(" \t\r\n", rune(src[end-1])) {
		end--
	}
	text := flowValue(v, syn)
	if end > open+1 {
		text = ", " + text
	}
	return Edit{Start: end, End: end, Text: text}, nil
}

// blockAppend adds v as a new "- " item after the last one of the block
// sequence whose first dash is at dash, its members at the column the
// first item's content uses.
func blockAppend(src []byte, dash int, v analyzer.FixValue) (Edit, error) {
	ls := lineStart(src, dash)
	col := dash - ls
	if strings.TrimSpace(string(src[ls:dash])) != "" {
		return Edit{}, errorf("a sequence that does not start its line")
	}
	content := dash + 1
	for content < len(src) && src[content] == ' ' {
		content++
	}
	step := content - dash
	if content >= len(src) || src[content] == '\n' || src[content] == '\r' || src[content] == '#' || step < 2 {
		step = 2
	}
	end := sequenceEnd(src, dash, col)
	item := ""
	if obj, ok := v.(analyzer.FixObject); ok {
		item = strings.TrimLeft(yamlBlock(obj, col+step, yamlUnit(src)), " ")
	} else if s, ok := scalar(v, yamlSyntax); ok {
		item = s
	} else {
		return Edit{}, errorf("an item YAML cannot hold")
	}
	text := "\n" + strings.Repeat(" ", col) + "-" + strings.Repeat(" ", step-1) + item
	return Edit{Start: end, End: end, Text: text}, nil
}

// sequenceEnd is the end of the last line of the block sequence whose
// items start with a dash at column col, the first at dash: it ends at the
// first line that is shallower, or as deep but not an item.
func sequenceEnd(src []byte, dash, col int) int {
	end := lineEnd(src, dash)
	for next := end + 1; next < len(src); next = lineEnd(src, next) + 1 {
		e := lineEnd(src, next)
		if blankLine(src, next, e) {
			continue
		}
		n := indentAt(src, next)
		if n < col {
			break
		}
		if n == col && !(src[next+n] == '-' && (next+n+1 >= len(src) || strings.ContainsRune(" \t\r\n", rune(src[next+n+1])))) {
			break
		}
		end = e
	}
	if end > 0 && src[end-1] == '\r' {
		end--
	}
	return end
}

// jsonLayout reads the layout of the multi-line JSON object or array
// between open and closeAt: its first member (closeAt when empty), the end
// of its last one, the indentation of its members and one level of it.
func jsonLayout(src []byte, open, closeAt int) (first, end int, pad, unit string) {
	first = open + 1
	for first < closeAt && strings.ContainsRune(" \t\r\n", rune(src[first])) {
		first++
	}
	closePad := leading(src, lineStart(src, closeAt))
	pad = closePad + "  "
	if first < closeAt {
		pad = leading(src, lineStart(src, first))
	}
	unit, ok := strings.CutPrefix(pad, closePad)
	if !ok || unit == "" {
		unit = "  "
	}
	end = closeAt
	for end > open+1 && strings.ContainsRune(" \t\r\n", rune(src[end-1])) {
		end--
	}
	return first, end, pad, unit
}

// jsonAppend adds v as the last item of the JSON array at open, at the
// indentation of its items.
func jsonAppend(src []byte, open int, v analyzer.FixValue) (Edit, error) {
	closeAt := matchBrace(src, open)
	if closeAt < 0 {
		return Edit{}, errorf("unclosed array")
	}
	if !strings.Contains(string(src[open:closeAt]), "\n") {
		return flowAppend(src, open, v, jsonSyntax)
	}
	first, end, pad, unit := jsonLayout(src, open, closeAt)
	text := "\n" + pad + jsonValue(v, pad, unit)
	if first < closeAt {
		text = "," + text
	}
	return Edit{Start: end, End: end, Text: text}, nil
}

// A member added after a key's value.

// afterMember adds Path[0]: Value to the mapping that holds the key at
// the anchor, right after that key's value.
func afterMember(src []byte, syn syntax, c analyzer.Change) (Edit, error) {
	if len(c.Path) != 1 {
		return Edit{}, errorf("a member needs one key")
	}
	key := c.Anchor.Start.Byte
	ls := lineStart(src, key)
	member := analyzer.FixObject{{Key: c.Path[0], Value: c.Value}}
	if syn == jsonSyntax {
		at := c.Anchor.End.Byte
		for at < len(src) && src[at] != ':' {
			if !strings.ContainsRune(" \t\r\n\"", rune(src[at])) {
				return Edit{}, errorf("no colon after the key")
			}
			at++
		}
		at++
		for at < len(src) && strings.ContainsRune(" \t\r\n", rune(src[at])) {
			at++
		}
		if at >= len(src) || (src[at] != '{' && src[at] != '[') {
			return Edit{}, errorf("the key's value is not an object")
		}
		closeAt := matchBrace(src, at)
		if closeAt < 0 {
			return Edit{}, errorf("unclosed object")
		}
		pad := leading(src, ls)
		unit := "  "
		first := at + 1
		for first < closeAt && strings.ContainsRune(" \t\r\n", rune(src[first])) {
			first++
		}
		if u, ok := strings.CutPrefix(leading(src, lineStart(src, first)), pad); ok && u != "" && first < closeAt {
			unit = u
		}
		return Edit{Start: closeAt + 1, End: closeAt + 1,
			Text: ",\n" + pad + strconv.Quote(c.Path[0]) + ": " + jsonValue(c.Value, pad, unit)}, nil
	}
	if strings.TrimSpace(string(src[ls:key])) != "" {
		return Edit{}, errorf("a key that does not start its line")
	}
	col := key - ls
	end := mappingEnd(src, lineEnd(src, key), col+1)
	return Edit{Start: end, End: end, Text: "\n" + yamlBlock(member, col, yamlUnit(src))}, nil
}

// underIntrinsic reports whether the value at at is an argument of an
// intrinsic function (Fn::If, !Select) rather than a value of a key or an
// item of a plain list: the model holds the branch the template chose, and
// an edit there would change one branch of a choice made at deploy time.
// A place it cannot tell counts as one.
func underIntrinsic(src []byte, at int) bool {
	head := before(src, at)
	switch {
	case strings.HasSuffix(head, ":"):
		return intrinsicText(head[strings.LastIndexByte(head, '\n')+1:])
	case strings.HasSuffix(head, "-"):
		// A block sequence item: its sequence is the value of the first
		// line above that is shallower, or as deep but not an item.
		col := len(head) - 1 - strings.LastIndexByte(head, '\n') - 1
		for l := lineStart(src, at); l > 0; {
			l = lineStart(src, l-1)
			e := lineEnd(src, l)
			n := indentAt(src, l)
			if blankLine(src, l, e) || src[l+n] == '#' {
				continue
			}
			if n < col || n == col && src[l+n] != '-' {
				return intrinsicText(uncomment(string(src[l:e])))
			}
		}
		return false
	case strings.HasSuffix(head, ",") || strings.HasSuffix(head, "["):
		depth := 0
		for i := len(head) - 1; i >= 0; i-- {
			switch head[i] {
			case ']', '}':
				depth++
			case '{':
				depth--
			case '[':
				if depth == 0 {
					return intrinsicText(uncomment(head[strings.LastIndexByte(head[:i], '\n')+1 : i]))
				}
				depth--
			}
		}
	}
	return true
}

// before is the text before at without the white space and comments
// that end it.
func before(src []byte, at int) string {
	head := string(src[:at])
	for {
		t := strings.TrimRight(head, " \t\r\n")
		ls := strings.LastIndexByte(t, '\n') + 1
		if line := strings.TrimSpace(t[ls:]); strings.HasPrefix(line, "#") {
			head = t[:ls]
			continue
		}
		if u := uncomment(t[ls:]); u != t[ls:] {
			t = t[:ls] + strings.TrimRight(u, " \t")
		}
		return t
	}
}

// uncomment cuts a YAML comment off a line (" #" outside quotes, roughly:
// enough to read a key).
func uncomment(line string) string {
	if i := strings.Index(line, " #"); i >= 0 && !strings.ContainsAny(line[:i], `"'`) {
		return line[:i]
	}
	return line
}

// intrinsicText reports whether a line's text holds an intrinsic function:
// a short-form tag or an Fn:: key.
func intrinsicText(s string) bool {
	return strings.Contains(s, "Fn::") || strings.Contains(s, "!") && !strings.Contains(s, "!=")
}

// inString reports whether at is inside a string token of the file: a
// policy given as JSON text in a string, whose content an edit would have
// to escape as that token does (and where no intrinsic function can be
// written).
func inString(src []byte, at int, syn syntax) bool {
	if syn == jsonSyntax {
		in := false
		for i := 0; i < at && i < len(src); i++ {
			switch {
			case in && src[i] == '\\':
				i++
			case src[i] == '"':
				in = !in
			}
		}
		return in
	}
	if syn == hclSyntax {
		return quotedOnLine(src, at, false)
	}
	if quotedOnLine(src, at, true) {
		return true
	}
	// A block scalar: a line above, shallower than every line between,
	// that ends with | or >.
	m := indentAt(src, lineStart(src, at))
	for l := lineStart(src, at); l > 0 && m > 0; {
		l = lineStart(src, l-1)
		e := lineEnd(src, l)
		n := indentAt(src, l)
		if blankLine(src, l, e) || n >= m {
			continue
		}
		m = n
		line := strings.TrimRight(uncomment(string(src[l:e])), " \t\r")
		if i := strings.LastIndexAny(line, "|>"); i >= 0 && strings.Trim(line[i+1:], "+-0123456789") == "" && (i == 0 || line[i-1] == ' ') {
			return true
		}
	}
	return false
}

// quotedOnLine reports whether at is inside a quoted string that opens on
// its line: "..." with backslash escapes, and in YAML '...' with doubled
// quotes.
func quotedOnLine(src []byte, at int, yaml bool) bool {
	var q byte
	for i := lineStart(src, at); i < at; i++ {
		c := src[i]
		switch {
		case q == 0 && (c == '"' || yaml && c == '\''):
			q = c
		case q == '"' && c == '\\':
			i++
		case q != 0 && c == q:
			if q == '\'' && i+1 < at && src[i+1] == '\'' {
				i++
				continue
			}
			q = 0
		case q == 0 && yaml && c == '#' && i > 0 && src[i-1] == ' ':
			return false
		}
	}
	return q != 0
}

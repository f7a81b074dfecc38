// Package graph draws the AWS Config delivery path of a scanned set: for
// each recorder, recorder → role → delivery channel → bucket (its KMS key,
// its bucket policy) → SNS topic (its key), with the aggregators and
// organization rules of the same unit, as Mermaid or Graphviz DOT. Each node
// is named by its address and file:line, and a node or link with findings
// carries their rule ids.
package graph

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/link"
	"github.com/configward/configward/parsers/model"
)

// Node is a resource on a delivery path, or a placeholder for one that is
// not set or not in the scanned set.
type Node struct {
	ID      string
	Kind    string // "recorder", "role", "delivery channel", ...
	Address string // resource address; "" for a placeholder
	File    string
	Line    int
	Note    string   // a placeholder's text ("not set", "config-history (not in the scanned set)")
	Rules   []string // rule ids of findings on the node
	unit    string
	parent  string // a placeholder's node
}

// Edge links two nodes.
type Edge struct {
	From, To, Label string
	Rules           []string // rule ids of findings about the link
}

// Graph collects the delivery paths of the units given to Add; Add may be
// called from several goroutines.
type Graph struct {
	mu    sync.Mutex
	nodes []*Node
	byRes map[*model.Resource]*Node
	edges []*Edge
}

// New returns an empty graph.
func New() *Graph { return &Graph{byRes: map[*model.Resource]*Node{}} }

// Nodes and Edges are the graph's content, in drawing order.
func (g *Graph) Nodes() []*Node { return g.nodes }
func (g *Graph) Edges() []*Edge { return g.edges }

// Add draws the delivery paths of one unit.
func (g *Graph) Add(u *model.Unit) {
	es := &u.Entities
	if len(es.Recorders) == 0 && len(es.DeliveryChannels) == 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var recorders []*Node
	for _, r := range es.Recorders {
		rn := g.node(u, "recorder", r.Resource)
		recorders = append(recorders, rn)
		if r.Role != nil {
			g.edge(rn, g.node(u, "role", r.Role.Resource), "records as")
		} else {
			g.edge(rn, g.placeholder(u, rn, "role", valueNote(r.RoleARN)), "records as")
		}
	}
	for _, ch := range es.DeliveryChannels {
		cn := g.node(u, "delivery channel", ch.Resource)
		for _, rn := range recorders {
			g.edge(rn, cn, "delivers through")
		}
		if ch.Bucket != nil {
			bn := g.node(u, "S3 bucket", ch.Bucket.Resource)
			g.edge(cn, bn, "writes to")
			if ch.Bucket.SSEKey != nil {
				g.edge(bn, g.node(u, "KMS key", ch.Bucket.SSEKey.Resource), "default encryption")
			}
			for _, p := range ch.Bucket.PolicyResources {
				if p != ch.Bucket.Resource {
					g.edge(bn, g.node(u, "bucket policy", p), "policy")
				}
			}
		} else {
			g.edge(cn, g.placeholder(u, cn, "S3 bucket", valueNote(ch.BucketName)), "writes to")
		}
		if ch.Key != nil {
			g.edge(cn, g.node(u, "KMS key", ch.Key.Resource), "encrypts with")
		} else {
			g.edge(cn, g.placeholder(u, cn, "KMS key", valueNote(ch.KMSKeyARN)), "encrypts with")
		}
		if ch.Topic != nil {
			tn := g.node(u, "SNS topic", ch.Topic.Resource)
			g.edge(cn, tn, "notifies")
			if k := topicKey(u, ch.Topic); k != nil {
				g.edge(tn, g.node(u, "KMS key", k.Resource), "encrypts with")
			} else if !ch.Topic.KMSKeyID.Absent() {
				g.edge(tn, g.placeholder(u, tn, "KMS key", valueNote(ch.Topic.KMSKeyID)), "encrypts with")
			}
		} else if !ch.TopicARN.Absent() {
			g.edge(cn, g.placeholder(u, cn, "SNS topic", valueNote(ch.TopicARN)), "notifies")
		}
	}
	for _, a := range es.Aggregators {
		an := g.node(u, "aggregator", a.Resource)
		for _, rn := range recorders {
			g.edge(an, rn, "aggregates")
		}
	}
	for _, r := range u.Resources {
		if isOrganizationRule(r.Type) {
			on := g.node(u, "organization rule", r)
			for _, rn := range recorders {
				g.edge(on, rn, "evaluates")
			}
		}
	}
}

// topicKey is the unit's KMS key a topic names (by reference, id, ARN or
// alias), when it is declared there.
func topicKey(u *model.Unit, t *model.Topic) *model.Key {
	if t.KMSKeyID.Absent() {
		return nil
	}
	if k, _ := link.Resolve(u, model.KeyTable.Kind, t.KMSKeyID.V()); k != nil {
		return k.(*model.Key)
	}
	if al, _ := link.Resolve(u, model.KeyAliasTable.Kind, t.KMSKeyID.V()); al != nil {
		return al.(*model.KeyAlias).Key
	}
	return nil
}

func isOrganizationRule(typ string) bool {
	return typ == "AWS::Config::OrganizationConfigRule" || strings.HasPrefix(typ, "aws_config_organization_")
}

// valueNote says what a link names when its target is not in the set.
func valueNote(p *model.Property) string {
	if p.Absent() || p.V().IsNull() {
		return "not set"
	}
	if s, ok := p.V().AsString(); ok {
		return s + " (not in the scanned set)"
	}
	return "not known offline"
}

func (g *Graph) node(u *model.Unit, kind string, r *model.Resource) *Node {
	if n := g.byRes[r]; n != nil {
		return n
	}
	n := &Node{Kind: kind, Address: r.Address, File: r.DefRange.Filename, Line: r.DefRange.Start.Line, unit: u.Path}
	n.ID = nodeKey(n)
	g.byRes[r] = n
	g.nodes = append(g.nodes, n)
	return n
}

func (g *Graph) placeholder(u *model.Unit, parent *Node, kind, note string) *Node {
	n := &Node{Kind: kind, Note: note, unit: u.Path, parent: parent.ID}
	n.ID = nodeKey(n)
	g.nodes = append(g.nodes, n)
	return n
}

func (g *Graph) edge(from, to *Node, label string) {
	g.edges = append(g.edges, &Edge{From: from.ID, To: to.ID, Label: label})
}

// nodeKey is a stable identity for sorting before ids are given out.
func nodeKey(n *Node) string {
	return fmt.Sprintf("%s\x00%s\x00%08d\x00%s\x00%s\x00%s\x00%s", n.unit, n.File, n.Line, n.Address, n.Kind, n.Note, n.parent)
}

// linkWords tells, from the property a finding is about, which link of its
// resource it concerns: the channel's key, bucket or topic, the recorder's
// role.
var linkWords = map[string]string{
	"kms": "KMS key", "key": "KMS key", "bucket": "S3 bucket", "sns": "SNS topic", "topic": "SNS topic", "role": "role",
}

// Mark attaches findings to the nodes they are about (same file and
// address), or to the link their property names, and gives the nodes their
// final ids (n1, n2, ... in a stable order). Filenames of findings may
// carry a prefix the units' do not (the scanned root); they match by
// suffix.
func (g *Graph) Mark(findings []*analyzer.Finding) {
	sort.SliceStable(g.nodes, func(i, j int) bool { return nodeLess(g.nodes[i], g.nodes[j]) })
	ids := map[string]string{}
	for i, n := range g.nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i+1)
	}
	for _, n := range g.nodes {
		n.ID = ids[n.ID]
	}
	for _, e := range g.edges {
		e.From, e.To = ids[e.From], ids[e.To]
	}
	num := func(id string) int { var n int; fmt.Sscanf(id, "n%d", &n); return n }
	sort.SliceStable(g.edges, func(i, j int) bool {
		a, b := g.edges[i], g.edges[j]
		if num(a.From) != num(b.From) {
			return num(a.From) < num(b.From)
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return num(a.To) < num(b.To)
	})
	byID := map[string]*Node{}
	for _, n := range g.nodes {
		byID[n.ID] = n
	}
	for _, f := range findings {
		if f.Suppressed() || f.Resource == "" {
			continue
		}
		for _, n := range g.nodes {
			if n.Address != f.Resource || !sameFile(f.Range.Filename, n.File) {
				continue
			}
			if e := g.linkFor(n, byID, f.Property); e != nil {
				e.Rules = addRule(e.Rules, f.RuleID)
			} else {
				n.Rules = addRule(n.Rules, f.RuleID)
			}
		}
	}
}

func (g *Graph) linkFor(n *Node, byID map[string]*Node, property string) *Edge {
	leaf := strings.ToLower(property[strings.LastIndex(property, ".")+1:])
	for _, e := range g.edges {
		if e.From != n.ID {
			continue
		}
		to := byID[e.To]
		for word, kind := range linkWords {
			if strings.Contains(leaf, word) && to.Kind == kind {
				return e
			}
		}
	}
	return nil
}

func addRule(rules []string, id string) []string {
	if !slices.Contains(rules, id) {
		rules = append(rules, id)
		slices.Sort(rules)
	}
	return rules
}

func sameFile(findingFile, nodeFile string) bool {
	return nodeFile != "" && (findingFile == nodeFile || strings.HasSuffix(findingFile, "/"+nodeFile))
}

func nodeLess(a, b *Node) bool {
	if a.unit != b.unit {
		return a.unit < b.unit
	}
	if (a.Address == "") != (b.Address == "") {
		return a.Address != ""
	}
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.ID < b.ID
}

// label is a node's text: kind, address, file:line, and the rule ids.
func (n *Node) label() []string {
	lines := []string{n.Kind}
	if n.Address != "" {
		lines = append(lines, n.Address, fmt.Sprintf("%s:%d", n.File, n.Line))
	} else {
		lines = append(lines, n.Note)
	}
	if len(n.Rules) > 0 {
		lines = append(lines, "⚠ "+strings.Join(n.Rules, " "))
	}
	return lines
}

func (e *Edge) label() string {
	if len(e.Rules) > 0 {
		return e.Label + " ⚠ " + strings.Join(e.Rules, " ")
	}
	return e.Label
}

// Mermaid writes a flowchart. Text from the scanned files is written as
// Mermaid entity codes (#34; and so on) wherever it is not a plain
// letter, digit or one of " ._/:-", so that no name can close a label,
// start markup or end the code fence of a markdown summary.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for _, n := range g.nodes {
		parts := n.label()
		for i := range parts {
			parts[i] = mermaidText(parts[i])
		}
		shape := `["%s"]`
		if n.Address == "" {
			shape = `(["%s"])`
		}
		fmt.Fprintf(&b, "  %s"+shape+"\n", n.ID, strings.Join(parts, "<br/>"))
	}
	for _, e := range g.edges {
		arrow := "-->"
		if len(e.Rules) > 0 {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", e.From, arrow, mermaidText(e.label()), e.To)
	}
	var flagged []string
	for _, n := range g.nodes {
		if len(n.Rules) > 0 {
			flagged = append(flagged, n.ID)
		}
	}
	if len(flagged) > 0 {
		b.WriteString("  classDef finding stroke:#c00,stroke-width:3px,color:#900\n")
		fmt.Fprintf(&b, "  class %s finding\n", strings.Join(flagged, ","))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(" ._/:-⚠", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "#%d;", r)
		}
	}
	return b.String()
}

// DOT writes a Graphviz digraph.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph configward {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n")
	for _, n := range g.nodes {
		attrs := fmt.Sprintf("label=%s", dotQuote(strings.Join(n.label(), "\n")))
		if n.Address == "" {
			attrs += ", style=dashed"
		}
		if len(n.Rules) > 0 {
			attrs += ", color=red, penwidth=2"
		}
		fmt.Fprintf(&b, "  %s [%s];\n", n.ID, attrs)
	}
	for _, e := range g.edges {
		attrs := fmt.Sprintf("label=%s", dotQuote(e.label()))
		if len(e.Rules) > 0 {
			attrs += ", color=red, style=dashed"
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", e.From, e.To, attrs)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, "\\\\x%02x", r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

package model

import (
	"fmt"
	"strings"
)

// Dump renders a unit as stable text (every node with its kind and range),
// for the parsers' golden tests.
func Dump(u *Unit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "unit %s %s\n", u.Format, u.Path)
	for _, r := range u.Resources {
		fmt.Fprintf(&b, "resource %s %s @%s", r.Type, r.Address, fmtRange(r.DefRange))
		if r.CDKPath != "" {
			fmt.Fprintf(&b, " cdk=%s", r.CDKPath)
		}
		b.WriteString("\n")
		dumpValue(&b, "  ", r.Body)
	}
	for _, p := range u.Policies {
		fmt.Fprintf(&b, "policy %s %s %s @%s", p.Kind, p.Subject(), p.Property, fmtRange(p.Range))
		if p.Unknown {
			b.WriteString(" unknown")
		}
		b.WriteString("\n")
		for _, s := range p.Statements {
			dumpStatement(&b, s)
		}
	}
	for _, d := range u.Diagnostics {
		fmt.Fprintf(&b, "diag %s: %s\n", fmtRange(d.Range), d.Summary)
	}
	for _, s := range u.Suppressions {
		fmt.Fprintf(&b, "ignore %s %q lines=%v resource=%q @%s\n", s.RuleID, s.Reason, s.Lines, s.Resource, fmtRange(s.Range))
	}
	return b.String()
}

func fmtRange(r Range) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d", r.Filename, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

// String renders a range as file:line:col-line:col.
func (r Range) String() string { return fmtRange(r) }

func dumpValue(b *strings.Builder, indent string, v *Value) {
	if v == nil {
		return
	}
	fmt.Fprintf(b, "%s%s", indent, v.Kind)
	switch v.Kind {
	case String, Number, Bool:
		fmt.Fprintf(b, " %q", v.Str)
	case Unknown:
		fmt.Fprintf(b, " (%s)", v.Reason)
		if v.Ref != nil {
			fmt.Fprintf(b, " ref=%s", v.Ref.Target)
			if v.Ref.Attr != "" {
				fmt.Fprintf(b, ".%s", v.Ref.Attr)
			}
		}
		if v.Hint != NoHint {
			fmt.Fprintf(b, " hint=%d", v.Hint)
		}
	}
	if v.Sensitive {
		b.WriteString(" sensitive")
	}
	fmt.Fprintf(b, " @%s\n", fmtRange(v.Range))
	for _, it := range v.Items {
		dumpValue(b, indent+"  ", it)
	}
	for _, f := range v.Fields {
		fmt.Fprintf(b, "%s  %q @%s\n", indent, f.Key, fmtRange(f.KeyRange))
		dumpValue(b, indent+"    ", f.Value)
	}
}

func dumpStatement(b *strings.Builder, s *Statement) {
	fmt.Fprintf(b, "  statement %d sid=%q effect=%q @%s", s.Index, s.Sid, s.Effect, fmtRange(s.Range))
	if s.Unknown {
		b.WriteString(" unknown")
	}
	b.WriteString("\n")
	for _, p := range s.Principal {
		fmt.Fprintf(b, "    principal %s %s\n", p.Type, fmtElem(p.Value))
	}
	for _, p := range s.NotPrincipal {
		fmt.Fprintf(b, "    notprincipal %s %s\n", p.Type, fmtElem(p.Value))
	}
	for _, e := range s.Action {
		fmt.Fprintf(b, "    action %s\n", fmtElem(e))
	}
	for _, e := range s.NotAction {
		fmt.Fprintf(b, "    notaction %s\n", fmtElem(e))
	}
	for _, e := range s.Resource {
		fmt.Fprintf(b, "    resource %s\n", fmtElem(e))
	}
	for _, e := range s.NotResource {
		fmt.Fprintf(b, "    notresource %s\n", fmtElem(e))
	}
	for _, c := range s.Conditions {
		fmt.Fprintf(b, "    condition %s(set=%q ifexists=%v) %s @%s", c.Base, c.SetOp, c.IfExists, c.KeyFolded, fmtRange(c.KeyRange))
		for _, v := range c.Values {
			fmt.Fprintf(b, " %s", fmtElem(v))
		}
		b.WriteString("\n")
	}
}

func fmtElem(e *Elem) string {
	if e == nil {
		return "<nil>"
	}
	if !e.Known {
		return fmt.Sprintf("unknown(%s hint=%d)@%s", e.Reason, e.Hint, fmtRange(e.Range))
	}
	return fmt.Sprintf("%q@%s", e.Text, fmtRange(e.Range))
}

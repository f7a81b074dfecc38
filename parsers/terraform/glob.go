package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// templateGlob renders a string template with each part that is not a
// known string as "*" (model.Value.Glob): "arn:*:iam::aws:policy/X" for
// "arn:${data.aws_partition.current.partition}:iam::aws:policy/X". It is ""
// when no part is literal text.
func (w *walker) templateGlob(e *hclsyntax.TemplateExpr) string {
	var b strings.Builder
	literal := false
	for _, part := range e.Parts {
		v, _ := w.eval(part).Unmark()
		if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			b.WriteString(v.AsString())
			literal = literal || v.AsString() != ""
		} else if !strings.HasSuffix(b.String(), "*") {
			b.WriteByte('*')
		}
		if b.Len() > 4096 {
			return ""
		}
	}
	if !literal {
		return ""
	}
	return b.String()
}

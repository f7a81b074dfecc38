package terraform

import (
	"math/big"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestNumberText: numberText writes every number as Text('f', -1) does,
// numbers read from HCL literals (512 bits of mantissa) and made by
// cty alike: whole numbers at and past the int64 bounds, negative zero,
// fractions and large exponents.
func TestNumberText(t *testing.T) {
	literals := []string{"0", "1", "443", "-1", "10250", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "1e30", "1.5", "0.1", "-0.25", "2e-5", "123456789012345678901234567890"}
	var nums []*big.Float
	for _, l := range literals {
		e, diags := hclsyntax.ParseExpression([]byte(l), "n.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", l, diags)
		}
		v, diags := e.Value(nil)
		if diags.HasErrors() || v.Type() != cty.Number {
			t.Fatalf("%s: %v %v", l, v, diags)
		}
		nums = append(nums, v.AsBigFloat())
	}
	negZero := new(big.Float).Neg(new(big.Float))
	nums = append(nums, negZero, cty.NumberIntVal(7).AsBigFloat(), cty.NumberFloatVal(2.5).AsBigFloat(),
		cty.NumberIntVal(-1<<63).AsBigFloat())
	for _, f := range nums {
		if got, want := numberText(f), f.Text('f', -1); got != want {
			t.Errorf("numberText(%v) = %q, Text('f', -1) = %q", f, got, want)
		}
	}
}

package cloudformation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// TestConditionsUnderOwnCondition: a resource's own Condition holds while
// it is evaluated, and so do the conditions built on it, for every resource
// under it; a condition that does not name it keeps its value.
func TestConditionsUnderOwnCondition(t *testing.T) {
	src := "Parameters:\n  Env: {Type: String}\n" +
		"Conditions:\n" +
		"  IsProd: !Equals [!Ref Env, prod]\n" +
		"  ProdAndTrue: !And [!Condition IsProd, !Equals [a, a]]\n" +
		"  ViaIf: !Equals [!If [ProdAndTrue, x, y], x]\n" +
		"  IsDev: !Equals [!Ref Env, dev]\n" +
		"  Never: !Equals [a, b]\n" +
		"Resources:\n" +
		"  A:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n    Properties: {TopicName: !If [ProdAndTrue, a1, a2], DisplayName: !If [IsDev, d1, d2]}\n" +
		"  B:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n    Properties: {TopicName: !If [ViaIf, b1, b2], DisplayName: !If [Never, n1, n2]}\n" +
		"  C:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !If [ProdAndTrue, c1, c2]}\n" +
		"  D:\n    Type: AWS::SNS::Topic\n    Condition: IsDev\n    Properties: {TopicName: !If [ProdAndTrue, e1, e2], DisplayName: !If [IsDev, f1, f2]}\n" +
		"  E:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n    Properties: {TopicName: !If [IsDev, g1, g2]}\n"
	u := mustParse(t, src, Options{})
	got := map[string]string{}
	for _, r := range u.Resources {
		for _, p := range []string{"TopicName", "DisplayName"} {
			v := r.Prop(p)
			if v == nil {
				continue
			}
			s, ok := v.AsString()
			if !ok || v.Kind == model.Unknown {
				s = "?"
			}
			got[r.Name+"."+p] = s
		}
	}
	want := map[string]string{
		"A.TopicName": "a1", "A.DisplayName": "?", // IsDev does not name IsProd: unknown
		"B.TopicName": "b1", "B.DisplayName": "n2",
		"C.TopicName": "?",
		"D.TopicName": "?", "D.DisplayName": "f1",
		"E.TopicName": "?", // the cache of IsProd's resources holds no IsDev
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], w, got)
		}
	}
}

// TestConditionTreeIsEvaluatedOnce: n resources, each under its own leaf of
// a tree of Fn::And over n leaves, read the root: under each leaf only its
// path to the root is evaluated again, so 4 times the resources cost about 4
// times the allocations (counted, not timed; all pairs made it 16 times).
func TestConditionTreeIsEvaluatedOnce(t *testing.T) {
	allocs := func(n int) float64 {
		var b strings.Builder
		b.WriteString("Parameters:\n  P:\n    Type: String\nConditions:\n")
		level := make([]string, n)
		for i := range n {
			level[i] = fmt.Sprintf("L%d", i)
			fmt.Fprintf(&b, "  L%d: !Equals [!Ref P, v%d]\n", i, i)
		}
		for depth := 0; len(level) > 1; depth++ {
			var up []string
			for j := 0; j < len(level); j += 10 {
				name := fmt.Sprintf("N%d_%d", depth, j/10)
				parts := []string{}
				for _, c := range level[j:min(j+10, len(level))] {
					parts = append(parts, "!Condition "+c)
				}
				fmt.Fprintf(&b, "  %s: !And [%s]\n", name, strings.Join(parts, ", "))
				up = append(up, name)
			}
			level = up
		}
		b.WriteString("Resources:\n")
		for i := range n {
			fmt.Fprintf(&b, "  T%d:\n    Type: AWS::SNS::Topic\n    Condition: L%d\n    Properties: {TopicName: !If [%s, a, b]}\n", i, i, level[0])
		}
		src := []byte(b.String())
		return testing.AllocsPerRun(1, func() {
			if u := mustParse(t, string(src), Options{}); len(u.Resources) != n {
				t.Fatalf("%d resources, want %d", len(u.Resources), n)
			}
		})
	}
	small, large := allocs(500), allocs(2000)
	if large > 5*small {
		t.Errorf("%.0f allocations for 500 resources, %.0f for 2000", small, large)
	}
	t.Logf("%.0f allocations for 500 resources, %.0f for 2000", small, large)
}

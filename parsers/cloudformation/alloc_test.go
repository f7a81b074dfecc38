package cloudformation

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/configward/configward/parsers/model"
)

// slabTemplate is a template of n resources in the corpus's shape: about
// one value a line, a few lists and intrinsics.
func slabTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env:\n    Type: String\n    Default: dev\nResources:\n")
	for i := range n {
		fmt.Fprintf(&b, `  Queue%d:
    Type: AWS::SQS::Queue
    # a comment line
    Properties:
      QueueName: !Sub "${Env}-queue-%d"
      KmsMasterKeyId: alias/aws/sqs
      VisibilityTimeout: 30
      Tags:
        - Key: Name
          Value: !Ref Env
        - Key: Owner
          Value: team-%d
`, i, i, i)
	}
	return []byte(b.String())
}

// TestAllocFastYAMLSlabs: the value and field slabs of the fast reader are
// sized by the lines of the source below what templates hold, so that
// what it allocates stays close to the tree it makes (1.25 times its
// values and fields here, the line table, strings and slices included).
// A first slab of 1.5 values and 1.25 fields a line allocated 1.39 times
// it here, and left a third of the corpus's slabs unused.
func TestAllocFastYAMLSlabs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	src := slabTemplate(60)
	v, _, ok := readFastYAML(newLineTable("t.yaml", src))
	if !ok {
		t.Fatal("the fast reader gives up on the template")
	}
	var values, fields int
	v.Walk(func(x *model.Value) bool {
		values++
		fields += len(x.Fields)
		return true
	})
	tree := uint64(values)*uint64(unsafe.Sizeof(model.Value{})) + uint64(fields)*uint64(unsafe.Sizeof(model.Field{}))
	const runs = 10
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		readFastYAML(newLineTable("t.yaml", src))
	}
	runtime.ReadMemStats(&after)
	got := (after.TotalAlloc - before.TotalAlloc) / runs
	t.Logf("%d lines, %d values, %d fields: %d bytes allocated, the tree's values and fields %d (%.2fx)", newLineTable("t.yaml", src).lines(), values, fields, got, tree, float64(got)/float64(tree))
	if got > tree*13/10 {
		t.Errorf("%d bytes allocated for a tree of %d bytes of values and fields, want at most 1.3 times it", got, tree)
	}
}

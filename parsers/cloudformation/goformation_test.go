package cloudformation

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/awslabs/goformation/v7/intrinsics"

	"github.com/configward/configward/parsers/model"
)

// The differential test checks our evaluation of the intrinsic functions
// against goformation's intrinsics processor (a test-only oracle: see
// shared/design.md §3) on every fixture template it can process: Ref to
// parameters, Fn::Sub, Fn::Join, Fn::If with conditions, Fn::FindInMap,
// Fn::Select and Fn::Split all end up in the resources' properties that
// both sides evaluate.
//
// goformation fakes what cannot be known offline (region us-east-1,
// account 123456789012, a GetAtt as nil, an unresolvable ${X} stripped
// from a Sub), so values are compared only where ours is known: wherever
// configward says it knows a value, goformation must have computed the
// same one. Each template runs twice: with its defaults and with every
// String parameter set to "prod" (the same overrides on both sides).
//
// Where goformation gives nothing (nil) it could not evaluate the value:
// it drops the !Condition tag (so conditions built from others stay
// undecided), turns AWS::NoValue into a null list item instead of removing
// it, and resolves GetAtt to nil. Those values are counted, not compared.
// The places where both sides give a value and goformation is wrong are
// listed in knownDivergences with the reason; any other difference fails.

// knownDivergences are goformation's mistakes on our fixtures, by
// "file property path".
var knownDivergences = map[string]string{
	"eval.yaml Properties.Escaped": `Fn::Sub "${!Literal}" is the literal "${Literal}"; goformation keeps the "!"`,
	"eval.yaml Properties.Joined":  "goformation's Fn::Join drops a number item; CloudFormation writes it as text",
	// goformation does not split CommaDelimitedList parameters into lists.
	"eval.yaml Properties.SubnetList": "a CommaDelimitedList parameter is a list, space-trimmed; goformation keeps the string",
}

// differentialRoots are the directories of fixture templates.
var differentialRoots = []string{
	testdataDir,
	"../../testdata/rules",
	"../../testdata/cdk",
}

func differentialFiles(t *testing.T) []string {
	var files []string
	for _, root := range differentialRoots {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".yaml", ".yml", ".json", ".template":
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	return files
}

// stringParams are the overrides of the second run.
func stringParams(u *model.Unit, root map[string]any) map[string]string {
	params, _ := root["Parameters"].(map[string]any)
	out := map[string]string{}
	for name, def := range params {
		d, _ := def.(map[string]any)
		if typ, _ := d["Type"].(string); typ == "String" {
			out[name] = "prod"
		}
	}
	return out
}

func TestDifferentialGoformation(t *testing.T) {
	var templates, skipped, compared, unresolved int
	for _, file := range differentialFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		u, ok := Parse(filepath.Base(file), src, Options{})
		if !ok || len(u.Resources) == 0 || hasSyntaxError(u) {
			continue
		}
		base, err := intrinsics.ProcessYAML(src, &intrinsics.ProcessorOptions{NoProcess: true})
		if err != nil {
			skipped++
			t.Logf("%s: goformation cannot read it: %v", file, err)
			continue
		}
		var raw map[string]any
		if json.Unmarshal(base, &raw) != nil {
			skipped++
			continue
		}
		templates++
		for run, params := range []map[string]string{nil, stringParams(u, raw)} {
			if run == 1 && len(params) == 0 {
				continue
			}
			u, _ := Parse(filepath.Base(file), src, Options{Params: params})
			overrides := map[string]any{}
			for k, v := range params {
				overrides[k] = v
			}
			out, err := intrinsics.ProcessYAML(src, &intrinsics.ProcessorOptions{ParameterOverrides: overrides, EvaluateConditions: true})
			if err != nil {
				t.Logf("%s: goformation fails on it: %v", file, err)
				continue
			}
			var theirs map[string]any
			if err := json.Unmarshal(out, &theirs); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			res, _ := theirs["Resources"].(map[string]any)
			for _, r := range u.Resources {
				def, ok := res[r.Name].(map[string]any)
				if !ok || r.Address != r.Name || r.Body == nil || strings.HasPrefix(r.Type, "AWS::Serverless::") {
					// Synthesized (a SAM role), nested, or with SAM
					// Globals merged, which goformation's processor
					// does not do.
					continue
				}
				d := &differ{t: t, file: filepath.Base(file), where: fmt.Sprintf("%s (params %v): %s", file, params, r.Name)}
				d.compare(r.Body, def["Properties"], "Properties")
				compared += d.n
				unresolved += d.unresolved
			}
		}
	}
	t.Logf("%d templates compared on %d known values (%d more goformation could not evaluate); %d templates goformation cannot read",
		templates, compared, unresolved, skipped)
	if templates < 10 || compared < 200 {
		t.Errorf("too little compared: %d templates, %d values", templates, compared)
	}
}

func hasSyntaxError(u *model.Unit) bool {
	for _, d := range u.Diagnostics {
		if strings.HasPrefix(d.Summary, "invalid ") {
			return true
		}
	}
	return false
}

type differ struct {
	t          *testing.T
	file       string
	where      string
	n          int
	unresolved int
}

func (d *differ) errorf(path, format string, args ...any) {
	if _, ok := knownDivergences[d.file+" "+path]; ok {
		return
	}
	d.t.Errorf("%s %s: "+format, append([]any{d.where, path}, args...)...)
}

// compare checks that theirs equals ours wherever ours is known.
func (d *differ) compare(ours *model.Value, theirs any, path string) {
	if ours == nil || ours.Kind == model.Unknown {
		return
	}
	if theirs == nil && ours.Kind != model.Null {
		d.unresolved++
		return
	}
	switch ours.Kind {
	case model.Null:
		return
	case model.String, model.Number, model.Bool:
		d.n++
		if !sameScalar(ours, theirs) {
			d.errorf(path, "ours %q, goformation %#v", ours.Str, theirs)
		}
	case model.List:
		l, ok := theirs.([]any)
		if ok && len(l) != len(ours.Items) {
			// goformation leaves AWS::NoValue as a null item.
			var kept []any
			for _, it := range l {
				if it != nil {
					kept = append(kept, it)
				}
			}
			l = kept
		}
		if !ok || len(l) != len(ours.Items) {
			d.errorf(path, "ours a list of %d, goformation %#v", len(ours.Items), theirs)
			return
		}
		for i, it := range ours.Items {
			d.compare(it, l[i], fmt.Sprintf("%s[%d]", path, i))
		}
	case model.Object:
		m, ok := theirs.(map[string]any)
		if !ok {
			d.errorf(path, "ours an object, goformation %#v", theirs)
			return
		}
		for _, f := range ours.Fields {
			if f.Value.Kind == model.Unknown {
				continue
			}
			v, ok := m[f.Key]
			if !ok {
				d.errorf(path+"."+f.Key, "ours %s, goformation has no such key", f.Value.Kind)
				continue
			}
			d.compare(f.Value, v, path+"."+f.Key)
		}
	}
}

func sameScalar(ours *model.Value, theirs any) bool {
	switch v := theirs.(type) {
	case string:
		return ours.Str == v
	case bool:
		return ours.Str == strconv.FormatBool(v)
	case float64:
		f, err := strconv.ParseFloat(ours.Str, 64)
		return err == nil && f == v
	}
	return false
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"testing"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"
)

// actionMetadata is the part of action.yml that GitHub reads.
type actionMetadata struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string           `yaml:"using"`
		Steps []map[string]any `yaml:"steps"`
	} `yaml:"runs"`
}

// TestActionMetadataParses reads action.yml as GitHub does (strict YAML) and
// checks that every input the steps use is declared.
func TestActionMetadataParses(t *testing.T) {
	src, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var md actionMetadata
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&md); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if md.Name == "" || md.Description == "" || md.Runs.Using != "composite" || len(md.Runs.Steps) == 0 {
		t.Fatalf("action.yml: want a named composite action with steps, got %+v", md)
	}
	for name, in := range md.Inputs {
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
	}
	for _, m := range regexp.MustCompile(`inputs\.([A-Za-z0-9_-]+)`).FindAllSubmatch(src, -1) {
		if _, ok := md.Inputs[string(m[1])]; !ok {
			t.Errorf("action.yml uses undeclared input %q", m[1])
		}
	}
}

// TestActionlint lints the workflows of .github/workflows, among them one
// that uses this action (`uses: ./`), so actionlint also checks action.yml
// and the inputs given to it.
func TestActionlint(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, ".github/workflows/*.yml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("want the CI workflow and one using the action in .github/workflows, got %v (%v)", files, err)
	}
	var out bytes.Buffer
	l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{WorkingDir: root, Color: actionlint.ColorOptionKindNever, Oneline: true})
	if err != nil {
		t.Fatal(err)
	}
	proj, err := actionlint.NewProject(root)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, proj)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) > 0 {
		t.Errorf("actionlint found %d problems:\n%s", len(errs), out.String())
	}
}

func TestBuildDescription(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
	}}
	if got, want := buildDescription(bi), "v1.2.0 (0123abcd, 2026-12-01T10:00:00Z, modified) go1.26.8"; got != want {
		t.Errorf("buildDescription = %q, want %q", got, want)
	}
	bi = &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}
	if got, want := buildDescription(bi), "devel go1.26.8"; got != want {
		t.Errorf("buildDescription = %q, want %q", got, want)
	}
}

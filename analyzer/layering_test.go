package analyzer_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/configward/configward"

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func listPackages(t *testing.T, args ...string) []pkg {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-json"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestLayering enforces the dependency direction of the design:
// parsers/* -> parsers/model <- analyzer <- rules; the checker never imports
// rules; rules never import a parser.
func TestLayering(t *testing.T) {
	for _, p := range listPackages(t, module+"/...") {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(imp, module+"/")
			if reason := forbidden(rel, dep); reason != "" {
				t.Errorf("%s imports %s: %s", rel, dep, reason)
			}
		}
	}
}

func forbidden(pkg, dep string) string {
	switch {
	case pkg == "parsers/model":
		return "the model imports nothing of the project"
	case (pkg == "rules" || strings.HasPrefix(pkg, "rules/")) && strings.HasPrefix(dep, "parsers/") && dep != "parsers/model":
		return "rules work on the model only, never on a parser"
	case (pkg == "rules" || strings.HasPrefix(pkg, "rules/")) && strings.HasPrefix(dep, "analyzer/"):
		return "rules use the analyzer API only"
	case strings.HasPrefix(pkg, "analyzer") && (dep == "rules" || strings.HasPrefix(dep, "rules/")):
		return "the analyzer packages are given the rules, they never import them"
	case pkg == "analyzer" && dep != "parsers/model":
		return "the rule API depends on the model only"
	case strings.HasPrefix(pkg, "parsers/") && (strings.HasPrefix(dep, "analyzer") || strings.HasPrefix(dep, "rules") || strings.HasPrefix(dep, "cmd")):
		return "parsers know nothing of rules or the driver"
	case pkg == "analyzer/report" && dep != "analyzer" && dep != "parsers/model":
		return "reports consume findings and rules only"
	}
	return ""
}

// TestBinaryNeverNetworksOrExecutes: the configward binary links no network,
// process-spawning or plugin package.
func TestBinaryNeverNetworksOrExecutes(t *testing.T) {
	ps := listPackages(t, "-deps", module+"/cmd/configward")
	for _, p := range ps {
		switch p.ImportPath {
		case "net", "net/http", "os/exec", "plugin", "net/rpc", "net/smtp":
			t.Errorf("the configward binary depends on %s", p.ImportPath)
		}
	}
}

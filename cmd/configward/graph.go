package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/graph"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules"
)

// runGraph prints the AWS Config delivery paths of the scanned set:
//
//	configward graph [--format mermaid|dot] [PATH ...]
//
// It scans as `scan` does (the same configuration) so that the nodes and
// links with findings carry their rule ids.
func runGraph(args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	fs := newScanFlagSet(&f, stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: configward graph [--format mermaid|dot] [scan flags] [PATH ...]\n\nDraws recorder -> role -> delivery channel -> bucket -> topic for each recorder, with aggregators and organization rules; nodes and links with findings carry their rule ids.\n")
	}
	fs.Lookup("format").DefValue = "mermaid"
	f.format = "mermaid"
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if f.format != "mermaid" && f.format != "dot" {
		return usageError(stderr, "graph: unknown --format %q (want mermaid or dot)", f.format)
	}
	all := rules.All()
	cfg, err := loadConfig(f.configPath, all, maxInputSize(&f))
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	selected, err := selectRules(all, f.rules, f.skipRules, cfg)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	g := graph.New()
	opts, err := scanOptions(&f, cfg, append(selected, graphDrawer(g)))
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	res, err := checker.Run(paths, opts)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	g.Mark(res.Findings)
	nameGraphFiles(g, paths)
	if len(g.Nodes()) == 0 {
		fmt.Fprintln(stderr, "configward graph: no AWS Config recorder or delivery channel found")
	}
	var out bytes.Buffer
	if f.format == "dot" {
		err = g.DOT(&out)
	} else {
		err = g.Mermaid(&out)
	}
	if err == nil {
		_, err = stdout.Write(out.Bytes())
	}
	if err != nil {
		fmt.Fprintln(stderr, "configward:", err)
		return exitUsage
	}
	return exitOK
}

// displayPath joins a root-relative file name with the scanned PATH it
// exists under.
func displayPath(paths []string, file string) string {
	for _, p := range orDot(paths) {
		dir := p
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			dir = filepath.Dir(p)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err == nil {
			return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(file)))
		}
	}
	return file
}

// graphDrawer is one more rule that sees every unit, draws its delivery
// paths into g and reports nothing.
func graphDrawer(g *graph.Graph) *analyzer.Rule {
	return &analyzer.Rule{ID: "CW000", Name: "delivery-graph", Title: "delivery path graph",
		Formats: []model.Format{model.CloudFormation, model.Terraform},
		Run:     func(p *analyzer.Pass) error { g.Add(p.Unit); return nil }}
}

func isGraphFormat(f string) bool { return f == "mermaid" || f == "dot" }

// nameGraphFiles names each node's file as scan names findings: from the
// current directory, through the PATH it was found under.
func nameGraphFiles(g *graph.Graph, paths []string) {
	for _, n := range g.Nodes() {
		if n.File != "" {
			n.File = displayPath(paths, n.File)
		}
	}
}

// writeGraph writes the graph report of --report mermaid=PATH or dot=PATH.
func writeGraph(t reportTarget, g *graph.Graph, stdout io.Writer) error {
	var out bytes.Buffer
	if t.format == "dot" {
		g.DOT(&out)
	} else {
		g.Mermaid(&out)
	}
	if t.path == "-" {
		_, err := stdout.Write(out.Bytes())
		return err
	}
	return os.WriteFile(t.path, out.Bytes(), 0o644)
}

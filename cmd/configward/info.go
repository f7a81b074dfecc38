package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/rules"
)

// version is the module version stamped by `go install`, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
	}
	return "devel"
}

// buildDescription is what `configward version` says of the build: the
// module version, and the VCS revision, its time and whether the tree had
// uncommitted changes when the binary was built from a checkout.
func buildDescription(bi *debug.BuildInfo) string {
	v := "devel"
	if bi == nil {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		v += " (" + rev
		if t := settings["vcs.time"]; t != "" {
			v += ", " + t
		}
		if settings["vcs.modified"] == "true" {
			v += ", modified"
		}
		v += ")"
	}
	if bi.GoVersion != "" {
		v += " " + bi.GoVersion
	}
	return v
}

func formatNames(r *analyzer.Rule) []string {
	var out []string
	for _, f := range r.Formats {
		out = append(out, string(f))
	}
	return out
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "configward rules: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	all := rules.All()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tFORMATS\tTITLE")
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Name, strings.Join(formatNames(r), ","), r.Title)
		}
		tw.Flush()
	case "json":
		type entry struct {
			ID       string   `json:"id"`
			Name     string   `json:"name"`
			Severity string   `json:"severity"`
			Formats  []string `json:"formats"`
			Title    string   `json:"title"`
			HelpURI  string   `json:"helpUri"`
		}
		out := []entry{}
		for _, r := range all {
			out = append(out, entry{r.ID, r.Name, r.Severity.String(), formatNames(r), r.Title, r.HelpURI()})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(stderr, "configward:", err)
			return exitUsage
		}
	default:
		fmt.Fprintf(stderr, "configward rules: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	return exitOK
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: configward explain RULE-ID")
		return exitUsage
	}
	r := analyzer.Lookup(rules.All(), strings.ToUpper(args[0]))
	if r == nil {
		fmt.Fprintf(stderr, "configward explain: unknown rule id %q (see `configward rules`)\n", args[0])
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s %s (%s): %s\nformats: %s\n\n%s", r.ID, r.Name, r.Severity, r.Title, strings.Join(formatNames(r), ", "), r.Documentation())
	return exitOK
}

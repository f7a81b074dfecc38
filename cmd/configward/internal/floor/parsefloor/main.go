// Command parsefloor is the parse-only floor of a scan as a process, for
// paired runs against the configward binary (hyperfine, /usr/bin/time):
//
//	go build -o /tmp/parsefloor ./cmd/configward/internal/floor/parsefloor
//	hyperfine -N '/tmp/parsefloor DIR' 'configward scan DIR'
//
// It lists the files a scan reads under each DIR and parses each once, with
// the collector set as configward sets it while scanning.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/configward/configward/cmd/configward/internal/floor"
)

// gogc is configward's setting during a scan (cmd/configward scanGOGC).
const gogc = 200

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gogc)
	}
	dirs := os.Args[1:]
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	for _, d := range dirs {
		n, broken, err := floor.Dir(d)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if os.Getenv("PARSEFLOOR_VERBOSE") != "" {
			fmt.Fprintf(os.Stderr, "%s: %d files, %d not parsed\n", d, n, broken)
		}
	}
}

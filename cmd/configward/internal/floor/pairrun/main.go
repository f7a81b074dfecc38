// Command pairrun times commands in alternation, so that a change in a
// shared machine's load falls on each of them alike, and prints per command
// the median wall time, CPU time (user+system of the process and its
// threads) and peak resident memory, and the median of the per-round ratios
// of each command to the first one (the floor):
//
//	pairrun -n 15 -warmup 2 '/tmp/parsefloor DIR' 'configward scan DIR'
//
// Commands are split on spaces (no shell); their output is discarded.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

type sample struct {
	wall, cpu time.Duration
	rssKB     int64
}

func run(args []string) (sample, error) {
	cmd := exec.Command(args[0], args[1:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return sample{}, err
	}
	if !cmd.ProcessState.Success() && !strings.Contains(cmd.ProcessState.String(), "exit status 1") {
		return sample{}, fmt.Errorf("%s: %v", args[0], err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rssKB: ru.Maxrss}, nil
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func main() {
	n := flag.Int("n", 10, "rounds")
	warmup := flag.Int("warmup", 1, "untimed rounds first")
	flag.Parse()
	var cmds [][]string
	for _, c := range flag.Args() {
		cmds = append(cmds, strings.Fields(c))
	}
	if len(cmds) == 0 {
		fmt.Fprintln(os.Stderr, "usage: pairrun [-n N] [-warmup N] 'floor command' 'command' ...")
		os.Exit(2)
	}
	samples := make([][]sample, len(cmds))
	for round := range *warmup + *n {
		// Alternate the order too: the first of a pair may warm caches for
		// the second.
		order := make([]int, len(cmds))
		for i := range order {
			order[i] = i
		}
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, i := range order {
			s, err := run(cmds[i])
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			if round >= *warmup {
				samples[i] = append(samples[i], s)
			}
		}
	}
	for i, c := range cmds {
		var wall, cpu []time.Duration
		var rss []int64
		var rw, rc []float64
		for k, s := range samples[i] {
			wall = append(wall, s.wall)
			cpu = append(cpu, s.cpu)
			rss = append(rss, s.rssKB)
			f := samples[0][k]
			rw = append(rw, float64(s.wall)/float64(f.wall))
			rc = append(rc, float64(s.cpu)/float64(max(f.cpu, time.Microsecond)))
		}
		fmt.Printf("%-60.60s wall %8.1f ms  cpu %8.1f ms  rss %6.1f MB", strings.Join(c, " "),
			ms(median(wall)), ms(median(cpu)), float64(median(rss))/1024)
		if i > 0 {
			fmt.Printf("  x floor: wall %.2f cpu %.2f", median(rw), median(rc))
		}
		fmt.Println()
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

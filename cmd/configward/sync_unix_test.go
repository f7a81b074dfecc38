//go:build unix

package main

import "syscall"

// flushWrites has the kernel write a generated benchmark tree out now, not
// while the benchmark is timed.
func flushWrites() { syscall.Sync() }

package main

import (
	"errors"
	"os"
	"runtime"
	"runtime/pprof"
)

// memProfileRate is the runtime's default sampling of allocations, which
// --memprofile turns back on (startProcess turns it off).
const memProfileRate = 512 << 10

// startProfiles starts a CPU profile and arranges a heap profile, for
// --cpuprofile and --memprofile; the returned function finishes both. The
// heap profile samples the allocations from here on.
func startProfiles(cpuPath, memPath string) (stop func() error, err error) {
	if memPath != "" && runtime.MemProfileRate == 0 {
		runtime.MemProfileRate = memProfileRate
	}
	var cpu *os.File
	if cpuPath != "" {
		if cpu, err = os.Create(cpuPath); err != nil {
			return nil, err
		}
		if err = pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpu.Close())
		}
		if memPath != "" {
			mem, err := os.Create(memPath)
			if err != nil {
				return errors.Join(append(errs, err)...)
			}
			runtime.GC()
			errs = append(errs, pprof.WriteHeapProfile(mem), mem.Close())
		}
		return errors.Join(errs...)
	}, nil
}

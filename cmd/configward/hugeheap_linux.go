package main

import (
	"bytes"
	"syscall"
	"unsafe"
)

// hugeHeap puts the heap a scan grows into on transparent huge pages,
// where the system grants them on request (THP "madvise" or "always").
//
// Why: on a virtual machine the first touch of each 4 KB page costs 25-35
// us, and a small scan allocates 0.4-1 MB after start-up (one template,
// one module): 100-250 page faults, as much time as its parsing. A 2 MB
// huge page is one fault, which the kernel pays by zeroing 2 MB (about
// 0.2 ms).
//
// How: the runtime's start-up has already touched the first 2 MB region of
// the heap, so the kernel maps the rest of that region 4 KB at a time
// whatever it is told. A block that is never written (so never in memory)
// takes the free pages up to the next 2 MB boundary that lies in the middle
// of one of the runtime's 4 MB heap chunks: the runtime maps heap memory a
// chunk at a time, so the region after the boundary is mapped by then and
// keeps the advice (a later mapping would not). Later allocations land
// there. The block is garbage at once and counts toward the first
// collection like any other allocation; a scan large enough to collect
// reuses its pages.
//
// The advice is given only when the scan has something to read: an empty
// tree would pay for zeroing a huge page it hardly uses.
func hugeHeap(paths []string) {
	if hugeHeapTried || !hasInput(paths) || !hugePagesOnRequest() {
		return
	}
	hugeHeapTried = true
	const (
		page   = 8 << 10  // the runtime's page
		region = 2 << 20  // a huge page
		chunk  = 4 << 20  // the runtime's heap chunk (pallocChunkBytes)
		arena  = 64 << 20 // the runtime's heap arena (heapArenaBytes)
	)
	// A block of 16 pages or more comes from the heap's first free run,
	// not from a processor's cache of pages; the filler then takes the
	// rest of that run up to the boundary. (Both blocks go through
	// hugeHeapSink so that they are made on the heap.)
	hugeHeapSink = make([]byte, 128<<10)
	next := (uintptr(unsafe.Pointer(unsafe.SliceData(hugeHeapSink))) + uintptr(len(hugeHeapSink)) + page - 1) &^ (page - 1)
	boundary := (next+region+chunk-1)&^(chunk-1) - region
	if boundary < next {
		boundary += chunk
	}
	hugeHeapSink = make([]byte, boundary-next)
	hugeHeapBytes, hugeHeapAllocs = 128<<10+uint64(boundary-next), 2
	if at := uintptr(unsafe.Pointer(unsafe.SliceData(hugeHeapSink))); at&^(page-1) != next {
		hugeHeapSink = nil
		return // the heap is not shaped as expected: leave it alone
	}
	hugeHeapSink = nil
	end := (boundary + arena) &^ (arena - 1)
	syscall.Syscall(syscall.SYS_MADVISE, boundary, end-boundary, madvHugePage)
	hugeHeapStart = boundary
}

const madvHugePage = 14 // MADV_HUGEPAGE

// hugeHeapSink holds each block while its address is read; hugeHeapStart
// is where the advised heap begins (for the test); hugeHeapTried makes
// the advice once per process.
var (
	hugeHeapSink  []byte
	hugeHeapStart uintptr
	hugeHeapTried bool
)

// hugeHeapBytes and hugeHeapAllocs are what hugeHeap's two blocks count
// in runtime.MemStats: address space, never memory, which the allocation
// bounds of the scan leave out (TestAllocSmallScan).
var hugeHeapBytes, hugeHeapAllocs uint64

// hugePagesOnRequest reports whether the kernel gives transparent huge
// pages to memory advised with MADV_HUGEPAGE. (This and hasInput use
// system calls on buffers of their own: an empty scan should not pay page
// faults for the question.)
func hugePagesOnRequest() bool {
	fd, err := syscall.Open("/sys/kernel/mm/transparent_hugepage/enabled", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return false
	}
	text := buf[:n]
	return bytes.Contains(text, []byte("[madvise]")) || bytes.Contains(text, []byte("[always]"))
}

// hasInput reports whether a scan path is a non-empty file or a directory
// with an entry ("." when none is given).
func hasInput(paths []string) bool {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		var st syscall.Stat_t
		if syscall.Stat(p, &st) != nil {
			continue
		}
		if st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
			if st.Size > 0 {
				return true
			}
			continue
		}
		if dirHasEntry(p) {
			return true
		}
	}
	return false
}

// dirHasEntry reports whether directory dir lists a name other than "."
// and "..".
func dirHasEntry(dir string) bool {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [1024]byte
	n, err := syscall.ReadDirent(fd, buf[:])
	if err != nil || n <= 0 {
		return false
	}
	// ParseDirent decodes the records in the machine's byte order and
	// leaves out "." and "..".
	_, _, names := syscall.ParseDirent(buf[:n], 1, nil)
	return len(names) > 0
}

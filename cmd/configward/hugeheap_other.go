//go:build !linux

package main

// hugeHeap is Linux's transparent huge pages for the scan's heap
// (hugeheap_linux.go); elsewhere the heap stays as the runtime maps it.
func hugeHeap(paths []string) {}

// hugeHeapBytes and hugeHeapAllocs are what hugeHeap allocates: nothing.
var hugeHeapBytes, hugeHeapAllocs uint64

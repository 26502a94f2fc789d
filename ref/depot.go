//go:build refdebug

package ref

import (
	"runtime"
	"slices"
	"sync"
	"unsafe"
)

// maxDepth bounds the frames kept per stack.
const maxDepth = 32

// A stack is one distinct call stack, stored once in the depot and shared
// by every reference taken there. Its pcs are never modified.
type stack struct {
	pcs []uintptr
}

// The depot keeps one copy of each distinct stack, so that a program taking
// millions of references at a few call sites stores a few stacks. It is
// sharded so that goroutines taking references at different sites do not
// contend. It only grows: its size is bounded by the number of distinct
// stacks the program takes references at.
var depot [64]struct {
	mu sync.RWMutex
	m  map[string]*stack
	_  [32]byte // keep shards on separate cache lines
}

// capture returns the stack of its caller's caller: the code that called
// Get, Put, TryGet or Move. Those must not be inlined for the frame count
// to hold.
//
//go:noinline
func capture() *stack {
	var buf [maxDepth + 1]uintptr
	var pcs []uintptr
	if useFP {
		// buf[0] is capture's return address, inside Get or Put.
		n := fpwalk(buf[:])
		pcs = buf[min(1, n):n]
	} else {
		// Skip runtime.Callers, capture and Get or Put.
		n := runtime.Callers(3, buf[:maxDepth])
		pcs = buf[:n]
	}
	return intern(pcs)
}

func intern(pcs []uintptr) *stack {
	if len(pcs) == 0 {
		return &noStack
	}
	sh := &depot[shard(pcs)]
	sh.mu.RLock()
	s := sh.m[key(pcs)]
	sh.mu.RUnlock()
	if s != nil {
		return s
	}
	own := slices.Clone(pcs)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if s = sh.m[key(own)]; s == nil {
		if sh.m == nil {
			sh.m = make(map[string]*stack)
		}
		s = &stack{pcs: own}
		sh.m[key(own)] = s
	}
	return s
}

var noStack stack

// key views the PCs as a string: the map hashes them, and a lookup with a
// view of a stack buffer allocates nothing.
func key(pcs []uintptr) string {
	return unsafe.String((*byte)(unsafe.Pointer(unsafe.SliceData(pcs))), len(pcs)*int(unsafe.Sizeof(pcs[0])))
}

func shard(pcs []uintptr) int {
	h := uint64(pcs[0]) ^ uint64(len(pcs))<<32
	if len(pcs) > 1 {
		h ^= uint64(pcs[1]) << 7
	}
	return int((h * 0x9E3779B97F4A7C15) >> 58)
}

// labelled makes a Stack for a Violation; nil when s is unknown.
func (s *stack) labelled(label string) Stack {
	if s == nil {
		return Stack{Label: label}
	}
	return Stack{Label: label, PCs: slices.Clone(s.pcs)}
}

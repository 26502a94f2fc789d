//go:build refdebug

package ref

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// maxDepth bounds the frames kept per stack.
const maxDepth = 32

// A stack is one distinct call stack, stored once in the depot and shared
// by every reference taken there. Its pcs are never modified.
type stack struct {
	pcs []uintptr
	// evicted: the depot dropped it to stay within its cap. The records
	// that point to it still have it whole; later references taken at the
	// same stack get a new copy.
	evicted atomic.Bool
}

// The depot keeps one copy of each distinct stack, so that a program taking
// millions of references at a few call sites stores a few stacks. It is
// sharded so that goroutines taking references at different sites do not
// contend.
//
// It holds at most depotCap stacks, so that a program that runs for weeks,
// reaching ever new stacks (recursion of varying depth, new goroutines'
// call paths), does not grow without bound: a shard that is full evicts
// one of its stacks, at random, for each new one. The records of held
// references, puts and deaths point to their stacks, so an evicted stack
// stays whole for as long as a record needs it and no message loses a
// stack; what eviction costs is sharing, and the messages that show an
// evicted stack say how many the depot has dropped.
var depot [depotShards]struct {
	mu sync.RWMutex
	m  map[string]*stack
	_  [32]byte // keep shards on separate cache lines
}

const depotShards = 64

// depotCap bounds the number of stacks in the depot: 16 384 stacks of at
// most 32 PCs, 256 bytes, each, so about 5 MiB with the map at most.
var depotCap atomic.Int64

func init() { depotCap.Store(1 << 14) }

// depotEvicted counts the stacks the depot dropped to stay within depotCap.
var depotEvicted atomic.Uint64

// setDepotCap changes the cap, for tests and benchmarks, and empties the
// depot; it returns the previous cap.
func setDepotCap(n int) int {
	for i := range depot {
		depot[i].mu.Lock()
	}
	old := int(depotCap.Swap(int64(n)))
	for i := range depot {
		depot[i].m = nil
		depot[i].mu.Unlock()
	}
	return old
}

// depotLen returns the number of stacks in the depot.
func depotLen() int {
	n := 0
	for i := range depot {
		depot[i].mu.RLock()
		n += len(depot[i].m)
		depot[i].mu.RUnlock()
	}
	return n
}

// evictedNote is appended to the message of a violation that shows a stack
// the depot evicted.
func evictedNote(ss ...*stack) string {
	for _, s := range ss {
		if s != nil && s.evicted.Load() {
			return fmt.Sprintf(" [stack depot at its cap of %d: %d stacks dropped so far; the stacks below were kept whole by their records]",
				depotCap.Load(), depotEvicted.Load())
		}
	}
	return ""
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
		if len(sh.m) >= max(1, int(depotCap.Load())/depotShards) {
			for k, old := range sh.m { // Go starts a map range at random
				delete(sh.m, k)
				old.evicted.Store(true)
				depotEvicted.Add(1)
				break
			}
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

// shard hashes every PC, so that stacks that differ only deep down (many
// callers of one wrapper) still spread over the shards.
func shard(pcs []uintptr) int {
	h := uint64(len(pcs))
	for _, pc := range pcs {
		h = (h ^ uint64(pc)) * 0x9E3779B97F4A7C15
	}
	return int(h >> 58)
}

// labelled makes a Stack for a Violation; nil when s is unknown.
func (s *stack) labelled(label string) Stack {
	if s == nil {
		return Stack{Label: label}
	}
	return Stack{Label: label, PCs: slices.Clone(s.pcs)}
}

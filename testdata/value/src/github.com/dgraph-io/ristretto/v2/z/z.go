// Package z is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/dgraph-io/ristretto/v2/z"
// github.com/dgraph-io/ristretto/v2/z (v2.2.0, used by badger v4). It is not the
// real module. Allocator has a release method (Release) and no retain method: it
// counts only because the badger preset says so.
package z

import "sync"

// Allocator is an arena; Release returns its memory. Release-only.
type Allocator struct {
	Ref uint64
	buf []byte
}

var (
	allocsMu sync.Mutex
	allocs   = map[uint64]*Allocator{}
	next     uint64
)

// NewAllocator returns an owned allocator, registered under its Ref.
func NewAllocator(sz int, tag string) *Allocator { // want NewAllocator:"values: r0 owned by preset"
	allocsMu.Lock()
	defer allocsMu.Unlock()
	next++
	a := &Allocator{Ref: next, buf: make([]byte, 0, sz)}
	allocs[a.Ref] = a
	return a
}

// AllocatorFrom looks an allocator up by its Ref: the result is borrowed, the
// registry (and whoever created it) keeps owning it.
func AllocatorFrom(ref uint64) *Allocator { // want AllocatorFrom:"values: r0 borrowed by preset"
	allocsMu.Lock()
	a := allocs[ref]
	allocsMu.Unlock()
	return a
}

// Allocate returns n bytes from the arena.
func (a *Allocator) Allocate(n int) []byte {
	a.buf = append(a.buf, make([]byte, n)...)
	return a.buf[len(a.buf)-n:]
}

// Release frees the arena. Releasing twice is a double free.
func (a *Allocator) Release() {
	allocsMu.Lock()
	delete(allocs, a.Ref)
	allocsMu.Unlock()
	a.buf = nil
}

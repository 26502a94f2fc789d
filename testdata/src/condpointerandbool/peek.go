// Package condpointerandbool: a conditional acquire with both a tracked-pointer and a bool
// result, `func Peek(n, r) (b *Block, ok bool)`, where every return gives (nil, false) or
// (non-nil, true): it acquires exactly when ok is true, which is exactly when b is non-nil
// (SPEC, "Conditional summaries": a function acquires only when its bool result is true, or
// only when its tracked-pointer result is non-nil; here both hold). A caller that tests the
// pointer instead of ok tests the condition. refvet reports such a correct caller twice: a
// leak at the call through the b == nil return, and a bad put at the deferred release "on
// the path where Peek failed". Expected: silence for the correct callers, one leak for the
// buggy one.
package condpointerandbool

import (
	"sync"

	"github.com/refvet/refvet/ref"
)

// Block is tracked.
type Block struct {
	users ref.Count
	dirty bool
}

// Cache holds blocks with borrowed pointers.
type Cache struct {
	mu     sync.Mutex
	blocks map[uint64]*Block
}

// Peek returns block n with a reference in r when it is cached (ok).
func (c *Cache) Peek(n uint64, r *ref.Ref) (b *Block, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b = c.blocks[n]
	if b == nil || !b.users.TryGet(r) {
		return nil, false
	}
	return b, true
}

// DirtyByPointer tests the pointer. Correct.
func (c *Cache) DirtyByPointer(n uint64) bool {
	var r ref.Ref
	b, _ := c.Peek(n, &r)
	if b == nil {
		return false
	}
	defer b.users.Put(&r)
	return b.dirty
}

// DirtyByOK tests ok. Correct.
func (c *Cache) DirtyByOK(n uint64) bool {
	var r ref.Ref
	b, ok := c.Peek(n, &r)
	if !ok {
		return false
	}
	defer b.users.Put(&r)
	return b.dirty
}

// DirtyLeak tests the pointer and forgets the put when the block is clean. Bug.
func (c *Cache) DirtyLeak(n uint64) bool {
	var r ref.Ref
	b, _ := c.Peek(n, &r) // want `r leaks: the reference it takes on .*users is still held at the return at line 71`
	if b == nil {
		return false
	}
	if !b.dirty {
		return false
	}
	b.users.Put(&r)
	return true
}

// Package block is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/cockroachdb/pebble/v2"
// github.com/cockroachdb/pebble/v2/sstable/block (v2.1.7). It is not the real
// module. BufferHandle has a release method (Release) and no retain method: it
// counts only because the pebble preset says so.
package block

// Handle locates a block in a file.
type Handle struct{ Offset, Length uint64 }

// Value is a block's memory, either from the block cache or a buffer pool.
type Value struct{ buf []byte }

// Alloc returns an owned block value of n bytes.
func Alloc(n int) Value { return Value{buf: make([]byte, n)} } // want Alloc:"values: r0 owned by preset"

// MakeHandle hands the value's reference over to the returned handle.
func (v Value) MakeHandle() BufferHandle { return BufferHandle{buf: v.buf} } // want MakeHandle:"values: r0 owned by preset"

// BufferHandle holds a reference to a block; Release gives it up. Release-only.
type BufferHandle struct{ buf []byte }

// BlockData returns the block's bytes, valid until Release.
func (h BufferHandle) BlockData() []byte { return h.buf }

// Release drops the handle's reference.
func (h BufferHandle) Release() {}

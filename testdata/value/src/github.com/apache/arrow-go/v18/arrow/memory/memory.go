// Package memory is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/apache/arrow-go/v18"
// github.com/apache/arrow-go/v18/arrow/memory (v18.8.0). It is not the real module.
package memory

import "sync/atomic"

// Allocator hands out byte slices.
type Allocator interface {
	Allocate(n int) []byte
	Free(b []byte)
}

type goAllocator struct{}

func (goAllocator) Allocate(n int) []byte { return make([]byte, n) }
func (goAllocator) Free([]byte)           {}

// DefaultAllocator is the Go-heap allocator.
var DefaultAllocator Allocator = goAllocator{}

// Buffer is a reference-counted byte buffer.
type Buffer struct {
	refCount atomic.Int64
	mem      Allocator
	buf      []byte
}

// NewResizableBuffer returns an owned buffer (one reference).
func NewResizableBuffer(mem Allocator) *Buffer {
	b := &Buffer{mem: mem}
	b.refCount.Add(1)
	return b
}

// NewBufferBytes wraps Go memory, with no allocator: Release frees nothing. The arrow-go
// preset says callers do not follow it.
func NewBufferBytes(data []byte) *Buffer { // want NewBufferBytes:"values: r0 untracked by preset"
	b := &Buffer{buf: data}
	b.refCount.Add(1)
	return b
}

// Bytes returns the contents.
func (b *Buffer) Bytes() []byte { return b.buf }

// Resize grows the buffer.
func (b *Buffer) Resize(n int) { b.buf = b.mem.Allocate(n) }

// Retain takes a reference.
func (b *Buffer) Retain() { b.refCount.Add(1) }

// Release drops a reference.
func (b *Buffer) Release() {
	if b.refCount.Add(-1) == 0 && b.buf != nil {
		b.mem.Free(b.buf)
		b.buf = nil
	}
}

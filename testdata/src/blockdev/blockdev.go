// Package blockdev is a toy block device whose blocks are reference-counted buffers: users
// keep a block's contents valid, pins keep it resident (no eviction, no write-back). Its
// functions wrap the ref primitives, with conditional acquires of every kind (error, bool,
// non-nil result), for blockcache to use through facts. All correct.
package blockdev

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/refvet/refvet/ref"
)

// BlockSize is the size of one block.
const BlockSize = 4096

// ErrIO is returned for a block the device cannot read.
var ErrIO = errors.New("blockdev: I/O error")

// Block is one block's buffer.
type Block struct {
	users ref.Count
	pins  ref.Count
	Num   uint64
	Data  []byte
	dirty atomic.Bool
	dead  atomic.Bool
}

// Dirty reports whether the block was written since it was read.
func (b *Block) Dirty() bool { return b.dirty.Load() }

// MarkDirty records a write.
func (b *Block) MarkDirty() { b.dirty.Store(true) }

// Device reads and writes blocks.
type Device struct {
	mu     sync.Mutex
	size   uint64
	bad    map[uint64]bool
	writes int
}

// NewDevice makes a device of size blocks.
func NewDevice(size uint64) *Device { return &Device{size: size, bad: map[uint64]bool{}} }

// Read reads block n into a new Block whose first users reference it takes into r, when err
// is nil.
func (d *Device) Read(n uint64, r *ref.Ref) (*Block, error) {
	d.mu.Lock()
	bad := d.bad[n]
	d.mu.Unlock()
	if n >= d.size {
		return nil, fmt.Errorf("blockdev: block %d beyond %d", n, d.size)
	}
	if bad {
		return nil, ErrIO
	}
	b := &Block{Num: n, Data: make([]byte, BlockSize)}
	b.users.Get(r)
	return b, nil
}

// Write writes b back; the caller holds a reference on it.
func (d *Device) Write(b *Block) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.bad[b.Num] {
		return ErrIO
	}
	d.writes++
	b.dirty.Store(false)
	return nil
}

// Hold takes a users reference into r.
func Hold(b *Block, r *ref.Ref) { b.users.Get(r) }

// TryHold takes a users reference into r unless the block is dying.
func TryHold(b *Block, r *ref.Ref) bool {
	if b.dead.Load() {
		return false
	}
	return b.users.TryGet(r)
}

// Release drops r's users reference; after the last one the block is dead.
func Release(b *Block, r *ref.Ref) {
	if b.users.Put(r) {
		b.dead.Store(true)
	}
}

// Hand moves src's users reference to dst.
func Hand(b *Block, dst, src *ref.Ref) { b.users.Move(dst, src) }

// Pin takes a pins reference into r.
func Pin(b *Block, r *ref.Ref) { b.pins.Get(r) }

// Unpin drops r's pins reference.
func Unpin(b *Block, r *ref.Ref) { b.pins.Put(r) }

// Pinned reports whether anyone pins b.
func Pinned(b *Block) bool { return b.pins.Refs() > 0 }

// Table is a fixed table of blocks, for tests: Find returns the block with a users reference
// in r, or nil.
type Table struct {
	blocks []*Block
}

// Find returns block n with a reference in r, or nil when it is absent or dying.
func (t *Table) Find(n uint64, r *ref.Ref) *Block {
	for _, b := range t.blocks {
		if b.Num == n && TryHold(b, r) {
			return b
		}
	}
	return nil
}

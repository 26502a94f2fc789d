// Package blockcache is a buffer cache over blockdev: the cache keeps one users reference per
// cached block in its entry's member, lookups give the caller a reference of its own (TryHold,
// as a block may be dying), eviction skips pinned blocks, a flusher goroutine writes dirty
// blocks back from a snapshot that holds its own references. Mostly correct code written with
// blockdev's wrappers; the bugs carry the diagnostics refvet must give.
package blockcache

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"

	"blockdev"
)

// entry is one cached block; blkRef is the cache's reference on blk.
type entry struct {
	blk     *blockdev.Block
	blkRef  ref.Ref
	lastUse time.Time
}

// Cache caches blocks of one device.
type Cache struct {
	mu      sync.Mutex
	dev     *blockdev.Device
	entries map[uint64]*entry
	max     int
	hits    int
	misses  int
}

// New makes a cache of at most max blocks.
func New(dev *blockdev.Device, max int) *Cache {
	return &Cache{dev: dev, entries: make(map[uint64]*entry), max: max}
}

// Get returns block n with a users reference in r: from the cache when it is there and alive,
// from the device otherwise.
func (c *Cache) Get(n uint64, r *ref.Ref) (*blockdev.Block, error) {
	c.mu.Lock()
	if e, ok := c.entries[n]; ok {
		if blockdev.TryHold(e.blk, r) {
			c.hits++
			e.lastUse = time.Now()
			c.mu.Unlock()
			return e.blk, nil
		}
		c.removeLocked(n, e)
	}
	c.misses++
	c.mu.Unlock()

	var tmp ref.Ref
	b, err := c.dev.Read(n, &tmp)
	if err != nil {
		return nil, fmt.Errorf("blockcache: read %d: %w", n, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[n]; ok && blockdev.TryHold(e.blk, r) {
		// Another reader cached it meanwhile: use theirs, drop ours.
		blockdev.Release(b, &tmp)
		return e.blk, nil
	}
	e := &entry{blk: b, lastUse: time.Now()}
	blockdev.Hold(b, &e.blkRef)
	c.entries[n] = e
	blockdev.Hand(b, r, &tmp)
	c.evictLocked()
	return b, nil
}

// removeLocked drops the cache's reference on e's block and forgets e.
func (c *Cache) removeLocked(n uint64, e *entry) {
	delete(c.entries, n)
	if b := e.blk; b != nil {
		e.blk = nil
		blockdev.Release(b, &e.blkRef)
	}
}

// evictLocked drops least recently used unpinned blocks while the cache is too big.
func (c *Cache) evictLocked() {
	for len(c.entries) > c.max {
		var victim *entry
		var vn uint64
		for n, e := range c.entries {
			if blockdev.Pinned(e.blk) {
				continue
			}
			if victim == nil || e.lastUse.Before(victim.lastUse) {
				victim, vn = e, n
			}
		}
		if victim == nil {
			return
		}
		c.removeLocked(vn, victim)
	}
}

// Prefetch reads blocks ahead into the cache. Bug: a block that another reader cached while
// this one was reading is skipped with its reference still in r.
func (c *Cache) Prefetch(ns []uint64) int {
	loaded := 0
	for _, n := range ns {
		var r ref.Ref
		b, err := c.dev.Read(n, &r) // want `r leaks`
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.entries[n]; ok {
			c.mu.Unlock()
			continue
		}
		e := &entry{blk: b, lastUse: time.Now()}
		blockdev.Hand(b, &e.blkRef, &r)
		c.entries[n] = e
		c.mu.Unlock()
		loaded++
	}
	return loaded
}

// Invalidate forgets block n, writing it back first if it is dirty. Bug: the entry's pointer
// is cleared but its reference is never dropped.
func (c *Cache) Invalidate(n uint64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[n]
	if !ok || e.blk == nil {
		return nil
	}
	if e.blk.Dirty() {
		if err := c.dev.Write(e.blk); err != nil {
			return err
		}
	}
	delete(c.entries, n)
	e.blk = nil // want `e.blk = nil clears the pointer while e.blkRef still holds`
	return nil
}

// WithPinned runs fn on block n's data with the block pinned. Bug: the pin is dropped with the
// users wrapper.
func (c *Cache) WithPinned(n uint64, fn func([]byte)) error {
	var r ref.Ref
	b, err := c.Get(n, &r)
	if err != nil {
		return err
	}
	defer blockdev.Release(b, &r)
	var pr ref.Ref
	blockdev.Pin(b, &pr)
	defer blockdev.Release(b, &pr) // want `Release of pr on .*users, but pr holds a reference on .*pins`
	fn(b.Data)
	return nil
}

// ReadAll calls fn on each block through a method value of Get. Correct.
func (c *Cache) ReadAll(ns []uint64, fn func(*blockdev.Block) error) error {
	get := c.Get
	for _, n := range ns {
		var r ref.Ref
		b, err := get(n, &r)
		if err != nil {
			return err
		}
		err = fn(b)
		blockdev.Release(b, &r)
		if err != nil {
			return fmt.Errorf("block %d: %w", n, err)
		}
	}
	return nil
}

// held is a flusher's reference on a dirty block.
type held struct {
	blk    *blockdev.Block
	blkRef ref.Ref
}

// dirty snapshots the dirty unpinned blocks, each with a reference of the snapshot's own.
// Correct.
func (c *Cache) dirty() []held {
	c.mu.Lock()
	defer c.mu.Unlock()
	var hs []held
	for _, e := range c.entries {
		if e.blk == nil || !e.blk.Dirty() || blockdev.Pinned(e.blk) {
			continue
		}
		hs = append(hs, held{})
		h := &hs[len(hs)-1]
		if !blockdev.TryHold(e.blk, &h.blkRef) {
			hs = hs[:len(hs)-1]
			continue
		}
		h.blk = e.blk
	}
	return hs
}

// flush writes the snapshot back and drops its references. Correct.
func (c *Cache) flush(hs []held) error {
	var errs []error
	for i := range hs {
		h := &hs[i]
		if err := c.dev.Write(h.blk); err != nil {
			errs = append(errs, fmt.Errorf("block %d: %w", h.blk.Num, err))
		}
		blockdev.Release(h.blk, &h.blkRef)
		h.blk = nil
	}
	return errors.Join(errs...)
}

// Flusher writes dirty blocks back every period until ctx is done. Correct.
func (c *Cache) Flusher(ctx context.Context, every time.Duration, onErr func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			if err := c.flush(c.dirty()); err != nil {
				onErr(err)
			}
			return
		case <-t.C:
			if err := c.flush(c.dirty()); err != nil {
				onErr(err)
			}
		}
	}
}

// Probe reports whether block n is cached and alive, taking and dropping a reference in a
// closure called in place. Correct.
func (c *Cache) Probe(n uint64) (alive bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[n]
	if !ok {
		return false
	}
	func() {
		var r ref.Ref
		if !blockdev.TryHold(e.blk, &r) {
			return
		}
		defer blockdev.Release(e.blk, &r)
		alive = len(e.blk.Data) == blockdev.BlockSize
	}()
	return alive
}

// Peek returns block n with a reference in r when it is cached and alive (ok), never
// reading the device.
func (c *Cache) Peek(n uint64, r *ref.Ref) (b *blockdev.Block, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, found := c.entries[n]
	if !found || !blockdev.TryHold(e.blk, r) {
		return nil, false
	}
	return e.blk, true
}

// CachedDirty reports whether block n is cached and dirty. Correct.
func (c *Cache) CachedDirty(n uint64) bool {
	var r ref.Ref
	b, ok := c.Peek(n, &r)
	if !ok {
		return false
	}
	defer blockdev.Release(b, &r)
	return b.Dirty()
}

// CopyBlock copies block src onto block dst, holding both in an array of refs. Correct.
func (c *Cache) CopyBlock(src, dst uint64) error {
	var rs [2]ref.Ref
	sb, err := c.Get(src, &rs[0])
	if err != nil {
		return err
	}
	defer blockdev.Release(sb, &rs[0])
	db, err := c.Get(dst, &rs[1])
	if err != nil {
		return err
	}
	defer blockdev.Release(db, &rs[1])
	copy(db.Data, sb.Data)
	db.MarkDirty()
	return nil
}

// Package lrucache is an LRU cache of reference-counted entries: the cache holds one reference
// per node in the node's member ref, lookups take the caller's with TryGet (an entry may be
// dying), eviction puts the cache's member ref, iteration snapshots entries with their own
// references. Mostly correct code; the bugs carry the diagnostics refvet must give.
package lrucache

import (
	"container/list"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"
)

// Entry is a cached value.
type Entry struct {
	refs    ref.Count
	key     string
	val     string
	expires time.Time
	freed   bool
}

func (e *Entry) expired() bool { return !e.expires.IsZero() && time.Now().After(e.expires) }
func (e *Entry) free()         { e.freed = true }

// NewEntry makes an entry with the caller's reference in r. Correct.
func NewEntry(key, val string, ttl time.Duration, r *ref.Ref) *Entry {
	e := &Entry{key: key, val: val}
	if ttl > 0 {
		e.expires = time.Now().Add(ttl)
	}
	e.refs.Get(r)
	return e
}

type node struct {
	key      string
	entry    *Entry
	entryRef ref.Ref
	elem     *list.Element
}

type Cache struct {
	mu    sync.Mutex
	cap   int
	items map[string]*node
	ll    *list.List
}

func New(capacity int) *Cache {
	return &Cache{cap: capacity, items: make(map[string]*node), ll: list.New()}
}

// Lookup returns key's entry with a reference in r, or nil. Correct.
func (c *Cache) Lookup(key string, r *ref.Ref) *Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.items[key]
	if !ok {
		return nil
	}
	if !n.entry.refs.TryGet(r) {
		return nil
	}
	c.ll.MoveToFront(n.elem)
	return n.entry
}

// Insert adds e under key; the cache takes its own reference. Correct.
func (c *Cache) Insert(key string, e *Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items[key]; ok {
		c.removeLocked(old)
	}
	n := &node{key: key, entry: e}
	e.refs.Get(&n.entryRef)
	n.elem = c.ll.PushFront(n)
	c.items[key] = n
	for c.ll.Len() > c.cap {
		c.evictLocked()
	}
}

// Adopt adds e under key, handing the caller's reference r to the cache. Bug: it takes a new
// reference and puts the caller's, a move written the slow way.
func (c *Cache) Adopt(key string, e *Entry, r *ref.Ref) {
	n := &node{key: key, entry: e}
	e.refs.Get(&n.entryRef) // want `Get into n.entryRef on e.refs followed by the Put of r at line 91 is a move written the slow way`
	e.refs.Put(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items[key]; ok {
		c.removeLocked(old)
	}
	n.elem = c.ll.PushFront(n)
	c.items[key] = n
}

// AdoptOK is Adopt done right. Correct.
func (c *Cache) AdoptOK(key string, e *Entry, r *ref.Ref) {
	n := &node{key: key, entry: e}
	e.refs.Move(&n.entryRef, r)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items[key]; ok {
		c.removeLocked(old)
	}
	n.elem = c.ll.PushFront(n)
	c.items[key] = n
}

// removeLocked unlinks n and drops the cache's reference. Correct.
func (c *Cache) removeLocked(n *node) {
	c.ll.Remove(n.elem)
	delete(c.items, n.key)
	if n.entry.refs.Put(&n.entryRef) {
		n.entry.free()
	}
	n.entry = nil
}

// evictLocked drops the least recently used node. Correct.
func (c *Cache) evictLocked() {
	back := c.ll.Back()
	if back == nil {
		return
	}
	c.removeLocked(back.Value.(*node))
}

// Remove drops key. Correct.
func (c *Cache) Remove(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.items[key]
	if !ok {
		return false
	}
	c.removeLocked(n)
	return true
}

// Value returns key's value. Bug: the expired path forgets the lookup's reference.
func (c *Cache) Value(key string) (string, bool) {
	var r ref.Ref
	e := c.Lookup(key, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 154`
	if e == nil {
		return "", false
	}
	if e.expired() {
		c.Remove(key)
		return "", false
	}
	v := e.val
	e.refs.Put(&r)
	return v, true
}

// ValueOK is Value done right, with a defer. Correct.
func (c *Cache) ValueOK(key string) (string, bool) {
	var r ref.Ref
	e := c.Lookup(key, &r)
	if e == nil {
		return "", false
	}
	defer e.refs.Put(&r)
	if e.expired() {
		c.Remove(key)
		return "", false
	}
	return e.val, true
}

// Touch extends key's lifetime if the entry is still alive. Bug: the put also runs when TryGet
// failed.
func (c *Cache) Touch(key string, ttl time.Duration) {
	c.mu.Lock()
	n, ok := c.items[key]
	c.mu.Unlock()
	if !ok {
		return
	}
	e := n.entry
	var r ref.Ref
	if e.refs.TryGet(&r) {
		e.expires = time.Now().Add(ttl)
	}
	e.refs.Put(&r) // want `Put of r on e.refs, but r holds nothing on the path where the TryGet at line 187 failed`
}

type snapshot struct {
	key  string
	e    *Entry
	eRef ref.Ref
}

// Each calls fn on every live entry, outside the lock, until it returns false. Correct.
func (c *Cache) Each(fn func(key string, e *Entry) bool) {
	c.mu.Lock()
	snap := make([]*snapshot, 0, len(c.items))
	for _, n := range c.items {
		s := &snapshot{key: n.key}
		if !n.entry.refs.TryGet(&s.eRef) {
			continue
		}
		s.e = n.entry
		snap = append(snap, s)
	}
	c.mu.Unlock()
	stop := false
	for _, s := range snap {
		if !stop {
			stop = !fn(s.key, s.e)
		}
		s.e.refs.Put(&s.eRef)
		s.e = nil
	}
}

// Purge drops every expired entry. Correct.
func (c *Cache) Purge() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for e := c.ll.Front(); e != nil; {
		next := e.Next()
		if nd := e.Value.(*node); nd.entry.expired() {
			c.removeLocked(nd)
			n++
		}
		e = next
	}
	return n
}

// Peek copies key's value under a short-lived reference, looking twice if the first entry was
// dying. Correct: the second TryGet only runs when the first failed.
func (c *Cache) Peek(key string) (string, bool) {
	var r ref.Ref
	for try := 0; try < 2; try++ {
		c.mu.Lock()
		n, ok := c.items[key]
		c.mu.Unlock()
		if !ok {
			return "", false
		}
		e := n.entry
		if e.refs.TryGet(&r) {
			v := e.val
			e.refs.Put(&r)
			return v, true
		}
	}
	return "", false
}

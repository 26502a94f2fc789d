package clean_services

import (
	"sync"

	lib "clean_wrappers"

	"github.com/refvet/refvet/ref"
)

// Base is embedded: it holds the mm.
type Base struct {
	mm    *MM
	mmRef ref.Ref
}

func (b *Base) attach(m *MM) {
	m.users.Get(&b.mmRef)
	b.mm = m
}

func (b *Base) detach() {
	if b.mm != nil {
		b.mm.users.Put(&b.mmRef)
		b.mm = nil
	}
}

// Proc embeds Base.
type Proc struct {
	Base
	name string
}

func NewProc(name string, m *MM) *Proc {
	p := &Proc{name: name}
	p.attach(m)
	return p
}

func (p *Proc) Close() { p.detach() }

func (p *Proc) direct(m *MM) {
	m.users.Get(&p.mmRef)
	p.mm = m
}

// Holder holds a library object.
type Holder struct {
	obj    *lib.Obj
	objRef ref.Ref
}

func NewHolder(o *lib.Obj, r *ref.Ref) *Holder {
	h := &Holder{}
	lib.Transfer(o, &h.objRef, r)
	h.obj = o
	return h
}

func (h *Holder) Set(o *lib.Obj) {
	lib.Acquire(o, &h.objRef)
	h.obj = o
}

func (h *Holder) Reset() {
	if h.obj != nil {
		lib.Release(h.obj, &h.objRef)
		h.obj = nil
	}
}

// Swap replaces the held object, moving the caller's reference in and the old one out to r.
func (h *Holder) Swap(o *lib.Obj, in, out *ref.Ref) *lib.Obj {
	old := h.obj
	old.Users.Move(out, &h.objRef)
	o.Users.Move(&h.objRef, in)
	h.obj = o
	return old
}

// Cache holds entries in a map of structs with member refs.
type cacheEntry struct {
	mm    *MM
	mmRef ref.Ref
}

type Cache struct {
	mu sync.Mutex
	m  map[string]*cacheEntry
}

func (c *Cache) Put(key string, m *MM) {
	e := &cacheEntry{mm: m}
	m.users.Get(&e.mmRef)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[key]; ok {
		old.mm.users.Put(&old.mmRef)
	}
	c.m[key] = e
}

func (c *Cache) Get(key string, r *ref.Ref) (*MM, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return nil, false
	}
	e.mm.users.Get(r)
	return e.mm, true
}

func (c *Cache) Delete(key string) {
	c.mu.Lock()
	e, ok := c.m[key]
	delete(c.m, key)
	c.mu.Unlock()
	if ok {
		e.mm.users.Put(&e.mmRef)
	}
}

func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.m {
		e.mm.users.Put(&e.mmRef)
		delete(c.m, k)
	}
}

// Pair holds two mms.
type Pair struct {
	a, b       *MM
	aRef, bRef ref.Ref
}

func NewPair(a, b *MM) *Pair {
	p := &Pair{a: a, b: b}
	a.users.Get(&p.aRef)
	b.users.Get(&p.bRef)
	return p
}

func (p *Pair) Flip() {
	p.a, p.b = p.b, p.a
	var tmp ref.Ref
	p.b.users.Move(&tmp, &p.aRef)
	p.a.users.Move(&p.aRef, &p.bRef)
	p.b.users.Move(&p.bRef, &tmp)
}

func (p *Pair) Close() {
	p.a.users.Put(&p.aRef)
	p.b.users.Put(&p.bRef)
}

// Slot is a value struct held in an array.
type Slot struct {
	mm    *MM
	mmRef ref.Ref
}

type Table struct {
	slots [8]Slot
}

func (t *Table) Install(i int, m *MM, r *ref.Ref) {
	s := &t.slots[i]
	if s.mm != nil {
		s.mm.users.Put(&s.mmRef)
	}
	m.users.Move(&s.mmRef, r)
	s.mm = m
}

func (t *Table) Remove(i int, r *ref.Ref) *MM {
	s := &t.slots[i]
	m := s.mm
	if m == nil {
		return nil
	}
	m.users.Move(r, &s.mmRef)
	s.mm = nil
	return m
}

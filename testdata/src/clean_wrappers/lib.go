// Package clean_wrappers holds wrappers and a tracked type used from clean_services: refvet must
// read their summaries from facts. All correct.
package clean_wrappers

import (
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

var ErrNotFound = errors.New("not found")

// Obj is a tracked object with two counts.
type Obj struct {
	Users ref.Count
	Pins  ref.Count
	Name  string
}

// New creates an object and gives the caller its first reference in r.
func New(name string, r *ref.Ref) *Obj {
	o := &Obj{Name: name}
	o.Users.Get(r)
	return o
}

// Acquire takes a reference on o.Users into r.
func Acquire(o *Obj, r *ref.Ref) { o.Users.Get(r) }

// Release drops r's reference on o.Users.
func Release(o *Obj, r *ref.Ref) bool { return o.Users.Put(r) }

// Pin takes a reference on o.Pins.
func Pin(o *Obj, r *ref.Ref) { o.Pins.Get(r) }

// Unpin drops r's reference on o.Pins.
func Unpin(o *Obj, r *ref.Ref) { o.Pins.Put(r) }

// Transfer moves a reference on o.Users from src to dst.
func Transfer(o *Obj, dst, src *ref.Ref) { o.Users.Move(dst, src) }

// TryAcquire takes a reference unless o is dead.
func TryAcquire(o *Obj, r *ref.Ref) bool { return o.Users.TryGet(r) }

// Registry maps names to live objects; it holds one reference per entry.
type Registry struct {
	mu sync.Mutex
	m  map[string]*entry
}

type entry struct {
	obj    *Obj
	objRef ref.Ref
}

// Lookup returns the named object with a reference in r when err == nil.
func (g *Registry) Lookup(name string, r *ref.Ref) (*Obj, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, ok := g.m[name]
	if !ok {
		return nil, ErrNotFound
	}
	if !e.obj.Users.TryGet(r) {
		return nil, ErrNotFound
	}
	return e.obj, nil
}

// Find returns the named object with a reference in r, or nil.
func (g *Registry) Find(name string, r *ref.Ref) *Obj {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, ok := g.m[name]
	if !ok {
		return nil
	}
	e.obj.Users.Get(r)
	return e.obj
}

// Has returns the named object with a reference in r when ok.
func (g *Registry) Has(name string, r *ref.Ref) (*Obj, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	e, ok := g.m[name]
	if !ok || !e.obj.Users.TryGet(r) {
		return nil, false
	}
	return e.obj, true
}

// Add stores o under name, moving the caller's reference into the registry.
func (g *Registry) Add(name string, o *Obj, r *ref.Ref) {
	e := &entry{obj: o}
	o.Users.Move(&e.objRef, r)
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*entry)
	}
	old := g.m[name]
	g.m[name] = e
	g.mu.Unlock()
	if old != nil {
		old.obj.Users.Put(&old.objRef)
	}
}

// Source opens objects; implementations live elsewhere.
type Source interface {
	//refvet:acquires r
	Open(name string, r *ref.Ref) (*Obj, error)
	//refvet:releases r
	Close(o *Obj, r *ref.Ref)
}

// Package idleparamnonnil: ownerparam per path. A function with a tracked-pointer result
// returns a non-nil pointer (success) with its ref parameter untouched on one path. SPEC: only
// a path distinguished by its result (err != nil, false, nil) may leave the ref alone; a
// non-nil result promises the reference.
package idleparamnonnil

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

var errBusy = errors.New("busy")

// MM is tracked.
type MM struct {
	users ref.Count
	name  string
	dead  bool
}

// Task holds an MM with its member reference.
type Task struct {
	mm     *MM
	mmRef  ref.Ref
	frozen bool
}

// Cache keeps one hot MM with a member reference and a map of borrowed ones.
type Cache struct {
	hot    *MM
	hotRef ref.Ref
	byName map[string]*MM //refvet:borrowed
}

// Lookup returns the MM for name with a reference in r, or nil. Bug: a hit on the hot entry
// returns it (non-nil: success) without taking the caller's reference.
func (c *Cache) Lookup(name string, r *ref.Ref) *MM { // want `Lookup takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 40`
	if h := c.hot; h != nil && h.name == name {
		return h
	}
	m := c.byName[name]
	if m == nil {
		return nil
	}
	m.users.Get(r)
	return m
}

// LookupOK is Lookup with the hot hit taking the caller's reference. Correct: the only
// untouched path returns nil.
func (c *Cache) LookupOK(name string, r *ref.Ref) *MM {
	if h := c.hot; h != nil && h.name == name {
		h.users.Get(r)
		return h
	}
	m := c.byName[name]
	if m == nil {
		return nil
	}
	m.users.Get(r)
	return m
}

const (
	opTake = iota
	opDrop
	opPeek
	opGive
)

// Package deferresultslot: in a function with a defer, go/ssa returns results through
// a result slot (`*t0 = v; rundefers; return *t0`), so a struct returned by such a function
// is stored into a local before the return. The engine treats that store as an escape and
// stops judging the struct's members: an unbacked store in a returned composite literal is
// missed as soon as the function has any defer. Expected: both diagnostics. (Engine:
// scanInstr treats the Store into the result Alloc as an escape; the "returned struct keeps
// its members' states" rule should see through result slots.)
package deferresultslot

import (
	"sync"

	"github.com/refvet/refvet/ref"
)

type Session struct {
	refs ref.Count
}

type job struct {
	sess    *Session
	sessRef ref.Ref
}

// NoDefer is reported today.
func NoDefer(s *Session) *job {
	return &job{sess: s} // want `job{sess: s} stores a tracked pointer with no reference behind it`
}

// WithDefer is the same bug with an unrelated deferred unlock. Not reported today.
func WithDefer(mu *sync.Mutex, s *Session) *job {
	mu.Lock()
	defer mu.Unlock()
	return &job{sess: s} // want `job{sess: s} stores a tracked pointer with no reference behind it`
}

var registry struct {
	mu  sync.Mutex
	all []*Session
}

// NewLocked returns a session with its first reference held by a local ref: ownerparam's
// finding, at the name. With the defer, the return reads the result slot, the engine does not
// see that the object is returned, and pairing reports a leak at the Get instead (wrong pass,
// wrong position).
func NewLocked() *Session { // want `NewLocked returns s with a reference on s.refs \(taken at line 51, returned at line 53\) held by its local ref r`
	registry.mu.Lock()
	defer registry.mu.Unlock()
	s := &Session{}
	var r ref.Ref
	s.refs.Get(&r)
	registry.all = append(registry.all, s)
	return s
}

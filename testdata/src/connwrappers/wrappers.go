// Package connwrappers wraps the ref primitives the way a connection library would: acquire,
// release and conditional acquire functions, a move wrapper, methods, and an interface whose
// methods declare their summaries with directives. Everything here is correct; the callers
// in wrappercallers use (and misuse) it through facts.
package connwrappers

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

var (
	ErrClosed  = errors.New("connection closed")
	ErrRefused = errors.New("connection refused")
)

// Conn has two counts: users keep it open, pins keep its buffers mapped.
type Conn struct {
	users  ref.Count
	pins   ref.Count
	Addr   string
	closed bool
}

// Get takes a users reference into r.
func Get(c *Conn, r *ref.Ref) { c.users.Get(r) }

// Put drops r's users reference.
func Put(c *Conn, r *ref.Ref) bool { return c.users.Put(r) }

// Pin takes a pins reference into r.
func Pin(c *Conn, r *ref.Ref) { c.pins.Get(r) }

// Unpin drops r's pins reference.
func Unpin(c *Conn, r *ref.Ref) { c.pins.Put(r) }

// TryGet takes a users reference unless the connection is closing.
func TryGet(c *Conn, r *ref.Ref) bool {
	if c.closed {
		return false
	}
	return c.users.TryGet(r)
}

// Open takes a users reference when err == nil.
func Open(c *Conn, r *ref.Ref) error {
	if c.closed {
		return ErrClosed
	}
	c.users.Get(r)
	return nil
}

// Dial makes a new connection whose first users reference the caller holds in r, when err
// is nil.
func Dial(addr string, r *ref.Ref) (*Conn, error) {
	if addr == "" {
		return nil, ErrRefused
	}
	c := &Conn{Addr: addr}
	c.users.Get(r)
	return c, nil
}

// Transfer hands src's users reference to dst.
func Transfer(c *Conn, dst, src *ref.Ref) { c.users.Move(dst, src) }

// Acquire is Get as a method; it returns c for chaining.
func (c *Conn) Acquire(r *ref.Ref) *Conn {
	c.users.Get(r)
	return c
}

// Release is Put as a method.
func (c *Conn) Release(r *ref.Ref) { c.users.Put(r) }

// Reopen is a wrapper around a wrapper: it acquires when err == nil, through Open.
func Reopen(c *Conn, r *ref.Ref) error {
	if err := Open(c, r); err != nil {
		return err
	}
	return nil
}

// Pool hands out connections. Its methods have no body to read: directives are their
// summaries. Borrow acquires into r when err == nil; Return releases r.
type Pool interface {
	//refvet:acquires r
	Borrow(r *ref.Ref) (*Conn, error)

	//refvet:releases r
	Return(c *Conn, r *ref.Ref)
}

// Stream is a struct of this package that callers fill in: Conn's member is ConnRef; Peer is
// a back-pointer; Hold is named for Mirror by directive.
type Stream struct {
	Conn    *Conn
	ConnRef ref.Ref

	Peer *Conn //refvet:borrowed

	Mirror *Conn
	//refvet:ref Mirror
	Hold ref.Ref
}

// Attach points s at c with the caller's reference. Correct.
func (s *Stream) Attach(c *Conn, r *ref.Ref) {
	s.Conn = c
	Transfer(c, &s.ConnRef, r)
}

// Detach gives s's reference back to the caller. Correct.
func (s *Stream) Detach(r *ref.Ref) *Conn {
	c := s.Conn
	if c == nil {
		return nil
	}
	Transfer(c, r, &s.ConnRef)
	s.Conn = nil
	return c
}

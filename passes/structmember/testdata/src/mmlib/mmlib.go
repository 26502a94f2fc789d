// Package mmlib declares the tracked types that package crosspkg stores into: its field
// directives reach crosspkg as facts.
package mmlib

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
}

type Task struct {
	MM   *MM
	Hold ref.Ref //refvet:ref MM

	Owner *MM //refvet:borrowed
}

// Get takes a reference on m into r.
func Get(m *MM, r *ref.Ref) { m.users.Get(r) }

// Put drops r's reference on m.
func Put(m *MM, r *ref.Ref) { m.users.Put(r) }

// New makes an MM whose first reference the caller holds in r.
func New(r *ref.Ref) *MM {
	m := new(MM)
	m.users.Get(r)
	return m
}

// SetMM points t at m, handing it the caller's reference in r.
func (t *Task) SetMM(m *MM, r *ref.Ref) {
	t.MM = m
	m.users.Move(&t.Hold, r)
}

// Package wrappers wraps ref's primitives; its callers in package callers see each wrapper as
// the primitive it wraps, through the facts refvet exports.
package wrappers

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
	count ref.Count
	dead  bool
}

// Grab acquires into r.
func Grab(m *MM, r *ref.Ref) { m.users.Get(r) }

// Drop releases r.
func Drop(m *MM, r *ref.Ref) { m.users.Put(r) }

// DropCount releases r on the other count.
func DropCount(m *MM, r *ref.Ref) { m.count.Put(r) }

// Open acquires into r only when it returns a nil error.
func Open(m *MM, r *ref.Ref) error {
	if m.dead {
		return errors.New("dead")
	}
	m.users.Get(r)
	return nil
}

// Lookup returns m with a reference taken into r, or nil.
func Lookup(m *MM, r *ref.Ref) *MM {
	if m.dead {
		return nil
	}
	m.users.Get(r)
	return m
}

// TryGrab is TryGet under another name.
func TryGrab(m *MM, r *ref.Ref) bool {
	return m.users.TryGet(r)
}

// Look leaves r alone.
func Look(r *ref.Ref) {}

// Get is a method that acquires.
func (m *MM) Get(r *ref.Ref) { m.users.Get(r) }

// Put is a method that releases.
func (m *MM) Put(r *ref.Ref) { m.users.Put(r) }

// Opener is implemented elsewhere.
type Opener interface {
	//refvet:acquires r
	Open(m *MM, r *ref.Ref) error
	//refvet:releases r
	Close(m *MM, r *ref.Ref)
}

// Package wrappers wraps Move for package callers, which see each wrapper as a move through
// the facts refvet exports.
package wrappers

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
	count ref.Count
}

// Hand moves src's reference on m.users to dst.
func Hand(m *MM, dst, src *ref.Ref) { m.users.Move(dst, src) }

// HandCount moves src's reference on m.count to dst.
func HandCount(m *MM, dst, src *ref.Ref) { m.count.Move(dst, src) }

// Transfer is Hand as a method.
func (m *MM) Transfer(dst, src *ref.Ref) { m.users.Move(dst, src) }

// Grab acquires into r.
func Grab(m *MM, r *ref.Ref) { m.users.Get(r) }

// Drop releases r.
func Drop(m *MM, r *ref.Ref) { m.users.Put(r) }

// DropCount releases r on m.count.
func DropCount(m *MM, r *ref.Ref) { m.count.Put(r) }

// Open acquires into r only when it returns a nil error.
func Open(m *MM, r *ref.Ref) error {
	if m.users.Refs() == 0 {
		return errDead
	}
	m.users.Get(r)
	return nil
}

type deadError struct{}

func (deadError) Error() string { return "dead" }

var errDead error = deadError{}

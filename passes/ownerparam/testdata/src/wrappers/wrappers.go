// Package wrappers wraps ref's primitives for package callers.
package wrappers

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
	dead  bool
}

// Grab acquires into r.
func Grab(m *MM, r *ref.Ref) { m.users.Get(r) }

// Drop releases r.
func Drop(m *MM, r *ref.Ref) { m.users.Put(r) }

// Open acquires into r only when it returns a nil error.
func Open(m *MM, r *ref.Ref) error {
	if m.dead {
		return errors.New("dead")
	}
	m.users.Get(r)
	return nil
}

// Hand moves src's reference to dst.
func Hand(m *MM, dst, src *ref.Ref) { m.users.Move(dst, src) }

// Look leaves r alone.
func Look(r *ref.Ref) {}

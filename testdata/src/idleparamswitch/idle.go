// Package idleparamswitch: ownerparam per path. One case of a switch returns success (nil)
// with the ref parameter untouched, while the other cases acquire, release or move through it.
// SPEC: ownerparam, "on some path".
package idleparamswitch

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

const (
	opTake = iota
	opDrop
	opPeek
	opGive
)

// Apply performs op with the caller's ref. Bug: opPeek neither acquires, releases nor passes
// r on, and returns nil like every other success.
func (t *Task) Apply(op int, m *MM, r *ref.Ref) error { // want `Apply takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 61`
	switch op {
	case opTake:
		m.users.Get(r)
	case opDrop:
		m.users.Put(r)
	case opPeek:
		_ = m.name
	case opGive:
		if t.mm != nil {
			return errBusy
		}
		m.users.Move(&t.mmRef, r)
		t.mm = m
	default:
		return errors.New("bad op")
	}
	return nil
}

// ApplyOK is Apply where peeking is refused with an error. Correct.
func (t *Task) ApplyOK(op int, m *MM, r *ref.Ref) error {
	switch op {
	case opTake:
		m.users.Get(r)
	case opDrop:
		m.users.Put(r)
	case opGive:
		if t.mm != nil {
			return errBusy
		}
		m.users.Move(&t.mmRef, r)
		t.mm = m
	default:
		return errors.New("bad op")
	}
	return nil
}

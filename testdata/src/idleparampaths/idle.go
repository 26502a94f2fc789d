// Package idleparampaths: ownerparam judges a ref parameter per path. A function that takes a
// *ref.Ref and a tracked pointer and leaves the ref untouched on one successful path (a path
// whose result does not tell the caller that nothing happened) lies to its callers on that
// path, even if every other path acquires, releases, moves or passes the ref on. SPEC:
// ownerparam, "on some path"; a path distinguished by its result (err != nil, false, nil) may
// leave the ref alone. Buggy and correct functions side by side.
//
// The cases refvet misses are in idleparamnonnil and idleparamswitch.
package idleparampaths

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

// Adopt takes over the caller's reference in r. Bug: a frozen task returns early with no
// result to tell the caller, and r still holds the reference the caller handed over.
func (t *Task) Adopt(m *MM, r *ref.Ref) { // want `Adopt takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 37`
	if t.frozen {
		return
	}
	m.users.Move(&t.mmRef, r)
	t.mm = m
}

// AdoptOrRefuse is Adopt with an error for the frozen case. Correct: err != nil tells the
// caller r was not touched.
func (t *Task) AdoptOrRefuse(m *MM, r *ref.Ref) error {
	if t.frozen {
		return errBusy
	}
	m.users.Move(&t.mmRef, r)
	t.mm = m
	return nil
}

// AdoptOrDrop drops the caller's reference when frozen. Correct: every path consumes r.
func (t *Task) AdoptOrDrop(m *MM, r *ref.Ref) {
	if t.frozen {
		m.users.Put(r)
		return
	}
	m.users.Move(&t.mmRef, r)
	t.mm = m
}

// Share takes a reference into r for the caller. Bug: the already-shared fast path returns
// nil (success) without taking one; the caller will put a ref that holds nothing.
func (t *Task) Share(m *MM, r *ref.Ref) error { // want `Share takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 68`
	if t.mm == m {
		return nil
	}
	if m.dead {
		return errBusy
	}
	m.users.Get(r)
	return nil
}

// TryShare reports with its bool whether it took a reference. Bug: the fast path says true.
func TryShare(m *MM, cur *MM, r *ref.Ref) bool { // want `TryShare takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 80`
	if m == cur {
		return true
	}
	return m.users.TryGet(r)
}

// TryShareOK is TryShare with the fast path reporting false. Correct.
func TryShareOK(m *MM, cur *MM, r *ref.Ref) bool {
	if m == cur {
		return false
	}
	return m.users.TryGet(r)
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

// Forward passes r on to Share on one path and acquires itself on the other. Correct: passing
// the ref on counts.
func (t *Task) Forward(m *MM, r *ref.Ref, direct bool) error {
	if !direct {
		return t.Share(m, r)
	}
	m.users.Get(r)
	return nil
}

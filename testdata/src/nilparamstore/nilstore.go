// Package nilparamstore: structmember reports
//
//	t.mm = m stores a tracked pointer with no reference behind it: t.mmRef holds none at the
//	return at line N (Get, TryGet or Move one into it)
//
// at the store in SetMM. The code is correct: the only path on which no reference is taken
// into t.mmRef is the one where m == nil, so the store there stores nil, which SPEC exempts
// ("stores a non-nil tracked pointer ... without taking a reference"). The store comes before
// the nil test, and the engine does not carry the later branch's knowledge of m back to the
// store (the store and the acquire may come in either order on the path, per SPEC).
package nilparamstore

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

// SetMM replaces the mm (m may be nil) with a fresh reference of its own.
func (t *Task) SetMM(m *MM) {
	if t.mm != nil {
		t.mm.users.Put(&t.mmRef)
	}
	t.mm = m
	if m != nil {
		m.users.Get(&t.mmRef)
	}
}

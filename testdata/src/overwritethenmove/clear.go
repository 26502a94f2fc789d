// Package overwritethenmove: an overwrite of a tracked-pointer field known to hold (read out
// and tested: `if old := s.obj; old != nil`) followed by a Move into the still-full member.
// One mistake, one report; which pass: the member holds the reference its struct kept, so the
// overwrite is where it is lost, and structmember reports it there (as in pubsub.Retarget and
// fdtable); where the member holds a reference the function took (a loop's earlier iteration,
// memberclearpaths.NewestMove), the second take's pass reports it.
package overwritethenmove

import "github.com/refvet/refvet/ref"

// Obj is tracked.
type Obj struct {
	refs   ref.Count
	pinned bool
	gen    int
}

// Slot holds an Obj with its member reference.
type Slot struct {
	obj    *Obj
	objRef ref.Ref
	stale  bool
}

// Swap overwrites the pointer it has just read out and tested, then moves a new reference
// into the still-full member. Bug, one mistake, reported by structmember at the overwrite
// (moveref reports the Move into the full member when structmember does not run; the
// single-pass test checks that).
func (s *Slot) Swap(n *Obj) {
	if old := s.obj; old != nil {
		var r ref.Ref
		n.refs.Get(&r)
		s.obj = n // want `s.obj = n overwrites the pointer while s.objRef still holds the reference on the old one`
		n.refs.Move(&s.objRef, &r)
		return
	}
	n.refs.Get(&s.objRef)
	s.obj = n
}

// Table keeps slots in a map and in a slice of struct values.
type Table struct {
	byKey map[string]*Slot
	slots []Slot
}

// Holder keeps the newest object of a scan.
type Holder struct {
	obj    *Obj
	objRef ref.Ref
}

// Refill moves a new reference into the member while it still holds the one its struct kept
// (the field is non-nil there), without touching the field. Bug: at the Move.
func (s *Slot) Refill(n *Obj, r *ref.Ref) {
	if s.obj != nil {
		n.refs.Move(&s.objRef, r) // want `Move into s.objRef from r on n.refs, but s.objRef already holds the reference its struct keeps for the pointer in its field`
		return
	}
	n.refs.Move(&s.objRef, r)
	s.obj = n
}

// RefillOK puts the old reference first. Correct.
func (s *Slot) RefillOK(n *Obj, r *ref.Ref) {
	if old := s.obj; old != nil {
		old.refs.Put(&s.objRef)
	}
	n.refs.Move(&s.objRef, r)
	s.obj = n
}

// Package memberclearpaths: structmember clears and overwrites of a tracked-pointer field
// where the function's own code shows that the member holds on that path, so the reference
// is lost there: the member is put (or the pointer dereferenced) on another branch of the same
// entry state, the pointer is read out and tested before the clear, or the clear runs inside
// a loop over the entries of a map or a slice of structs under `if e.f != nil`. SPEC:
// structmember, overwrites ("known to hold on that path"; "inside if s.f != nil"). Buggy and
// correct functions side by side.
//
// The cases refvet gets wrong are in memberputotherbranch, memberindexedclear,
// memberloopguard, memberloopcursor and overwritethenmove.
package memberclearpaths

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

// Reset drops the slot's object. Bug: the put happens only when the object is not pinned,
// and the pointer is cleared on both branches: a pinned object's reference is lost.
func (s *Slot) Reset() {
	if s.obj == nil {
		return
	}
	if !s.obj.pinned {
		s.obj.refs.Put(&s.objRef)
	}
	s.obj = nil // want `s.obj = nil clears the pointer while s.objRef still holds`
}

// ResetOK puts on both branches (the pinned one after unpinning). Correct.
func (s *Slot) ResetOK() {
	if s.obj == nil {
		return
	}
	if s.obj.pinned {
		s.obj.pinned = false
	}
	s.obj.refs.Put(&s.objRef)
	s.obj = nil
}

// Take reads the pointer out, tests it and clears the field, returning the object without
// its reference: the member still holds one that nobody will put. Bug.
func (s *Slot) Take() *Obj {
	o := s.obj
	if o == nil {
		return nil
	}
	s.obj = nil // want `s.obj = nil clears the pointer while s.objRef still holds`
	return o
}

// TakeOK moves the member's reference into the caller's ref before clearing. Correct.
func (s *Slot) TakeOK(r *ref.Ref) *Obj {
	o := s.obj
	if o == nil {
		return nil
	}
	o.refs.Move(r, &s.objRef)
	s.obj = nil
	return o
}

// TakeThenPut reads the pointer out, clears, and puts through the copy (exit_mm's order).
// Correct.
func (s *Slot) TakeThenPut() {
	if o := s.obj; o != nil {
		s.obj = nil
		o.refs.Put(&s.objRef)
	}
}

// Table keeps slots in a map and in a slice of struct values.
type Table struct {
	byKey map[string]*Slot
	slots []Slot
}

// SweepMap clears stale entries of the map. Bug: the member's reference is lost.
func (t *Table) SweepMap() {
	for _, s := range t.byKey {
		if s.obj != nil && s.stale {
			s.obj = nil // want `s.obj = nil clears the pointer while s.objRef still holds`
		}
	}
}

// SweepMapOK puts before clearing. Correct.
func (t *Table) SweepMapOK() {
	for k, s := range t.byKey {
		if s.obj != nil && s.stale {
			s.obj.refs.Put(&s.objRef)
			s.obj = nil
			delete(t.byKey, k)
		}
	}
}

// SweepSlice clears stale slots of the slice of struct values. Bug.
func (t *Table) SweepSlice() {
	for i := range t.slots {
		s := &t.slots[i]
		if s.obj != nil && s.stale {
			s.obj = nil // want `s.obj = nil clears the pointer while s.objRef still holds`
		}
	}
}

// SweepSliceOK puts before clearing. Correct.
func (t *Table) SweepSliceOK() {
	for i := range t.slots {
		s := &t.slots[i]
		if s.obj != nil && s.stale {
			s.obj.refs.Put(&s.objRef)
			s.obj = nil
		}
	}
}

// Holder keeps the newest object of a scan.
type Holder struct {
	obj    *Obj
	objRef ref.Ref
}

// Newest keeps the newest object of objs. Bug: from the second candidate on, the loop
// overwrites the previous iteration's pointer and Gets into the member that still holds the
// previous candidate's reference: one mistake, pairing's second Get (structmember's doc: an
// overwrite followed by a second Get into the still-full member is pairing's finding).
func (h *Holder) Newest(objs []*Obj) {
	gen := -1
	for _, o := range objs {
		if o.gen > gen {
			gen = o.gen
			h.obj = o
			o.refs.Get(&h.objRef) // want `h.objRef already holds a reference on o.refs \(taken at line \d+ on an earlier iteration`
		}
	}
}

// NewestMove takes each candidate's reference into a local and moves it into the member
// after overwriting the pointer. Bug: from the second candidate on, the store overwrites the
// previous iteration's pointer while the member holds its reference: moveref's Move into a
// full ref, one report.
func (h *Holder) NewestMove(objs []*Obj) {
	gen := -1
	for _, o := range objs {
		if o.gen > gen {
			gen = o.gen
			var r ref.Ref
			o.refs.Get(&r)
			h.obj = o
			o.refs.Move(&h.objRef, &r) // want `Move into h.objRef from r on o.refs, but h.objRef already holds`
		}
	}
}

// NewestAfter picks in the loop and takes one reference after it. Correct: the loop only
// overwrites pointers whose reference has not been taken yet.
func (h *Holder) NewestAfter(objs []*Obj) {
	if h.obj != nil {
		return
	}
	var best *Obj
	for _, o := range objs {
		if best == nil || o.gen > best.gen {
			best = o
		}
	}
	if best != nil {
		h.obj = best
		best.refs.Get(&h.objRef)
	}
}

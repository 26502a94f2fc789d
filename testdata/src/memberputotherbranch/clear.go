// Package memberputotherbranch: structmember, a clear on one branch of a function whose other
// branch (from the same entry state) puts the member: the function's own code shows that the
// member holds on entry, so the clear loses the reference on the branch that does not put.
// SPEC: structmember, overwrites ("known to hold on that path").
package memberputotherbranch

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

// Drop puts the member on one branch, and clears without a put on the other. The put shows
// that the member holds on entry, and both branches start from the entry. Bug.
func (s *Slot) Drop(force bool) {
	if force {
		s.obj.refs.Put(&s.objRef)
		s.obj = nil
		return
	}
	s.stale = true
	s.obj = nil // want `s.obj = nil clears the pointer while s.objRef still holds`
}

// DropOK moves the member out on the other branch. Correct.
func (s *Slot) DropOK(force bool, out *ref.Ref) {
	if force {
		s.obj.refs.Put(&s.objRef)
		s.obj = nil
		return
	}
	s.obj.refs.Move(out, &s.objRef)
	s.obj = nil
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

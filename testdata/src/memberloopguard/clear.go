// Package memberloopguard: a loop that keeps the best candidate in a member, putting the
// previous candidate's reference first, inside `if h.obj != nil` (SPEC's own guard), then
// storing the new pointer and taking its reference. Correct: expected silence.
package memberloopguard

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

// NewestGuarded puts the previous candidate's reference, found through the field, first.
// Correct.
func (h *Holder) NewestGuarded(objs []*Obj) {
	gen := -1
	for _, o := range objs {
		if o.gen > gen {
			gen = o.gen
			if h.obj != nil {
				h.obj.refs.Put(&h.objRef)
			}
			h.obj = o
			o.refs.Get(&h.objRef)
		}
	}
}

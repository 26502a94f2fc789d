// Package memberindexedclear: structmember, a clear inside a loop over a slice of struct
// values, written with the index expression each time (t.slots[i].obj) instead of a local
// pointer, inside `if t.slots[i].obj != nil`: each t.slots[i] is a separate address of the
// same element. SPEC: structmember, overwrites ("inside if s.f != nil"). The same code through
// s := &t.slots[i] is reported (memberclearpaths.SweepSlice).
package memberindexedclear

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

// SweepSliceIndexed is SweepSlice without the local pointer. Bug.
func (t *Table) SweepSliceIndexed() {
	for i := range t.slots {
		if t.slots[i].obj != nil && t.slots[i].stale {
			t.slots[i].obj = nil // want `clears the pointer while .*objRef still holds`
		}
	}
}

// SweepSliceIndexedOK puts before clearing, with the index expression. Correct.
func (t *Table) SweepSliceIndexedOK() {
	for i := range t.slots {
		if t.slots[i].obj != nil && t.slots[i].stale {
			t.slots[i].obj.refs.Put(&t.slots[i].objRef)
			t.slots[i].obj = nil
		}
	}
}

// Holder keeps the newest object of a scan.
type Holder struct {
	obj    *Obj
	objRef ref.Ref
}

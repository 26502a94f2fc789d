// Package memberloopcursor: a loop that keeps the best candidate in a member, putting the
// previous candidate's reference first when a local copy of the pointer (cur) is non-nil;
// cur is non-nil exactly when the loop has taken a reference. Correct: expected silence. (A
// correlation between a local and the member's state: lower priority than memberloopguard.)
package memberloopcursor

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

// NewestCur puts the previous candidate's reference, found through a local copy of the
// pointer, first. Correct: cur is non-nil exactly when the loop has taken a reference.
func (h *Holder) NewestCur(objs []*Obj) {
	gen := -1
	var cur *Obj
	for _, o := range objs {
		if o.gen > gen {
			gen = o.gen
			if cur != nil {
				cur.refs.Put(&h.objRef)
			}
			cur = o
			h.obj = o
			o.refs.Get(&h.objRef)
		}
	}
}

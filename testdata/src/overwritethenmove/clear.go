// Package overwritethenmove: an overwrite of a tracked-pointer field known to hold (read out
// and tested: `if old := s.obj; old != nil`) followed by a Move into the still-full member.
// One mistake, one report; which pass: structmember's doc ("One mistake, one report") gives
// an overwrite followed by a second Get or Move into the full member to pairing or moveref,
// and the tool does so in a loop (memberclearpaths.Newest, NewestMove).
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
// into the still-full member. Bug, one mistake: by structmember's doc ("One mistake, one
// report") an overwrite followed by a Move into the still-full member is moveref's finding,
// at the Move (as for NewestMove below).
func (s *Slot) Swap(n *Obj) {
	if old := s.obj; old != nil {
		var r ref.Ref
		n.refs.Get(&r)
		s.obj = n
		n.refs.Move(&s.objRef, &r) // want `Move into s.objRef from r on n.refs, but s.objRef already holds`
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

// Package loopvarmembers: member refs whose struct pointer is a loop variable (range over a map
// or a slice, a channel receive). Each iteration's e is another struct, so the put of the next
// entry's member is not a second put of the same ref. Found by QA as a false positive, fixed
// in the engine (7dd4012: members reset where their struct pointer is computed); kept as a
// regression test. Every function is correct except the last.
package loopvarmembers

import "github.com/refvet/refvet/ref"

type Object struct {
	refs ref.Count
}

type entry struct {
	obj    *Object
	objRef ref.Ref
}

// ClearMap drops every entry's reference. Correct.
func ClearMap(m map[string]*entry) {
	for _, e := range m {
		if e.obj != nil {
			e.obj.refs.Put(&e.objRef)
			e.obj = nil
		}
	}
}

// ClearSlice does the same over a slice. Correct.
func ClearSlice(es []*entry) {
	for _, e := range es {
		e.obj.refs.Put(&e.objRef)
		e.obj = nil
	}
}

// Worker finishes jobs from a channel, each owning its reference. Correct.
func Worker(jobs <-chan *entry) {
	for e := range jobs {
		e.obj.refs.Put(&e.objRef)
		e.obj = nil
	}
}

// Fill takes a reference into each entry's member. Correct (no double get).
func Fill(es []*entry, o *Object) {
	for _, e := range es {
		e.obj = o
		o.refs.Get(&e.objRef)
	}
}

// FillTwice takes a second reference into the same entry's member inside one iteration. Bug:
// the reset per iteration must not hide a double get within an iteration.
func FillTwice(es []*entry, o *Object) {
	for _, e := range es {
		e.obj = o
		o.refs.Get(&e.objRef)
		o.refs.Get(&e.objRef) // want `e.objRef already holds a reference on o.refs \(taken at line 58\)`
	}
}

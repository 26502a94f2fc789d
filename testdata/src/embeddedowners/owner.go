// Package embeddedowners: moveref and ownerparam through embedded members and generic constructors.
package embeddedowners

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type Obj struct {
	refs ref.Count
	pins ref.Count
	name string
}

type handle struct {
	obj    *Obj
	objRef ref.Ref
}

type Outer struct {
	handle
	tag string
}

// moves into an embedded member that already holds (bug: inside if w.obj != nil? unknown state -> silent)
func (w *Outer) replace(o *Obj, r *ref.Ref) {
	if w.obj != nil {
		w.obj.refs.Put(&w.objRef)
	}
	o.refs.Move(&w.objRef, r)
	w.obj = o
}

// use after move through embedded
func (w *Outer) takeTwice(o *Obj) {
	var r ref.Ref
	o.refs.Get(&r)
	o.refs.Move(&w.objRef, &r)
	w.obj = o
	o.refs.Put(&r) // want `Put of r on o.refs, but its reference was moved out at line 39`
}

// slow move
func (w *Outer) slow(o *Obj, r *ref.Ref) {
	o.refs.Get(&w.objRef) // want `Get into w.handle.objRef on o.refs followed by the Put of r at line 47 is a move written the slow way`
	o.refs.Put(r)
	w.obj = o
}

// ownerparam: constructor returning with a local ref
func newObjBad() *Obj { // want `newObjBad returns o with a reference on o.refs \(taken at line 55, returned at line 56\) held by its local ref r`
	var r ref.Ref
	o := &Obj{}
	o.refs.Get(&r)
	return o
}

// ownerparam lying: takes r and o, does nothing on a path
func lies(o *Obj, r *ref.Ref) error { // want `lies takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 62`
	if o.name == "" {
		return nil
	}
	o.refs.Get(r)
	return nil
}

// ownerparam not lying: err path
func notLies(o *Obj, r *ref.Ref) error {
	if o.name == "" {
		return errors.New("x")
	}
	o.refs.Get(r)
	return nil
}

// generic constructor with caller ref
type Box[T any] struct {
	refs ref.Count
	v    T
}

func NewBoxBad[T any](v T) *Box[T] { // want `NewBoxBad returns b with a reference on b.refs \(taken at line 86, returned at line 87\)`
	var r ref.Ref
	b := &Box[T]{v: v}
	b.refs.Get(&r)
	return b
}

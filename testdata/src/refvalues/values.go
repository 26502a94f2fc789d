// Package refvalues holds refs in struct values: local structs, value receivers, structs
// returned by value, arrays of refs.
package refvalues

import "github.com/refvet/refvet/ref"

type Obj struct {
	refs ref.Count
	name string
}

// handle is a value type that holds a reference.
type handle struct {
	obj    *Obj
	objRef ref.Ref
}

// open returns a handle by value with its reference taken. Suspicious (the Ref is copied)
// but the reference travels with the value: silent.
func open(o *Obj) handle {
	var h handle
	o.refs.Get(&h.objRef)
	h.obj = o
	return h
}

// closeH is a pointer method; correct.
func (h *handle) closeH() {
	h.obj.refs.Put(&h.objRef)
	h.obj = nil
}

// nameOf is a value-receiver method that does not touch the ref. Correct.
func (h handle) nameOf() string { return h.obj.name }

// useOpen: get a handle by value, use it, close it. Correct.
func useOpen(o *Obj) string {
	h := open(o)
	n := h.nameOf()
	h.closeH()
	return n
}

// localStruct keeps a ref in an anonymous local struct. Correct.
func localStruct(o *Obj) string {
	var h struct {
		r ref.Ref
		n int
	}
	o.refs.Get(&h.r)
	defer o.refs.Put(&h.r)
	return o.name
}

// localStructDouble puts a local struct's ref twice. Bug.
func localStructDouble(o *Obj) {
	var h struct{ r ref.Ref }
	o.refs.Get(&h.r)
	o.refs.Put(&h.r)
	o.refs.Put(&h.r) // want `Put of h.r on o.refs, but .*`
}

// arrayRefs keeps refs in a local array, indexed by constants. Correct.
func arrayRefs(a, b *Obj) string {
	var rs [2]ref.Ref
	a.refs.Get(&rs[0])
	b.refs.Get(&rs[1])
	s := a.name + b.name
	b.refs.Put(&rs[1])
	a.refs.Put(&rs[0])
	return s
}

// sliceRefs keeps refs in a slice: beyond the engine. Silent.
func sliceRefs(objs []*Obj) int {
	rs := make([]ref.Ref, len(objs))
	for i, o := range objs {
		o.refs.Get(&rs[i])
	}
	n := len(objs)
	for i, o := range objs {
		o.refs.Put(&rs[i])
	}
	return n
}

// pair is returned by value from a constructor with both refs held.
type pair struct {
	a, b       *Obj
	aRef, bRef ref.Ref
}

func makePair(a, b *Obj) pair {
	var p pair
	p.a, p.b = a, b
	a.refs.Get(&p.aRef)
	b.refs.Get(&p.bRef)
	return p
}

// makePairBug forgets b's reference. Bug.
func makePairBug(a, b *Obj) pair {
	var p pair
	p.a = a
	p.b = b // want `p.b = b stores a tracked pointer with no reference behind it: p.bRef holds none at the return at line 107`
	a.refs.Get(&p.aRef)
	return p
}

// release puts both; a pointer receiver. Correct.
func (p *pair) release() {
	p.a.refs.Put(&p.aRef)
	p.b.refs.Put(&p.bRef)
	p.a, p.b = nil, nil
}

// usePair is correct.
func usePair(a, b *Obj) string {
	p := makePair(a, b)
	defer p.release()
	return p.a.name + p.b.name
}

// withRef passes a local ref by pointer to a helper that takes and puts internally. Correct.
func withRef(o *Obj, f func(*Obj)) {
	var r ref.Ref
	o.refs.Get(&r)
	f(o)
	o.refs.Put(&r)
}

// newAlloc: new(ref.Ref) that does not escape is a local ref. Leak bug.
func newAlloc(o *Obj, skip bool) string {
	r := new(ref.Ref)
	o.refs.Get(r) // want `r leaks: the reference it takes on o.refs is still held at the return at line 137`
	if skip {
		return ""
	}
	o.refs.Put(r)
	return o.name
}

// Package embedding exercises embedded structs, promoted methods and nested member refs.
package embedding

import "github.com/refvet/refvet/ref"

// Object is tracked.
type Object struct {
	refs ref.Count
	name string
}

// Acquire takes a reference into r.
func (o *Object) Acquire(r *ref.Ref) { o.refs.Get(r) }

// Release drops r's reference.
func (o *Object) Release(r *ref.Ref) bool { return o.refs.Put(r) }

// base is embedded; its methods are promoted.
type base struct {
	obj    *Object
	objRef ref.Ref
}

// Hold takes a reference on o into b.objRef and points b at it.
func (b *base) Hold(o *Object) {
	o.refs.Get(&b.objRef)
	b.obj = o
}

// Drop releases b's reference.
func (b *base) Drop() {
	if b.obj == nil {
		return
	}
	b.obj.refs.Put(&b.objRef)
	b.obj = nil
}

// Tracked embeds Object: it is itself a tracked type through the embedding? Only named fields
// of type ref.Count make a type tracked; Tracked's Count is promoted from Object.
type Handle struct {
	base
	label string
}

// Use calls through a promoted method. Correct.
func Use(o *Object) string {
	var r ref.Ref
	o.Acquire(&r)
	defer o.Release(&r)
	return o.name
}

// Wrap keeps a reference through the embedded base's promoted Hold. Correct.
func Wrap(o *Object, label string) *Handle {
	h := &Handle{label: label}
	h.Hold(o)
	return h
}

// Close drops through the promoted Drop. Correct.
func (h *Handle) Close() { h.Drop() }

// SetDirect stores into the embedded field directly with a reference. Correct.
func (h *Handle) SetDirect(o *Object) {
	o.refs.Get(&h.base.objRef)
	h.base.obj = o
}

// SetPromoted stores through promoted field selectors with a reference. Correct.
func (h *Handle) SetPromoted(o *Object) {
	o.refs.Get(&h.objRef)
	h.obj = o
}

// SetNoRef stores without taking a reference: bug.
func (h *Handle) SetNoRef(o *Object) {
	h.obj = o // want `h.obj = o stores a tracked pointer with no reference behind it`
}

// inner holds a tracked pointer; outer holds inner by value.
type inner struct {
	mm    *Object
	mmRef ref.Ref
}

type outer struct {
	in   inner
	name string
}

// attach stores into a nested member with its reference. Correct.
func (t *outer) attach(o *Object) {
	o.refs.Get(&t.in.mmRef)
	t.in.mm = o
}

// detach releases the nested member. Correct.
func (t *outer) detach() {
	if t.in.mm != nil {
		t.in.mm.refs.Put(&t.in.mmRef)
		t.in.mm = nil
	}
}

// detachTwice puts the nested member twice: bug.
func (t *outer) detachTwice() {
	m := t.in.mm
	m.refs.Put(&t.in.mmRef)
	m.refs.Put(&t.in.mmRef) // want `Put of t.in.mmRef on .*refs, but .*`
	t.in.mm = nil
}

// Pair embeds two bases by pointer? Use an embedded pointer to a tracked type: Owner embeds
// *Object, so Owner has a tracked pointer field (the embedded one) and a ref member for it.
type Owner struct {
	*Object
	ObjectRef ref.Ref
	tag       string
}

// NewOwner stores the embedded pointer with a reference. Correct.
func NewOwner(o *Object) *Owner {
	w := &Owner{tag: "x"}
	o.refs.Get(&w.ObjectRef)
	w.Object = o
	return w
}

// Free drops the embedded pointer's reference; promoted field access o.refs. Correct.
func (w *Owner) Free() {
	w.refs.Put(&w.ObjectRef)
	w.Object = nil
}

// FreeViaPromoted uses the promoted Release method. Correct.
func (w *Owner) FreeViaPromoted() {
	w.Release(&w.ObjectRef)
	w.Object = nil
}

// localPromoted takes a local ref via the promoted method of an embedding owner and leaks it
// on the early return: bug.
func localPromoted(w *Owner, skip bool) string {
	var r ref.Ref
	w.Acquire(&r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 148`
	if skip {
		return ""
	}
	w.Release(&r)
	return w.name
}

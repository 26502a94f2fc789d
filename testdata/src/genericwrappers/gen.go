// Package genericwrappers exercises generic wrapper functions and generic tracked types.
package genericwrappers

import "github.com/refvet/refvet/ref"

type Res struct {
	refs ref.Count
	id   int
}

// Acquire is a generic wrapper: it takes a reference into r and passes x through.
func Acquire[T any](c *ref.Count, r *ref.Ref, x T) T {
	c.Get(r)
	return x
}

// Release is a generic releaser.
func Release[T any](c *ref.Count, r *ref.Ref, x T) T {
	c.Put(r)
	return x
}

// useGeneric is correct.
func useGeneric(res *Res) int {
	var r ref.Ref
	id := Acquire(&res.refs, &r, res.id)
	Release(&res.refs, &r, 0)
	return id
}

// leakGeneric leaks on the early return. Bug.
func leakGeneric(res *Res, fail bool) int {
	var r ref.Ref
	id := Acquire(&res.refs, &r, res.id) // want `r leaks: the reference it takes on res.refs is still held at the return at line 36`
	if fail {
		return -1
	}
	Release[string](&res.refs, &r, "")
	return id
}

// Box is a generic tracked type.
type Box[T any] struct {
	refs ref.Count
	v    T
}

// NewBox gives the caller the first reference in r.
func NewBox[T any](v T, r *ref.Ref) *Box[T] {
	b := &Box[T]{v: v}
	b.refs.Get(r)
	return b
}

// Get takes another reference.
func (b *Box[T]) Get(r *ref.Ref) *Box[T] {
	b.refs.Get(r)
	return b
}

// Put drops one.
func (b *Box[T]) Put(r *ref.Ref) bool { return b.refs.Put(r) }

// Value reads under a local reference. Correct.
func (b *Box[T]) Value() T {
	var r ref.Ref
	b.Get(&r)
	defer b.Put(&r)
	return b.v
}

// boxed uses a Box[int] and a Box[string]. Correct.
func boxed() (int, string) {
	var ri, rs ref.Ref
	bi := NewBox(42, &ri)
	bs := NewBox("x", &rs)
	defer bi.Put(&ri)
	defer bs.Put(&rs)
	return bi.Value(), bs.Value()
}

// boxedDouble puts twice. Bug.
func boxedDouble() int {
	var r ref.Ref
	b := NewBox(1, &r)
	v := b.Value()
	b.Put(&r)
	b.Put(&r) // want `Put of r on b.refs, but .*`
	return v
}

// Holder keeps a Box in a member. Correct pairing.
type Holder[T any] struct {
	box    *Box[T]
	boxRef ref.Ref
}

// Set stores with a reference. Correct.
func (h *Holder[T]) Set(b *Box[T]) {
	b.Get(&h.boxRef)
	h.box = b
}

// SetNoRef stores with no reference. Bug.
func (h *Holder[T]) SetNoRef(b *Box[T]) {
	h.box = b // want `h.box = b stores a tracked pointer with no reference behind it`
}

// Clear puts and clears. Correct.
func (h *Holder[T]) Clear() {
	if h.box != nil {
		h.box.Put(&h.boxRef)
		h.box = nil
	}
}

// TryBox is a generic conditional acquirer on a generic tracked type.
func TryBox[T any](b *Box[T], r *ref.Ref) bool { return b.refs.TryGet(r) }

// useTry is correct.
func useTry(b *Box[int]) int {
	var r ref.Ref
	if !TryBox(b, &r) {
		return 0
	}
	defer b.Put(&r)
	return b.v
}

// Constraint-typed generic: a generic function over tracked pointers through an interface.
type Counted interface {
	Count() *ref.Count
}

func (res *Res) Count() *ref.Count { return &res.refs }

// With takes a reference on x's count for the duration of f. Correct.
func With[T Counted](x T, f func(T)) {
	var r ref.Ref
	c := x.Count()
	c.Get(&r)
	defer c.Put(&r)
	f(x)
}

func useWith(res *Res) { With(res, func(*Res) {}) }

package clean_services

import (
	"github.com/refvet/refvet/ref"
)

// Counted is implemented by tracked objects.
type Counted interface {
	Grab(r *ref.Ref)
	Drop(r *ref.Ref)
}

func withRef[T Counted](x T, f func(T)) {
	var r ref.Ref
	x.Grab(&r)
	defer x.Drop(&r)
	f(x)
}

func mapSizes[K comparable](m map[K]*MM) map[K]int {
	out := make(map[K]int, len(m))
	for k, mm := range m {
		var r ref.Ref
		mm.users.Get(&r)
		out[k] = mm.size()
		mm.users.Put(&r)
	}
	return out
}

// GBox is a generic tracked type.
type GBox[T any] struct {
	refs ref.Count
	val  T
}

func NewGBox[T any](v T, r *ref.Ref) *GBox[T] {
	b := &GBox[T]{val: v}
	b.refs.Get(r)
	return b
}

func (b *GBox[T]) Value() T {
	var r ref.Ref
	b.refs.Get(&r)
	defer b.refs.Put(&r)
	return b.val
}

func useGBox() string {
	var r ref.Ref
	b := NewGBox("hi", &r)
	v := b.Value()
	b.refs.Put(&r)
	return v
}

// GHolder holds a generic box.
type GHolder[T any] struct {
	box    *GBox[T]
	boxRef ref.Ref
}

func (h *GHolder[T]) Set(b *GBox[T], r *ref.Ref) {
	if h.box != nil {
		h.box.refs.Put(&h.boxRef)
	}
	b.refs.Move(&h.boxRef, r)
	h.box = b
}

func acquireAll[S ~[]*MM](ms S, refs []ref.Ref) {
	for i, m := range ms {
		m.users.Get(&refs[i])
	}
}

// Package genericcontainers has generic containers of tracked pointers and a generic tracked type.
// Mostly correct; the bugs carry their diagnostics.
package genericcontainers

import (
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

// Blob is a reference-counted buffer.
type Blob struct {
	refs ref.Count
	data []byte
}

// Box is a generic tracked type: *Box[T] is a tracked pointer for every T.
type Box[T any] struct {
	refs ref.Count
	val  T
}

// NewBox returns a box whose first reference the caller holds. Correct.
func NewBox[T any](v T, r *ref.Ref) *Box[T] {
	b := &Box[T]{val: v}
	b.refs.Get(r)
	return b
}

// Peek reads a box's value under a reference of its own. Correct.
func Peek[T any](b *Box[T]) T {
	var r ref.Ref
	b.refs.Get(&r)
	defer b.refs.Put(&r)
	return b.val
}

// PeekLeak forgets to put when the value is the zero value. Bug: leak at the Get.
func PeekLeak[T comparable](b *Box[T]) (T, bool) {
	var zero T
	var r ref.Ref
	b.refs.Get(&r) // want `r leaks: the reference it takes on b.refs is still held at the return at line 46`
	v := b.val
	if v == zero {
		return zero, false
	}
	b.refs.Put(&r)
	return v, true
}

// Entry is a generic map entry that owns a reference on a blob.
type Entry[K comparable, V any] struct {
	key     K
	blob    *Blob
	blobRef ref.Ref
	val     V
}

// holder owns a reference on a generic box.
type holder[T any] struct {
	box    *Box[T]
	boxRef ref.Ref
}

// pairless holds a generic box with no member. Bug: at the field.
type pairless[T any] struct {
	box *Box[T] // want `field box of pairless holds a \*Box\[T\] with no ref.Ref member`
}

// Map is a generic map from keys to entries, each owning a blob reference.
type Map[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*Entry[K, V]
}

var ErrExists = errors.New("key exists")

// Put stores b under k, taking the map's own reference. Correct.
func (m *Map[K, V]) Put(k K, b *Blob, v V) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.m[k]; ok {
		return ErrExists
	}
	e := &Entry[K, V]{key: k, val: v, blob: b}
	b.refs.Get(&e.blobRef)
	m.m[k] = e
	return nil
}

// Adopt stores b under k with the caller's reference. Correct.
func (m *Map[K, V]) Adopt(k K, b *Blob, r *ref.Ref) {
	e := &Entry[K, V]{key: k, blob: b}
	b.refs.Move(&e.blobRef, r)
	m.mu.Lock()
	m.m[k] = e
	m.mu.Unlock()
}

// Get returns k's blob with a reference for the caller, or nil. Correct.
func (m *Map[K, V]) Get(k K, r *ref.Ref) *Blob {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.m[k]
	if e == nil {
		return nil
	}
	e.blob.refs.Get(r)
	return e.blob
}

// Len reads a blob's length through Get. Correct.
func Len[K comparable, V any](m *Map[K, V], k K) int {
	var r ref.Ref
	b := m.Get(k, &r)
	if b == nil {
		return 0
	}
	n := len(b.data)
	b.refs.Put(&r)
	return n
}

// LenLeak forgets the put on empty blobs. Bug: leak at the acquiring call.
func LenLeak[K comparable, V any](m *Map[K, V], k K) int {
	var r ref.Ref
	b := m.Get(k, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 133`
	if b == nil {
		return 0
	}
	if len(b.data) == 0 {
		return 0
	}
	n := len(b.data)
	b.refs.Put(&r)
	return n
}

// Hold wraps a box in a holder with its own reference. Correct.
func Hold[T any](b *Box[T]) *holder[T] {
	h := &holder[T]{box: b}
	b.refs.Get(&h.boxRef)
	return h
}

// HoldUnbacked wraps a box without a reference. Bug: at the literal element.
func HoldUnbacked[T any](b *Box[T]) *holder[T] {
	return &holder[T]{
		box: b, // want `holder\[T\]{box: b} stores a tracked pointer with no reference behind it`
	}
}

// Release drops the holder's reference. Correct.
func (h *holder[T]) Release() {
	if h.box != nil {
		h.box.refs.Put(&h.boxRef)
		h.box = nil
	}
}

// Each calls fn on each blob of a list, each under its own reference. Correct.
func Each[S ~[]*Blob](blobs S, fn func([]byte)) {
	for _, b := range blobs {
		var r ref.Ref
		b.refs.Get(&r)
		fn(b.data)
		b.refs.Put(&r)
	}
}

// Counted is anything that exposes its count; the analysis cannot name the count behind an
// interface method and does not judge wrong-count puts through it.
type Counted interface {
	Count() *ref.Count
}

func (b *Blob) Count() *ref.Count { return &b.refs }

// With runs fn under a reference on any Counted. Correct.
func With[T Counted](obj T, fn func(T) error) error {
	var r ref.Ref
	c := obj.Count()
	c.Get(&r)
	defer c.Put(&r)
	return fn(obj)
}

// WithLeak does not put when fn fails. Bug: leak at the Get.
func WithLeak[T Counted](obj T, fn func(T) error) error {
	var r ref.Ref
	c := obj.Count()
	c.Get(&r) // want `r leaks: the reference it takes on c is still held at the return at line 195`
	if err := fn(obj); err != nil {
		return err
	}
	c.Put(&r)
	return nil
}

// use instantiates the generic code so that it is built as well as declared.
func use() {
	var r ref.Ref
	b := NewBox(3, &r)
	_ = Peek(b)
	b.refs.Put(&r)
	m := &Map[string, int]{m: map[string]*Entry[string, int]{}}
	_ = Len(m, "x")
	_ = With(&Blob{}, func(*Blob) error { return nil })
}

// Package slowmovewrappers: moveref's slow move written through wrappers: a Get by one
// wrapper directly followed by a Put by another, on the same count of the same object. SPEC:
// "wrappers in any package count as the primitive they wrap"; "Facts carry the count"; the
// slow move is a Get(dst) followed by a Put(src) on the same Count of the same SSA value with
// nothing in between. Buggy and correct functions side by side.
package slowmovewrappers

import (
	"github.com/refvet/refvet/ref"

	w "countwrappers"
)

// MM is tracked; its wrappers are local.
type MM struct {
	users ref.Count
	count ref.Count
}

func getUser(m *MM, r *ref.Ref)  { m.users.Get(r) }
func putUser(m *MM, r *ref.Ref)  { m.users.Put(r) }
func getCount(m *MM, r *ref.Ref) { m.count.Get(r) }

// handOver takes into dst with one local wrapper and drops src with another. Bug: the slow
// move.
func handOver(m *MM, dst, src *ref.Ref) {
	getUser(m, dst) // want `into dst on m.users followed by the .*of src at line 28 is a move written the slow way`
	putUser(m, src)
}

// handOverMixed takes with a wrapper and puts with the primitive. Bug: the slow move.
func handOverMixed(m *MM, dst, src *ref.Ref) {
	getUser(m, dst) // want `into dst on m.users followed by the .*of src at line 34 is a move written the slow way`
	m.users.Put(src)
}

// handOverOtherCount takes on count and puts on users. Correct for moveref: not one count.
func handOverOtherCount(m *MM, dst, src *ref.Ref) {
	getCount(m, dst)
	putUser(m, src)
}

// handOverMove is the fast way. Correct.
func handOverMove(m *MM, dst, src *ref.Ref) {
	m.users.Move(dst, src)
}

// Retain hands the caller's reference in src over to dst through the sibling package's
// wrappers. Bug: the slow move.
func Retain(b *w.Buf, dst, src *ref.Ref) {
	w.Hold(b, dst) // want `into dst on b.Users followed by the .*of src at line 52 is a move written the slow way`
	w.Drop(b, src)
}

// RetainMethods does the same through the wrapper methods. Bug: the slow move.
func RetainMethods(b *w.Buf, dst, src *ref.Ref) bool {
	b.Acquire(dst) // want `into dst on b.Users followed by the .*of src at line 58 is a move written the slow way`
	return b.Release(src)
}

// RetainTwo takes on one buffer and drops on another. Correct: two objects.
func RetainTwo(a, b *w.Buf, dst, src *ref.Ref) {
	w.Hold(a, dst)
	w.Drop(b, src)
}

// RetainPinned pins and drops a users reference. Correct: two counts.
func RetainPinned(b *w.Buf, dst, src *ref.Ref) {
	w.Pin(b, dst)
	w.Drop(b, src)
}

// RetainCopy takes a second reference, uses the data, then drops the first: a call in
// between. Correct for moveref.
func RetainCopy(b *w.Buf, dst, src *ref.Ref) int {
	w.Hold(b, dst)
	n := len(b.Data)
	println(n)
	w.Drop(b, src)
	return n
}

// Package handoff checks that one mistake in handing references over makes one diagnostic,
// whichever passes could see it: ownerparam and moveref against pairing and structmember.
package handoff

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
	dead  bool
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

// Each of these is one mistake, reported once.

func putAfterMove(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Move(out, &r)
	m.users.Put(&r) // want `Put of r on m.users, but its reference was moved out at line 22`
}

func moveFromEmpty(m *MM) {
	var src, dst ref.Ref
	m.users.Move(&dst, &src) // want `Move from src into dst on m.users, but src holds nothing here`
	m.users.Put(&dst)
}

func moveIntoHeld(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&dst)
	m.users.Get(&src)
	m.users.Move(&dst, &src) // want `Move into dst from src on m.users, but dst already holds`
	m.users.Put(&dst)
}

func NewMM() *MM { // want `NewMM returns m with a reference on m.users \(taken at line 43, returned at line 44\) held by its local ref r`
	m := &MM{}
	var r ref.Ref
	m.users.Get(&r)
	return m
}

func release(m *MM) { // want `release drops a reference on m.users, which its caller passed in, with its local ref r`
	var r ref.Ref
	m.users.Put(&r)
}

func releaseWrongRef(m *MM, r *ref.Ref) { // want `releaseWrongRef drops a reference on m.users`
	var mine ref.Ref
	m.users.Put(&mine)
}

func slowMove(m *MM, dst, src *ref.Ref) {
	m.users.Get(dst) // want `Get into dst on m.users followed by the Put of src at line 59 is a move written the slow way`
	m.users.Put(src)
}

func slowMoveFromNothing(m *MM, dst *ref.Ref) { // want `slowMoveFromNothing drops a reference on m.users, which its caller passed in, with its local ref src, which never took one`
	var src ref.Ref
	m.users.Get(dst)
	m.users.Put(&src)
}

func slowMoveFromPut(m *MM, dst *ref.Ref) {
	var src ref.Ref
	m.users.Get(&src)
	m.users.Put(&src)
	m.users.Get(dst)
	m.users.Put(&src) // want `Put of src on m.users, but src holds nothing here: it was already put at line 71`
}

func (t *Task) Adopt(m *MM, r *ref.Ref) { // want `Adopt takes ref parameter r but neither acquires into it`
	println(m.dead)
}

// Correct hand-overs: no pass says anything.

func NewMMFor(r *ref.Ref) *MM {
	m := &MM{}
	m.users.Get(r)
	return m
}

func handOff(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Move(out, &r)
}

func (t *Task) take(m *MM, src *ref.Ref) {
	m.users.Move(&t.mmRef, src)
	t.mm = m
}

func (t *Task) give(out *ref.Ref) {
	t.mm.users.Move(out, &t.mmRef)
	t.mm = nil
}

func Open(m *MM, r *ref.Ref) error {
	if m.dead {
		return errDead
	}
	m.users.Get(r)
	return nil
}

func openAndHand(m *MM, out *ref.Ref) error {
	var r ref.Ref
	if err := Open(m, &r); err != nil {
		return err
	}
	m.users.Move(out, &r)
	return nil
}

func balanced(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	println(m.dead)
}

type deadError struct{}

func (deadError) Error() string { return "dead" }

var errDead error = deadError{}

// A Move with its arguments swapped: one mistake, reported once by moveref; pairing leaves the
// leak it causes alone (refstate.SwappedMove).
func swapped(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&src)
	m.users.Move(&src, &dst) // want `are the arguments swapped`
	m.users.Put(&dst)
}

// Package clearthenput: clearing (or overwriting) the pointer field first and then
// putting the member through a saved copy of the old pointer is correct, and it is the order
// the kernel's exit_mm uses (`mm = tsk->mm; tsk->mm = NULL; ...; mmput(mm)`). SPEC: a clear is
// a bug only "without putting or moving out the member ref on that path", and the reference is
// not lost: the member still names it and is put on the same path. refvet reports the store.
// Expected output: silence. (Engine: the overwrite judgement needs to know whether the member
// is released later on the path, as Unbacked does for acquires after a store.)
package clearthenput

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

// ExitMM clears the pointer, then puts the reference through the saved pointer. Correct.
func ExitMM(t *Task) {
	m := t.mm
	if m == nil {
		return
	}
	t.mm = nil
	m.users.Put(&t.mmRef)
}

// Swap overwrites the pointer, moves the old reference out, then takes the new. Correct.
func Swap(t *Task, n *MM, r *ref.Ref) {
	if old := t.mm; old != nil {
		t.mm = n
		var oldRef ref.Ref
		old.users.Move(&oldRef, &t.mmRef)
		n.users.Move(&t.mmRef, r)
		old.users.Put(&oldRef)
		return
	}
	t.mm = n
	n.users.Move(&t.mmRef, r)
}

// ExitMMLost clears and never puts. Bug, still reported.
func ExitMMLost(t *Task) {
	if t.mm != nil {
		t.mm = nil // want `t.mm = nil clears the pointer while t.mmRef still holds`
	}
}

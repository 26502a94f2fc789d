package mm

import "github.com/refvet/refvet/ref"

// exitMM is exit_mm: the task's reference moves out of the task, the pointer is cleared, then
// the reference is put; the lazy activeMM reference stays until the task is reaped.
func exitMM(t *Task) {
	m := t.mm
	if m == nil {
		return
	}
	var r ref.Ref
	m.users.Move(&r, &t.mmRef)
	t.mm = nil
	m.users.Put(&r)
}

// exitMMLeak clears the pointer and forgets the reference.
func exitMMLeak(t *Task) {
	m := t.mm
	if m == nil {
		return
	}
	t.mm = nil // want `t.mm = nil clears the pointer while t.mmRef still holds the reference on the old one: Put it or Move it out first`
}

// exitMMDirect puts the member in place, then clears the pointer.
func exitMMDirect(t *Task) {
	if t.mm != nil {
		Put(t.mm, &t.mmRef)
		t.mm = nil
	}
}

// reap drops the lazy reference when the task is gone.
func reap(t *Task) {
	if t.activeMM != nil {
		t.activeMM.count.Put(&t.activeMMRef)
		t.activeMM = nil
	}
}

// reapWrongCount drops the lazy reference on the users count it was never taken on.
func reapWrongCount(t *Task) {
	m := t.mm
	if m == nil {
		return
	}
	t.activeMM = m
	m.count.Get(&t.activeMMRef)
	m.users.Put(&t.activeMMRef) // want `Put of t.activeMMRef on m.users, but t.activeMMRef holds a reference on m.count`
	t.activeMM = nil
}

package mm

import "github.com/refvet/refvet/ref"

// execMmap is exec_mmap: t switches to m, whose users reference the caller hands over in r.
// The old mm's reference moves out of the task before the pointer changes and is put last,
// as the RFC writes it: `if (old_mm) move_mm_ref(...); ...; if (old_mm) mmput(old_mm, ...)`.
func execMmap(t *Task, m *MM, r *ref.Ref) {
	var oldRef ref.Ref
	old := t.mm
	if old != nil {
		old.users.Move(&oldRef, &t.mmRef)
	}
	t.mm = m
	m.users.Move(&t.mmRef, r)
	if old != nil {
		old.users.Put(&oldRef)
	}
}

// execMmapLazy also switches the lazy activeMM reference, putting the old ones with defers.
func execMmapLazy(t *Task, m *MM, r *ref.Ref) {
	var oldRef, activeRef ref.Ref
	old, active := t.mm, t.activeMM
	if old != nil {
		old.users.Move(&oldRef, &t.mmRef)
		defer old.users.Put(&oldRef)
	}
	if active != nil {
		active.count.Move(&activeRef, &t.activeMMRef)
		defer active.count.Put(&activeRef)
	}
	t.mm = m
	m.users.Move(&t.mmRef, r)
	t.activeMM = m
	m.count.Get(&t.activeMMRef)
}

// execMmapLost swaps the pointer but forgets that t.mmRef still holds the old mm: the old
// reference is lost, the old mm never dies.
func execMmapLost(t *Task, m *MM, r *ref.Ref) {
	if old := t.mm; old != nil {
		t.mm = m // want `t.mm = m overwrites the pointer while t.mmRef still holds the reference on the old one: Put it or Move it out first`
		m.users.Move(&t.mmRef, r)
		return
	}
	t.mm = m
	m.users.Move(&t.mmRef, r)
}

// execMmapUnbacked points the task at m without the caller's reference: nothing keeps m
// alive for the task.
func execMmapUnbacked(t *Task, m *MM) {
	var oldRef ref.Ref
	if old := t.mm; old != nil {
		old.users.Move(&oldRef, &t.mmRef)
		defer old.users.Put(&oldRef)
	}
	t.mm = m // want `t.mm = m stores a tracked pointer with no reference behind it: t.mmRef holds none at the return at line 60`
}

// execMmapSlow takes the old reference out into oldRef and puts it, but takes the new one
// into the member while the member still holds the old one on the path where it was not
// moved out: one mistake, reported once, by pairing, at the second Get.
func execMmapSlow(t *Task, m *MM) {
	t.mm = Alloc(&t.mmRef)
	t.mm = m
	m.users.Get(&t.mmRef) // want `t.mmRef already holds a reference on .*users`
}

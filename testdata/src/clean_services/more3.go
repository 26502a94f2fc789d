package clean_services

import "github.com/refvet/refvet/ref"

func setIfNil(t *Task, m *MM) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.mm != nil {
		return false
	}
	m.users.Get(&t.mmRef)
	t.mm = m
	return true
}

func replaceLocked(t *Task, m *MM) {
	var newRef, oldRef ref.Ref
	m.users.Get(&newRef)
	t.mu.Lock()
	old := t.mm
	if old != nil {
		old.users.Move(&oldRef, &t.mmRef)
	}
	t.mm = m
	m.users.Move(&t.mmRef, &newRef)
	t.mu.Unlock()
	if old != nil {
		old.Drop(&oldRef)
	}
}

func sliceOfMsgs(ms []*MM) []*msg {
	out := make([]*msg, 0, len(ms))
	for _, m := range ms {
		x := &msg{mm: m}
		m.users.Get(&x.mmRef)
		out = append(out, x)
	}
	return out
}

func dropMsgs(xs []*msg) {
	for _, x := range xs {
		x.mm.users.Put(&x.mmRef)
		x.mm = nil
	}
}

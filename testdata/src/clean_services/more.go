package clean_services

import (
	"errors"
	"io/fs"
	"iter"

	lib "clean_wrappers"

	"github.com/refvet/refvet/ref"
)

// all yields every mm of the tasks, holding a reference while the body runs.
func all(ts []*Task) iter.Seq[*MM] {
	return func(yield func(*MM) bool) {
		for _, t := range ts {
			var r ref.Ref
			m := t.GetMM(&r)
			if m == nil {
				continue
			}
			ok := yield(m)
			m.Drop(&r)
			if !ok {
				return
			}
		}
	}
}

func rangeFunc(ts []*Task) int {
	n := 0
	for m := range all(ts) {
		var r ref.Ref
		m.Grab(&r)
		n += m.size()
		m.Drop(&r)
		if n > 100 {
			break
		}
	}
	return n
}

func rangeInt(m *MM, k int) {
	for range k {
		var r ref.Ref
		m.users.Get(&r)
		m.users.Put(&r)
	}
}

// openNamed is a conditional acquirer with named results.
func openNamed(g *lib.Registry, name string, r *ref.Ref) (o *lib.Obj, err error) {
	o, err = g.Lookup(name, r)
	if err != nil {
		err = &fs.PathError{Op: "open", Path: name, Err: err}
		o = nil
	}
	return
}

func useOpenNamed(g *lib.Registry) string {
	var r ref.Ref
	o, err := openNamed(g, "x", &r)
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		return pe.Path
	case err != nil:
		return ""
	}
	defer lib.Release(o, &r)
	return o.Name
}

func methodValue(m *MM) {
	var r ref.Ref
	get, put := m.Grab, m.Drop
	get(&r)
	put(&r)
}

func structLitMove(m *MM, r *ref.Ref) *msg {
	x := &msg{mm: m}
	m.users.Move(&x.mmRef, r)
	return x
}

// execMmapDefer swaps the task's mm, dropping the old one on the way out.
func execMmapDefer(t *Task, name string) {
	var r, oldRef ref.Ref
	m := NewMM(name, &r)
	t.mu.Lock()
	old := t.mm
	if old != nil {
		old.users.Move(&oldRef, &t.mmRef)
		defer old.users.Put(&oldRef)
	}
	m.users.Move(&t.mmRef, &r)
	t.mm = m
	t.mu.Unlock()
}

func takeFromTable(tb *Table, i int) int {
	var r ref.Ref
	m := tb.Remove(i, &r)
	if m == nil {
		return 0
	}
	defer m.users.Put(&r)
	return m.size()
}

func installFresh(tb *Table, i int) {
	var r ref.Ref
	m := NewMM("slot", &r)
	tb.Install(i, m, &r)
}

func holderLifecycle(g *lib.Registry) {
	var r ref.Ref
	o := lib.New("h", &r)
	h := NewHolder(o, &r)
	defer h.Reset()
	_ = h.obj.Name
}

func swapHolder(h *Holder, o *lib.Obj) {
	var in, out ref.Ref
	lib.Acquire(o, &in)
	old := h.Swap(o, &in, &out)
	lib.Release(old, &out)
}

func taskLifecycle() int {
	var r ref.Ref
	m := NewMM("init", &r)
	t := NewTask(1, m, &r)
	defer t.Exit()
	var r2 ref.Ref
	if mm := t.GetMM(&r2); mm != nil {
		defer mm.Drop(&r2)
		return mm.size()
	}
	return 0
}

func maybePin(m *MM, pin bool) *Pinned {
	if !pin {
		return nil
	}
	return NewPinned(m)
}

func childOf(m *MM) Child { return Child{owner: m, id: 1} }

func useWithRef(m *MM) int {
	n := 0
	withRef(m, func(x *MM) { n = x.size() })
	return n
}

func gboxHolder() {
	var r ref.Ref
	b := NewGBox(42, &r)
	var h GHolder[int]
	h.Set(b, &r)
	h.box.refs.Put(&h.boxRef)
	h.box = nil
}

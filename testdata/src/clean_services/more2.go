package clean_services

import (
	"context"
	"errors"

	lib "clean_wrappers"

	"github.com/refvet/refvet/ref"
)

func deferArgClosure(m *MM) int {
	var r ref.Ref
	m.users.Get(&r)
	defer func(r *ref.Ref) { m.users.Put(r) }(&r)
	return m.size()
}

func switchInitErr(g *lib.Registry, name string) string {
	var r ref.Ref
	switch o, err := g.Lookup(name, &r); {
	case err != nil:
		return ""
	default:
		defer lib.Release(o, &r)
		return o.Name
	}
}

func compoundCond(m *MM, want bool) int {
	var r ref.Ref
	if want && m.users.TryGet(&r) {
		defer m.users.Put(&r)
		return m.size()
	}
	return 0
}

func orCond(m *MM, skip bool) int {
	var r ref.Ref
	if skip || !m.users.TryGet(&r) {
		return 0
	}
	n := m.size()
	m.users.Put(&r)
	return n
}

func retryNext(ms []*MM) (*MM, int) {
	var r ref.Ref
	for i, m := range ms {
		if !m.users.TryGet(&r) {
			continue
		}
		n := m.size()
		m.users.Put(&r)
		return m, n + i
	}
	return nil, 0
}

func selectSend(ctx context.Context, ch chan<- *msg, m *MM) error {
	var r ref.Ref
	m.users.Get(&r)
	x := &msg{mm: m}
	m.users.Move(&x.mmRef, &r)
	select {
	case ch <- x:
		return nil
	case <-ctx.Done():
		x.mm.users.Put(&x.mmRef)
		return ctx.Err()
	}
}

// Outer embeds Mid embeds Base: two levels.
type Mid struct {
	Base
}

type Outer struct {
	Mid
	tag string
}

func (o *Outer) Bind(m *MM, r *ref.Ref) {
	m.users.Move(&o.mmRef, r)
	o.mm = m
}

func (o *Outer) Unbind(r *ref.Ref) *MM {
	m := o.mm
	m.users.Move(r, &o.mmRef)
	o.mm = nil
	return m
}

func outerRoundTrip(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	var o Outer
	o.Bind(m, &r)
	got := o.Unbind(&r)
	got.users.Put(&r)
}

var errBusy = errors.New("busy")

// acquireUnlessBusy acquires into r only when err == nil.
func acquireUnlessBusy(m *MM, busy bool, r *ref.Ref) error {
	if busy {
		return errBusy
	}
	m.users.Get(r)
	return nil
}

func useAcquireUnlessBusy(m *MM, busy bool) (n int, err error) {
	var r ref.Ref
	if err = acquireUnlessBusy(m, busy, &r); err != nil {
		return 0, err
	}
	defer m.users.Put(&r)
	return m.size(), nil
}

// tryPair takes references on both or neither.
func tryPair(a, b *MM, ra, rb *ref.Ref) bool {
	if !a.users.TryGet(ra) {
		return false
	}
	if !b.users.TryGet(rb) {
		a.users.Put(ra)
		return false
	}
	return true
}

func useTryPair(a, b *MM) int {
	var ra, rb ref.Ref
	if !tryPair(a, b, &ra, &rb) {
		return 0
	}
	n := a.size() + b.size()
	b.users.Put(&rb)
	a.users.Put(&ra)
	return n
}

func closureAssignedThenCalled(m *MM) int {
	var r ref.Ref
	release := func() { m.users.Put(&r) }
	m.users.Get(&r)
	n := m.size()
	release()
	return n
}

func errClosedOrPut(t *Task) error {
	var r ref.Ref
	m := t.GetMM(&r)
	if m == nil {
		return errClosed
	}
	m.Drop(&r)
	return nil
}

package callers

import (
	"github.com/refvet/refvet/ref"

	"wrappers"
)

func newViaWrapper() *wrappers.MM { // want `newViaWrapper returns m with a reference on m.users \(taken at line 12, returned at line 13\) held by its local ref r`
	m := new(wrappers.MM)
	var r ref.Ref
	wrappers.Grab(m, &r)
	return m
}

func dropViaWrapper(m *wrappers.MM) { // want `dropViaWrapper drops a reference on m.users, which its caller passed in, with its local ref r, which never took one \(Drop at line 18\)`
	var r ref.Ref
	wrappers.Drop(m, &r)
}

func idleAcross(m *wrappers.MM, r *ref.Ref, fail bool) error { // want `idleAcross takes ref parameter r`
	if fail {
		return nil
	}
	return wrappers.Open(m, r)
}

// Correct forwarding through wrappers.

func forward(m *wrappers.MM, r *ref.Ref) { wrappers.Grab(m, r) }

func forwardOpen(m *wrappers.MM, r *ref.Ref) error { return wrappers.Open(m, r) }

func forwardHand(m *wrappers.MM, dst, src *ref.Ref) { wrappers.Hand(m, dst, src) }

func forwardDrop(m *wrappers.MM, r *ref.Ref) { wrappers.Drop(m, r) }

func look(m *wrappers.MM, r *ref.Ref) { wrappers.Look(r) }

func newViaHand(dst *ref.Ref) *wrappers.MM {
	m := new(wrappers.MM)
	var r ref.Ref
	wrappers.Grab(m, &r)
	wrappers.Hand(m, dst, &r)
	return m
}

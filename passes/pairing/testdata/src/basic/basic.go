package basic

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
	count ref.Count
}

var errBusy = errors.New("busy")

func leakEarlyReturn(m *MM, bad bool) error {
	var r ref.Ref
	m.users.Get(&r) // want `r leaks: the reference it takes on m.users is still held at the return at line 20`
	if bad {
		return errBusy
	}
	m.users.Put(&r)
	return nil
}

func balanced(m *MM, bad bool) error {
	var r ref.Ref
	m.users.Get(&r)
	if bad {
		m.users.Put(&r)
		return errBusy
	}
	m.users.Put(&r)
	return nil
}

func deferred(m *MM, bad bool) error {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	if bad {
		return errBusy
	}
	return nil
}

func doubleGet(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Get(&r) // want `r already holds a reference on m.users \(taken at line 49\)`
	m.users.Put(&r)
}

func doublePut(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Put(&r)
	m.users.Put(&r) // want `Put of r on m.users, but r holds nothing here: it was already put at line 57`
}

func wrongCount(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	m.count.Put(&r) // want `Put of r on m.count, but r holds a reference on m.users \(taken at line 63\), not on m.count`
}

func neverTaken() {
	m := new(MM)
	var r ref.Ref
	m.users.Put(&r) // want `Put of r on m.users, but r holds nothing here`
}

func tryGet(m *MM) bool {
	var r ref.Ref
	if !m.users.TryGet(&r) {
		return false
	}
	m.users.Put(&r)
	return true
}

func tryGetStored(m *MM) bool {
	var r ref.Ref
	ok := m.users.TryGet(&r)
	if ok {
		println("got it")
	}
	if ok {
		m.users.Put(&r)
	}
	return ok
}

func tryGetPutUnchecked(m *MM) {
	var r ref.Ref
	m.users.TryGet(&r)
	m.users.Put(&r) // want `Put of r on m.users, but r holds nothing on the path where the TryGet at line 96 failed`
}

func leaksEverywhere(m *MM) {
	var r ref.Ref
	m.users.Get(&r) // want `r leaks`
	println("work")
}

func panics(m *MM, bad bool) {
	var r ref.Ref
	m.users.Get(&r)
	if bad {
		panic("bad")
	}
	m.users.Put(&r)
}

func escapes(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	keep(&r)
}

var kept []*ref.Ref

func keep(r *ref.Ref) { kept = append(kept, r) }

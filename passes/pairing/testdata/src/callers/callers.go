package callers

import (
	"errors"
	"io"

	"github.com/refvet/refvet/ref"

	"wrappers"
)

func leakViaWrapper(m *wrappers.MM) {
	var r ref.Ref
	wrappers.Grab(m, &r) // want `r leaks: the reference it takes on m.users is still held`
}

func balancedViaWrappers(m *wrappers.MM) {
	var r ref.Ref
	wrappers.Grab(m, &r)
	wrappers.Look(&r)
	wrappers.Drop(m, &r)
}

func wrongCountViaWrappers(m *wrappers.MM) {
	var r ref.Ref
	wrappers.Grab(m, &r)
	wrappers.DropCount(m, &r) // want `DropCount of r on m.count, but r holds a reference on m.users`
}

func openClean(m *wrappers.MM) error {
	var r ref.Ref
	if err := wrappers.Open(m, &r); err != nil {
		return err
	}
	defer wrappers.Drop(m, &r)
	return nil
}

func openStoredErr(m *wrappers.MM) error {
	var r ref.Ref
	err := wrappers.Open(m, &r)
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return err
	}
	wrappers.Drop(m, &r)
	return nil
}

func openPutOnError(m *wrappers.MM) error {
	var r ref.Ref
	if err := wrappers.Open(m, &r); err != nil {
		wrappers.Drop(m, &r) // want `Drop of r on m.users, but r holds nothing on the path where the Open at line 54 failed`
		return err
	}
	wrappers.Drop(m, &r)
	return nil
}

func openLeak(m *wrappers.MM) error {
	var r ref.Ref
	if err := wrappers.Open(m, &r); err != nil { // want `r leaks`
		return err
	}
	return nil
}

func lookupClean(m *wrappers.MM) bool {
	var r ref.Ref
	p := wrappers.Lookup(m, &r)
	if p == nil {
		return false
	}
	wrappers.Drop(p, &r)
	return true
}

func tryGrabClean(m *wrappers.MM) {
	var r ref.Ref
	if wrappers.TryGrab(m, &r) {
		wrappers.Drop(m, &r)
	}
}

func methodValue(m *wrappers.MM) {
	var r ref.Ref
	get := m.Get
	get(&r)
	put := m.Put
	put(&r)
}

func methodValueLeak(m *wrappers.MM) {
	var r ref.Ref
	get := m.Get
	get(&r) // want `r leaks`
}

func viaInterface(o wrappers.Opener, m *wrappers.MM) error {
	var r ref.Ref
	if err := o.Open(m, &r); err != nil {
		return err
	}
	o.Close(m, &r)
	return nil
}

func viaInterfaceLeak(o wrappers.Opener, m *wrappers.MM) error {
	var r ref.Ref
	return o.Open(m, &r) // want `r leaks`
}

package callers

import (
	"github.com/refvet/refvet/ref"

	"wrappers"
)

func fromEmpty(m *wrappers.MM) {
	var src, dst ref.Ref
	wrappers.Hand(m, &dst, &src) // want `Hand from src into dst on m.users, but src holds nothing here`
	wrappers.Drop(m, &dst)
}

func dropAfterHand(m *wrappers.MM) {
	var src, dst ref.Ref
	wrappers.Grab(m, &src)
	wrappers.Hand(m, &dst, &src)
	wrappers.Drop(m, &dst)
	wrappers.Drop(m, &src) // want `Drop of src on m.users, but its reference was moved out at line 18 \(into dst\)`
}

func intoHeld(m *wrappers.MM) {
	var src, dst ref.Ref
	wrappers.Grab(m, &dst)
	wrappers.Grab(m, &src)
	m.Transfer(&dst, &src) // want `Transfer into dst from src on m.users, but dst already holds a reference on m.users \(taken at line 25\)`
	wrappers.Drop(m, &dst)
}

func wrongCount(m *wrappers.MM) {
	var src, dst ref.Ref
	wrappers.Grab(m, &src)
	wrappers.HandCount(m, &dst, &src) // want `HandCount from src into dst on m.count, but src holds a reference on m.users \(taken at line 33\)`
	wrappers.DropCount(m, &dst)
}

// Correct use of the wrappers.

func clean(m *wrappers.MM) {
	var src, dst ref.Ref
	wrappers.Grab(m, &src)
	wrappers.Hand(m, &dst, &src)
	wrappers.Drop(m, &dst)
}

func cleanMethod(m *wrappers.MM, out *ref.Ref) {
	var r ref.Ref
	wrappers.Grab(m, &r)
	m.Transfer(out, &r)
}

func forward(m *wrappers.MM, dst, src *ref.Ref) { wrappers.Hand(m, dst, src) }

func openThenHand(m *wrappers.MM, out *ref.Ref) error {
	var r ref.Ref
	if err := wrappers.Open(m, &r); err != nil {
		return err
	}
	wrappers.Hand(m, out, &r)
	return nil
}

func openUncheckedThenHand(m *wrappers.MM, out *ref.Ref) {
	var r ref.Ref
	_ = wrappers.Open(m, &r)
	wrappers.Hand(m, out, &r) // Open's error is never tested: SPEC counts r as held
}

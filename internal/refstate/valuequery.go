package refstate

import (
	"golang.org/x/tools/go/ssa"
)

// This file holds what value mode's rules ask of a function beyond its states: where a
// borrowed value came from, what constructors store in the objects they make.

// FromOwnObject reports whether a borrowed value came from an accessor of the function's own
// receiver (or an object reached from it): `vs.versions.Back().UnrefLocked()` in a method of
// the version set drops a reference its own object keeps, as a release method drops its
// fields' (SPEC-VALUE, own fields).
func (l *Loc) FromOwnObject() bool {
	call, ok := l.Root.(*ssa.Call)
	if e, isExtract := l.Root.(*ssa.Extract); isExtract {
		call, ok = e.Tuple.(*ssa.Call)
	}
	if !ok || call.Parent().Signature.Recv() == nil || len(call.Parent().Params) == 0 {
		return false
	}
	recv := viewOf(call.Common()).recv
	self := call.Parent().Params[0]
	for recv != nil {
		switch v := recv.(type) {
		case *ssa.Parameter:
			return v == self
		case *ssa.FieldAddr:
			recv = v.X
		case *ssa.Field:
			recv = v.X
		case *ssa.UnOp:
			recv = v.X
		case *ssa.Call:
			recv = viewOf(v.Common()).recv
		case *ssa.Alloc:
			return storedIn(v, self) // the receiver, kept in a cell because a closure captures it
		default:
			return false
		}
	}
	return false
}

// storedIn reports whether cell holds v: some store puts v in it.
func storedIn(cell *ssa.Alloc, v ssa.Value) bool {
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell && st.Val == v {
			return true
		}
	}
	return false
}

// Shared reports whether the function passed the value to a callee as an argument: a callee
// may keep a reference of its own (arrow's constructors Retain what they keep), so the value
// may live on after the function releases its reference.
func (l *Loc) Shared() bool { return l.value != nil && l.value.shared }

// touched reports whether some site other than its take acts on l.
func (f *Func) touched(l *Loc) bool {
	for _, s := range f.sites[1:] {
		if s.Dst == l && s.Op != OpGet && s.Op != OpTryGet && s.Op != OpUse {
			return true
		}
	}
	return false
}

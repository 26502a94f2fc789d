package refstate

import (
	"golang.org/x/tools/go/ssa"
)

// This file decides where a tracked value leaves the function's hands: stores that outlive the
// call, results handed to the caller (directly or through a result slot), everything else the
// engine cannot follow.

// valueEscape returns the Loc of the tracked value v, if instr lets it go where the engine does
// not follow it: stored, sent, captured, passed to an unknown function.
func (a *fnAnalysis) valueEscape(instr ssa.Instruction, v ssa.Value) *Loc {
	if a.vals == nil {
		return nil
	}
	l := a.vals.of[v]
	if l == nil {
		return nil
	}
	if copyV, ok := instr.(ssa.Value); ok && a.vals.of[copyV] == l {
		return nil // a copy of it: followed
	}
	switch instr.(type) {
	case *ssa.TypeAssert, *ssa.Field, *ssa.Extract:
		return nil // reads it, keeps nothing
	}
	if st, ok := instr.(*ssa.Store); ok && st.Val == v && (isSpill(st.Addr) || a.vals.cells[st.Addr] == l) {
		return nil // kept in a local variable (or a captured one, followed): still the function's
	}
	return l
}

// isSpill reports whether addr is a local variable SSA keeps in memory (a value receiver whose
// field is addressed) that is only stored to and read.
func isSpill(addr ssa.Value) bool {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok || alloc.Heap {
		return false
	}
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return false
			}
		case *ssa.UnOp, *ssa.FieldAddr, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// handOver records, at a return or a store into a result slot, the tracked values the function
// gives its caller as results, and returns their Locs: from there on the caller holds them.
func (a *fnAnalysis) handOver(instr ssa.Instruction) []*Loc {
	if a.vals == nil {
		return nil
	}
	var out []*Loc
	switch in := instr.(type) {
	case *ssa.Return:
		for i := range in.Results {
			if u, ok := in.Results[i].(*ssa.UnOp); ok && resultSlot(u.X) {
				continue // handed over where it was stored into the result slot
			}
			if l := a.vals.of[in.Results[i]]; l != nil {
				a.vals.handed[in] = append(a.vals.handed[in], hand{Result: i, Loc: l})
				out = append(out, l)
			}
		}
	case *ssa.Store:
		if l := a.vals.of[in.Val]; l != nil && resultSlot(in.Addr) {
			if i := slotResult(a.fn, in.Addr); i >= 0 {
				a.vals.handed[in] = append(a.vals.handed[in], hand{Result: i, Loc: l})
				out = append(out, l)
			}
		}
	}
	return out
}

// slotResult is the index of the result whose slot addr is, or -1.
func slotResult(fn *ssa.Function, addr ssa.Value) int {
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, r := range ret.Results {
			if u, ok := r.(*ssa.UnOp); ok && u.X == addr {
				return i
			}
		}
	}
	return -1
}

// outlives reports whether memory at addr outlives the function: a field or element of an
// object it did not allocate as a local, or a global.
func outlives(addr ssa.Value) bool {
	for {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.Alloc:
			if a.Comment == "varargs" {
				return appended(a) // otherwise passed on to the variadic call: not kept
			}
			// An object allocated here and returned or kept: a home. A slice literal is an
			// argument, and a variable a closure captures is the closure's.
			return a.Heap && (a.Comment == "complit" || a.Comment == "new")
		default:
			return true
		}
	}
}

// appended reports whether alloc is the array of append's variadic arguments: its elements go
// into the slice append returns, which the code keeps.
func appended(alloc *ssa.Alloc) bool {
	if alloc.Comment != "varargs" {
		return false
	}
	for _, r := range *alloc.Referrers() {
		sl, ok := r.(*ssa.Slice)
		if !ok {
			continue
		}
		for _, u := range *sl.Referrers() {
			if c, ok := u.(*ssa.Call); ok {
				if b, ok := c.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
					return true
				}
			}
		}
	}
	return false
}

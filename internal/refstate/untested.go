package refstate

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// conditionTested reports whether the caller may branch on the result that tells whether a
// conditional acquire or release at call instr took effect (result k of the call, or its only
// result when k < 0). SPEC: a condition the caller never tests counts as met, since a failure
// path the caller never distinguishes is not a path to judge. Uses the engine cannot see
// through (stores into the heap, captured variables, calls that take the error or bool) count
// as tests, so the guard is kept wherever the caller might be deciding on it.
func conditionTested(instr ssa.Instruction, k int, when Cond) bool {
	if when == True || when == ErrNil {
		// A tracked pointer returned beside the bool or error tells the same (refine.go,
		// decides): testing it for nil tests the condition.
		sig := instr.(ssa.CallInstruction).Common().Signature()
		for j := 0; j < sig.Results().Len(); j++ {
			if j != k && IsTrackedPtr(sig.Results().At(j).Type()) && resultTested(resultOf(instr, j), NonNil) {
				return true
			}
		}
	}
	return resultTested(resultOf(instr, k), when)
}

// resultTested reports whether the caller may branch on v, a result read under condition when.
func resultTested(v ssa.Value, when Cond) bool {
	if v == nil {
		return false
	}
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[v] || v.Referrers() == nil {
			continue
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			next, tested := useOfCondition(v, r, when)
			if tested {
				return true
			}
			work = append(work, next...)
		}
	}
	return false
}

// useOfCondition classifies one use r of the condition value v: a test, or values that carry
// the condition on (to follow), or neither.
func useOfCondition(v ssa.Value, r ssa.Instruction, when Cond) (next []ssa.Value, tested bool) {
	switch r := r.(type) {
	case *ssa.DebugRef:
		return nil, false
	case *ssa.If, *ssa.Return:
		// A branch, or the condition handed on to this function's caller (its summary
		// then says what the condition means there).
		return nil, true
	case *ssa.BinOp:
		return nil, r.Op == token.EQL || r.Op == token.NEQ || when == True
	case *ssa.UnOp:
		if r.Op == token.MUL && when == NonNil {
			return nil, false // the object is used, not tested
		}
		return []ssa.Value{r}, false
	case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.TypeAssert:
		return []ssa.Value{r.(ssa.Value)}, false
	case *ssa.FieldAddr, *ssa.Field, *ssa.IndexAddr, *ssa.Index:
		return nil, when != NonNil
	case *ssa.Call:
		// Calling a method of the object, or passing it on, uses the pointer; passing an
		// error or a bool to a call may test it there.
		return nil, when != NonNil
	case *ssa.Store:
		if alloc, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v && !escapes(alloc) {
			return loadsOf(alloc), false
		}
		return nil, true
	}
	return nil, true
}

// loadsOf lists the loads of a local variable.
func loadsOf(alloc *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, r := range *alloc.Referrers() {
		if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL {
			out = append(out, u)
		}
	}
	return out
}

// escapes reports whether the variable alloc is used other than by loads, stores into it and
// debug information: captured by a closure, its address passed on.
func escapes(alloc *ssa.Alloc) bool {
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return true
			}
		case *ssa.Store:
			if r.Addr != alloc {
				return true
			}
		case *ssa.DebugRef:
		default:
			return true
		}
	}
	return false
}

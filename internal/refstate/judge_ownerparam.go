package refstate

import (
	"cmp"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file holds ownerparam's judgement of a signature that lies, which other passes consult
// so as not to report the same mistake again (a store that the idle parameter's reference was
// meant to back, for structmember).

// IdleParam is a *ref.Ref parameter that a function leaves as its caller passed it on paths
// that report success: it neither acquires into it, releases it, nor passes it on there.
type IdleParam struct {
	Param   *ssa.Parameter
	Returns []*ssa.Return // the returns through which it stays idle, in source order
}

// IdleRefParams lists the *ref.Ref parameters of a function whose signature lies: the function
// takes a ref parameter and a tracked pointer (a parameter or the receiver), yet returns
// success with the ref parameter untouched. Returns whose result says the function failed
// (err != nil, false, nil) or may have failed are not lies: the caller knows nothing was done.
// Closures are not judged: their signatures are usually imposed by the callback type.
func (f *Func) IdleRefParams() []IdleParam {
	fn := f.Fn
	if fn.Parent() != nil || (f.Summary != nil && f.Summary.NoReturn) || !takesTrackedPtr(fn) {
		return nil
	}
	var out []IdleParam
	for _, p := range fn.Params {
		if !IsRefPtr(p.Type()) {
			continue
		}
		if rets := f.idleReturns(p); len(rets) > 0 {
			out = append(out, IdleParam{Param: p, Returns: rets})
		}
	}
	return out
}

// RefParamIdleAt reports whether some ref parameter is idle, as IdleRefParams judges it, at ret.
func (f *Func) RefParamIdleAt(ret *ssa.Return) bool {
	for _, ip := range f.IdleRefParams() {
		for _, r := range ip.Returns {
			if r == ret {
				return true
			}
		}
	}
	return false
}

func takesTrackedPtr(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if IsTrackedPtr(p.Type()) {
			return true
		}
	}
	return false
}

// idleReturns lists the successful returns at which parameter p is as the caller left it.
func (f *Func) idleReturns(p *ssa.Parameter) []*ssa.Return {
	var loc *Loc
	for _, l := range f.Locs {
		if l.Kind == Param && l.Root == p {
			loc = l
		}
	}
	if loc != nil && f.passedOn(loc) {
		return nil
	}
	var out []*ssa.Return
	for _, ret := range f.allReturns() {
		if f.Outcome(ret.Return) != Success {
			continue
		}
		if loc == nil || ret.Locs[loc.ID].OnlyEntry() {
			out = append(out, ret.Return)
		}
	}
	slices.SortFunc(out, func(a, b *ssa.Return) int { return cmp.Compare(ReturnPos(a), ReturnPos(b)) })
	return out
}

// allReturns is f.Returns; a function without refs of its own has no dataflow, so its returns
// are read from its code, every ref parameter being untouched there.
func (f *Func) allReturns() []ReturnState {
	if len(f.Locs) > 0 {
		return f.Returns
	}
	var out []ReturnState
	for _, b := range f.Fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			out = append(out, ReturnState{Return: ret})
		}
	}
	return out
}

// passedOn reports whether the function hands ref l to a call that does nothing the engine
// follows with it (a function whose summary leaves it alone): the callee is judged for what it
// does, so the caller has passed it on. Calls that acquire into, release or move it change its
// state, and unknown calls make it Unknown, on their own paths only.
func (f *Func) passedOn(l *Loc) bool {
	if !l.Passed {
		return false
	}
	touched := map[ssa.Instruction]bool{}
	for _, s := range f.Sites[1:] {
		if s.Dst == l || s.Src == l {
			touched[s.Instr] = true
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok && !touched[instr] && usesValue(c.Common(), l.Root) {
				return true
			}
		}
	}
	return false
}

func usesValue(c *ssa.CallCommon, v ssa.Value) bool {
	for _, a := range c.Args {
		if a == v {
			return true
		}
	}
	return false
}

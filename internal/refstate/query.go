package refstate

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// This file holds the questions the rule layer (internal/verdict) asks about a function's code
// beyond the states of its refs, so that no rule walks SSA itself.

// IdleReturns lists, in source order, the returns reporting success (see Outcome) at which
// the *ref.Ref parameter p is, on some path, still as the caller passed it: the function
// neither acquired into it, released it, nor passed it on to a call that might. Passing it on
// is judged for the whole function, not per path.
func (f *Func) IdleReturns(p *ssa.Parameter) []*ssa.Return {
	loc := f.paramLoc(p)
	if loc != nil && f.passedOn(loc) {
		return nil
	}
	var out []*ssa.Return
	for _, ret := range f.allReturns() {
		if f.Outcome(ret.Return) != Success {
			continue
		}
		if loc == nil || ret.Locs[loc.ID].May(Entry) {
			out = append(out, ret.Return)
		}
	}
	slices.SortFunc(out, func(a, b *ssa.Return) int { return cmp.Compare(ReturnPos(a), ReturnPos(b)) })
	return out
}

func (f *Func) paramLoc(p *ssa.Parameter) *Loc {
	for _, l := range f.Locs {
		if l.Kind == Param && l.Root == p {
			return l
		}
	}
	return nil
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
	for _, s := range f.AllSites() {
		if s.Dst == l || s.Src == l {
			touched[s.Instr] = true
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok && !touched[instr] && slices.Contains(c.Common().Args, l.Root) {
				return true
			}
		}
	}
	return false
}

// CountOn reports whether count c is a field of an object of type t.
func CountOn(c Count, t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	prefix := obj.Name() + "."
	if obj.Pkg() != nil {
		prefix = obj.Pkg().Path() + "." + prefix
	}
	return strings.HasPrefix(c.Key, prefix)
}

// HandlesTrackedPtr reports whether fn takes a tracked pointer (a parameter, the receiver) or
// hands one out (a result): a *ref.Ref parameter next to one is a promise to take or drop a
// reference on it.
func HandlesTrackedPtr(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if IsTrackedPtr(p.Type()) {
			return true
		}
	}
	res := fn.Signature.Results()
	for i := 0; i < res.Len(); i++ {
		if IsTrackedPtr(res.At(i).Type()) {
			return true
		}
	}
	return false
}

// An Owner is where the struct of a member ref comes from, when it is certainly not from the
// function's parameters.
type Owner uint8

const (
	OwnerParams Owner = iota // a parameter, a captured variable, a call's result, a phi: maybe the caller's
	OwnerGlobal              // a package-level variable
	OwnerLocal               // an object made in the function
)

func (o Owner) String() string {
	switch o {
	case OwnerGlobal:
		return "a package-level variable"
	case OwnerLocal:
		return "an object made here"
	}
	return "the parameters"
}

// ForeignOwner says where the object at the root of member ref l comes from: OwnerParams
// when it is, or may be, reached from a parameter.
func (l *Loc) ForeignOwner() Owner {
	root := l.Root
	for {
		switch v := root.(type) {
		case *ssa.Global:
			return OwnerGlobal
		case *ssa.Alloc:
			return OwnerLocal
		case *ssa.FieldAddr:
			root = v.X
		case *ssa.IndexAddr:
			root = v.X
		case *ssa.UnOp:
			if v.Op != token.MUL {
				return OwnerParams
			}
			root = v.X
		default:
			return OwnerParams
		}
	}
}

// InLoop reports whether site s can run more than once in one call of its function.
func (s *Site) InLoop() bool {
	b := s.Instr.Block()
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			work = append(work, x.Succs...)
		}
	}
	return false
}

// Primitive reports whether s is a direct, non-deferred call of ref.Count's method op: a
// wrapper may do more than the primitive, and a closure called in place makes sites on the
// call of the closure.
func (s *Site) Primitive(op Op) bool {
	if s.Op != op || s.Callee != nil || s.Deferred || s.Dst == nil {
		return false
	}
	call, ok := s.Instr.(*ssa.Call)
	if !ok {
		return false
	}
	fn := call.Call.StaticCallee()
	return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == RefPkg && fn.Name() == op.String()
}

// ResultUsed reports whether the value of the call at s is used.
func (s *Site) ResultUsed() bool {
	call, ok := s.Instr.(*ssa.Call)
	if !ok {
		return false
	}
	for _, r := range *call.Referrers() {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// OpName is how a message names the operation at s: the wrapper called, or the primitive.
func (s *Site) OpName() string {
	switch {
	case s.Callee != nil:
		return s.Callee.Name()
	case s.Op == OpTryGet && s.When == Maybe:
		return OpGet.String() // a Get inside a closure run in place, on some of its paths
	}
	return s.Op.String()
}

// Next returns the site that comes right after s in its block, with no other call and no
// other ref operation in between, or nil.
func (f *Func) Next(s *Site) *Site {
	b := s.Instr.Block()
	i := slices.Index(b.Instrs, s.Instr)
	if i < 0 {
		return nil
	}
	for _, instr := range b.Instrs[i+1:] {
		ss := f.sitesAt(instr)
		if _, isCall := instr.(ssa.CallInstruction); !isCall && len(ss) == 0 {
			continue // field addresses, loads, debug info
		}
		if len(ss) == 1 {
			return ss[0]
		}
		return nil
	}
	return nil
}

func (f *Func) sitesAt(instr ssa.Instruction) []*Site {
	var out []*Site
	for _, s := range f.AllSites() {
		if s.Instr == instr {
			out = append(out, s)
		}
	}
	return out
}

// Precedes reports whether site s runs before site t on every path to t: its instruction
// dominates t's.
func (s *Site) Precedes(t *Site) bool {
	sb, tb := s.Instr.Block(), t.Instr.Block()
	if sb != tb {
		return sb.Dominates(tb)
	}
	return slices.Index(sb.Instrs, s.Instr) < slices.Index(tb.Instrs, t.Instr)
}

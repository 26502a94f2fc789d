package refstate

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// refine returns st as it is on the edge of an If on cond (taken: the true edge), with each
// guarded ref resolved where cond decides its guard. Resolved states keep their guard, so the
// two edges joined again give back the conditional state: `if ok { log() }; if ok { c.Put(&r) }`
// stays exact.
func (a *fnAnalysis) refine(st *flow, cond ssa.Value, taken bool) *flow {
	out := st.clone()
	st.v.each(vGuard, func(i int, s State) {
		if s.Unknown {
			return
		}
		holds, known := decides(s.Guard, cond, taken)
		if !known {
			return
		}
		out.v = out.v.set(i, resolve(s, holds))
	})
	a.storedNil(out, cond, taken)
	a.nilValue(out, cond, taken)
	if l, isNil, ok := a.fieldTest(cond, taken); ok && !st.get(l).Unknown {
		s := out.get(l)
		if s.Ptr&(ptrUnknown|ptrOwed) != 0 && s.Cases.has(Entry) {
			s.Ptr = ptrSet | ptrOwed // the caller's pointer, non-nil: its member holds for it
		} else {
			s.Ptr = ptrSet
		}
		if isNil {
			// The store that made it unbacked stored nil on this edge: nothing to back.
			s.Ptr, s.unbacked = ptrNil, siteSet{}
			// A reference taken here into the member goes with a pointer stored in the
			// field: where the field is nil, the paths on which it holds one are those of an
			// earlier loop iteration that stored a pointer, which this edge excludes, so the
			// member counts as empty. (A clear without a put is structmember's finding at the
			// clear.) Mapping every case keeps the refinement monotone.
			s.Cases = s.Cases.mapHold(heldToEmpty)
		}
		out.set(l, s)
	}
	return out
}

// resolve is guarded state s on an edge where its guard holds or fails.
func resolve(s State, holds bool) State {
	switch {
	case holds:
		took := Held
		if s.Guard.release {
			took = Empty
		}
		if c := s.Cases & (caseBit(took, false) | caseBit(took, true)); c != 0 {
			s.Cases = c
		}
	case s.Guard.release:
		s.Cases = s.Guard.otherwise // the release did not happen
	default:
		// The acquire failed: the paths where the guard fails are the ones that explained the
		// Empty cases already (a TryGet's own site, or the other arm of an `if c`).
		s.Cases = s.Guard.otherwise
	}
	return s.norm()
}

// storedNil drops the pending "no reference behind this store" of stores whose value this
// edge shows to be nil: `t.mm = m; if m != nil { m.users.Get(&t.mmRef) }` stores nil on the
// path without the Get, which needs no reference.
func (a *fnAnalysis) storedNil(st *flow, cond ssa.Value, taken bool) {
	if !a.hasStores {
		return
	}
	var v ssa.Value
	isNil, known := nilness(cond, taken, func(x ssa.Value) bool {
		if IsTrackedPtr(x.Type()) {
			v = x
			return true
		}
		return false
	})
	if !known || !isNil {
		return
	}
	st.v.each(vAny, func(i int, s State) {
		if s.unbacked.empty() {
			return
		}
		if kept := s.unbacked.filter(func(id int32) bool { return a.sites[id].stored != v }); kept != s.unbacked {
			s.unbacked = kept
			st.v = st.v.set(i, s)
		}
	})
}

// fieldTest recognises `s.f != nil` (or == nil) on a tracked-pointer field with a member ref,
// and returns that member and whether the field is nil on this edge.
func (a *fnAnalysis) fieldTest(cond ssa.Value, taken bool) (l *Loc, isNil, ok bool) {
	var fa *ssa.FieldAddr
	isField := func(v ssa.Value) bool {
		u, ok := v.(*ssa.UnOp)
		if !ok || u.Op != token.MUL {
			return false
		}
		fa, ok = u.X.(*ssa.FieldAddr)
		return ok && IsTrackedPtr(u.Type())
	}
	isNil, ok = nilness(cond, taken, isField)
	if !ok || fa == nil {
		return nil, false, false
	}
	st := derefStruct(fa.X.Type())
	m, _ := a.pkg.res.MemberOf(st, fa.Field)
	if m < 0 {
		return nil, false, false
	}
	l = a.locs.sibling(fa, m, false)
	return l, isNil, l != nil
}

// decides reports whether the branch on cond, taken or not, tells whether guard g holds.
func decides(g guard, cond ssa.Value, taken bool) (holds, known bool) {
	switch g.when {
	case True, False:
		if g.result(cond) {
			return taken == (g.when == True), true
		}
	case ErrNil, NonNil:
		if g.result(cond) {
			return false, false
		}
		if isNil, known := nilness(cond, taken, g.result); known {
			return isNil == (g.when == ErrNil), true
		}
	}
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		return decides(g, u.X, !taken)
	}
	if g.when == True || g.when == ErrNil {
		// `b, ok := c.Peek(n, &r); if b == nil {…}`: beside a failure (false, an error) the
		// tracked pointer a call returns is nil, so testing it tests the condition.
		if isNil, known := nilness(cond, taken, g.trackedResult); known {
			return !isNil, true
		}
	}
	return false, false
}

// trackedResult reports whether v is a tracked-pointer result of the guard's call, other than
// the one its condition reads.
func (g guard) trackedResult(v ssa.Value) bool {
	e, ok := v.(*ssa.Extract)
	return ok && e.Tuple == g.call && e.Index != int(g.idx) && (IsTrackedPtr(e.Type()) || g.value && nilable(e.Type()))
}

// nilness reports what the branch on cond, taken or not, says about whether the value that
// is() accepts is nil: `v == nil`, `v != nil`, and errors.Is/As(v, …) (true only for non-nil v).
func nilness(cond ssa.Value, taken bool, is func(ssa.Value) bool) (isNil, known bool) {
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return false, false
		}
		if is(c.X) && isNilConst(c.Y) || is(c.Y) && isNilConst(c.X) {
			return (c.Op == token.EQL) == taken, true
		}
	case *ssa.UnOp:
		if c.Op == token.NOT {
			return nilness(c.X, !taken, is)
		}
	case *ssa.Call:
		if taken && isErrorsCheck(c) && len(c.Call.Args) > 0 && is(c.Call.Args[0]) {
			return false, true
		}
	}
	return false, false
}

func isErrorsCheck(c *ssa.Call) bool {
	fn := c.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "errors" {
		return false
	}
	return fn.Name() == "Is" || fn.Name() == "As"
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

func boolConst(v ssa.Value) (val, ok bool) {
	c, isConst := v.(*ssa.Const)
	if !isConst || c.Value == nil || c.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(c.Value), true
}

// dominatingNilness reports whether v is known nil or non-nil at block b from the branches that
// lead to it: the If whose edge alone enters a dominator of b.
func dominatingNilness(v ssa.Value, b *ssa.BasicBlock) (isNil, known bool) {
	same := func(x ssa.Value) bool { return x == v }
	for d := b; d != nil; d = d.Idom() {
		if len(d.Preds) != 1 {
			continue
		}
		p := d.Preds[0]
		ifi, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
		if !ok || p.Succs[0] == p.Succs[1] {
			continue
		}
		if isNil, known := nilness(ifi.Cond, p.Succs[0] == d, same); known {
			return isNil, true
		}
	}
	return false, false
}

func heldToEmpty(h Hold) Hold {
	if h == Held {
		return Empty
	}
	return h
}

// nilValue empties a tracked value on the edge where the branch shows it nil: a nil value
// holds no reference, whichever path made it (`var buf *Buffer; if c { buf = alloc() }; …;
// if buf != nil { wrap(buf) }`: on the nil edge nothing leaks).
func (a *fnAnalysis) nilValue(st *flow, cond ssa.Value, taken bool) {
	if a.vals == nil {
		return
	}
	var l *Loc
	isNil, known := nilness(cond, taken, func(x ssa.Value) bool {
		l = a.vals.of[x]
		return l != nil
	})
	if !known || !isNil || l == nil {
		return
	}
	s := st.get(l)
	if s.Unknown || !s.Cases.has(Held) {
		return
	}
	s.Cases = s.Cases.mapHold(heldToEmpty)
	s.Gone = first(s.Gone, s.Take)
	st.set(l, s)
}

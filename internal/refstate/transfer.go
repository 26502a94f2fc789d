package refstate

import (
	"golang.org/x/tools/go/ssa"
)

// step applies one instruction to st. It reports false when control never passes the
// instruction (a call that does not return).
func (a *fnAnalysis) step(st *flow, instr ssa.Instruction, record bool) bool {
	for _, l := range a.escapes[instr] {
		st.locs[l.ID] = State{Unknown: true}
	}
	switch in := instr.(type) {
	case *ssa.Alloc:
		for _, l := range a.fresh[in] {
			st.locs[l.ID] = State{Cases: caseBit(Empty, false), Ptr: ptrNil}
		}
	case *ssa.Store:
		for _, s := range a.siteOf[in] {
			a.store(st, s, record)
		}
	case *ssa.Call:
		for _, s := range a.siteOf[in] {
			a.apply(st, s, record)
		}
		return !a.stops[in]
	case *ssa.Defer:
		for _, s := range a.siteOf[in] {
			a.registerDefer(st, s)
		}
	case *ssa.Return:
		a.atReturn(st, in, record)
	}
	return true
}

// apply runs site s on st, recording the states it found when record is set. After a
// violation the ref is left as its author meant, so one mistake makes one diagnostic.
func (a *fnAnalysis) apply(st *flow, s *Site, record bool) {
	var dst, src State
	if s.Dst != nil {
		dst = st.locs[s.Dst.ID]
	}
	if s.Src != nil {
		src = st.locs[s.Src.ID]
	}
	if record {
		a.record(s, dst, src)
	}
	if s.Dst != nil && !dst.Unknown {
		st.locs[s.Dst.ID] = a.afterDst(s, dst)
	}
	if s.Src != nil && !src.Unknown && s.Src != s.Dst {
		st.locs[s.Src.ID] = State{Cases: src.Cases.mapHold(toEmpty), Take: src.Take, Gone: s.ID, Pend: src.Pend, Ptr: src.Ptr, Unbacked: src.Unbacked}
	}
}

func toEmpty(Hold) Hold { return Empty }
func toHeld(Hold) Hold  { return Held }

// afterDst is the destination's state after s.
func (a *fnAnalysis) afterDst(s *Site, before State) State {
	after := State{Pend: before.Pend, Ptr: before.Ptr}
	switch s.Op {
	case OpGet, OpMove:
		after.Cases, after.Take = before.Cases.mapHold(toHeld), s.ID
	case OpTryGet:
		after.Guard = guard{call: a.resultOf(s), idx: s.Result, when: s.When, otherwise: before.Cases}
		after.Cases = before.Cases.mapHold(toHeld) | before.Cases
		after.Take, after.Gone, after.Unbacked = s.ID, s.ID, before.Unbacked
	case OpPut:
		after.Cases, after.Take, after.Gone, after.Unbacked = before.Cases.mapHold(toEmpty), before.Take, s.ID, before.Unbacked
	default:
		return before
	}
	return after
}

// resultOf is the value whose result the site's condition reads.
func (a *fnAnalysis) resultOf(s *Site) ssa.Value {
	if c, ok := s.Instr.(*ssa.Call); ok {
		return c
	}
	return nil
}

// store records a pointer stored into a field with a member ref: from here the field is known,
// and a non-nil pointer needs a reference in the member on this path, taken before or after.
func (a *fnAnalysis) store(st *flow, s *Site, record bool) {
	before := st.locs[s.Dst.ID]
	if record {
		a.record(s, before, State{})
	}
	if before.Unknown {
		return
	}
	after := before
	after.Unbacked = 0
	if s.StoreNil {
		after.Ptr = ptrNil
	} else {
		after.Ptr = ptrSet
		if before.Cases != caseBit(Held, false) && before.Cases != caseBit(Held, true) {
			after.Unbacked = s.ID
		}
	}
	st.locs[s.Dst.ID] = after
}

// registerDefer notes a deferred release on its ref; the release itself runs at each return.
// Other deferred operations are not followed: their refs become unknown.
func (a *fnAnalysis) registerDefer(st *flow, s *Site) {
	l := s.Dst
	if s.Op == OpMove {
		if s.Dst != nil {
			st.locs[s.Dst.ID] = State{Unknown: true}
		}
		l = s.Src
	}
	if l == nil || st.locs[l.ID].Unknown {
		return
	}
	if s.Op != OpPut && s.Op != OpMove {
		st.locs[l.ID] = State{Unknown: true}
		return
	}
	cur := st.locs[l.ID]
	if cur.Cases.pending() {
		return // a second deferred release of one ref: only the first is followed
	}
	cur.Cases = cur.Cases.setPending(true)
	cur.Pend = s.ID
	st.locs[l.ID] = cur
}

// atReturn runs the pending deferred releases, then checks what the function still holds.
func (a *fnAnalysis) atReturn(st *flow, ret *ssa.Return, record bool) {
	for _, l := range a.locs.all {
		cur := st.locs[l.ID]
		if cur.Unknown || !cur.Cases.pending() {
			continue
		}
		s := a.sites[cur.Pend]
		before := cur
		before.Cases = cur.Cases.withPending(true).setPending(false)
		if record && s.Op == OpMove {
			a.record(s, State{Unknown: true}, before)
		} else if record {
			a.record(s, before, State{})
		}
		after := cur.Cases.withPending(false) | before.Cases.mapHold(toEmpty)
		st.locs[l.ID] = State{Cases: after, Take: cur.Take, Gone: s.ID, Ptr: cur.Ptr, Unbacked: cur.Unbacked}
	}
	if record {
		a.returns = append(a.returns, ReturnState{Return: ret, Locs: append([]State(nil), st.locs...)})
	}
}

package refstate

import (
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// step applies one instruction to st. It reports false when control never passes the
// instruction (a call that does not return).
func (a *fnAnalysis) step(st *flow, instr ssa.Instruction, record bool) bool {
	if record && a.vals != nil {
		a.recordHand(st, instr)
	}
	for _, l := range a.escapes[instr] {
		st.set(l, State{Unknown: true})
	}
	a.defines(st, instr)
	switch in := instr.(type) {
	case *ssa.FieldAddr:
		for _, s := range a.siteOf[in] {
			a.apply(st, s, record) // a read of a tracked value's field: a use
		}
	case *ssa.Alloc:
		for _, l := range a.fresh[in] {
			st.set(l, State{Cases: caseBit(Empty, false), Ptr: ptrNil})
		}
		for _, s := range a.siteOf[in] {
			a.apply(st, s, record) // a constructor's object: owned from here
		}
	case *ssa.Store:
		a.storeGuardCell(st, in)
		for _, pair := range a.copies[in] {
			st.set(pair[1], st.get(pair[0]))
			st.set(pair[0], State{Unknown: true}) // the temporary is gone: judge the copy only
		}
		for _, s := range a.siteOf[in] {
			a.store(st, s, record)
		}
	case *ssa.Call:
		a.startValues(st, in)
		for _, s := range a.siteOf[in] {
			a.apply(st, s, record)
		}
		return !a.stops[in]
	case *ssa.Defer:
		for _, s := range a.siteOf[in] {
			a.registerDefer(st, s, record)
		}
	case *ssa.Return:
		a.atReturn(st, in, record)
	}
	return true
}

// defines resets the member refs of a struct pointer where the instruction that computes it
// runs: in a loop, each iteration's pointer is a new struct, not the one the last iteration
// put (`for _, e := range m { e.obj.refs.Put(&e.objRef) }`).
func (a *fnAnalysis) defines(st *flow, instr ssa.Instruction) {
	if store, ok := instr.(*ssa.Store); ok && isCell(store.Addr) {
		for _, l := range a.locs.roots[store.Addr] {
			st.set(l, entryState) // the variable now points to another struct
		}
		return
	}
	v, ok := instr.(ssa.Value)
	if !ok {
		return
	}
	if _, fresh := v.(*ssa.Alloc); fresh {
		return // reset to empty below
	}
	for _, l := range a.locs.roots[v] {
		st.set(l, entryState)
	}
}

// apply runs site s on st, recording the states it found when record is set. After a
// violation the ref is left as its author meant, so one mistake makes one diagnostic.
func (a *fnAnalysis) apply(st *flow, s *Site, record bool) {
	var dst, src State
	if s.Dst != nil {
		dst = st.get(s.Dst)
	}
	if s.Src != nil {
		src = st.get(s.Src)
	}
	if record {
		a.record(s, dst, src)
	}
	if s.Dst != nil && !dst.Unknown {
		st.set(s.Dst, a.afterDst(s, dst))
	}
	if s.Src != nil && !src.Unknown && s.Src != s.Dst {
		st.set(s.Src, afterSrc(s, src))
	}
}

// afterSrc is a move's source's state after s: its reference is gone.
func afterSrc(s *Site, src State) State {
	// Ptr: once the reference is moved out, the pointer in the field owes nothing, and a later
	// store into it loses nothing.
	return State{Cases: src.Cases.mapHold(toEmpty), Take: src.Take, Gone: s.ID, Pend: src.Pend, unbacked: src.unbacked}
}

func toEmpty(Hold) Hold { return Empty }
func toHeld(Hold) Hold  { return Held }

// afterDst is the destination's state after s.
func (a *fnAnalysis) afterDst(s *Site, before State) State {
	if s.When == Maybe && !before.Cases.only(Empty) {
		// A closure run in place that takes or drops the ref on some of its paths only:
		// which ones may be correlated with how the ref was filled (`if c { Get };
		// func() { if c { Put } }()`), which one state cannot say. Followed only from a ref
		// empty on every path (`var r ref.Ref; func() { Get; if bad { return }; … }()`).
		return State{Unknown: true}
	}
	if s.valueOp == valuemode.Retain && !before.Cases.only(Entry) {
		// A second reference on a value that holds one already (or was released): the
		// Hold lattice counts one reference per ref, so the value is not followed further.
		return State{Unknown: true}
	}
	after := State{Pend: before.Pend, Ptr: before.Ptr, orphan: before.orphan}
	switch s.Op {
	case OpGet, OpMove:
		after.Cases, after.Take = before.Cases.mapHold(toHeld), s.ID
	case OpTryGet:
		after.Guard = guard{call: a.resultOf(s), idx: int32(s.Result), when: s.When, otherwise: before.Cases, value: s.Dst != nil && s.Dst.Kind == Value}
		after.Cases = before.Cases.mapHold(toHeld) | before.Cases
		after.Take, after.Gone, after.unbacked = s.ID, s.ID, before.unbacked
	case OpPut:
		after.Cases, after.Take, after.Gone, after.unbacked = before.Cases.mapHold(toEmpty), before.Take, s.ID, before.unbacked
		after.orphan = siteSet{} // the old pointer's reference is put: the clear lost nothing
		after.Ptr = 0            // nor will a later store: whatever the field holds owes nothing
		if s.When != Always {
			// A release that happens only on success: on the other paths the ref holds what
			// it held before.
			after.Cases |= before.Cases
			after.Guard = guard{call: a.resultOf(s), idx: int32(s.Result), when: s.When, otherwise: before.Cases, release: true}
			after.orphan, after.Ptr = before.orphan, before.Ptr
		}
	default:
		return before
	}
	return after.norm()
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
	before := st.get(s.Dst)
	if record {
		a.record(s, before, State{})
	}
	if before.Unknown {
		return
	}
	st.set(s.Dst, afterStore(s, before))
}

// afterStore is the state of the member whose field store s writes, after it.
func afterStore(s *Site, before State) State {
	after := before
	after.unbacked = siteSet{}
	if before.Ptr&ptrSet != 0 && (before.Cases.has(Held) || before.Cases.has(Entry)) {
		// The old pointer's reference must still be put or moved out. Whether the field was
		// set on every path, and whether an earlier overwrite already lost that reference, are
		// judged on the fixpoint (settleOrphans): judged here, on a state that a visit of the
		// block before all its predecessors settled made too small, they would depend on the
		// order the blocks are visited in.
		after.orphan = before.orphan.union(oneSite(s.ID))
	}
	if s.StoreNil {
		after.Ptr = ptrNil | before.Ptr&ptrOwed
	} else {
		after.Ptr = ptrSet | before.Ptr&ptrOwed
		if before.Cases != caseBit(Held, false) && before.Cases != caseBit(Held, true) && !cameWithReference(s, before) {
			after.unbacked = oneSite(s.ID)
		}
	}
	return after
}

// storeGuardCell follows a guarded result into the variable it is stored in, and forgets the
// variable when something else overwrites it.
func (a *fnAnalysis) storeGuardCell(st *flow, in *ssa.Store) {
	st.v.each(vGuard, func(i int, s State) {
		switch {
		case s.Guard.direct(in.Val):
			s.Guard.cell = in.Addr
		case s.Guard.cell == in.Addr:
			s.Guard.cell = nil
		default:
			return
		}
		st.v = st.v.set(i, s)
	})
}

// registerDefer notes a deferred release on its ref; the release itself runs at each return.
// Other deferred operations are not followed: their refs become unknown.
func (a *fnAnalysis) registerDefer(st *flow, s *Site, record bool) {
	l := s.Dst
	if s.Op == OpMove {
		if s.Dst != nil {
			st.set(s.Dst, State{Unknown: true})
		}
		l = s.Src
	}
	if l == nil || st.get(l).Unknown {
		return
	}
	if s.Op != OpPut && s.Op != OpMove || s.When == Maybe {
		st.set(l, State{Unknown: true})
		return
	}
	cur := st.get(l)
	if record && cur.Cases.pending() && cur.Pend > 0 && cur.Pend != s.ID {
		a.recordSuperseded(s, a.sites[cur.Pend])
	}
	st.set(l, afterDefer(s, cur))
}

// recordSuperseded records, for deferred release s registered while prev was pending on the
// same ref, that prev runs second (defers run last registered first) and finds the ref that s
// emptied. Only a put that runs second after an unconditional release is judged so; other
// pairs are left to the release followed.
func (a *fnAnalysis) recordSuperseded(s, prev *Site) {
	if prev.Op != OpPut || s.When != Always || s.condVar != nil {
		return
	}
	a.record(prev, State{Cases: caseBit(Empty, false), Gone: s.ID}, State{})
}

// afterDefer is the state of the ref that deferred release s will release, once registered.
// Only one deferred release of a ref is followed to the return: the one registered last, which
// runs first (the one it supersedes is judged when s is registered: recordSuperseded). Where
// paths that registered different ones meet, Pend is pendMixed (join) and atReturn applies a
// release without judging it.
func afterDefer(s *Site, cur State) State {
	cur.Cases = cur.Cases.setPending(true)
	// The release is registered on the paths where a pending acquire will fail too: `tbl,
	// err := Open(); defer tbl.Release(); if err != nil {…}` releases on the error path.
	cur.Guard.otherwise = cur.Guard.otherwise.setPending(true)
	cur.Pend = s.ID
	return cur
}

// atReturn runs the pending deferred releases, then checks what the function still holds.
func (a *fnAnalysis) atReturn(st *flow, ret *ssa.Return, record bool) {
	st.v.each(vPending, func(id int, cur State) {
		if cur.Unknown {
			return
		}
		if cur.Pend == pendMixed {
			// Which release runs depends on the path: run one, judge none.
			st.v = st.v.set(id, afterReturn(0, cur))
			return
		}
		s := a.sites[cur.Pend]
		if s.condVar != nil {
			switch ran, known := capturedCondHolds(s, ret); {
			case !known:
				st.v = st.v.set(id, State{Unknown: true})
				return
			case !ran:
				cur.Cases = cur.Cases.setPending(false)
				st.v = st.v.set(id, cur.norm())
				return
			}
		}
		before := cur
		before.Cases = cur.Cases.withPending(true).setPending(false)
		if record && s.Op == OpMove {
			a.record(s, State{Unknown: true}, before)
		} else if record {
			a.record(s, before, State{})
		}
		st.v = st.v.set(id, afterReturn(s.ID, cur))
	})
	if record {
		locs := make([]State, len(a.locs.all))
		st.v.each(vAny, func(id int, s State) { locs[id] = s })
		a.returns = append(a.returns, ReturnState{Return: ret, Locs: locs})
	}
}

// afterReturn is the state of a ref with a pending deferred release once the release ran; gone
// is its site, 0 when it is not known which of several ran.
func afterReturn(gone int32, cur State) State {
	ran := cur.Cases.withPending(true).setPending(false).mapHold(toEmpty)
	return State{Cases: cur.Cases.withPending(false) | ran, Take: cur.Take, Gone: gone, Ptr: cur.Ptr, unbacked: cur.unbacked}.norm() // orphan: put now
}

// cameWithReference reports whether store s stores the result of the very call that acquired
// into its member on the condition before's guard says: `e.blk, err = d.Read(n, &e.blkRef)`.
// The pointer and the reference come together: where the acquire failed, the result is nil
// (the Go convention for a result beside a failure), and there is nothing to back.
func cameWithReference(s *Site, before State) bool {
	g := before.Guard
	if !g.set() || g.release {
		return false
	}
	v := s.stored
	if e, ok := v.(*ssa.Extract); ok {
		v = e.Tuple
	}
	return v == g.call
}

package refstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// summarize derives the function's Summary from the states of its ref parameters (and, for
// closures, captured refs) at its returns.
func (a *fnAnalysis) summarize() *Summary {
	sum := &Summary{NoReturn: a.neverReturns()}
	cond, result := resultCond(a.fn.Signature)
	for _, l := range a.locs.all {
		if l.Kind != Param && l.Kind != Free {
			continue
		}
		idx := l.Index
		if l.Kind == Free {
			idx += len(a.fn.Params)
		}
		if e, ok := a.effectOn(l, idx, cond, result); ok {
			if e != nil {
				sum.Effects = append(sum.Effects, *e)
			}
		} else {
			sum.Unknown = append(sum.Unknown, idx)
		}
	}
	sum.Effects = mergeMoves(sum.Effects)
	return sum
}

// effectOn reads what the function does to ref l as its callers see it; ok is false when that
// is not one of the summarisable shapes.
func (a *fnAnalysis) effectOn(l *Loc, idx int, cond Cond, result int) (e *Effect, ok bool) {
	t, ok := a.tally(l, cond, result)
	if !ok {
		return nil, false
	}
	return a.decide(t, idx, cond, result)
}

// returnTally counts what each of a function's returns leaves in one ref.
type returnTally struct {
	n                  int // returns
	none, fail         int // as the caller left it (fail: and the return reports failure)
	acq, rel, succ     int // held, emptied (succ: and the return does not report failure)
	guarded            int // held or emptied exactly when the caller's condition says so
	varRel             int // emptied under a test of captured variable varIdx (varWhen)
	maybeAcq, maybeRel int // held, or emptied, on some of the paths to the return only
	take, gone         int32
	varIdx             int
	varWhen            Cond
}

// tally classifies the state of ref l at each return; ok is false when a return leaves it in
// none of the shapes a summary can say.
func (a *fnAnalysis) tally(l *Loc, cond Cond, result int) (t returnTally, ok bool) {
	t.n, t.varIdx = len(a.returns), -1
	for _, rs := range a.returns {
		s := rs.Locs[l.ID]
		outcome := returnOutcome(rs.Return, cond, result)
		var k int
		var when Cond
		captured := s.Guard.set() && s.Guard.release && cond == Always
		if captured {
			k, when, captured = a.capturedCond(s.Guard)
		}
		switch {
		case s.Unknown:
			return t, false
		case s.Cases.only(Entry) || s.Cases.only(Empty) && s.Take != 0:
			// As the caller left it, or taken here and dropped again: no net effect (a
			// conditional acquirer that backs out on failure).
			t.none++
			if outcome == Failure {
				t.fail++
			}
		case s.Guard.set() && s.Guard.when == cond && s.Guard.result(resultValue(rs.Return, result)):
			t.guarded++
			t.succ++
			if s.Guard.release {
				t.rel++
				t.gone = first(t.gone, s.Gone)
			} else {
				t.acq++
				t.take = first(t.take, s.Take)
			}
		case captured:
			// Released only under a test of a captured variable (a deferred cleanup).
			if t.varIdx >= 0 && (k != t.varIdx || when != t.varWhen) {
				return t, false
			}
			t.varIdx, t.varWhen = k, when
			t.varRel++
			t.gone = first(t.gone, s.Gone)
		case s.Cases.only(Held):
			t.acq++
			t.take = first(t.take, s.Take)
			if outcome != Failure {
				t.succ++
			}
		case s.Cases.only(Empty) && s.Gone != 0:
			t.rel++
			t.gone = first(t.gone, s.Gone)
			if outcome != Failure {
				t.succ++
			}
		case s.Cases.mixOf(Empty, Entry) && s.Gone != 0:
			t.maybeRel++
			t.gone = first(t.gone, s.Gone)
		case s.Cases.mixOf(Held, Entry):
			t.maybeAcq++
			t.take = first(t.take, s.Take)
		default:
			return t, false
		}
	}
	return t, true
}

// decide turns the tally of a ref into its effect, if the returns agree on one: always, on the
// caller's condition, under a captured variable, or (for closures, which their callers run in
// place) on some paths only.
func (a *fnAnalysis) decide(t returnTally, idx int, cond Cond, result int) (*Effect, bool) {
	closure := a.fn.Parent() != nil
	switch {
	case t.none == t.n:
		return nil, true
	case t.varRel == t.n && closure:
		e := a.effect(OpPut, idx, t.gone, t.varWhen, t.varIdx)
		e.OnVar = true
		return e, true
	case t.acq == t.n && t.guarded == 0:
		return a.effect(OpGet, idx, t.take, Always, result), true
	case t.rel == t.n && t.guarded == 0:
		return a.effect(OpPut, idx, t.gone, Always, result), true
	case cond != Always && t.fail == t.none && t.acq == t.succ && t.rel == 0 && t.acq > 0:
		return a.effect(OpGet, idx, t.take, cond, result), true
	case cond != Always && t.fail == t.none && t.rel == t.succ && t.acq == 0 && t.rel > 0:
		return a.effect(OpPut, idx, t.gone, cond, result), true
	case closure && t.guarded == 0 && t.varRel == 0 && t.acq+t.maybeAcq+t.none == t.n && t.acq+t.maybeAcq > 0:
		// Takes a reference on some of its paths only (an early return before the Get's
		// put): its caller holds one on some paths.
		return a.effect(OpGet, idx, t.take, Maybe, -1), true
	case closure && t.guarded == 0 && t.varRel == 0 && t.rel+t.maybeRel+t.none == t.n && t.rel+t.maybeRel > 0:
		return a.effect(OpPut, idx, t.gone, Maybe, -1), true
	}
	return nil, false
}

func (a *fnAnalysis) effect(op Op, param int, site int32, when Cond, result int) *Effect {
	e := &Effect{Op: op, Param: param, Src: -1, CountParam: -2, CountResult: -1, CountArg: -2, When: when, Result: result}
	if site != 0 {
		s := a.sites[site]
		e.Count = s.Count.Key
		e.pos = s.Pos
		e.CountParam = a.objParam(s.Count.Obj)
		if e.CountParam == -2 {
			e.CountResult = a.returnedAt(s.Count.Obj)
		}
		if s.Count.Val != nil {
			e.CountArg = a.objParam(s.Count.Val)
		}
		if s.Op == OpMove && s.Src != nil && op == OpGet {
			e.Src = a.paramIndexOf(s.Src) // a candidate move: mergeMoves decides
		}
	}
	if when == Always {
		e.Result = -1
	}
	return e
}

// returnedAt is the result through which every successful return gives obj back, or -1.
func (a *fnAnalysis) returnedAt(obj ssa.Value) int {
	if obj == nil {
		return -1
	}
	k := -1
	cond, result := resultCond(a.fn.Signature)
	for _, rs := range a.returns {
		if returnOutcome(rs.Return, cond, result) == Failure {
			continue
		}
		found := -1
		for i := range rs.Return.Results {
			if resultValue(rs.Return, i) == obj {
				found = i
			}
		}
		if found < 0 || k >= 0 && found != k {
			return -1
		}
		k = found
	}
	return k
}

// mergeMoves turns "acquires p by moving from q" plus "releases q" into one move effect, so
// that callers see a wrapper of Move as a move.
func mergeMoves(effs []Effect) []Effect {
	var out []Effect
	for i, e := range effs {
		if e.Op == OpGet && e.Src >= 0 && e.When == Always {
			for j, r := range effs {
				if r.Op == OpPut && r.Param == e.Src && r.When == Always {
					effs[j].Op = 0 // absorbed into the move
					e.Op = OpMove
				}
			}
		}
		if e.Op != OpMove {
			e.Src = -1
		}
		effs[i] = e
	}
	for _, e := range effs {
		if e.Op != 0 {
			out = append(out, e)
		}
	}
	return out
}

func (a *fnAnalysis) paramIndexOf(l *Loc) int {
	switch l.Kind {
	case Param:
		return l.Index
	case Free:
		return l.Index + len(a.fn.Params)
	}
	return -1
}

// objParam is the parameter holding obj (-1 the receiver), or -2.
func (a *fnAnalysis) objParam(obj ssa.Value) int {
	switch obj := obj.(type) {
	case *ssa.Parameter:
		return paramIndex(a.fn, obj)
	case *ssa.FreeVar:
		return freeIndex(a.fn, obj) + len(a.fn.Params)
	case *ssa.UnOp:
		// A closure reads a captured variable through its address: the caller binds that
		// address, which names the same object for messages.
		if fv, ok := obj.X.(*ssa.FreeVar); ok && obj.Op == token.MUL {
			return freeIndex(a.fn, fv) + len(a.fn.Params)
		}
	}
	return -2
}

// Outcome is what a return tells the caller through the result that resultCond picks.
type Outcome uint8

const (
	OutcomeUnknown Outcome = iota
	Success
	Failure
)

// resultCond picks the result that tells callers whether the function did its job: the last
// error result, else the last bool result, else the first tracked-pointer result.
func resultCond(sig *types.Signature) (Cond, int) {
	res := sig.Results()
	for i := res.Len() - 1; i >= 0; i-- {
		if isError(res.At(i).Type()) {
			return ErrNil, i
		}
	}
	for i := res.Len() - 1; i >= 0; i-- {
		if isBool(res.At(i).Type()) {
			return True, i
		}
	}
	for i := 0; i < res.Len(); i++ {
		if IsTrackedPtr(res.At(i).Type()) {
			return NonNil, i
		}
	}
	return Always, -1
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// resultValue is the value a return gives as result i. In a function with defers, SSA stores
// results into slots before running the defers and loads them back at the return: look
// through the load to the value stored.
func resultValue(ret *ssa.Return, i int) ssa.Value {
	if i < 0 || i >= len(ret.Results) {
		return nil
	}
	v := ret.Results[i]
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	slot, ok := load.X.(*ssa.Alloc)
	if !ok {
		return v
	}
	b, until := ret.Block(), len(ret.Block().Instrs)
	for steps := 0; b != nil && steps < 8; steps++ {
		for j := until - 1; j >= 0; j-- {
			if st, ok := b.Instrs[j].(*ssa.Store); ok && st.Addr == slot {
				return st.Val
			}
		}
		if len(b.Preds) != 1 {
			break
		}
		b = b.Preds[0]
		until = len(b.Instrs)
	}
	return v
}

// returnOutcome tells whether a return reports success or failure through the result cond reads.
func returnOutcome(ret *ssa.Return, cond Cond, i int) Outcome {
	v := resultValue(ret, i)
	if v == nil {
		return OutcomeUnknown
	}
	b := ret.Block()
	switch cond {
	case True:
		if b, ok := boolConst(v); ok {
			return choose(b)
		}
	case ErrNil:
		if isNilConst(v) {
			return Success
		}
		if isNonNilError(v) {
			return Failure
		}
		if n, ok := dominatingNilness(v, b); ok {
			return choose(n)
		}
	case NonNil:
		if isNilConst(v) {
			return Failure
		}
		switch v.(type) {
		case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr:
			return Success
		}
		if n, ok := dominatingNilness(v, b); ok {
			return choose(!n)
		}
	}
	return OutcomeUnknown
}

func choose(ok bool) Outcome {
	if ok {
		return Success
	}
	return Failure
}

// isNonNilError recognises error values that cannot be nil: a conversion of a concrete value,
// errors.New and fmt.Errorf, package-level sentinel errors, and ctx.Err() (returned where the
// context is done).
func isNonNilError(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.UnOp:
		_, ok := v.X.(*ssa.Global)
		return ok
	case *ssa.Call:
		if m := v.Call.Method; m != nil && m.Name() == "Err" && m.Pkg() != nil && m.Pkg().Path() == "context" {
			return true // ctx.Err(), returned on the cancellation path
		}
		if fn := v.Call.StaticCallee(); fn != nil && fn.Pkg != nil {
			p := fn.Pkg.Pkg.Path()
			return p == "errors" && fn.Name() == "New" || p == "fmt" && fn.Name() == "Errorf"
		}
	}
	return false
}

// neverReturns reports whether no return is reachable, calls that do not return included.
func (a *fnAnalysis) neverReturns() bool {
	if len(a.fn.Blocks) == 0 {
		return false
	}
	seen := make([]bool, len(a.fn.Blocks))
	work := []*ssa.BasicBlock{a.fn.Blocks[0]}
	seen[0] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if a.blockStops(b) {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			return false
		}
		for _, s := range b.Succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				work = append(work, s)
			}
		}
	}
	return true
}

func (a *fnAnalysis) blockStops(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if c, ok := instr.(*ssa.Call); ok && a.stops[c] {
			return true
		}
	}
	return false
}

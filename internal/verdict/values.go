package verdict

import (
	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/valuemode"
)

// This file holds the rules of value mode (SPEC-VALUE.md): references held by counted values,
// which the engine follows as Locs of kind Value.

// ValueLeak (pairing): an owned reference a value holds is still held at a return, or when a
// loop comes back to the call that took it.
type ValueLeak struct {
	Leak     refstate.Leak // Return is nil for a loop
	Loop     bool
	Deferred bool // Loop: the iteration deferred its release, which runs only at the return
	// Fixable: the owned result of a call outside any loop that nothing releases or hands
	// over, held at every return after it: `defer x.Release()` after the call (or its error
	// check) is the fix.
	Fixable bool
}

// BadRelease (pairing): a release (or a hand-over to a consuming parameter) of a value whose
// reference was already released, or that holds nothing because the call that should have
// given it one failed.
type BadRelease struct {
	Event   refstate.Event
	Problem refstate.PutProblem
	Other   *refstate.Site
}

// ReleasedBorrowed (ownerparam): a release of a value a call returned borrowed.
type ReleasedBorrowed struct{ Event refstate.Event }

// UnclearResult (ownerparam): a function whose counted result is owned on some paths and
// borrowed on others, or that consumes a parameter on some paths only: its caller cannot know
// whether to release.
type UnclearResult struct {
	Result *valuemode.ResultOwnership // nil for a parameter
	Param  *valuemode.ParamEffect
}

// UseAfterRelease (pairing): a method called on a value after the function released the only
// reference it knew of, on every path.
type UseAfterRelease struct {
	Event   refstate.Event
	Release *refstate.Site
}

func (UseAfterRelease) isDetail()  {}
func (ValueLeak) isDetail()        {}
func (BadRelease) isDetail()       {}
func (ReleasedBorrowed) isDetail() {}
func (UnclearResult) isDetail()    {}

// values adds the causes about references held by values.
func (fc *funcCauses) values() {
	if fc.f.ExpectsPanic() {
		return // a test provoking the library's panics on purpose
	}
	loops := map[*refstate.Site]bool{}
	for _, e := range fc.f.Ran() {
		s := e.Site
		if s.Dst == nil || s.Dst.Kind != refstate.Value {
			continue
		}
		switch {
		case s.Op == refstate.OpPut:
			fc.valueRelease(e)
		case s.Op == refstate.OpUse:
			fc.useAfterRelease(e)
		case refstate.DoubleGet(e) && s.ValueOp() == 0 && e.DstBefore.Take == s.ID && !e.DstBefore.Unknown &&
			!(e.DstBefore.HeldPending() && fc.f.KeptBeyond(s.Dst)):
			// The loop comes back to the take while the last iteration's reference is held:
			// a leak of each iteration, a deferred release included (it runs only at the
			// return, so the references pile up), unless the loop keeps what the value holds
			// past the iteration (`fields[i] = arr.Data()`): then the deferred release is
			// what keeps it alive until the return.
			loops[s] = true
			fc.add(fc.view(Pairing, s.Pos, ValueLeak{Leak: refstate.Leak{Loc: s.Dst, Take: s}, Loop: true, Deferred: e.DstBefore.HeldPending()}))
		}
	}
	for _, lk := range fc.leakList {
		if lk.Loc.Kind == refstate.Value && !loops[lk.Take] {
			fc.add(fc.view(Pairing, lk.Take.Pos, ValueLeak{Leak: lk, Fixable: fc.valueFixable(lk)}))
		}
	}
	fc.unclearValues()
	fc.valueOverwrites()
}

// valueRelease judges a release of a value, or its hand-over to a consuming parameter.
func (fc *funcCauses) valueRelease(e refstate.Event) {
	s, before := e.Site, e.DstBefore
	if before.Unknown {
		return
	}
	if before.Only(refstate.Entry) && s.Dst.Origin() == refstate.FromBorrowed && !s.Consumes() && !s.Dst.FromOwnObject() {
		fc.add(fc.view(Ownerparam, s.Pos, ReleasedBorrowed{Event: e}))
		return
	}
	problem, other := fc.f.JudgePut(e)
	if problem == refstate.PutAgain && s.Dst.Origin() == refstate.FromParam && (s.Consumes() || other.Consumes()) {
		// A parameter handed to two consuming callees (by preset or directive): the
		// caller's reference, which the contract may overstate; not judged.
		return
	}
	if problem == refstate.PutFailed && other.When == refstate.NonNil {
		// A nil result is a failure only where an error or a bool says so; a constructor
		// tested for nil somewhere is not known to return nil.
		return
	}
	switch problem {
	case refstate.PutAgain, refstate.PutFailed:
		fc.add(fc.view(Pairing, s.Pos, BadRelease{Event: e, Problem: problem, Other: other}))
	}
}

// unclearValues adds the functions whose summary leaves their callers unable to tell whether
// they hold a reference.
func (fc *funcCauses) unclearValues() {
	sum := fc.f.ValueSummary()
	if sum == nil {
		return
	}
	for i := range sum.Results {
		if sum.Results[i].Own == valuemode.Mixed {
			fc.add(fc.view(Ownerparam, fc.pos, UnclearResult{Result: &sum.Results[i]}))
		}
	}
	for i := range sum.Params {
		if sum.Params[i].Effect == valuemode.ConsumesSome {
			fc.add(fc.view(Ownerparam, fc.pos, UnclearResult{Param: &sum.Params[i]}))
		}
	}
}

// valueFixable reports whether `defer x.Release()` is the unambiguous fix of leak lk: the take
// is a call's owned result, outside any loop, the only site on its value (nothing releases it),
// and no path hands it over.
func (fc *funcCauses) valueFixable(lk refstate.Leak) bool {
	take := lk.Take
	if take.Callee == nil || take.ValueOp() != 0 || take.Deferred || take.InLoop() {
		return false
	}
	for _, s := range fc.f.AllSites() {
		if s != take && s.Dst == lk.Loc {
			return false
		}
	}
	for _, rs := range fc.f.Returns {
		if rs.Locs[lk.Loc.ID].Unknown {
			return false // handed over on some path: releasing at the return would be wrong
		}
	}
	return true
}

// useAfterRelease adds a method call on a value whose every path released it, when the function
// knows of no other reference (it did not hand the value to a callee that keeps its own).
func (fc *funcCauses) useAfterRelease(e refstate.Event) {
	before, l := e.DstBefore, e.Site.Dst
	rel := fc.f.Site(before.Gone)
	if !before.Only(refstate.Empty) || rel == nil || rel.ValueOp() != valuemode.Release || rel.Deferred || l.Shared() {
		return
	}
	fc.add(fc.view(Pairing, e.Site.Pos, UseAfterRelease{Event: e, Release: rel}))
}

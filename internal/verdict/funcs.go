package verdict

import (
	"go/ast"
	"go/token"

	"github.com/refvet/refvet/internal/refstate"
)

// funcCauses gathers the causes of one function. Causes that absorb another rule's view of the
// same mistake are kept by the site or return they are about, so that the later rules can find
// them.
type funcCauses struct {
	*collector
	f        *refstate.Func
	pos      token.Pos                 // the function's name (a literal's func keyword): ownerparam reports there
	byEvent  map[*refstate.Site]*Cause // double gets, moves into held refs, swapped moves
	byLeak   map[[2]int32]*Cause       // leaks, by ref and taking site
	leakList []refstate.Leak           // the function's leaks
	owner    []*Cause                  // ownerparam's causes about the whole function
	badMove  map[*refstate.Site]bool   // moves reported for their source
}

// function adds the causes of function f. The order matters: moves and takes come first so that
// leaks and stores can join the causes of the site they are about, and ownerparam's causes
// about the whole function before the idle parameter that they make the same mistake.
func (c *collector) function(f *refstate.Func) {
	fc := &funcCauses{collector: c, f: f, byEvent: map[*refstate.Site]*Cause{}, byLeak: map[[2]int32]*Cause{}, badMove: map[*refstate.Site]bool{}}
	fc.pos = f.Fn.Pos()
	if decl, ok := f.Fn.Syntax().(*ast.FuncDecl); ok {
		fc.pos = decl.Name.Pos()
	}
	fc.moves()
	fc.takes()
	fc.puts()
	fc.leaks()
	fc.heldMembers()
	fc.idleParams()
	fc.unbacked()
	fc.orphans()
	fc.slowMoves()
	fc.values()
}

func (fc *funcCauses) view(pass string, pos token.Pos, d Detail) View {
	return View{Pass: pass, Pos: pos, Func: fc.f, Detail: d}
}

// takes adds the double gets: a Get or TryGet into a ref that may already hold.
func (fc *funcCauses) takes() {
	for _, e := range fc.f.Ran() {
		if refstate.DoubleGet(e) && e.Site.Dst.Kind != refstate.Value {
			fc.byEvent[e.Site] = fc.add(fc.view(Pairing, e.Site.Pos, DoubleGet{Event: e}))
		}
	}
}

// moves adds what is wrong with each move: a swapped pair of arguments (one mistake), a
// destination that already holds, a source that holds nothing or another count's reference.
func (fc *funcCauses) moves() {
	for _, e := range fc.f.Ran() {
		s := e.Site
		if s.Op != refstate.OpMove {
			continue
		}
		problem, other := fc.f.JudgeMoveSrc(e)
		full := moveIntoHeld(e)
		switch {
		case full && problem == refstate.PutNeverTaken:
			fc.byEvent[s] = fc.add(fc.view(Moveref, s.Pos, SwappedMove{Event: e}))
			fc.badMove[s] = true
			continue
		case full && problem == refstate.PutMovedOut && other.ID == e.DstBefore.Take:
			// The same move made twice: dst holds what the first one moved, which is the
			// source's problem, added below.
		case full:
			fc.byEvent[s] = fc.add(fc.view(Moveref, s.Pos, MoveIntoHeld{Event: e}))
		}
		if problem != refstate.PutOK {
			fc.add(fc.view(Moveref, s.Pos, BadMoveSrc{Event: e, Problem: problem, Other: other}))
			fc.badMove[s] = problem != refstate.PutWrongCount
		}
	}
}

// moveIntoHeld reports whether a move event hands a reference to a ref that may already hold
// one taken here, which would be lost.
func moveIntoHeld(e refstate.Event) bool {
	s := e.Site
	return s.Op == refstate.OpMove && s.Dst != nil && s.Dst != s.Src && !s.Deferred && e.DstBefore.MayBeFull()
}

// puts adds the puts of refs that hold nothing, or another count's reference; a put that
// drops a reference the caller owns with a ref of the function's own is ownerparam's first.
func (fc *funcCauses) puts() {
	for _, e := range fc.f.Ran() {
		s := e.Site
		if s.Op != refstate.OpPut || s.Dst == nil || s.Dst.Kind == refstate.Value {
			continue
		}
		if holder, ok := fc.foreignHolder(e); ok {
			c := fc.add(fc.view(Ownerparam, fc.pos, ForeignRelease{Event: e, Holder: holder}))
			if s.Dst.Kind == refstate.Local {
				c.Views = append(c.Views, fc.view(Pairing, s.Pos, BadPut{Event: e, Problem: refstate.PutNeverTaken}))
			}
			fc.owner = append(fc.owner, c)
			continue
		}
		problem, other := fc.f.JudgePut(e)
		switch problem {
		case refstate.PutOK:
		case refstate.PutMovedOut:
			if !fc.badMove[other] {
				fc.add(fc.view(Moveref, s.Pos, UseAfterMove{Event: e, Move: other}),
					fc.view(Pairing, s.Pos, BadPut{Event: e, Problem: problem, Other: other}))
			}
		default:
			fc.add(fc.view(Pairing, s.Pos, BadPut{Event: e, Problem: problem, Other: other}))
		}
	}
}

// leaks adds the local refs still holding at a return. A leak through the return of the object
// is ownerparam's first (the reference belonged in the caller's ref); the leak a swapped Move
// leaves is part of that mistake; a loop coming back to a Get whose ref still holds is the
// double get already added.
func (fc *funcCauses) leaks() {
	fc.leakList = fc.f.Leaks()
	for _, lk := range fc.leakList {
		leak := fc.view(Pairing, lk.Take.Pos, Leak{Leak: lk, Fixable: fc.fixable(lk)})
		key := [2]int32{int32(lk.Loc.ID), lk.Take.ID}
		switch {
		case lk.Loc.Kind == refstate.Value:
			continue // values.go
		case fc.regets(lk.Take):
			continue
		case lk.Take.Op == refstate.OpMove && fc.byEvent[lk.Take] != nil && isSwapped(fc.byEvent[lk.Take]):
			c := fc.byEvent[lk.Take]
			c.Views = append(c.Views, leak)
			fc.byLeak[key] = c
		case lk.Returned && !fc.callerHoldsToo(lk):
			holder := "its local ref " + lk.Loc.Name
			c := fc.add(fc.view(Ownerparam, fc.pos, ReturnedHeld{Take: lk.Take, Return: lk.Return, Holder: holder}), leak)
			fc.owner = append(fc.owner, c)
			fc.byLeak[key] = c
		default:
			fc.byLeak[key] = fc.add(leak)
		}
	}
}

func isSwapped(c *Cause) bool {
	_, ok := c.Views[0].Detail.(SwappedMove)
	return ok
}

// regets reports whether site s takes into a ref that may still hold the reference s itself
// took on an earlier iteration of a loop.
func (fc *funcCauses) regets(s *refstate.Site) bool {
	e, ok := fc.f.EventOf(s)
	return ok && refstate.DoubleGet(e) && e.DstBefore.Take == s.ID
}

// fixable reports whether `defer c.Put(&r)` right after the leaking site is the fix: it is a
// Get (in the function or in a closure it calls in place), outside any loop, and the only
// operation on its ref.
func (fc *funcCauses) fixable(lk refstate.Leak) bool {
	take := lk.Take
	if take.Op != refstate.OpGet || take.Callee != nil || take.Deferred || take.InLoop() {
		return false
	}
	for _, s := range fc.f.AllSites() {
		if s != take && (s.Dst == lk.Loc || s.Src == lk.Loc) {
			return false
		}
	}
	return true
}

// callerHoldsToo reports whether, where leak lk hands its object back, a *ref.Ref parameter
// holds a reference on it as well: the local ref then simply leaks.
func (fc *funcCauses) callerHoldsToo(lk refstate.Leak) bool {
	rs, ok := returnState(fc.f, lk.Return)
	return ok && paramHolds(fc.f, rs, lk.Take.Count.Obj)
}

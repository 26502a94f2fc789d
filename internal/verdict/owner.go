package verdict

import (
	"fmt"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
)

// foreignHolder reports whether a put drops a reference on an object the caller passed in with
// a ref that did not come from the parameters, and describes that ref: a local ref that never
// took anything, or a member of a package-level variable found as it was.
func (fc *funcCauses) foreignHolder(e refstate.Event) (string, bool) {
	s := e.Site
	if _, ok := s.Count.Obj.(*ssa.Parameter); !ok || e.DstBefore.Unknown {
		return "", false
	}
	switch s.Dst.Kind {
	case refstate.Local:
		if !e.DstBefore.May(refstate.Held) && e.DstBefore.Gone == 0 {
			return fmt.Sprintf("its local ref %s, which never took one", s.Dst.Name), true
		}
	case refstate.Member:
		if owner := s.Dst.ForeignOwner(); owner == refstate.OwnerGlobal && e.DstBefore.OnlyEntry() {
			return fmt.Sprintf("%s, a member of %s", s.Dst.Name, owner), true
		}
	}
	return "", false
}

// heldMembers adds the member refs, of objects that do not come from the parameters, that
// hold a reference on an object the function returns: each with its first such return in
// source order. Members of objects obtained from calls are not judged, since they may well
// belong to a parameter too.
func (fc *funcCauses) heldMembers() {
	seen := map[*refstate.Loc]bool{}
	for _, rs := range fc.f.ReturnsInOrder() {
		for _, l := range fc.f.Locs {
			st := rs.Locs[l.ID]
			take := fc.f.Site(st.Take)
			if seen[l] || l.Kind != refstate.Member || !st.MayHold() || take == nil || l.ForeignOwner() == refstate.OwnerParams || !refstate.ReturnsValue(rs.Return, take.Count.Obj) {
				continue
			}
			if paramHolds(fc.f, rs, take.Count.Obj) {
				continue // the caller gets its own reference too: the member's is the holder's
			}
			seen[l] = true
			holder := fmt.Sprintf("%s, a member of %s", l.Name, l.ForeignOwner())
			fc.owner = append(fc.owner, fc.add(fc.view(Ownerparam, fc.pos, ReturnedHeld{Take: take, Return: rs.Return, Holder: holder})))
		}
	}
}

// idleParams adds the *ref.Ref parameters of a function whose signature lies: it takes a ref
// parameter and takes or hands out a tracked pointer (a parameter, the receiver, a result), yet
// returns success with the ref parameter untouched on some path. A function that hands out or
// drops a reference with the wrong ref has made that mistake already.
func (fc *funcCauses) idleParams() {
	if len(fc.owner) > 0 {
		return
	}
	for _, ip := range fc.idleRefParams() {
		fc.owner = append(fc.owner, fc.add(fc.view(Ownerparam, fc.pos, IdleParam{Param: ip.param, Return: ip.returns[0]})))
	}
}

type idleParam struct {
	param   *ssa.Parameter
	returns []*ssa.Return // in source order
}

// idleRefParams lists the ref parameters left untouched on some successful return, with those
// returns. Closures are not judged: their signatures are usually imposed by a callback type.
func (fc *funcCauses) idleRefParams() []idleParam {
	fn := fc.f.Fn
	if fn.Parent() != nil || fc.f.Summary != nil && fc.f.Summary.NoReturn || !refstate.HandlesTrackedPtr(fn) {
		return nil
	}
	var out []idleParam
	for _, p := range fn.Params {
		if refstate.IsRefPtr(p.Type()) {
			if rets := fc.f.IdleReturns(p); len(rets) > 0 {
				out = append(out, idleParam{p, rets})
			}
		}
	}
	return out
}

// idleAt reports whether some ref parameter is idle, as idleParams judges it, at ret.
func (fc *funcCauses) idleAt(ret *ssa.Return) bool {
	for _, ip := range fc.idleRefParams() {
		if slices.Contains(ip.returns, ret) {
			return true
		}
	}
	return false
}

// paramHolds reports whether, at return rs, a *ref.Ref parameter may hold a reference on obj
// taken here: the function hands its caller a reference of its own, whatever else holds one.
func paramHolds(f *refstate.Func, rs refstate.ReturnState, obj ssa.Value) bool {
	for _, l := range f.Locs {
		st := rs.Locs[l.ID]
		if take := f.Site(st.Take); l.Kind == refstate.Param && st.MayHold() && take != nil && take.Count.Obj == obj {
			return true
		}
	}
	return false
}

// returnState is the state at return ret.
func returnState(f *refstate.Func, ret *ssa.Return) (refstate.ReturnState, bool) {
	for _, rs := range f.Returns {
		if rs.Return == ret {
			return rs, true
		}
	}
	return refstate.ReturnState{}, false
}

package refstate

import (
	"go/ast"
	"go/token"
	"iter"

	"golang.org/x/tools/go/ssa"
)

// This file holds the judgements several passes share, so that when two rules see one root
// cause, exactly one pass reports it.

// PutProblem is what is wrong with the ref a put (or releasing call) drops.
type PutProblem uint8

const (
	PutOK         PutProblem = iota
	PutNeverTaken            // the ref never held anything on some path
	PutAgain                 // it was put already on some path
	PutFailed                // the acquire that should have filled it failed on some path
	PutMovedOut              // its reference was moved out (moveref's use after move)
	PutWrongCount            // it holds a reference on another count
)

// JudgePut classifies a put event; other is the site that explains it (the earlier put, the
// move, the failed acquire, the take on the other count).
func (f *Func) JudgePut(e Event) (PutProblem, *Site) {
	if e.Site.Dst == nil {
		return PutOK, nil
	}
	return f.judgeDrop(e.Site, e.Site.Dst, e.DstBefore)
}

// judgeDrop classifies site s dropping the reference of ref l, whose state before it was st: a
// put drops its ref, a move drops its source.
func (f *Func) judgeDrop(s *Site, l *Loc, st State) (PutProblem, *Site) {
	if st.Unknown {
		return PutOK, nil
	}
	if st.MayHold() && st.Take != 0 {
		if take := f.Sites[st.Take]; differentCounts(take.Count, s.Count) {
			return PutWrongCount, take
		}
	}
	if !st.MayBeEmpty() {
		return PutOK, nil
	}
	if st.Gone == 0 {
		return PutNeverTaken, nil
	}
	gone := f.Sites[st.Gone]
	switch {
	case gone.Op == OpMove && gone.Src == l:
		return PutMovedOut, gone
	case gone.Op == OpTryGet:
		return PutFailed, gone
	}
	return PutAgain, gone
}

// ForeignRelease reports whether a put drops a reference on a parameter's object with a local
// ref that never held anything: the function releases a reference its caller owns without
// being given the caller's ref. That is ownerparam's finding, not a put of an empty ref.
func (f *Func) ForeignRelease(e Event) bool {
	s := e.Site
	if s.Op != OpPut || s.Dst == nil || s.Dst.Kind != Local || e.DstBefore.Unknown {
		return false
	}
	if e.DstBefore.Cases.has(Held) || e.DstBefore.Gone != 0 {
		return false
	}
	return f.isParamObject(s.Count.Obj)
}

func (f *Func) isParamObject(v ssa.Value) bool {
	_, ok := v.(*ssa.Parameter)
	return ok
}

// A Leak is a local ref still holding a reference at a return.
type Leak struct {
	Loc    *Loc
	Take   *Site // the site that took the reference
	Return *ssa.Return
	// Returned: the reference is on an object the function returns, so the function hands the
	// reference to its caller without its caller's ref (ownerparam's finding).
	Returned bool
}

// Leaks lists the leaking local refs, one per taking site, each with the first return (in
// source order) through which it leaks. A leak is Returned only if every return it leaks
// through hands the object back; otherwise it names a return that does not.
func (f *Func) Leaks() []Leak {
	var out []Leak
	seen := map[[2]int32]int{}
	for _, rs := range f.Returns {
		for _, l := range f.Locs {
			st := rs.Locs[l.ID]
			if l.Kind != Local || !st.MayHold() || st.Take == 0 {
				continue
			}
			take := f.Sites[st.Take]
			lk := Leak{Loc: l, Take: take, Return: rs.Return, Returned: returnsObject(rs.Return, take.Count.Obj)}
			key := [2]int32{int32(l.ID), take.ID}
			if i, ok := seen[key]; ok {
				prev := out[i]
				if prev.Returned && !lk.Returned || prev.Returned == lk.Returned && before(ReturnPos(rs.Return), ReturnPos(prev.Return)) {
					out[i] = lk
				}
				continue
			}
			seen[key] = len(out)
			out = append(out, lk)
		}
	}
	return out
}

// ReturnPos is where a return is in the source; an implicit return at the end of a function
// is at its closing brace.
func ReturnPos(ret *ssa.Return) token.Pos {
	if ret.Pos().IsValid() {
		return ret.Pos()
	}
	switch syn := ret.Parent().Syntax().(type) {
	case *ast.FuncDecl:
		return syn.Body.Rbrace
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return ret.Parent().Pos()
}

func before(a, b token.Pos) bool { return a.IsValid() && (!b.IsValid() || a < b) }

func returnsObject(ret *ssa.Return, obj ssa.Value) bool {
	if obj == nil {
		return false
	}
	for i := range ret.Results {
		if resultValue(ret, i) == obj {
			return true
		}
	}
	return false
}

// DoubleGet reports whether an acquiring event took into a ref that may already hold.
func DoubleGet(e Event) bool {
	s := e.Site
	return (s.Op == OpGet || s.Op == OpTryGet) && s.Dst != nil && e.DstBefore.MayHold()
}

// Outcome tells whether a return reports success or failure to the caller (err == nil, true,
// a non-nil pointer); a function without such a result always succeeds.
func (f *Func) Outcome(ret *ssa.Return) Outcome {
	cond, i := resultCond(f.Fn.Signature)
	if cond == Always {
		return Success
	}
	return returnOutcome(ret, cond, i)
}

// UnbackedStores lists the stores of a non-nil pointer into a field whose member ref got no
// reference on some path from the store to a return, each with such a return.
func (f *Func) UnbackedStores() []Unbacked {
	var out []Unbacked
	f.storesAtReturns(State.UnbackedStores, func(s *Site, ret *ssa.Return) {
		out = append(out, Unbacked{Store: s, Return: ret})
	})
	return out
}

// storesAtReturns calls found once for each store site that which picks out of a member ref's
// state at some return, with the first such return.
func (f *Func) storesAtReturns(which func(State) iter.Seq[int32], found func(*Site, *ssa.Return)) {
	seen := map[int32]bool{}
	for _, rs := range f.Returns {
		for _, l := range f.Locs {
			st := rs.Locs[l.ID]
			if l.Kind != Member || st.Unknown {
				continue
			}
			for id := range which(st) {
				if !seen[id] {
					seen[id] = true
					found(f.Sites[id], rs.Return)
				}
			}
		}
	}
}

// Unbacked is a store whose member ref got no reference before the return.
type Unbacked struct {
	Store  *Site
	Return *ssa.Return
}

// OrphanedStores lists the stores that cleared or overwrote a pointer field known to hold a
// pointer whose reference its member had, where the member was not put or moved out
// afterwards on some path to a return (before the store counts too: the member was empty).
func (f *Func) OrphanedStores() []*Site {
	var out []*Site
	f.storesAtReturns(State.OrphanStores, func(s *Site, _ *ssa.Return) {
		out = append(out, s)
	})
	return out
}

package refstate

import (
	"cmp"
	"go/ast"
	"go/token"
	"iter"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file holds what the states at a function's returns say: the local refs that leak, the
// stores whose member goes without a reference, and what each return tells the caller.

// ReturnsInOrder lists f's return states in source order, so that loops looking for "the first
// return through which" something happens find the one a reader meets first.
func (f *Func) ReturnsInOrder() []ReturnState {
	out := slices.Clone(f.Returns)
	slices.SortStableFunc(out, func(a, b ReturnState) int { return cmp.Compare(ReturnPos(a.Return), ReturnPos(b.Return)) })
	return out
}

// A Leak is a local ref still holding a reference at a return.
type Leak struct {
	Loc    *Loc
	Take   *Site // the site that took the reference
	Return *ssa.Return
	// Returned: the reference is on an object the function returns, so the function hands the
	// reference to its caller without its caller's ref.
	Returned bool
}

// Leaks lists the leaking local refs, one per taking site, each with the first return (in
// source order) through which it leaks. A leak is Returned only if every return it leaks
// through hands the object back; otherwise it names a return that does not.
func (f *Func) Leaks() []Leak {
	var out []Leak
	seen := map[[2]int]int{}
	for _, rs := range f.ReturnsInOrder() {
		for _, l := range f.Locs {
			st := rs.Locs[l.ID]
			take := f.Site(st.Take)
			if l.Kind != Local && l.Kind != Value || !st.MayHold() || take == nil {
				continue
			}
			lk := Leak{Loc: l, Take: take, Return: rs.Return, Returned: ReturnsValue(rs.Return, take.Count.Obj)}
			key := [2]int{l.ID, int(take.ID)}
			if i, ok := seen[key]; !ok {
				seen[key] = len(out)
				out = append(out, lk)
			} else if out[i].Returned && !lk.Returned {
				out[i] = lk
			}
		}
	}
	return out
}

// Unbacked is a store whose member ref got no reference before the return.
type Unbacked struct {
	Store  *Site
	Return *ssa.Return
}

// UnbackedStores lists the stores of a non-nil pointer into a field whose member got no
// reference on some path from the store to a return, each with the first such return in
// source order.
func (f *Func) UnbackedStores() []Unbacked {
	var out []Unbacked
	f.storesAtReturns(State.UnbackedStores, func(s *Site, ret *ssa.Return) {
		out = append(out, Unbacked{Store: s, Return: ret})
	})
	return out
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

// storesAtReturns calls found once for each store site that which picks out of a member ref's
// state at some return, with the first such return in source order.
func (f *Func) storesAtReturns(which func(State) iter.Seq[int32], found func(*Site, *ssa.Return)) {
	seen := map[int32]bool{}
	for _, rs := range f.ReturnsInOrder() {
		for _, l := range f.Locs {
			st := rs.Locs[l.ID]
			if l.Kind != Member || st.Unknown {
				continue
			}
			for id := range which(st) {
				if !seen[id] {
					seen[id] = true
					found(f.Site(id), rs.Return)
				}
			}
		}
	}
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

// ReturnsValue reports whether ret gives v back as one of its results, looking through the
// slots a function with defers returns its results through.
func ReturnsValue(ret *ssa.Return, v ssa.Value) bool {
	if v == nil {
		return false
	}
	for i := range ret.Results {
		if resultValue(ret, i) == v {
			return true
		}
	}
	return false
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

// Package complitcopy: a composite literal of a struct VALUE assigned to a variable
// whose address is taken later (`p := pair{a: a}; a.refs.Get(&p.aRef)`) is built by go/ssa in
// a temporary and copied:
//
//	t0 = new pair (p); t1 = local pair (complit); *(&t1.a) = a; *t0 = *t1; ... &t0.aRef
//
// The store site belongs to the temporary's member Loc (named "pair.aRef"), the Get to p's;
// the struct copy `*t0 = *t1` is not followed, so every such store is reported as having "no
// reference behind it" although the member is filled on the same path. Common for handles
// returned by value. Expected: makePair silent; makePairBug one diagnostic, on the b element
// only (observed: a and b both, in both functions). Likely fix: in the engine's store
// handling, treat a Store of a whole struct loaded from a complit Alloc into another Alloc as
// moving the temporary's member states (Ptr/Unbacked/Cases) to the destination's members, or
// key complit member Locs by the destination when the temporary's only use is that copy.
package complitcopy

import "github.com/refvet/refvet/ref"

type Obj struct {
	refs ref.Count
}

type pair struct {
	a, b       *Obj
	aRef, bRef ref.Ref
}

// makePair is correct.
func makePair(a, b *Obj) pair {
	p := pair{a: a, b: b}
	a.refs.Get(&p.aRef)
	b.refs.Get(&p.bRef)
	return p
}

// makePairBug forgets b's reference. Bug, at the b element.
func makePairBug(a, b *Obj) pair {
	p := pair{a: a, b: b} // want `pair{b: b} stores a tracked pointer with no reference behind it`
	a.refs.Get(&p.aRef)
	return p
}

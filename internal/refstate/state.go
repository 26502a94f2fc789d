package refstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Hold is what a ref holds on one path.
type Hold uint8

const (
	Empty Hold = iota // nothing: never taken, put, or moved out
	Held              // a reference taken in this function
	Entry             // whatever the caller left in it (parameters, members of objects not made here)
	numHolds
)

// cases is a set of (Hold, pending) pairs: pending says a deferred release of the ref is
// registered and will run at return. Keeping the pairs, not two separate sets, is what lets
// "held with a deferred put" and "never taken, no defer" meet at a join without turning into
// a leak.
type cases uint8

func caseBit(h Hold, pending bool) cases {
	if pending {
		return 1 << (uint(h) + uint(numHolds))
	}
	return 1 << uint(h)
}

// has reports whether some path holds h (pending or not).
func (c cases) has(h Hold) bool { return c&(caseBit(h, false)|caseBit(h, true)) != 0 }

// pending reports whether some path has a deferred release registered.
func (c cases) pending() bool { return c>>numHolds != 0 }

// only reports whether every path holds h.
func (c cases) only(h Hold) bool { return c != 0 && c&^(caseBit(h, false)|caseBit(h, true)) == 0 }

// mapHold applies f to the Hold of each case.
func (c cases) mapHold(f func(Hold) Hold) cases {
	var out cases
	for h := Hold(0); h < numHolds; h++ {
		for _, p := range [2]bool{false, true} {
			if c&caseBit(h, p) != 0 {
				out |= caseBit(f(h), p)
			}
		}
	}
	return out
}

// setPending marks (or clears) a registered deferred release on every case.
func (c cases) setPending(p bool) cases {
	var out cases
	for h := Hold(0); h < numHolds; h++ {
		if c.has(h) {
			out |= caseBit(h, p)
		}
	}
	return out
}

// withPending keeps only the cases whose pending flag is p.
func (c cases) withPending(p bool) cases {
	mask := cases(1<<numHolds - 1)
	if p {
		return c & (mask << numHolds)
	}
	return c & mask
}

// A State is what the engine knows of one ref at one program point: the join over all paths.
// The zero State is "unreached".
type State struct {
	Cases   cases
	Unknown bool  // the ref escaped: nothing is concluded about it
	Take    int32 // site that took the reference held on the Held paths (0: none)
	Gone    int32 // site that emptied it (put, moved out, failed acquire); 0: never held
	Pend    int32 // site of the registered deferred release
	Guard   guard // when set: the Held (or, for a release, Empty) cases are exactly the paths where the guard holds

	// Member refs also follow the pointer field they belong to.
	Ptr      ptrBits // what the field holds, on the paths that know
	Unbacked int32   // a store of a pointer into the field with no reference taken into the member yet
	Orphan   int32   // a store that replaced a pointer whose reference the member has not put or moved out yet
}

// ptrBits says what a tracked-pointer field may hold, as a set over paths.
type ptrBits uint8

const (
	ptrSet     ptrBits = 1 << iota // a non-nil pointer
	ptrNil                         // nil
	ptrUnknown                     // whatever the caller left
)

// PtrKnownSet reports whether the member's pointer field is known to hold a pointer on every
// path: it was stored earlier in the function, or the code is inside `if s.f != nil`.
func (s State) PtrKnownSet() bool { return !s.Unknown && s.Ptr == ptrSet }

// reached reports whether any path reaches this point.
func (s State) reached() bool { return s.Cases != 0 || s.Unknown }

// MayHold reports whether the ref holds a reference taken here on some path.
func (s State) MayHold() bool { return !s.Unknown && s.Cases.has(Held) }

// MayBeEmpty reports whether the ref holds nothing on some path.
func (s State) MayBeEmpty() bool { return !s.Unknown && s.Cases.has(Empty) }

// May reports whether some path holds h; Only whether every path does. An unknown ref neither
// may nor must hold anything.
func (s State) May(h Hold) bool  { return !s.Unknown && s.Cases.has(h) }
func (s State) Only(h Hold) bool { return !s.Unknown && s.Cases.only(h) }

// OnlyEntry reports whether the ref is, on every path, as the caller left it.
func (s State) OnlyEntry() bool { return !s.Unknown && s.Cases.only(Entry) }

func join(a, b State) State {
	switch {
	case !a.reached():
		return b
	case !b.reached():
		return a
	case a.Unknown || b.Unknown:
		return State{Unknown: true}
	}
	out := State{Cases: a.Cases | b.Cases, Take: first(a.Take, b.Take), Gone: first(a.emptiedBy(), b.emptiedBy()), Pend: first(a.Pend, b.Pend),
		Ptr: a.Ptr | b.Ptr, Unbacked: first(a.Unbacked, b.Unbacked), Orphan: first(a.Orphan, b.Orphan)}
	if a.Guard == b.Guard {
		out.Guard = a.Guard
	}
	return out
}

// emptiedBy is the site that explains the Empty paths; the site is kept on held paths too (so
// a later put can say what it undid), but only empty paths may explain emptiness at a join.
func (s State) emptiedBy() int32 {
	if s.Cases.has(Empty) {
		return s.Gone
	}
	return 0
}

func first(a, b int32) int32 {
	if a != 0 {
		return a
	}
	return b
}

// Cond is the condition under which a conditional acquire or release took effect, read from
// one result of the call.
type Cond uint8

const (
	Always Cond = iota
	ErrNil      // the error result is nil
	True        // the bool result is true
	NonNil      // the pointer result is non-nil
	False       // the bool result is false (only for branch guards, never in a Summary)
)

// A guard ties the Held cases of a state to a call's result: held exactly when result number
// idx of call (idx -1: the call's only result) satisfies when. otherwise is what the ref held
// before the call, which is what it holds when the condition fails.
type guard struct {
	call      ssa.Value
	idx       int
	when      Cond
	otherwise cases
	// cell is a variable the result was stored into and still holds: a named result, or a
	// variable a closure captures, which SSA keeps in memory. A load of it reads the result.
	cell ssa.Value
	// release: the guard is a conditional release, so the paths where the condition holds are
	// the empty ones, not the held ones.
	release bool
}

func (g guard) set() bool { return g.call != nil }

// result reports whether v is the result the guard reads.
func (g guard) result(v ssa.Value) bool {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL && g.cell != nil && u.X == g.cell {
		return true
	}
	return g.direct(v)
}

// direct reports whether v is the result itself.
func (g guard) direct(v ssa.Value) bool {
	if g.idx < 0 {
		return v == g.call || sameComparison(v, g.call)
	}
	e, ok := v.(*ssa.Extract)
	return ok && e.Tuple == g.call && e.Index == g.idx
}

// sameComparison reports whether v and w compare the same SSA values with the same operator:
// the second `if old != nil` of `if old != nil { … }; …; if old != nil { … }` (exec_mmap) tests
// what the first did, as SSA values never change.
func sameComparison(v, w ssa.Value) bool {
	a, ok1 := v.(*ssa.BinOp)
	b, ok2 := w.(*ssa.BinOp)
	return ok1 && ok2 && a.Op == b.Op && sameOperand(a.X, b.X) && sameOperand(a.Y, b.Y)
}

func sameOperand(x, y ssa.Value) bool {
	if x == y {
		return true
	}
	cx, ok1 := x.(*ssa.Const)
	cy, ok2 := y.(*ssa.Const)
	return ok1 && ok2 && types.Identical(cx.Type(), cy.Type()) && cx.String() == cy.String()
}

package refstate

import (
	"encoding/binary"
	"go/token"
	"go/types"
	"iter"
	"strings"

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

// mixOf reports whether some paths hold x, some y, and none anything else.
func (c cases) mixOf(x, y Hold) bool {
	both := caseBit(x, false) | caseBit(x, true) | caseBit(y, false) | caseBit(y, true)
	return c.has(x) && c.has(y) && c&^both == 0
}

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
//
// States form a join-semilattice (join below; a ⊑ b when join(a, b) == b), so that the dataflow
// reaches the same fixpoint whatever order it visits blocks in:
//   - Cases, Ptr and the store sets are sets over paths: join is union.
//   - Unknown is the top: joined with anything it gives State{Unknown: true}.
//   - Take and Gone only explain diagnostics; join keeps the smallest site ID (site IDs
//     follow block and instruction order, so that is the first site in the source), and for
//     Gone only the states with an Empty case compete when there are any: only empty paths
//     explain emptiness. Pend is the deferred release that runs first at return: paths that
//     registered different ones join to pendMixed, absorbing (the release that runs then
//     depends on the path: it is applied at return, not judged).
//   - Guard is a flat lattice whose top is "no guard": equal guards (the same condition on the
//     same result, read through the same cell) are kept, with their otherwise cases joined;
//     different ones are dropped.
type State struct {
	Cases   cases
	Unknown bool    // the ref escaped: nothing is concluded about it
	Ptr     ptrBits // member refs: what the pointer field they belong to holds, on the paths that know
	Take    int32   // site that took the reference held on the Held paths (0: none)
	Gone    int32   // site that emptied it (put, moved out, failed acquire); 0: never held
	Pend    int32   // site of the registered deferred release; pendMixed: several, by path
	Guard   guard   // when set: the Held (or, for a release, Empty) cases are exactly the paths where the guard holds

	// Member refs: the stores into their pointer field that need a reference.
	unbacked siteSet // stores of a pointer into the field with no reference taken into the member yet
	orphan   siteSet // stores that replaced a pointer whose reference the member has not put or moved out yet
}

// UnbackedStores yields, in increasing order, the sites of the stores of a non-nil pointer into
// the member's field that no reference in the member backs yet, on some path.
func (s State) UnbackedStores() iter.Seq[int32] { return s.unbacked.all() }

// OrphanStores yields, in increasing order, the sites of the stores that replaced a pointer
// whose reference the member had not put or moved out, on some path where it still has not.
func (s State) OrphanStores() iter.Seq[int32] { return s.orphan.all() }

// ptrBits says what a tracked-pointer field may hold, as a set over paths.
type ptrBits uint8

const (
	ptrSet     ptrBits = 1 << iota // a non-nil pointer
	ptrNil                         // nil
	ptrUnknown                     // whatever the caller left
	// ptrOwed: the member holds the reference its struct kept for the pointer the caller left
	// in the field, which the function saw non-nil (or whose reference it drops somewhere);
	// a store into the field does not change that, a put or move out of the member does.
	ptrOwed
)

// PtrKnownSet reports whether the member's pointer field is known to hold a pointer on every
// path: it was stored earlier in the function, or the code is inside `if s.f != nil`.
func (s State) PtrKnownSet() bool { return !s.Unknown && s.Ptr&^ptrOwed == ptrSet }

// reached reports whether any path reaches this point.
func (s State) reached() bool { return s.Cases != 0 || s.Unknown }

// MayHold reports whether the ref holds a reference taken here on some path.
func (s State) MayHold() bool { return !s.Unknown && s.Cases.has(Held) }

// MayBeFull reports whether the ref may hold a reference on some path: one taken here, or,
// for a member, the one its struct keeps for the pointer the caller left (see ptrOwed).
func (s State) MayBeFull() bool {
	return s.MayHold() || !s.Unknown && s.Ptr&ptrOwed != 0 && s.Cases.has(Entry)
}

// HeldPending reports whether every path on which the ref holds a reference taken here has a
// deferred release of it registered.
func (s State) HeldPending() bool {
	return !s.Unknown && s.Cases.has(Held) && s.Cases&caseBit(Held, false) == 0
}

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
	pend := a.Pend
	switch {
	case a.Pend == 0:
		pend = b.Pend
	case b.Pend != 0 && b.Pend != a.Pend:
		// Paths that registered different deferred releases of the ref: which one runs at
		// the return depends on the path, which one state cannot say.
		pend = pendMixed
	}
	return State{
		Cases:    a.Cases | b.Cases,
		Take:     minSite(a.Take, b.Take),
		Gone:     joinGone(a, b),
		Pend:     pend,
		Guard:    joinGuard(a.Guard, b.Guard),
		Ptr:      a.Ptr | b.Ptr,
		unbacked: a.unbacked.union(b.unbacked),
		orphan:   a.orphan.union(b.orphan),
	}
}

// norm keeps Gone only where it explains something: a state with no Empty case has none. The
// transfers that can leave a state without Empty cases (a branch resolving a guard, a TryGet
// of a held ref) apply it, so that joining two states never depends on a site that explains
// nothing, and join stays monotone under them.
func (s State) norm() State {
	if !s.Cases.has(Empty) {
		s.Gone = 0
	}
	return s
}

// joinGone is the site that explains the Empty paths of join(a, b): only states with an Empty
// case may explain emptiness when there is one.
func joinGone(a, b State) int32 {
	ae, be := a.Cases.has(Empty), b.Cases.has(Empty)
	switch {
	case ae && !be:
		return a.Gone
	case be && !ae:
		return b.Gone
	}
	return minSite(a.Gone, b.Gone)
}

// minSite is the smaller of two sites, 0 standing for none.
func minSite(a, b int32) int32 {
	if a == 0 || b != 0 && b < a {
		return b
	}
	return a
}

// joinGuard keeps a guard both sides agree on, with the cases either side held when it fails,
// and drops it otherwise.
func joinGuard(a, b guard) guard {
	if a == b {
		return a
	}
	oa, ob := a.otherwise, b.otherwise
	a.otherwise, b.otherwise = 0, 0
	if a != b {
		return guard{}
	}
	a.otherwise = oa | ob
	return a
}

// first is the first of two sites that is set: a choice for one path's own sites, never for a
// join.
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
	// Maybe: on some paths only, with nothing the caller can test telling which; only in the
	// summaries of closures, which their callers run in place.
	Maybe
)

// A guard ties the Held cases of a state to a call's result: held exactly when result number
// idx of call (idx -1: the call's only result) satisfies when. otherwise is what the ref held
// before the call, which is what it holds when the condition fails.
type guard struct {
	call ssa.Value
	// cell is a variable the result was stored into and still holds: a named result, or a
	// variable a closure captures, which SSA keeps in memory. A load of it reads the result.
	cell      ssa.Value
	idx       int32 // int32, not int: State is stored by the million, its size is the engine's memory
	when      Cond
	otherwise cases
	// release: the guard is a conditional release, so the paths where the condition holds are
	// the empty ones, not the held ones.
	release bool
	// value: the guard is an owned result of a call (value mode), so a nil test of any
	// nilable result beside the condition tests it (`rdr, err := Open(); if rdr != nil {…}`).
	value bool
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
	return ok && e.Tuple == g.call && e.Index == int(g.idx)
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

// A siteSet is a set of site IDs, for the store records of a member ref (Unbacked, Orphan):
// every store in it is its own root cause, so a join keeps them all. It is a sorted string of
// 4-byte IDs, so that State stays comparable with ==, the empty set costs nothing, and two
// equal sets compare equal whatever built them. Singletons of small IDs share one constant
// string; a union allocates only when neither set contains the other.
type siteSet struct{ s string }

const siteBytes = 4

// singletons holds the 4-byte encodings of the IDs below len/4, back to back, so that
// oneSite of a small ID is a substring: no allocation per transfer.
var singletons = func() string {
	var b strings.Builder
	var buf [siteBytes]byte
	for id := range uint32(4096) {
		binary.BigEndian.PutUint32(buf[:], id)
		b.Write(buf[:])
	}
	return b.String()
}()

// oneSite is the set {id}; id 0 (no site) is the empty set.
func oneSite(id int32) siteSet {
	switch {
	case id <= 0:
		return siteSet{}
	case int(id) < len(singletons)/siteBytes:
		return siteSet{singletons[int(id)*siteBytes : int(id+1)*siteBytes]}
	}
	var buf [siteBytes]byte
	binary.BigEndian.PutUint32(buf[:], uint32(id))
	return siteSet{string(buf[:])}
}

func (s siteSet) empty() bool { return s.s == "" }
func (s siteSet) len() int    { return len(s.s) / siteBytes }

func (s siteSet) at(i int) int32 {
	return int32(binary.BigEndian.Uint32([]byte(s.s[i*siteBytes : (i+1)*siteBytes])))
}

func (s siteSet) has(id int32) bool {
	for i := range s.len() {
		if s.at(i) == id {
			return true
		}
	}
	return false
}

// all yields the IDs in increasing order.
func (s siteSet) all() iter.Seq[int32] {
	return func(yield func(int32) bool) {
		for i := range s.len() {
			if !yield(s.at(i)) {
				return
			}
		}
	}
}

// union is s ∪ t; it returns one of its arguments when that is the union.
func (s siteSet) union(t siteSet) siteSet {
	switch {
	case s == t || t.empty():
		return s
	case s.empty():
		return t
	}
	var b []byte
	i, j := 0, 0
	for i < s.len() || j < t.len() {
		var id int32
		switch {
		case j == t.len() || i < s.len() && s.at(i) < t.at(j):
			id, i = s.at(i), i+1
		case i == s.len() || t.at(j) < s.at(i):
			id, j = t.at(j), j+1
		default:
			id, i, j = s.at(i), i+1, j+1
		}
		b = binary.BigEndian.AppendUint32(b, uint32(id))
	}
	switch string(b) {
	case s.s:
		return s
	case t.s:
		return t
	}
	return siteSet{string(b)}
}

// filter keeps the IDs for which keep is true.
func (s siteSet) filter(keep func(int32) bool) siteSet {
	var b []byte
	for id := range s.all() {
		if keep(id) {
			b = binary.BigEndian.AppendUint32(b, uint32(id))
		}
	}
	if len(b) == len(s.s) {
		return s
	}
	return siteSet{string(b)}
}

// pendMixed is the Pend of a state whose paths registered different deferred releases.
const pendMixed int32 = -1

package refstate

import (
	"fmt"
	"go/constant"
	"go/types"
	"math/rand/v2"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// Property tests of the lattice (in the manner of a dataflow framework's own tests): over
// random States covering every field, join must be commutative, associative and idempotent,
// with the unreached State as its identity and Unknown as its top; and each transfer
// primitive must be monotone in the order join induces (a ⊑ b when join(a, b) == b): a state
// that knows less (covers more paths) never leads to one that knows more. Together these make
// the round-robin fixpoint independent of the order blocks are visited in.

const latticeRuns = 20000

// latticeValues are the SSA values guards refer to: two results and a cell.
var latticeValues = func() [3]ssa.Value {
	var out [3]ssa.Value
	for i := range out {
		out[i] = ssa.NewConst(constant.MakeInt64(int64(i)), types.Typ[types.Int])
	}
	return out
}()

// randCases is a random non-empty set of (Hold, pending) pairs.
func randCases(r *rand.Rand) cases {
	for {
		if c := cases(r.IntN(1 << (2 * numHolds))); c != 0 {
			return c
		}
	}
}

// randSites is a random set of store sites, sometimes with IDs past the shared singletons.
func randSites(r *rand.Rand) siteSet {
	var s siteSet
	for range r.IntN(4) {
		id := int32(1 + r.IntN(6))
		if r.IntN(8) == 0 {
			id += 5000
		}
		s = s.union(oneSite(id))
	}
	return s
}

func randSite(r *rand.Rand) int32 { return int32(r.IntN(6)) }

// randGuard is no guard or one of a few fixed guards, with random otherwise cases.
func randGuard(r *rand.Rand) guard {
	v := latticeValues
	switch r.IntN(6) {
	case 0, 1:
		return guard{}
	case 2:
		return guard{call: v[0], idx: -1, when: True, otherwise: randCases(r)}
	case 3:
		return guard{call: v[0], idx: -1, when: True, otherwise: randCases(r), cell: v[2]}
	case 4:
		return guard{call: v[1], idx: 1, when: ErrNil, otherwise: randCases(r)}
	}
	return guard{call: v[1], idx: 1, when: ErrNil, otherwise: randCases(r), release: true}
}

// randState is a random State: unreached, unknown, or any combination of the other fields.
func randState(r *rand.Rand) State {
	switch r.IntN(12) {
	case 0:
		return State{}
	case 1:
		return State{Unknown: true}
	}
	return State{
		Cases: randCases(r), Take: randSite(r), Gone: randSite(r), Pend: randSite(r),
		Guard: randGuard(r), Ptr: ptrBits(r.IntN(8)),
		unbacked: randSites(r), orphan: randSites(r),
	}
}

func leq(a, b State) bool { return join(a, b) == b }

func TestJoinLaws(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range latticeRuns {
		a, b, c := randState(r), randState(r), randState(r)
		if got, want := join(a, b), join(b, a); got != want {
			t.Fatalf("join not commutative:\n a = %s\n b = %s\n a⊔b = %s\n b⊔a = %s", dumpState(a), dumpState(b), dumpState(got), dumpState(want))
		}
		if got, want := join(join(a, b), c), join(a, join(b, c)); got != want {
			t.Fatalf("join not associative:\n a = %s\n b = %s\n c = %s\n (a⊔b)⊔c = %s\n a⊔(b⊔c) = %s", dumpState(a), dumpState(b), dumpState(c), dumpState(got), dumpState(want))
		}
		if got := join(a, a); got != a {
			t.Fatalf("join not idempotent:\n a = %s\n a⊔a = %s", dumpState(a), dumpState(got))
		}
		if got := join(a, State{}); got != a {
			t.Fatalf("unreached is not the identity:\n a = %s\n a⊔⊥ = %s", dumpState(a), dumpState(got))
		}
		if got := join(a, State{Unknown: true}); got != (State{Unknown: true}) {
			t.Fatalf("unknown is not the top:\n a = %s\n a⊔⊤ = %s", dumpState(a), dumpState(got))
		}
		if ab := join(a, b); !leq(a, ab) || !leq(b, ab) {
			t.Fatalf("join is not an upper bound:\n a = %s\n b = %s\n a⊔b = %s", dumpState(a), dumpState(b), dumpState(ab))
		}
	}
}

// TestSiteSet checks the store-record sets against a map.
func TestSiteSet(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range latticeRuns {
		a, b := randSites(r), randSites(r)
		u := a.union(b)
		want := map[int32]bool{}
		for id := range a.all() {
			want[id] = true
		}
		for id := range b.all() {
			want[id] = true
		}
		prev := int32(0)
		n := 0
		for id := range u.all() {
			if id <= prev || !want[id] {
				t.Fatalf("%v ∪ %v = %v: not the sorted union", a, b, u)
			}
			prev = id
			n++
		}
		if n != len(want) || u.len() != n {
			t.Fatalf("%v ∪ %v = %v: %d elements, want %d", a, b, u, n, len(want))
		}
		odd := u.filter(func(id int32) bool { return id%2 == 1 })
		for id := range u.all() {
			if odd.has(id) != (id%2 == 1) {
				t.Fatalf("filter(%v) = %v", u, odd)
			}
		}
		if b.empty() && u != a || a == b && u != a {
			t.Fatalf("%v ∪ %v = %v: want the same set, shared", a, b, u)
		}
	}
}

// transfers are the transfer primitives, each applied to one ref's state.
func transfers() []struct {
	name string
	f    func(State) State
} {
	call := &ssa.Call{}
	fa := &fnAnalysis{}
	site := func(op Op, when Cond) *Site {
		return &Site{ID: 7, Op: op, When: when, Result: -1, Instr: call}
	}
	type tf = struct {
		name string
		f    func(State) State
	}
	out := []tf{
		{"join with a fixed state", func(s State) State {
			return join(s, State{Cases: caseBit(Held, false), Take: 3, Gone: 2, Ptr: ptrSet, unbacked: oneSite(4)})
		}},
	}
	for _, op := range []Op{OpGet, OpTryGet, OpPut, OpMove} {
		for _, when := range []Cond{Always, ErrNil} {
			s := site(op, when)
			out = append(out, tf{fmt.Sprintf("afterDst %v when %d", op, when), func(st State) State { return fa.afterDst(s, st) }})
		}
	}
	out = append(out,
		tf{"afterSrc", func(st State) State { return afterSrc(site(OpMove, Always), st) }},
		tf{"afterStore non-nil", func(st State) State { return afterStore(site(OpStore, Always), st) }},
		tf{"afterStore nil", func(st State) State { s := site(OpStore, Always); s.StoreNil = true; return afterStore(s, st) }},
		tf{"afterReturn", func(st State) State { return afterReturn(site(OpPut, Always).ID, st) }},
		tf{"afterDefer", func(st State) State { return afterDefer(site(OpPut, Always), st) }},
		tf{"refine holds", func(st State) State { return refineOne(st, true) }},
		tf{"refine fails", func(st State) State { return refineOne(st, false) }},
	)
	return out
}

// refineOne is refine's effect on one ref on the edge of a branch on latticeValues[0] (holds:
// the edge where it is true): the states guarded by that result are resolved, the others are
// left alone.
func refineOne(s State, holds bool) State {
	if s.Guard.set() && s.Guard.call == latticeValues[0] {
		return resolve(s, holds)
	}
	return s
}

// wellFormed says whether s is a state the engine can make: Gone is set only with an Empty
// case, a guard's otherwise cases are among the state's cases, and an acquire's guard comes
// with a Held case, a release's with an Empty one.
func wellFormed(s State) bool {
	if s.norm() != s {
		return false // a Gone with no Empty case to explain
	}
	if !s.Guard.set() || !s.reached() {
		return true
	}
	took := Held
	if s.Guard.release {
		took = Empty
	}
	return s.Guard.otherwise&^s.Cases == 0 && s.Cases.has(took)
}

func TestTransferMonotone(t *testing.T) {
	for _, tr := range transfers() {
		t.Run(tr.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(5, 6))
			for range latticeRuns {
				a := randState(r)
				b := join(a, randState(r)) // a ⊑ b
				if !wellFormed(a) || !wellFormed(b) || a.Unknown || b.Unknown {
					continue // the engine applies no transfer to an unknown ref
				}
				ta, tb := tr.f(a), tr.f(b)
				if !leq(ta, tb) {
					t.Fatalf("not monotone:\n a = %s\n b = %s (a ⊑ b)\n T(a) = %s\n T(b) = %s", dumpState(a), dumpState(b), dumpState(ta), dumpState(tb))
				}
			}
		})
	}
}

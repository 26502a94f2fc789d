package refstate

import (
	"fmt"

	"golang.org/x/tools/go/ssa"
)

// flow is the state of every ref at one program point. Its vector is persistent: clone is
// free and an update copies only a path of the tree.
type flow struct {
	v vec
}

func (f *flow) clone() *flow { return &flow{v: f.v} }

func (f *flow) get(l *Loc) State    { return f.v.get(l.ID) }
func (f *flow) set(l *Loc, s State) { f.v = f.v.set(l.ID, s) }

func (f *flow) equal(g *flow) bool {
	if f == nil || g == nil {
		return f == g
	}
	return equalVec(f.v, g.v)
}

// solve runs the forward dataflow to its fixpoint, then walks every block once more with
// recording on, so that each site and return sees the state that holds over all paths.
//
// Blocks are visited in reverse postorder, each only when the state on an incoming edge
// changed, so acyclic code is walked once. Join is a lattice join and the transfers are
// monotone, so each State can only grow and loops converge in a few rounds, to the same
// fixpoint in any visiting order; the cost is blocks × changes, never paths.
func (a *fnAnalysis) solve() {
	rpo := reversePostorder(a.fn)
	blocks := rpo
	if visitOrder != nil {
		blocks = visitOrder(a.fn, rpo)
	}
	a.out = make([][]*flow, len(a.fn.Blocks))
	dirty := make([]bool, len(a.fn.Blocks))
	if len(rpo) > 0 {
		dirty[rpo[0].Index] = true // the entry
	}
	for round, again := 0, true; again; round++ {
		if round > maxRounds {
			// States only grow, so this cannot happen; if it does, giving up on the function
			// (reported as an internal error) beats hanging the whole run.
			panic(fmt.Sprintf("dataflow did not converge in %d rounds", maxRounds))
		}
		again = false
		for _, b := range blocks {
			if !dirty[b.Index] {
				continue
			}
			dirty[b.Index] = false
			if a.walk(b, false) {
				for _, s := range b.Succs {
					dirty[s.Index] = true
					again = true
				}
			}
		}
	}
	// The recording walk is in reverse postorder whatever the order above: it only reads the
	// fixpoint, and it lists the returns in that order.
	for _, b := range rpo {
		a.walk(b, true)
	}
	if a.hasStores {
		a.settleOrphans()
	}
}

// settleOrphans keeps, of the stores recorded as overwriting a held pointer, those that are
// the first loss of that reference: the field held a pointer on every path to the store (it
// is not judged where that is unknown), and no earlier such store is pending there (the
// reference it lost is the same one). Stores are decided in site order, so that of two stores
// in a loop, each pending at the other, the first in the source is the one kept.
//
// This reads the fixpoint only: the transfer records every store that may overwrite a held
// pointer, which keeps it monotone, so that the fixpoint does not depend on visiting order.
func (a *fnAnalysis) settleOrphans() {
	first := make([]bool, len(a.sites))
	for id, s := range a.sites {
		if s == nil || s.Op != OpStore {
			continue
		}
		before := a.events[id].DstBefore
		if !before.PtrKnownSet() || !before.Cases.has(Held) && !before.Cases.has(Entry) {
			continue
		}
		first[id] = true
		for o := range before.orphan.all() {
			if o != int32(id) && first[o] {
				first[id] = false
				break
			}
		}
	}
	keep := func(id int32) bool { return first[id] }
	settle := func(s *State) {
		if !s.orphan.empty() {
			s.orphan = s.orphan.filter(keep)
		}
	}
	for i := range a.events {
		settle(&a.events[i].DstBefore)
		settle(&a.events[i].SrcBefore)
	}
	for _, rs := range a.returns {
		for i := range rs.Locs {
			settle(&rs.Locs[i])
		}
	}
}

// visitOrder, when set (by tests), gives the order in which solve visits the blocks in each
// round: a permutation of rpo, the reachable blocks in reverse postorder. The fixpoint, and so
// every finding, must not depend on it.
var visitOrder func(fn *ssa.Function, rpo []*ssa.BasicBlock) []*ssa.BasicBlock

// maxRounds bounds the rounds of solve; real functions converge in a handful (the loop nesting
// depth plus two).
const maxRounds = 1000

// walk runs block b from its entry state and stores the state on each outgoing edge; it
// reports whether any of them changed.
func (a *fnAnalysis) walk(b *ssa.BasicBlock, record bool) (changed bool) {
	st := a.entryOf(b)
	if st == nil {
		return false
	}
	out := make([]*flow, len(b.Succs))
	for _, instr := range b.Instrs {
		if !a.step(st, instr, record) {
			return a.setOut(b, out, record) // the block never gets past a call that does not return
		}
	}
	if ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
		for i := range b.Succs {
			out[i] = a.refine(st, ifi.Cond, i == 0)
		}
	} else {
		for i := range b.Succs {
			out[i] = st
		}
	}
	return a.setOut(b, out, record)
}

// setOut stores b's outgoing states. An edge whose state did not change keeps its old value,
// so that successors see the same tree and comparisons stay cheap.
func (a *fnAnalysis) setOut(b *ssa.BasicBlock, out []*flow, record bool) bool {
	old := a.out[b.Index]
	if record {
		return false
	}
	if old == nil {
		a.out[b.Index] = out
		return true
	}
	changed := false
	for i := range out {
		if old[i].equal(out[i]) {
			out[i] = old[i]
		} else {
			changed = true
		}
	}
	a.out[b.Index] = out
	return changed
}

// entryOf joins the states on b's incoming edges (nil: b is not reached yet).
func (a *fnAnalysis) entryOf(b *ssa.BasicBlock) *flow {
	if b.Index == 0 {
		return a.initial()
	}
	var st *flow
	var sides [2]*flow
	for i, p := range b.Preds {
		e := a.edge(p, b)
		if e == nil {
			continue
		}
		e = a.moveIn(e, b, i)
		if st == nil {
			st = e.clone()
		} else {
			st.v = joinVec(st.v, e.v)
		}
		if len(b.Preds) == 2 {
			sides[a.side(p, b)] = e
		}
	}
	if st != nil && len(b.Preds) == 2 && sides[0] != nil && sides[1] != nil {
		a.branchGuards(st, b, sides)
	}
	return st
}

func (a *fnAnalysis) edge(p, b *ssa.BasicBlock) *flow {
	out := a.out[p.Index]
	if out == nil {
		return nil
	}
	for i, s := range p.Succs {
		if s == b {
			return out[i]
		}
	}
	return nil
}

// initial is the state at function entry: parameters and members of objects the function did
// not make hold what the caller left; locals do not exist yet.
func (a *fnAnalysis) initial() *flow {
	if a.init == nil {
		a.init = &flow{v: newVec(len(a.locs.all))}
		for _, l := range a.locs.all {
			switch {
			case l.Kind == Member && !l.fresh && a.dropsMember(l):
				// The function's own code puts or moves out the member's reference, which
				// shows that the member holds one, and its field a pointer, on entry.
				a.init.set(l, State{Cases: entryState.Cases, Ptr: ptrSet | ptrOwed})
			case l.Kind == Param || l.Kind == Free || l.Kind == Member && !l.fresh || l.Origin() == FromParam:
				a.init.set(l, entryState)
			case l.Kind == Value:
				a.init.set(l, State{Cases: caseBit(Empty, false)}) // until the call or Retain that takes it
			}
		}
	}
	return a.init.clone()
}

// entryState is a ref as the caller left it.
var entryState = State{Cases: caseBit(Entry, false), Ptr: ptrUnknown}

func reversePostorder(fn *ssa.Function) []*ssa.BasicBlock {
	seen := make([]bool, len(fn.Blocks))
	var post []*ssa.BasicBlock
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		seen[b.Index] = true
		for _, s := range b.Succs {
			if !seen[s.Index] {
				visit(s)
			}
		}
		post = append(post, b)
	}
	if len(fn.Blocks) > 0 {
		visit(fn.Blocks[0])
	}
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}

// dropsMember reports whether some site of the function puts member l or moves out of it with
// no take into l before it on every path: the reference it drops is the one l held on entry.
func (a *fnAnalysis) dropsMember(l *Loc) bool {
	for _, s := range a.sites[1:] {
		if s.Op == OpPut && s.Dst == l || s.Op == OpMove && s.Src == l {
			if !a.takenBefore(l, s) {
				return true
			}
		}
	}
	return false
}

// takenBefore reports whether a take into l precedes site s on every path to it.
func (a *fnAnalysis) takenBefore(l *Loc, s *Site) bool {
	for _, t := range a.sites[1:] {
		if t.Dst == l && (t.Op == OpGet || t.Op == OpTryGet || t.Op == OpMove) && t.Precedes(s) {
			return true
		}
	}
	return false
}

package refstate

import (
	"golang.org/x/tools/go/ssa"
)

// flow is the state of every ref at one program point.
type flow struct {
	locs []State
}

func (f *flow) clone() *flow {
	return &flow{locs: append([]State(nil), f.locs...)}
}

func (f *flow) equal(g *flow) bool {
	if f == nil || g == nil {
		return f == g
	}
	for i := range f.locs {
		if f.locs[i] != g.locs[i] {
			return false
		}
	}
	return true
}

// solve runs the forward dataflow to its fixpoint, then walks every block once more with
// recording on, so that each site and return sees the state that holds over all paths.
//
// Blocks are visited in reverse postorder and the walk repeats until no edge state changes;
// each State can only grow (cases are added, sites are kept once set, guards are dropped), so
// the number of rounds is bounded by the loop nesting plus a small constant, not by the paths.
func (a *fnAnalysis) solve() {
	blocks := reversePostorder(a.fn)
	a.out = make([][]*flow, len(a.fn.Blocks))
	for changed := true; changed; {
		changed = false
		for _, b := range blocks {
			if a.walk(b, false) {
				changed = true
			}
		}
	}
	for _, b := range blocks {
		a.walk(b, true)
	}
}

// walk runs block b from its entry state and stores the state on each outgoing edge.
func (a *fnAnalysis) walk(b *ssa.BasicBlock, record bool) (changed bool) {
	st := a.entryOf(b)
	if st == nil {
		return false
	}
	out := make([]*flow, len(b.Succs))
	for _, instr := range b.Instrs {
		if !a.step(st, instr, record) {
			return a.setOut(b, out) // the block never gets past a call that does not return
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
	return a.setOut(b, out)
}

func (a *fnAnalysis) setOut(b *ssa.BasicBlock, out []*flow) bool {
	old := a.out[b.Index]
	changed := old == nil && len(out) > 0
	for i := range out {
		if old != nil && !old[i].equal(out[i]) {
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
	for _, p := range b.Preds {
		e := a.edge(p, b)
		if e == nil {
			continue
		}
		if st == nil {
			st = e.clone()
		} else {
			for i, s := range e.locs {
				st.locs[i] = join(st.locs[i], s)
			}
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
	st := &flow{locs: make([]State, len(a.locs.all))}
	for _, l := range a.locs.all {
		if l.Kind == Param || l.Kind == Free || l.Kind == Member && !l.fresh {
			st.locs[l.ID] = State{Cases: caseBit(Entry, false), Ptr: ptrUnknown}
		}
	}
	return st
}

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

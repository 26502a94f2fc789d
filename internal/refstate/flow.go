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

// joinInto joins src into *dst and reports whether *dst changed.
func joinInto(dst **flow, src *flow) bool {
	if *dst == nil {
		*dst = src.clone()
		return true
	}
	changed := false
	for i, s := range src.locs {
		j := join((*dst).locs[i], s)
		if j != (*dst).locs[i] {
			(*dst).locs[i] = j
			changed = true
		}
	}
	return changed
}

// solve runs the forward dataflow to its fixpoint, then walks every block once more with
// recording on, so that each site and return sees the state that holds over all paths.
//
// Blocks are visited in reverse postorder and the walk repeats until no entry state changes;
// each State can only grow (cases are added, sites are kept once set, guards are dropped), so
// the number of rounds is bounded by the loop nesting plus a small constant, not by the paths.
func (a *fnAnalysis) solve() {
	blocks := reversePostorder(a.fn)
	a.entry = make([]*flow, len(a.fn.Blocks))
	a.entry[0] = a.initial()
	for changed := true; changed; {
		changed = false
		for _, b := range blocks {
			if a.entry[b.Index] != nil && a.walk(b, false) {
				changed = true
			}
		}
	}
	for _, b := range blocks {
		if a.entry[b.Index] != nil {
			a.walk(b, true)
		}
	}
}

// walk runs block b from its entry state and merges the result into its successors.
func (a *fnAnalysis) walk(b *ssa.BasicBlock, record bool) (changed bool) {
	st := a.entry[b.Index].clone()
	for _, instr := range b.Instrs {
		if !a.step(st, instr, record) {
			return false // the block never gets past a call that does not return
		}
	}
	switch term := b.Instrs[len(b.Instrs)-1].(type) {
	case *ssa.If:
		for i, succ := range b.Succs {
			if joinInto(&a.entry[succ.Index], a.refine(st, term.Cond, i == 0)) {
				changed = true
			}
		}
	case *ssa.Return, *ssa.Panic:
	default:
		for _, succ := range b.Succs {
			if joinInto(&a.entry[succ.Index], st) {
				changed = true
			}
		}
	}
	return changed
}

// initial is the state at function entry: parameters and members of objects the function did
// not make hold what the caller left; locals do not exist yet.
func (a *fnAnalysis) initial() *flow {
	st := &flow{locs: make([]State, len(a.locs.all))}
	for _, l := range a.locs.all {
		switch {
		case l.Kind == Param || l.Kind == Free || l.Kind == Member && !l.fresh:
			st.locs[l.ID] = State{Cases: caseBit(Entry, false)}
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

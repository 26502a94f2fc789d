package refstate

import "golang.org/x/tools/go/ssa"

// This file keeps `if c { c.Get(&r) }; …; if c { c.Put(&r) }` exact. Where the two arms of an
// `if c` meet again, a ref held on one arm only is given a guard on c, the same guard TryGet
// gives its result; a later branch on c then resolves it.

// side tells which arm of the If that decides b (its immediate dominator's) the edge p→b comes
// from: 1 the true arm, 0 the false arm or not known.
func (a *fnAnalysis) side(p, b *ssa.BasicBlock) int {
	d := b.Idom()
	if d == nil {
		return 0
	}
	if _, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If); !ok {
		return 0
	}
	t, f := d.Succs[0], d.Succs[1]
	switch {
	case p == d:
		if t == b {
			return 1
		}
	case t != b && t.Dominates(p):
		return 1
	}
	_ = f
	return 0
}

// branchGuards guards the refs that are held on exactly one arm of the If deciding b.
func (a *fnAnalysis) branchGuards(st *flow, b *ssa.BasicBlock, sides [2]*flow) {
	d := b.Idom()
	ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok || !a.armsSplit(b, d) {
		return
	}
	if _, isConst := ifi.Cond.(*ssa.Const); isConst {
		return
	}
	eachDiff(sides[1].v, sides[0].v, func(i int, t, f State) {
		cur := st.v.get(i)
		if t.Unknown || f.Unknown || cur.Guard.set() {
			return
		}
		switch {
		case t.Cases.only(Held) && !f.Cases.has(Held):
			cur.Guard = guard{call: ifi.Cond, idx: -1, when: True, otherwise: f.Cases}
			cur.Take = t.Take
		case f.Cases.only(Held) && !t.Cases.has(Held):
			cur.Guard = guard{call: ifi.Cond, idx: -1, when: False, otherwise: t.Cases}
			cur.Take = f.Take
		case t.Cases.only(Empty) && t.Gone != 0 && !f.Cases.has(Empty):
			// Released on one arm only: a later test of c, or the caller of a closure
			// testing a captured variable, knows which.
			cur.Guard = guard{call: ifi.Cond, idx: -1, when: True, otherwise: f.Cases, release: true}
		case f.Cases.only(Empty) && f.Gone != 0 && !t.Cases.has(Empty):
			cur.Guard = guard{call: ifi.Cond, idx: -1, when: False, otherwise: t.Cases, release: true}
		default:
			return
		}
		st.v = st.v.set(i, cur)
	})
}

// armsSplit reports whether b's two predecessors lie on different arms of d's If.
func (a *fnAnalysis) armsSplit(b, d *ssa.BasicBlock) bool {
	p0, p1 := b.Preds[0], b.Preds[1]
	return a.side(p0, b) != a.side(p1, b) && a.onArm(p0, b, d) && a.onArm(p1, b, d)
}

// onArm reports whether the edge p→b leaves from inside one arm of d's If (or from d itself).
func (a *fnAnalysis) onArm(p, b, d *ssa.BasicBlock) bool {
	if p == d {
		return true
	}
	for _, s := range d.Succs {
		if s != b && s.Dominates(p) {
			return true
		}
	}
	return false
}

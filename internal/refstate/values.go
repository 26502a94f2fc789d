package refstate

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// This file finds the references held by values (value mode, SPEC-VALUE.md): which SSA values
// hold a counted reference, which values are copies of them, and what each call does to them.
// The references are Locs of kind Value and go through the same dataflow as refs: a Retain
// or an owned result is a Get, a Release a Put, a parameter that consumes a Put.

// ValueOrigin says how a value came to hold the reference its Loc follows.
type ValueOrigin uint8

const (
	FromParam    ValueOrigin = iota + 1 // a counted parameter: the caller's reference, borrowed
	FromOwned                           // the owned result of a call
	FromBorrowed                        // the borrowed result of a call
	FromAlloc                           // a counted struct allocated here and returned (a constructor)
	FromMerge                           // a variable assigned owned values on several branches (a Phi)
)

// valueInfo is what a Value Loc knows of its value.
type valueInfo struct {
	Origin  ValueOrigin
	Counted valuemode.Counted
	From    *types.Func   // FromOwned, FromBorrowed: the function called
	Why     valuemode.Why // FromOwned, FromBorrowed: why its result is owned or borrowed
	def     ssa.Instruction
	shared  bool // passed to a function that may keep a reference of its own
}

// valueScan is value mode's part of a function's prescan.
type valueScan struct {
	a       *fnAnalysis
	cat     *valuemode.Catalog
	of      map[ssa.Value]*Loc         // a tracked value and its copies → its Loc
	startAt map[ssa.Instruction][]*Loc // borrowed results: Entry from this call on
	handed  map[ssa.Instruction][]hand // returns and result-slot stores: what they hand over
	// handState: the states of handed's values just before, joined over the paths (recording walk)
	handState map[ssa.Instruction][]State
	dropped   map[*Loc]bool   // Locs a Phi merges with another value: not followed
	retains   map[string]bool // spellings of untracked values the function retains
	stored    map[*Loc]bool   // stored into memory that outlives the call, sent, or captured
	retained  map[*Loc]bool   // retained somewhere in the function
	// cells: variables a closure captures (SSA keeps them in memory) assigned once, with a
	// tracked value: their loads are copies of it.
	cells map[ssa.Value]*Loc
	moves map[*ssa.BasicBlock][]phiMove // Phis with Locs of their own: what each edge moves in
}

// A hand is a tracked value given to the caller as result Result.
type hand struct {
	Result int
	Loc    *Loc
}

// scanValues finds the function's value references; it runs after the refs are known and before
// the sites are made.
func (a *fnAnalysis) scanValues() {
	cat := a.pkg.valueCatalog()
	if cat == nil {
		return
	}
	vs := &valueScan{a: a, cat: cat, of: map[ssa.Value]*Loc{}, startAt: map[ssa.Instruction][]*Loc{}, handed: map[ssa.Instruction][]hand{}, handState: map[ssa.Instruction][]State{},
		dropped: map[*Loc]bool{}, retains: map[string]bool{}, stored: map[*Loc]bool{}, retained: map[*Loc]bool{}, cells: map[ssa.Value]*Loc{}, moves: map[*ssa.BasicBlock][]phiMove{}}
	a.vals = vs
	if isFamilyMethod(cat, a.fn) {
		return // a type's own Retain or Release: it counts, it holds nothing
	}
	for _, p := range a.fn.Params {
		if c, ok := cat.Counted(p.Type()); ok {
			vs.newLoc(p, valueInfo{Origin: FromParam, Counted: c})
		}
	}
	for _, b := range a.fn.DomPreorder() {
		for _, instr := range b.Instrs {
			vs.root(instr)
		}
	}
	vs.copies()
	vs.dropAllocsNotReturned()
	vs.retainedThroughMemory()
	for _, l := range a.locs.all {
		if l.Origin() == FromAlloc && !vs.dropped[l] {
			alloc := l.Root.(*ssa.Alloc)
			a.addSite(&Site{Op: OpGet, Dst: l, Result: -1}, alloc, a.pkg.callStart(alloc.Pos()), false)
		}
	}
}

// isFamilyMethod reports whether fn is the retain or release method of a counted type.
func isFamilyMethod(cat *valuemode.Catalog, fn *ssa.Function) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return false
	}
	c, ok := cat.Counted(recv.Type())
	return ok && (fn.Name() == c.Family.Retain || c.IsRelease(fn.Name()))
}

func (vs *valueScan) newLoc(v ssa.Value, info valueInfo) *Loc {
	l := vs.a.locs.intern(locKey{root: v, path: "value"}, func() *Loc {
		return &Loc{Kind: Value, Root: v, Name: valueLocName(v), Pos: v.Pos(), Index: -1}
	})
	if p, ok := v.(*ssa.Parameter); ok {
		l.Index = paramIndex(vs.a.fn, p)
	}
	info.def, _ = v.(ssa.Instruction)
	l.value = &info
	vs.of[v] = l
	return l
}

// root makes the Loc of a value that instr creates holding a reference: an owned or borrowed
// result of a call, a counted struct allocated here.
func (vs *valueScan) root(instr ssa.Instruction) {
	switch in := instr.(type) {
	case *ssa.Call:
		fact, obj := vs.a.pkg.valueFactOf(viewOf(in.Common()))
		if fact == nil {
			return
		}
		for _, r := range fact.Results {
			v := resultOf(in, r.Result)
			c, counted := vs.cat.Counted(resultType(in, r.Result))
			if v == nil || !counted {
				continue
			}
			switch r.Own {
			case valuemode.Owned:
				vs.newLoc(v, valueInfo{Origin: FromOwned, Counted: c, From: obj, Why: r.Why})
			case valuemode.Borrowed:
				l := vs.newLoc(v, valueInfo{Origin: FromBorrowed, Counted: c, From: obj, Why: r.Why})
				vs.startAt[in] = append(vs.startAt[in], l)
			}
		}
	case *ssa.Alloc:
		if c, ok := vs.cat.Counted(in.Type()); ok && derefStruct(in.Type()) != nil && (in.Comment == "complit" || in.Comment == "new") && setsCount(in) {
			vs.newLoc(in, valueInfo{Origin: FromAlloc, Counted: c})
		}
	}
}

func resultType(call *ssa.Call, i int) types.Type {
	return call.Call.Signature().Results().At(i).Type()
}

// copies sends the copies of tracked values to their Locs: conversions, interface boxing and
// unboxing, and Phis that merge one value with nil. A Phi that merges two tracked values (or a
// tracked one with one the engine does not follow, or one from a later loop iteration) is a
// variable assigned on several paths: neither value is followed.
func (vs *valueScan) copies() {
	blocks := vs.a.fn.DomPreorder()
	defer vs.findCells(blocks)
	for changed := true; changed; {
		changed = false
		for _, b := range blocks {
			for _, instr := range b.Instrs {
				v, ok := instr.(ssa.Value)
				if !ok || vs.of[v] != nil {
					continue
				}
				if l := vs.copyOf(v); l != nil && !vs.dropped[l] {
					vs.of[v] = l
					changed = true
				}
			}
		}
	}
	for v, l := range vs.of {
		if vs.dropped[l] {
			delete(vs.of, v)
		}
	}
}

// copyOf returns the Loc whose value v copies, if any; it drops the Locs of a Phi it cannot
// follow.
func (vs *valueScan) copyOf(v ssa.Value) *Loc {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return vs.of[v.X]
	case *ssa.ChangeInterface:
		return vs.of[v.X]
	case *ssa.ChangeType:
		return vs.of[v.X]
	case *ssa.Convert:
		return vs.of[v.X]
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return vs.of[v.X]
		}
	case *ssa.Extract:
		if ta, ok := v.Tuple.(*ssa.TypeAssert); ok && v.Index == 0 {
			return vs.of[ta.X]
		}
	case *ssa.Phi:
		return vs.phi(v)
	}
	return nil
}

// phi returns the Loc a Phi copies: the one tracked value it merges with nil, defined before
// the branch that the Phi joins; or a Loc of its own when it merges owned values from the
// branches (`if c { arr = a() } else { arr = b() }`): each edge moves its value's reference
// into it. Any other Phi drops the values it merges.
func (vs *valueScan) phi(p *ssa.Phi) *Loc {
	if l := vs.of[p]; l != nil {
		return l
	}
	var one *Loc
	distinct, mixed := 0, false
	for _, e := range p.Edges {
		switch l := vs.of[e]; {
		case isNilConst(e):
		case l == nil:
			mixed = true
		case one == nil:
			one, distinct = l, 1
		case l != one:
			distinct++
		}
	}
	if one == nil {
		return nil
	}
	if !mixed && distinct > 1 && vs.mergeable(p) {
		return vs.merge(p)
	}
	if mixed || distinct > 1 || !vs.definedBefore(one, p.Block()) {
		for _, e := range p.Edges {
			if l := vs.of[e]; l != nil {
				vs.dropped[l] = true
			}
		}
		return nil
	}
	return one
}

// mergeable reports whether every tracked value Phi p merges is owned and comes in from before
// p's block (not from a later loop iteration).
func (vs *valueScan) mergeable(p *ssa.Phi) bool {
	if _, ok := vs.cat.Counted(p.Type()); !ok {
		return false
	}
	for _, e := range p.Edges {
		l := vs.of[e]
		if isNilConst(e) {
			continue
		}
		if l == nil || l.value.Origin != FromOwned && l.value.Origin != FromMerge || !vs.definedBefore(l, p.Block()) {
			return false
		}
		if call, ok := l.Root.(*ssa.Call); l.value.Origin == FromOwned && (!ok || call.Call.Signature().Results().Len() != 1) {
			// A result beside an error or a bool is held on a condition that the Phi of the
			// conditions, not this one, would tell: not followed.
			return false
		}
	}
	return true
}

// merge makes Phi p's own Loc, and the moves of its edges' references into it.
func (vs *valueScan) merge(p *ssa.Phi) *Loc {
	c, _ := vs.cat.Counted(p.Type())
	l := vs.newLoc(p, valueInfo{Origin: FromMerge, Counted: c})
	for i, e := range p.Edges {
		if from := vs.of[e]; from != nil {
			vs.moves[p.Block()] = append(vs.moves[p.Block()], phiMove{pred: i, from: from, to: l})
		}
	}
	return l
}

// A phiMove hands the reference of the value on edge pred of a block into the Phi that merges it.
type phiMove struct {
	pred     int
	from, to *Loc
}

// moveIn applies the Phi moves of the edge from b's predecessor number pred to st.
func (a *fnAnalysis) moveIn(st *flow, b *ssa.BasicBlock, pred int) *flow {
	if a.vals == nil || len(a.vals.moves[b]) == 0 {
		return st
	}
	out := st.clone()
	for _, m := range a.vals.moves[b] {
		if m.pred == pred {
			out.set(m.to, st.get(m.from))
			out.set(m.from, State{Cases: caseBit(Empty, false)})
		}
	}
	return out
}

// definedBefore reports whether l's value comes into the Phi in block b from before b, not
// from a later iteration of a loop that b heads (b then dominates the value's definition).
func (vs *valueScan) definedBefore(l *Loc, b *ssa.BasicBlock) bool {
	def := l.value.def
	if def == nil {
		return true // a parameter
	}
	return !b.Dominates(def.Block())
}

// dropAllocsNotReturned keeps the allocations of counted structs that the function returns on
// some path: only a constructor owns the object it makes.
func (vs *valueScan) dropAllocsNotReturned() {
	returned := map[*Loc]bool{}
	for _, b := range vs.a.fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for i := range ret.Results {
				if l := vs.of[resultValue(ret, i)]; l != nil {
					returned[l] = true
				}
			}
		}
	}
	for v, l := range vs.of {
		if l.value.Origin == FromAlloc && !returned[l] {
			delete(vs.of, v)
			vs.dropped[l] = true
		}
	}
}

// retainedThroughMemory marks the values retained after they were stored, through a read of
// the same place: `p.binding = b; p.binding.Retain()` retains b.
func (vs *valueScan) retainedThroughMemory() {
	stored := map[string]*Loc{}
	var retains []ssa.Value
	for _, b := range vs.a.fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Store:
				if l := vs.of[in.Val]; l != nil {
					if key, ok := spelt(in.Addr); ok {
						stored[key] = l
					}
				}
			case ssa.CallInstruction:
				if call, ok := vs.cat.Classify(in.Common()); ok && call.Op == valuemode.Retain {
					retains = append(retains, call.Value)
				}
			}
		}
	}
	for _, v := range retains {
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			if key, ok := spelt(u.X); ok && stored[key] != nil {
				vs.retained[stored[key]] = true
			}
		}
		// `ret.Value.Dict = dict; ret.Retain()`: a retain method retains the counted parts
		// of its object (SPEC-VALUE, own fields).
		if key, ok := spelt(v); ok {
			for addr, l := range stored {
				if strings.HasPrefix(addr, key+".") {
					vs.retained[l] = true
				}
			}
		}
	}
}

// setsCount reports whether the function gives the object alloc makes its first reference:
// stores 1 into one of its fields (`&Data{refCount: 1}`) or adds 1 to one (`d.refCount.Add(1)`).
// A type whose count starts at zero (its first owner takes a reference later) is not owned
// by the function that allocates it.
func setsCount(alloc *ssa.Alloc) bool {
	work := []ssa.Value{alloc}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.FieldAddr:
				work = append(work, r)
			case *ssa.Store:
				if r.Addr == v && isOne(r.Val) {
					return true
				}
			case *ssa.Call:
				fn := r.Call.StaticCallee()
				if fn != nil && (fn.Name() == "Add" || fn.Name() == "Store") && len(r.Call.Args) == 2 && r.Call.Args[0] == v && isOne(r.Call.Args[1]) {
					return true
				}
			}
		}
	}
	return false
}

func isOne(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.String() == "1"
}

// valueLocName names a tracked value for messages: its variable, or the call that made it as
// the source spells it, "f.Payload()".
func valueLocName(v ssa.Value) string {
	if name, ok := sourceName(v); ok {
		return name
	}
	if e, ok := v.(*ssa.Extract); ok {
		v = e.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return valueName(v)
	}
	view := viewOf(call.Common())
	if view.obj == nil {
		return valueName(v)
	}
	if view.recv != nil {
		return valueLocName(view.recv) + "." + view.obj.Name() + "()"
	}
	return view.obj.Name() + "()"
}

package refstate

import (
	"fmt"
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
)

// valueInfo is what a Value Loc knows of its value.
type valueInfo struct {
	Origin  ValueOrigin
	Counted valuemode.Counted
	From    *types.Func   // FromOwned, FromBorrowed: the function called
	Why     valuemode.Why // FromOwned, FromBorrowed: why its result is owned or borrowed
	def     ssa.Instruction
	shared  bool // passed to a function that keeps a reference of its own
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
		dropped: map[*Loc]bool{}, retains: map[string]bool{}, stored: map[*Loc]bool{}, retained: map[*Loc]bool{}, cells: map[ssa.Value]*Loc{}}
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
// the branch that the Phi joins.
func (vs *valueScan) phi(p *ssa.Phi) *Loc {
	var one *Loc
	mixed := false
	for _, e := range p.Edges {
		switch {
		case isNilConst(e):
		case vs.of[e] == nil:
			mixed = true
		case one == nil || one == vs.of[e]:
			one = vs.of[e]
		default:
			vs.dropped[vs.of[e]] = true
			mixed = true
		}
	}
	if one == nil {
		return nil
	}
	if mixed || !vs.definedBefore(one, p.Block()) {
		vs.dropped[one] = true
		return nil
	}
	return one
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

// valueSites makes the sites of a call or defer for the values it retains, releases, takes
// ownership of or hands to a consuming parameter, and returns the tracked values it passes
// without letting them escape (borrowed).
func (a *fnAnalysis) valueSites(instr ssa.Instruction, c *ssa.CallCommon, deferred bool) map[ssa.Value]bool {
	vs := a.vals
	if vs == nil {
		return nil
	}
	follows := map[ssa.Value]bool{}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok && deferred {
		// `defer func() { rec.Release() }()`: the closure's releases of what it captures
		// are deferred releases of those values.
		for _, r := range vs.deferredReleases(mc) {
			s := &Site{Op: OpPut, Dst: vs.bound(mc.Bindings[r.binding]), Result: -1, valueOp: valuemode.Release, Callee: r.method}
			a.addSite(s, instr, a.sitePos(instr, c), true)
		}
		return follows
	}
	if call, ok := vs.cat.Classify(c); ok {
		vs.retainOrRelease(instr, c, call, deferred)
		follows[call.Recv] = true
		follows[call.Value] = true
		follows[c.Value] = true
		return follows
	}
	v := viewOf(c)
	fact, obj := a.pkg.valueFactOf(v)
	for i, x := range append([]ssa.Value{v.recv}, v.params...) {
		l := vs.of[x]
		if x == nil || l == nil {
			continue
		}
		p, stated := fact.Param(i - 1)
		switch {
		case p.Effect == valuemode.Consumes || p.Effect == valuemode.Keeps:
			// SPEC-VALUE: storing without a Retain takes the caller's reference over, as a
			// release does; a release by the caller after the call is a double release.
			s := &Site{Op: OpPut, Dst: l, Callee: obj, Result: -1, consumes: true, keeps: p.Effect == valuemode.Keeps}
			a.addSite(s, instr, a.sitePos(instr, c), deferred)
			follows[x] = true
		case p.Effect == valuemode.ConsumesSome || p.Effect == valuemode.Escapes:
		case i == 0 || v.fn != nil && vs.countedParam(v, i-1) || stated && (p.Effect == valuemode.Borrows || p.Effect == valuemode.Retains):
			// A method of the value, or a function whose summary covers the parameter and
			// says it only reads it (or keeps a reference of its own). A parameter of another
			// type (any) was not followed in the callee: the value escapes there.
			follows[x] = true
			if p.Effect == valuemode.Retains {
				l.value.shared = true
			}
			if i == 0 && !deferred {
				if hands := vs.handsToResult(instr, x); hands {
					delete(follows, x) // the reference goes on in what the call returns
					continue
				}
				a.addSite(&Site{Op: OpUse, Dst: l, Callee: obj, Result: -1}, instr, a.sitePos(instr, c), false)
			}
		}
	}
	if !deferred {
		if call, ok := instr.(*ssa.Call); ok {
			a.ownedResultSites(call, fact, obj)
		}
	}
	return follows
}

// retainOrRelease makes the site of x.Retain() or x.Release() on a tracked value; a retain of a
// value the engine does not follow is remembered by spelling, for the inference of results.
func (vs *valueScan) retainOrRelease(instr ssa.Instruction, c *ssa.CallCommon, call valuemode.Call, deferred bool) {
	l := vs.of[call.Value]
	if l != nil && call.Op == valuemode.Retain && l.Origin() == FromBorrowed && onlyUse(call.Value, instr) {
		// `arr.Data().Retain(); return arr.Data()`: the reference goes with whatever the same
		// accessor returns next, which the engine does not follow.
		if key, ok := vs.callKey(call.Value); ok {
			vs.retains[key] = true
		}
		return
	}
	if l == nil {
		if call.Op == valuemode.Retain {
			if key, ok := speltValue(call.Value); ok {
				vs.retains[key] = true
			}
		}
		return
	}
	s := &Site{Dst: l, Result: -1, valueOp: call.Op, Callee: call.Method}
	if call.Op == valuemode.Retain {
		s.Op = OpGet
		vs.retained[l] = true
	} else {
		s.Op = OpPut
	}
	vs.a.addSite(s, instr, vs.a.sitePos(instr, c), deferred)
}

// ownedResultSites makes the take of each owned result of call, on the condition its fact
// gives; a lone pointer-like result that is nil holds nothing.
func (a *fnAnalysis) ownedResultSites(call *ssa.Call, fact *valuemode.FuncFact, obj *types.Func) {
	if fact == nil {
		return
	}
	single := call.Call.Signature().Results().Len() == 1
	for _, r := range fact.Results {
		l := a.vals.of[resultOf(call, r.Result)]
		if r.Own != valuemode.Owned || l == nil || l.Root != resultOf(call, r.Result) {
			continue
		}
		s := &Site{Op: OpGet, Dst: l, Callee: obj, Result: r.CondResult, When: Cond(r.When)}
		if s.When == NonNil || s.When == Always && nilable(resultType(call, r.Result)) {
			s.When, s.Result = NonNil, r.Result
		}
		if single && s.Result == 0 {
			s.Result = -1
		}
		if s.When == ErrNil || s.When == True {
			switch asserted(resultOf(call, s.Result)) {
			case assertsFailure:
				continue // `_, err := f(); require.Error(t, err)`: it failed, nothing was taken
			case assertsSuccess:
				s.When = Always
			case notAsserted:
				if !branchedOn(resultOf(call, s.Result)) {
					// Never tested: the caller counts on it having worked, unless it tests
					// the value itself for nil.
					s.When, s.Result = NonNil, r.Result
					if single {
						s.Result = -1
					}
				}
			}
		}
		if s.When == NonNil && !a.vals.nilTested(l) {
			s.When = Always
		}
		if s.When != Always {
			s.Op = OpTryGet
		}
		a.addSite(s, call, a.pkg.callStart(call.Call.Pos()), false)
	}
}

// nilable reports whether a value of type t can be nil, and so hold nothing.
func nilable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map, *types.Chan, *types.Signature:
		return true
	}
	return false
}

// speltValue spells out an untracked value read from memory (a field of the receiver, a
// global), so that two reads of it are known to be the same value.
func speltValue(v ssa.Value) (string, bool) {
	if u, ok := v.(*ssa.UnOp); ok {
		return spelt(u)
	}
	return "", false
}

// valueEscape returns the Loc of the tracked value v, if instr lets it go where the engine does
// not follow it: stored, sent, captured, passed to an unknown function.
func (a *fnAnalysis) valueEscape(instr ssa.Instruction, v ssa.Value) *Loc {
	if a.vals == nil {
		return nil
	}
	l := a.vals.of[v]
	if l == nil {
		return nil
	}
	if copyV, ok := instr.(ssa.Value); ok && a.vals.of[copyV] == l {
		return nil // a copy of it: followed
	}
	switch instr.(type) {
	case *ssa.TypeAssert, *ssa.Field, *ssa.Extract:
		return nil // reads it, keeps nothing
	}
	if st, ok := instr.(*ssa.Store); ok && st.Val == v && (isSpill(st.Addr) || a.vals.cells[st.Addr] == l) {
		return nil // kept in a local variable (or a captured one, followed): still the function's
	}
	return l
}

// isSpill reports whether addr is a local variable SSA keeps in memory (a value receiver whose
// field is addressed) that is only stored to and read.
func isSpill(addr ssa.Value) bool {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok || alloc.Heap {
		return false
	}
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return false
			}
		case *ssa.UnOp, *ssa.FieldAddr, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// handOver records, at a return or a store into a result slot, the tracked values the function
// gives its caller as results, and returns their Locs: from there on the caller holds them.
func (a *fnAnalysis) handOver(instr ssa.Instruction) []*Loc {
	if a.vals == nil {
		return nil
	}
	var out []*Loc
	switch in := instr.(type) {
	case *ssa.Return:
		for i := range in.Results {
			if u, ok := in.Results[i].(*ssa.UnOp); ok && resultSlot(u.X) {
				continue // handed over where it was stored into the result slot
			}
			if l := a.vals.of[in.Results[i]]; l != nil {
				a.vals.handed[in] = append(a.vals.handed[in], hand{Result: i, Loc: l})
				out = append(out, l)
			}
		}
	case *ssa.Store:
		if l := a.vals.of[in.Val]; l != nil && resultSlot(in.Addr) {
			if i := slotResult(a.fn, in.Addr); i >= 0 {
				a.vals.handed[in] = append(a.vals.handed[in], hand{Result: i, Loc: l})
				out = append(out, l)
			}
		}
	}
	return out
}

// slotResult is the index of the result whose slot addr is, or -1.
func slotResult(fn *ssa.Function, addr ssa.Value) int {
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, r := range ret.Results {
			if u, ok := r.(*ssa.UnOp); ok && u.X == addr {
				return i
			}
		}
	}
	return -1
}

// startValues sets the Locs of the borrowed results instr returns: they hold the reference
// their owner keeps.
func (a *fnAnalysis) startValues(st *flow, instr ssa.Instruction) {
	if a.vals == nil {
		return
	}
	for _, l := range a.vals.startAt[instr] {
		st.set(l, entryState)
	}
}

// outlives reports whether memory at addr outlives the function: a field or element of an
// object it did not allocate as a local, or a global.
func outlives(addr ssa.Value) bool {
	for {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.Alloc:
			if a.Comment == "varargs" {
				return appended(a) // otherwise passed on to the variadic call: not kept
			}
			// An object allocated here and returned or kept: a home. A slice literal is an
			// argument, and a variable a closure captures is the closure's.
			return a.Heap && (a.Comment == "complit" || a.Comment == "new")
		default:
			return true
		}
	}
}

// appended reports whether alloc is the array of append's variadic arguments: its elements go
// into the slice append returns, which the code keeps.
func appended(alloc *ssa.Alloc) bool {
	if alloc.Comment != "varargs" {
		return false
	}
	for _, r := range *alloc.Referrers() {
		sl, ok := r.(*ssa.Slice)
		if !ok {
			continue
		}
		for _, u := range *sl.Referrers() {
			if c, ok := u.(*ssa.Call); ok {
				if b, ok := c.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
					return true
				}
			}
		}
	}
	return false
}

// nilTested reports whether the code compares l's value, or a copy of it, with nil: only
// then does a nil result make a path on which the value holds nothing.
func (vs *valueScan) nilTested(l *Loc) bool {
	for v, vl := range vs.of {
		if vl != l || v.Referrers() == nil {
			continue
		}
		for _, r := range *v.Referrers() {
			if b, ok := r.(*ssa.BinOp); ok && (isNilConst(b.X) || isNilConst(b.Y)) {
				return true
			}
		}
	}
	return false
}

// branchedOn reports whether the code branches on v (an error or bool result) in this function:
// compares it with nil, tests it, or asks errors.Is/As. Handing it to a call (require.NoError,
// a logger) is not a branch the engine can follow: the value then counts as held (SPEC's rule
// for conditions the caller never tests), rather than as empty on a path no code distinguishes.
func branchedOn(v ssa.Value) bool {
	if v == nil || v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.BinOp:
			return true
		case *ssa.If:
			return true
		case *ssa.UnOp:
			if r.Op == token.NOT {
				return true
			}
		case *ssa.Call:
			if isErrorsCheck(r) {
				return true
			}
		case *ssa.Phi, *ssa.ChangeInterface, *ssa.MakeInterface:
			if branchedOn(r.(ssa.Value)) {
				return true
			}
		case *ssa.Store, *ssa.Return:
			return true // kept in a variable (a named result, a captured cell), or the caller's to test
		}
	}
	return false
}

// countedParam reports whether parameter i of the callee of v has a counted type, so that the
// callee's summary speaks for it.
func (vs *valueScan) countedParam(v callView, i int) bool {
	params := v.call.Signature().Params()
	if v.recv != nil && v.call.Signature().Recv() == nil {
		i++ // a method expression or bound method: the signature lists the receiver first
	}
	if i < 0 || i >= params.Len() {
		return false
	}
	_, ok := vs.cat.Counted(params.At(i).Type())
	return ok
}

// onlyUse reports whether instr is the only use of v (debug information aside).
func onlyUse(v ssa.Value, instr ssa.Instruction) bool {
	for _, r := range *v.Referrers() {
		if _, dbg := r.(*ssa.DebugRef); !dbg && r != instr {
			return false
		}
	}
	return true
}

// callKey spells out an accessor call on a value read from a parameter or memory,
// "recv.Method", so that two calls of it are known to return the same value.
func (vs *valueScan) callKey(v ssa.Value) (string, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return "", false
	}
	view := viewOf(call.Common())
	if view.obj == nil || view.recv == nil || len(view.params) > 0 {
		return "", false
	}
	if l := vs.of[view.recv]; l != nil {
		return fmt.Sprintf("loc%d.%s", l.ID, view.obj.Name()), true
	}
	recv, ok := spelt(view.recv)
	if !ok {
		if u, isLoad := view.recv.(*ssa.UnOp); isLoad {
			recv, ok = spelt(u)
		}
	}
	return recv + "." + view.obj.Name(), ok
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

// FromOwnObject reports whether a borrowed value came from an accessor of the function's own
// receiver (or an object reached from it): `vs.versions.Back().UnrefLocked()` in a method of
// the version set drops a reference its own object keeps, as a release method drops its
// fields' (SPEC-VALUE, own fields).
func (l *Loc) FromOwnObject() bool {
	call, ok := l.Root.(*ssa.Call)
	if e, isExtract := l.Root.(*ssa.Extract); isExtract {
		call, ok = e.Tuple.(*ssa.Call)
	}
	if !ok || call.Parent().Signature.Recv() == nil || len(call.Parent().Params) == 0 {
		return false
	}
	recv := viewOf(call.Common()).recv
	self := call.Parent().Params[0]
	for recv != nil {
		switch v := recv.(type) {
		case *ssa.Parameter:
			return v == self
		case *ssa.FieldAddr:
			recv = v.X
		case *ssa.Field:
			recv = v.X
		case *ssa.UnOp:
			recv = v.X
		case *ssa.Call:
			recv = viewOf(v.Common()).recv
		case *ssa.Alloc:
			return storedIn(v, self) // the receiver, kept in a cell because a closure captures it
		default:
			return false
		}
	}
	return false
}

// storedIn reports whether cell holds v: some store puts v in it.
func storedIn(cell *ssa.Alloc, v ssa.Value) bool {
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell && st.Val == v {
			return true
		}
	}
	return false
}

// Shared reports whether the function passed the value to a callee that keeps a reference of
// its own: the value lives on after the function releases its reference.
func (l *Loc) Shared() bool { return l.value != nil && l.value.shared }

type assertion uint8

const (
	notAsserted    assertion = iota
	assertsSuccess           // require.NoError(t, err), assert.Nil(t, err)
	assertsFailure           // require.Error(t, err), assert.ErrorIs(t, err, …), assert.NotNil(t, err)
)

// asserted says whether a test asserts the condition result v (an error): passed to a function
// named as the assertions of the testing libraries Go code uses name them (testify's
// NoError/Nil on success, Error/ErrorIs/ErrorAs/ErrorContains/EqualError/NotNil on failure),
// which stop or fail the test otherwise.
func asserted(v ssa.Value) assertion {
	if v == nil || v.Referrers() == nil {
		return notAsserted
	}
	for _, r := range *v.Referrers() {
		if mi, ok := r.(*ssa.MakeInterface); ok && mi.Referrers() != nil && len(*mi.Referrers()) > 0 {
			r = (*mi.Referrers())[0] // assert.Nil(t, err) takes any
		}
		call, ok := r.(*ssa.Call)
		if !ok {
			continue
		}
		name := ""
		if call.Call.IsInvoke() {
			name = call.Call.Method.Name()
		} else if fn := call.Call.StaticCallee(); fn != nil {
			name = fn.Name()
		}
		switch {
		case name == "NoError" || name == "NoErrorf" || name == "Nil" || name == "Nilf":
			return assertsSuccess
		case strings.HasPrefix(name, "Error") || strings.HasPrefix(name, "EqualError") || name == "NotNil" || name == "NotNilf":
			return assertsFailure
		}
	}
	return notAsserted
}

// handsToResult reports whether call instr on value x is the value's only use and returns
// another counted value that the function returns: `return array.NewNull(n).Data()` hands the
// new array's reference on in its data, which the caller releases.
func (vs *valueScan) handsToResult(instr ssa.Instruction, x ssa.Value) bool {
	call, ok := instr.(*ssa.Call)
	if !ok || !onlyUse(x, instr) || vs.of[x].Root != x {
		return false
	}
	results := call.Call.Signature().Results()
	if results.Len() != 1 || call.Referrers() == nil {
		return false
	}
	if _, counted := vs.cat.Counted(results.At(0).Type()); !counted {
		return false
	}
	for _, r := range *call.Referrers() {
		if _, ret := r.(*ssa.Return); ret {
			return true // returned: the caller releases what it gets
		}
	}
	return false // used here (`out.TakeOwnership(arr.Data())`): the value still needs its release
}

// A FieldStore is a constructor storing an owned value into a counted field of the object it
// makes and returns: the object's release method must release it.
type FieldStore struct {
	Object *types.Named // the constructor's type
	Field  *types.Var
	Value  *Loc // the owned value stored
	Pos    token.Pos
}

// FieldStores lists the stores of owned values into fields of the objects f allocates and
// returns (FromAlloc values), when nothing else in f releases or hands the value over: the
// object's release method must release them.
func (f *Func) FieldStores() []FieldStore {
	var out []FieldStore
	byRoot := map[ssa.Value]*Loc{}
	for _, l := range f.Locs {
		if l.Kind == Value {
			byRoot[l.Root] = l
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			obj, val := byRoot[fa.X], byRoot[st.Val]
			if obj == nil || val == nil || obj.Origin() != FromAlloc || val.Origin() != FromOwned || f.touched(val) {
				continue
			}
			named, ok := types.Unalias(deref(fa.X.Type())).(*types.Named)
			if !ok {
				continue
			}
			out = append(out, FieldStore{Object: named, Field: derefStruct(fa.X.Type()).Field(fa.Field), Value: val, Pos: st.Pos()})
		}
	}
	return out
}

// touched reports whether some site other than its take acts on l.
func (f *Func) touched(l *Loc) bool {
	for _, s := range f.sites[1:] {
		if s.Dst == l && s.Op != OpGet && s.Op != OpTryGet && s.Op != OpUse {
			return true
		}
	}
	return false
}

// A closureRelease is a captured value that a deferred closure releases.
type closureRelease struct {
	binding int         // its index among the closure's bindings
	method  *types.Func // its release method
}

// deferredReleases lists the tracked bindings of closure mc, deferred and called nowhere
// else, that its body releases on every path (or under a test that the value is not nil) and
// does nothing else with.
func (vs *valueScan) deferredReleases(mc *ssa.MakeClosure) []closureRelease {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Blocks == nil || !onlyDeferred(mc) {
		return nil
	}
	var out []closureRelease
	for k, fv := range fn.FreeVars {
		if vs.bound(mc.Bindings[k]) == nil {
			continue
		}
		if m := vs.releasedByClosure(fn, fv); m != nil {
			out = append(out, closureRelease{binding: k, method: m})
		}
	}
	return out
}

// onlyDeferred reports whether the closure mc is used only as the function of a defer.
func onlyDeferred(mc *ssa.MakeClosure) bool {
	n := 0
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Defer:
			if r.Call.Value != mc {
				return false
			}
			n++
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return n == 1
}

// releasedByClosure returns the release method closure fn calls on its free variable fv on
// every path (in its entry block, or right under `if fv != nil`), when that and nil tests are
// all it does with fv; nil otherwise.
func (vs *valueScan) releasedByClosure(fn *ssa.Function, fv *ssa.FreeVar) *types.Func {
	values := []ssa.Value{fv}
	if _, isCell := fv.Type().Underlying().(*types.Pointer); isCell && fv.Referrers() != nil {
		values = nil // a captured variable: what the closure does with its reads
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.UnOp:
				values = append(values, r)
			case *ssa.DebugRef:
			default:
				return nil // it assigns the variable, or hands its address on
			}
		}
	}
	var release *types.Func
	for _, v := range values {
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.BinOp:
				if !isNilConst(r.X) && !isNilConst(r.Y) {
					return nil
				}
			case ssa.CallInstruction:
				call, ok := vs.cat.Classify(r.Common())
				if !ok || call.Op != valuemode.Release || call.Value != v || release != nil || !unconditional(r.Block(), values) {
					return nil
				}
				release = call.Method
			default:
				return nil
			}
		}
	}
	return release
}

// unconditional reports whether block b runs whenever its function does, or whenever fv is not
// nil: it is the entry block, or the entry block's `if fv != nil` leads to it alone.
func unconditional(b *ssa.BasicBlock, reads []ssa.Value) bool {
	entry := b.Parent().Blocks[0]
	if b == entry {
		return true
	}
	if len(b.Preds) != 1 || b.Preds[0] != entry {
		return false
	}
	ifi, ok := entry.Instrs[len(entry.Instrs)-1].(*ssa.If)
	if !ok || entry.Succs[0] != b {
		return false
	}
	cmp, ok := ifi.Cond.(*ssa.BinOp)
	is := func(v ssa.Value) bool {
		for _, r := range reads {
			if v == r {
				return true
			}
		}
		return false
	}
	return ok && cmp.Op == token.NEQ && (is(cmp.X) && isNilConst(cmp.Y) || is(cmp.Y) && isNilConst(cmp.X))
}

// releasedBindings is the set of values closure mc captures only to release them when it runs
// deferred: they do not escape into it (valueSites makes their deferred releases).
func (a *fnAnalysis) releasedBindings(mc *ssa.MakeClosure) map[ssa.Value]bool {
	if a.vals == nil {
		return nil
	}
	var out map[ssa.Value]bool
	for _, r := range a.vals.deferredReleases(mc) {
		if out == nil {
			out = map[ssa.Value]bool{}
		}
		out[mc.Bindings[r.binding]] = true
	}
	return out
}

// findCells finds the captured variables assigned once with a tracked value, before every
// read of them (`rec := New(); defer func() { rec.Release() }()`: SSA keeps rec in a cell the
// closure shares), and makes their reads copies of the value.
func (vs *valueScan) findCells(blocks []*ssa.BasicBlock) {
	for _, b := range blocks {
		for _, instr := range b.Instrs {
			alloc, ok := instr.(*ssa.Alloc)
			if !ok || !alloc.Heap || alloc.Comment == "complit" || alloc.Comment == "new" {
				continue
			}
			if l := vs.cellValue(alloc); l != nil {
				vs.cells[alloc] = l
				for _, r := range *alloc.Referrers() {
					if u, ok := r.(*ssa.UnOp); ok {
						vs.of[u] = l
					}
				}
			}
		}
	}
}

// cellValue returns the Loc of the one tracked value stored in cell, when that store comes
// before every read and the cell is otherwise only read, captured, or described.
func (vs *valueScan) cellValue(cell *ssa.Alloc) *Loc {
	var store *ssa.Store
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if store != nil || r.Addr != cell {
				return nil
			}
			store = r
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	if store == nil || vs.of[store.Val] == nil {
		return nil
	}
	for _, r := range *cell.Referrers() {
		if u, ok := r.(*ssa.UnOp); ok && !before(store, u) {
			return nil
		}
	}
	return vs.of[store.Val]
}

// before reports whether instruction a runs before b on every path to b.
func before(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, instr := range a.Block().Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// bound is the Loc of a value a closure captures: the value itself, or the cell that holds it.
func (vs *valueScan) bound(b ssa.Value) *Loc {
	if l := vs.of[b]; l != nil {
		return l
	}
	return vs.cells[b]
}

// captured lets the values held in the cells closure mc captures escape into it, unless the
// closure only releases them when deferred (released).
func (a *fnAnalysis) captured(mc *ssa.MakeClosure, released map[ssa.Value]bool) {
	if a.vals == nil {
		return
	}
	for _, b := range mc.Bindings {
		if l := a.vals.cells[b]; l != nil && !released[b] {
			a.escapes[mc] = append(a.escapes[mc], l)
		}
	}
}

package refstate

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// Func is the engine's result for one function: every site with the states its refs had
// there, the leaks, and the states at each return. Passes read it; they never walk SSA.
type Func struct {
	Fn      *ssa.Function
	Locs    []*Loc
	sites   []*Site // index = Site.ID; sites[0] is nil: read them with Site, AllSites
	events  []Event // index = Site.ID; a zero event never ran: read them with EventOf, Ran
	Returns []ReturnState
	Summary *Summary
	values  *valuemode.FuncFact // inferred from the body (value mode)
}

// An Event is a site with the states of its refs just before it ran, joined over every path
// that reaches it (and, for deferred sites, over every return that runs it).
type Event struct {
	Site      *Site
	DstBefore State
	SrcBefore State
}

// ReturnState is the state of every ref at a return, after its deferred calls ran.
type ReturnState struct {
	Return *ssa.Return
	Locs   []State // index = Loc.ID
}

// fnAnalysis is the work area for one function.
type fnAnalysis struct {
	pkg       *pkgAnalysis
	fn        *ssa.Function
	locs      *locs
	sites     []*Site
	siteOf    map[ssa.Instruction][]*Site
	escapes   map[ssa.Instruction][]*Loc // refs whose address goes where the engine cannot follow
	stops     map[*ssa.Call]bool         // calls that never return
	copies    map[*ssa.Store][][2]*Loc   // whole-struct copies: member refs of the source and their copies
	hasStores bool                       // some site stores a tracked pointer into a field with a member
	fresh     map[*ssa.Alloc][]*Loc      // refs that an Alloc makes anew (locals, members of new structs)
	byArray   map[ssa.Value][]*Loc       // member refs of array elements, by the array: see elemMembers
	out       [][]*flow                  // per block, the state on each outgoing edge
	init      *flow                      // the state at entry
	events    []Event
	returns   []ReturnState
	vals      *valueScan // value mode's references; nil when value mode does not apply
}

func analyzeFunc(pkg *pkgAnalysis, fn *ssa.Function) *Func {
	a := &fnAnalysis{
		pkg: pkg, fn: fn, locs: newLocs(fn), sites: []*Site{nil},
		siteOf: map[ssa.Instruction][]*Site{}, escapes: map[ssa.Instruction][]*Loc{}, stops: map[*ssa.Call]bool{}, copies: map[*ssa.Store][][2]*Loc{}, fresh: map[*ssa.Alloc][]*Loc{},
	}
	a.prescan()
	out := &Func{Fn: fn, Locs: a.locs.all, sites: a.sites}
	if len(a.locs.all) > 0 {
		a.events = make([]Event, len(a.sites))
		a.solve()
		out.events, out.Returns = a.events, a.returns
	}
	out.Summary = a.summarize()
	out.values = a.inferValues()
	return out
}

// AllSites lists the function's sites, in the order the engine numbered them.
func (f *Func) AllSites() []*Site { return f.sites[1:] }

// Site returns the site numbered id, or nil for 0 (no site).
func (f *Func) Site(id int32) *Site {
	if id <= 0 || int(id) >= len(f.sites) {
		return nil
	}
	return f.sites[id]
}

// Ran lists the events of the sites that some path reaches, in site order.
func (f *Func) Ran() []Event {
	var out []Event
	for _, e := range f.events {
		if e.Site != nil {
			out = append(out, e)
		}
	}
	return out
}

// EventOf returns the event of site s: the states of its refs before it ran; ok is false if no
// path reaches s.
func (f *Func) EventOf(s *Site) (e Event, ok bool) {
	if int(s.ID) >= len(f.events) || f.events[s.ID].Site == nil {
		return Event{}, false
	}
	return f.events[s.ID], true
}

func (a *fnAnalysis) record(s *Site, dst, src State) {
	e := &a.events[s.ID]
	e.Site = s
	e.DstBefore = join(e.DstBefore, dst)
	e.SrcBefore = join(e.SrcBefore, src)
}

// prescan finds the function's refs and sites, and where refs escape, before the dataflow:
// the dataflow needs the full set of refs to size its states.
func (a *fnAnalysis) prescan() {
	// The element addresses written the same way stand for one element (locs.sameElement);
	// the one that dominates the others stands for them, so that the member refs it keys are
	// reset where the element is first computed, once per loop iteration.
	for _, b := range a.fn.DomPreorder() {
		for _, instr := range b.Instrs {
			if ia, ok := instr.(*ssa.IndexAddr); ok {
				a.locs.sameElement(ia)
			}
		}
	}
	var ops []*ssa.Value
	for _, b := range a.fn.Blocks {
		for _, instr := range b.Instrs {
			for _, op := range instr.Operands(ops[:0]) {
				if *op != nil {
					a.locs.of(*op)
				}
			}
			if v, ok := instr.(ssa.Value); ok {
				a.locs.of(v)
			}
			if st, ok := instr.(*ssa.Store); ok {
				a.storedMember(st, true)
			}
		}
	}
	for _, b := range a.fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				a.copiedMembers(st)
			}
		}
	}
	a.scanValues()
	for _, l := range a.locs.all {
		if alloc, ok := l.Root.(*ssa.Alloc); ok {
			a.fresh[alloc] = append(a.fresh[alloc], l)
		}
	}
	for _, b := range a.fn.Blocks {
		for _, instr := range b.Instrs {
			a.scanInstr(instr)
		}
	}
}

// scanInstr makes the sites of a call or defer and notes the refs that instr lets escape.
func (a *fnAnalysis) scanInstr(instr ssa.Instruction) {
	var follows map[ssa.Value]bool // arguments whose effect on refs is known at this call
	if handed := a.handOver(instr); len(handed) > 0 {
		a.escapes[instr] = append(a.escapes[instr], handed...) // the caller holds them from here
	}
	switch in := instr.(type) {
	case *ssa.Store:
		if l := a.storedMember(in, false); l != nil {
			fa := in.Addr.(*ssa.FieldAddr)
			f := derefStruct(fa.X.Type()).Field(fa.Field)
			a.addSite(&Site{Op: OpStore, Dst: l, Field: f, StoreNil: isNilConst(in.Val), stored: in.Val, Result: -1}, in, in.Pos(), false)
			a.hasStores = true
		}
		if resultSlot(in.Addr) {
			return // returning a struct lets nothing escape, with or without defers
		}
	case *ssa.Call:
		if harmlessBuiltin(in.Common()) {
			return // delete(m, p), len(x): nothing escapes
		}
		follows = merge(a.makeSites(in, in.Common(), false), a.valueSites(in, in.Common(), false))
		if a.pkg.noReturn(in.Common()) {
			a.stops[in] = true
		}
	case *ssa.Defer:
		follows = merge(a.makeSites(in, in.Common(), true), a.valueSites(in, in.Common(), true))
	case *ssa.MakeClosure:
		follows = a.releasedBindings(in)
		a.captured(in, follows)
		if a.calledInPlace(in) {
			for _, b := range in.Bindings {
				if l := a.valueEscape(in, b); l != nil && !follows[b] {
					a.escapes[in] = append(a.escapes[in], l) // closures do not follow values
				}
			}
			return
		}
	case *ssa.FieldAddr:
		a.fieldRead(in)
		return
	case *ssa.DebugRef, *ssa.BinOp, *ssa.If:
		return
	case *ssa.UnOp:
		if in.Op == token.MUL {
			if _, whole := in.Type().Underlying().(*types.Struct); whole {
				// `*newReader(…)` copies a counted object whole into another: the copy
				// carries its state, the engine follows neither.
				if l := a.valueEscape(in, in.X); l != nil {
					a.escapes[in] = append(a.escapes[in], l)
				}
			}
			return
		}
	}
	// A returned struct keeps its members' states: the function is done with them, and a store
	// into it that no reference backed must still be seen at the return (structmember).
	_, returned := instr.(*ssa.Return)
	var ops []*ssa.Value
	for _, op := range instr.Operands(ops[:0]) {
		if v := *op; v != nil && !follows[v] {
			a.escape(instr, v, !returned)
		}
	}
}

// escape notes that instr lets the ref v points to escape, and with members also the refs
// inside the struct v points to.
func (a *fnAnalysis) escape(instr ssa.Instruction, v ssa.Value, members bool) {
	if l := a.locs.byKey[locKey{root: v}]; l != nil && l.Kind != Member {
		a.escapes[instr] = append(a.escapes[instr], l)
		l.Passed = true
	}
	if l := a.valueEscape(instr, v); l != nil {
		a.escapes[instr] = append(a.escapes[instr], l)
		switch in := instr.(type) {
		case *ssa.Store:
			a.vals.stored[l] = a.vals.stored[l] || outlives(in.Addr)
		case *ssa.Send, *ssa.MapUpdate, *ssa.Go:
			a.vals.stored[l] = true
		}
	}
	if members {
		a.escapes[instr] = append(a.escapes[instr], a.locs.roots[rootOf(v)]...)
		a.escapes[instr] = append(a.escapes[instr], a.elemMembers(v)...)
	}
}

// elemMembers lists the member refs of the elements of the array v points to, or that the
// slice v is made from: `append(hs, Held{...})` builds the literal in a new array's element
// and hands the array on.
func (a *fnAnalysis) elemMembers(v ssa.Value) []*Loc {
	if s, ok := v.(*ssa.Slice); ok {
		v = s.X
	}
	if a.byArray == nil {
		a.byArray = map[ssa.Value][]*Loc{}
		for _, l := range a.locs.all {
			if ia, ok := l.Root.(*ssa.IndexAddr); ok && l.Kind == Member {
				a.byArray[ia.X] = append(a.byArray[ia.X], l)
			}
		}
	}
	return a.byArray[v]
}

// copiedMembers pairs the member refs of a struct copied whole (`*dst = *src`: SSA builds a
// struct value in a temporary and copies it into the variable) with the destination's, so the
// copy carries their state.
func (a *fnAnalysis) copiedMembers(st *ssa.Store) {
	load, ok := st.Val.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || derefStruct(load.X.Type()) == nil || derefStruct(st.Addr.Type()) == nil {
		return
	}
	for _, l := range a.locs.roots[load.X] {
		key := l.key
		if strings.HasPrefix(key.path, "*") {
			continue
		}
		dst := a.locs.intern(locKey{root: st.Addr, path: key.path}, func() *Loc {
			_, fresh := st.Addr.(*ssa.Alloc)
			return &Loc{Kind: Member, Root: st.Addr, Field: l.Field, Name: valueName(st.Addr) + "." + l.Field.Name(), Pos: st.Pos(), Index: -1, fresh: fresh}
		})
		a.locs.roots[st.Addr] = appendNew(a.locs.roots[st.Addr], dst)
		a.copies[st] = append(a.copies[st], [2]*Loc{l, dst})
	}
}

func appendNew(ls []*Loc, l *Loc) []*Loc {
	for _, x := range ls {
		if x == l {
			return ls
		}
	}
	return append(ls, l)
}

// harmlessBuiltin reports whether c calls a builtin that keeps none of its arguments.
func harmlessBuiltin(c *ssa.CallCommon) bool {
	b, ok := c.Value.(*ssa.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "delete", "len", "cap", "print", "println", "min", "max", "clear":
		return true
	}
	return false
}

// resultSlot reports whether addr is where a function with defers keeps a result until it
// returns: a local whose every load is returned.
func resultSlot(addr ssa.Value) bool {
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
		case *ssa.UnOp:
			for _, u := range *r.Referrers() {
				if _, ok := u.(*ssa.Return); !ok {
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// makeSites records the sites of a call and returns the arguments whose effect is known.
func (a *fnAnalysis) makeSites(instr ssa.Instruction, c *ssa.CallCommon, deferred bool) map[ssa.Value]bool {
	v := viewOf(c)
	var sites []*Site
	var sum *Summary
	if op, ok := primitive(v.obj); ok {
		sites = a.primitiveSites(op, v)
	} else if sum = a.pkg.summaryOf(v); sum != nil {
		sites = a.summarySites(sum, v, instr)
	} else {
		return nil
	}
	follows := map[ssa.Value]bool{c.Value: true}
	for _, x := range append(append(v.params[:len(v.params):len(v.params)], v.free...), v.recv) {
		if l := a.locs.of(x); x != nil && l != nil {
			follows[x] = true
			l.Passed = l.Passed || sum != nil
		}
	}
	if sum != nil {
		for _, p := range sum.Unknown {
			x := v.arg(p)
			delete(follows, x)
			if p >= len(v.params) && x != nil {
				// A variable the closure captures and does something unknown with: it is
				// bound where the closure is made, not passed here, so no operand of instr
				// shows it.
				a.escape(instr, x, true)
			}
		}
	}
	pos := instr.Pos()
	if _, isCall := instr.(*ssa.Call); isCall || pos == token.NoPos {
		pos = a.pkg.callStart(c.Pos())
	}
	for _, s := range sites {
		if s.condVar != nil && !deferred {
			// A release under a test of a captured variable, called in place: the variable's
			// value there is not followed, so it is a release on some paths.
			s.condVar, s.When = nil, Maybe
		}
		if s.inner.IsValid() && !deferred {
			a.addSite(s, instr, s.inner, deferred)
		} else {
			a.addSite(s, instr, pos, deferred)
		}
	}
	return follows
}

func (a *fnAnalysis) addSite(s *Site, instr ssa.Instruction, pos token.Pos, deferred bool) {
	s.ID = int32(len(a.sites))
	s.Instr, s.Pos, s.Deferred = instr, pos, deferred
	a.sites = append(a.sites, s)
	a.siteOf[instr] = append(a.siteOf[instr], s)
}

// storedMember returns the member ref of the tracked-pointer field a store writes, if the
// field has one.
func (a *fnAnalysis) storedMember(st *ssa.Store, create bool) *Loc {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok || !IsTrackedPtr(st.Val.Type()) {
		return nil
	}
	s := derefStruct(fa.X.Type())
	if s == nil {
		return nil
	}
	for i := 0; i < s.NumFields(); i++ {
		a.pkg.importFieldFact(a.pkg.res, s.Field(i))
	}
	m, _ := a.pkg.res.MemberOf(s, fa.Field)
	if m < 0 {
		return nil
	}
	return a.locs.sibling(fa, m, create)
}

// calledInPlace reports whether closure mc is only ever called or deferred right here, with a
// known summary, so that its effect on the refs it captures is followed through that summary.
func (a *fnAnalysis) calledInPlace(mc *ssa.MakeClosure) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || a.pkg.funcs[fn] == nil {
		return false
	}
	for _, r := range *mc.Referrers() {
		var c *ssa.CallCommon
		switch r := r.(type) {
		case *ssa.Call:
			c = r.Common()
		case *ssa.Defer:
			c = r.Common()
		case *ssa.DebugRef:
			continue
		default:
			return false
		}
		if c.Value != mc {
			return false
		}
	}
	return true
}

// merge is the union of two sets of values.
func merge(a, b map[ssa.Value]bool) map[ssa.Value]bool {
	switch {
	case len(a) == 0:
		return b
	case len(b) == 0:
		return a
	}
	for v := range b {
		a[v] = true
	}
	return a
}

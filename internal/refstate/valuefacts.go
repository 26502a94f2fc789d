package refstate

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// This file holds value mode's summaries: what the engine infers from a function's body about
// its counted results and parameters, how callers look a callee's summary up (configuration,
// directive, preset, inference, naming rule: valuemode.Resolve), and the fact that carries the
// inferred part to other packages.

// ValueSummary is the fact the engine exports for each function and method of a package with
// something to say about its counted results or parameters: what callers see, the package's
// directives, presets and configuration merged with what the engine inferred from the body.
type ValueSummary struct{ valuemode.FuncFact }

func (*ValueSummary) AFact() {}

func (s *ValueSummary) String() string { return s.FuncFact.String() }

// valueCatalog is value mode's catalog for the package, nil when value mode does not apply.
func (p *pkgAnalysis) valueCatalog() *valuemode.Catalog {
	if p.vres == nil {
		return nil
	}
	return p.vres.Catalog
}

// valueFactOf returns what callers see of the callee of v for counted values, and the callee's
// declaration; nil when nothing decides (a function value, a callee with nothing to say).
func (p *pkgAnalysis) valueFactOf(v callView) (*valuemode.FuncFact, *types.Func) {
	cat := p.valueCatalog()
	obj := v.obj
	if cat == nil || obj == nil {
		return nil, obj
	}
	if f, ok := p.resolved[obj]; ok {
		return f, obj
	}
	local := obj.Pkg() == p.pass.Pkg
	var declaredFact, inferred *valuemode.FuncFact
	hasBody := v.fn != nil && !v.call.IsInvoke()
	if local {
		declaredFact = p.vres.Funcs[obj]
		inferred = p.inferred[obj]
	} else {
		// Other packages' summaries come resolved (their directives and inference merged):
		// go/analysis lets an analyzer import only the fact types it declares.
		sum := new(ValueSummary)
		if p.pass.ImportObjectFact(obj, sum) {
			inferred = &sum.FuncFact
		}
		hasBody = hasBody && obj.Pkg() != nil && p.pass.ImportPackageFact(obj.Pkg(), new(usesValues))
	}
	f := cat.Resolve(obj, declaredFact, inferred, hasBody)
	if !local {
		p.resolved[obj] = f // local summaries are final only once the callee is analysed
	}
	return f, obj
}

// inferValues reads a function's value summary from its states at the returns and at the
// stores into its result slots.
func (a *fnAnalysis) inferValues() *valuemode.FuncFact {
	vs := a.vals
	if vs == nil || a.fn.Parent() != nil {
		return nil
	}
	f := new(valuemode.FuncFact)
	sig := a.fn.Signature
	for i := 0; i < sig.Results().Len(); i++ {
		if _, ok := vs.cat.Counted(sig.Results().At(i).Type()); ok {
			if r, ok := a.inferResult(i); ok {
				f.Results = append(f.Results, r)
			}
		}
	}
	for _, l := range a.locs.all {
		if l.value != nil && l.value.Origin == FromParam && !vs.dropped[l] {
			if e, ok := a.inferParam(l); ok {
				f.Params = append(f.Params, e)
			}
		}
	}
	if f.Empty() {
		return nil
	}
	return f
}

// inferResult decides result i: owned if every value returned there holds a reference the
// function took, borrowed if every one is its caller's or an owner's, mixed if both.
func (a *fnAnalysis) inferResult(i int) (valuemode.ResultOwnership, bool) {
	owned, borrowed := 0, 0
	judge := func(k valueKind) bool {
		switch k {
		case ownedValue:
			owned++
		case borrowedValue:
			borrowed++
		default:
			return false
		}
		return true
	}
	for _, b := range a.fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || a.vals.handState[ret] == nil && len(a.vals.handed[ret]) > 0 {
			continue // never reached
		}
		v := resultValue(ret, i)
		if isNilConst(v) {
			continue
		}
		if isNil, known := dominatingNilness(v, ret.Block()); known && isNil {
			continue // `if buf == nil { return buf }` returns nothing
		}
		if l := a.vals.of[v]; l != nil {
			if !judge(a.handedKind(ret, i, l)) {
				return valuemode.ResultOwnership{}, false
			}
			continue
		}
		if u, ok := v.(*ssa.UnOp); ok && resultSlot(u.X) {
			if !a.judgeSlotStores(i, judge) {
				return valuemode.ResultOwnership{}, false
			}
			continue
		}
		if !judge(a.untrackedKind(v)) {
			return valuemode.ResultOwnership{}, false
		}
	}
	r := valuemode.ResultOwnership{Result: i, CondResult: -1, Why: valuemode.Inferred}
	switch {
	case owned > 0 && borrowed > 0:
		r.Own = valuemode.Mixed
	case owned > 0:
		r.Own = valuemode.Owned
		if _, cr := resultCond(a.fn.Signature); cr >= 0 && cr != i && isError(a.fn.Signature.Results().At(cr).Type()) {
			r.When, r.CondResult = valuemode.ErrNil, cr
		}
	case borrowed > 0:
		r.Own = valuemode.Borrowed
	default:
		return r, false
	}
	return r, true
}

// judgeSlotStores judges the values stored into result i's slot (a function with defers).
func (a *fnAnalysis) judgeSlotStores(i int, judge func(valueKind) bool) bool {
	any := false
	for instr, hs := range a.vals.handed {
		if _, ok := instr.(*ssa.Store); !ok {
			continue
		}
		for k, h := range hs {
			if h.Result == i {
				any = true
				if !judge(a.kindOf(a.vals.handState[instr], k, h.Loc)) {
					return false
				}
			}
		}
	}
	return any
}

type valueKind uint8

const (
	unknownValue valueKind = iota
	ownedValue
	borrowedValue
)

// handedKind judges the value l that return ret gives as result i, from its state where it was
// handed over: at the return, or (a function with defers) at the store into the result slot.
func (a *fnAnalysis) handedKind(ret *ssa.Return, result int, l *Loc) valueKind {
	for k, h := range a.vals.handed[ret] {
		if h.Result == result && h.Loc == l {
			return a.kindOf(a.vals.handState[ret], k, l)
		}
	}
	kind := unknownValue
	for instr, hs := range a.vals.handed {
		if _, ok := instr.(*ssa.Store); !ok {
			continue
		}
		for k, h := range hs {
			if h.Result == result && h.Loc == l {
				switch got := a.kindOf(a.vals.handState[instr], k, l); {
				case kind == unknownValue:
					kind = got
				case got != kind:
					return unknownValue
				}
			}
		}
	}
	return kind
}

func (a *fnAnalysis) kindOf(states []State, k int, l *Loc) valueKind {
	if k >= len(states) {
		return unknownValue
	}
	s := states[k]
	switch {
	case s.Unknown:
		return unknownValue
	case s.MayHold() && !s.May(Entry):
		return ownedValue
	case s.Only(Entry) && l.value.Origin == FromBorrowed && a.retainedCall(l):
		return ownedValue
	case s.Only(Entry) && (l.value.Origin == FromParam || l.value.Origin == FromBorrowed):
		return borrowedValue
	}
	return unknownValue
}

// untrackedKind judges a returned value the engine does not follow: a field of an object, read
// without a Retain, is borrowed; retained (by the same spelling), owned.
func (a *fnAnalysis) untrackedKind(v ssa.Value) valueKind {
	if key, ok := speltValue(v); ok {
		if a.vals.retains[key] {
			return ownedValue
		}
		if u := v.(*ssa.UnOp); isFieldRead(u.X) {
			if a.clears(u.X) {
				return ownedValue // `buf := b.buffer; b.buffer = nil; return buf`: moved out
			}
			return borrowedValue
		}
	}
	return unknownValue
}

// clears reports whether the function stores nil into the place addr spells out: what it read
// there moves out (a lazy initialisation that stores a value does not).
func (a *fnAnalysis) clears(addr ssa.Value) bool {
	key, ok := spelt(addr)
	if !ok {
		return false
	}
	for _, b := range a.fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && isNilConst(st.Val) {
				if k, ok := spelt(st.Addr); ok && k == key {
					return true
				}
			}
		}
	}
	return false
}

// isFieldRead reports whether addr is a field of an object or an element of a slice or array:
// what is read there belongs to the object.
func isFieldRead(addr ssa.Value) bool {
	switch addr.(type) {
	case *ssa.FieldAddr, *ssa.IndexAddr:
		return true
	}
	return false
}

// inferParam decides what the function does with the reference its caller passes in l.
func (a *fnAnalysis) inferParam(l *Loc) (valuemode.ParamEffect, bool) {
	consumed, kept, escaped, released, storedOnly, retainedKept := 0, 0, 0, 0, 0, 0
	for _, rs := range a.returns {
		s := rs.Locs[l.ID]
		switch {
		case s.Unknown && a.vals.stored[l] && !a.vals.retained[l]:
			consumed++
			storedOnly++
		case s.Unknown && a.vals.stored[l]:
			kept++ // retained, then stored: the caller keeps its own reference
			retainedKept++
		case s.Unknown:
			escaped++
		case s.Only(Empty) && s.Gone != 0 && s.Take == 0:
			consumed++
			if gone := a.sites[s.Gone]; gone.valueOp == valuemode.Release || gone.consumes && !gone.keeps {
				released++
			}
		case s.Only(Entry), s.MayHold(), s.Only(Empty) && s.Take != 0:
			kept++
		default:
			escaped++
		}
	}
	e := valuemode.ParamEffect{Param: l.Index, Name: l.Name, Why: valuemode.Inferred}
	switch {
	case escaped > 0:
		e.Effect = valuemode.Escapes
	case consumed > 0 && kept > 0:
		e.Effect = valuemode.ConsumesSome
		if cond, _ := resultCond(a.fn.Signature); cond != Always || released < consumed {
			// A result may tell the caller which; or some paths only store it, which may be
			// a reference its owner keeps (a child builder kept by its parent): not judged.
			e.Effect = valuemode.Escapes
		}
	case consumed > 0 && storedOnly > 0:
		e.Effect = valuemode.Keeps
	case consumed > 0:
		e.Effect = valuemode.Consumes
	case retainedKept > 0:
		e.Effect = valuemode.Retains
	default:
		return e, false
	}
	return e, true
}

// exportValues publishes what callers in other packages see of the package's functions and
// methods (interface methods included): directives, presets and configuration merged with
// what the engine inferred from the bodies.
func (p *pkgAnalysis) exportValues() {
	cat := p.valueCatalog()
	if cat == nil {
		return
	}
	p.pass.ExportPackageFact(&usesValues{})
	for _, obj := range valuemode.PackageFuncs(p.pass.Pkg) {
		hasBody := true
		if recv := obj.Type().(*types.Signature).Recv(); recv != nil {
			_, abstract := recv.Type().Underlying().(*types.Interface)
			hasBody = !abstract
		}
		if f := cat.Resolve(obj, p.vres.Funcs[obj], p.inferred[obj], hasBody); f != nil {
			p.res.Values[obj] = f
			p.pass.ExportObjectFact(obj, &ValueSummary{*f})
		}
	}
}

// usesValues marks a package the engine analysed for values: its functions' bodies were read,
// so no ValueSummary on one of them means it says nothing (the naming rule does not apply).
type usesValues struct{}

func (*usesValues) AFact()         {}
func (*usesValues) String() string { return "usesValues" }

// recordHand joins the states of the values instr hands to its caller, before they go.
func (a *fnAnalysis) recordHand(st *flow, instr ssa.Instruction) {
	hs := a.vals.handed[instr]
	if len(hs) == 0 {
		return
	}
	states := a.vals.handState[instr]
	if states == nil {
		states = make([]State, len(hs))
		a.vals.handState[instr] = states
	}
	for k, h := range hs {
		states[k] = join(states[k], st.get(h.Loc))
	}
}

// sitePos is where a site of call c made by instr is reported: the call expression's start, or
// the defer statement.
func (a *fnAnalysis) sitePos(instr ssa.Instruction, c *ssa.CallCommon) token.Pos {
	pos := instr.Pos()
	if _, isCall := instr.(*ssa.Call); isCall || pos == token.NoPos {
		pos = a.pkg.callStart(c.Pos())
	}
	return pos
}

// ValueSummary is what the engine inferred from f's body about its counted results and
// parameters (value mode); nil when nothing.
func (f *Func) ValueSummary() *valuemode.FuncFact { return f.values }

// retainedCall reports whether the function retained what the accessor call that gave l's
// value returns, through another call of it.
func (a *fnAnalysis) retainedCall(l *Loc) bool {
	key, ok := a.vals.callKey(l.Root)
	return ok && a.vals.retains[key]
}

// ExpectsPanic reports whether f is code that provokes panics on purpose: a test that defers a
// function that recovers (`defer checkForPanic(t, …)`), or a function literal handed to an
// assertion that it panics (assert.Panics and its kind). Its releases and leaks test the
// library's checks; value mode does not judge them. (Outside tests a deferred recover turns
// panics into errors, arrow's readers do it: that code is judged.)
func (f *Func) ExpectsPanic() bool {
	for _, b := range f.Fn.Blocks {
		if !inTestFile(f.Fn) {
			break
		}
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && recovers(d.Call.StaticCallee(), d.Call.Value) {
				return true
			}
		}
	}
	parent := f.Fn.Parent()
	if parent == nil {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != f.Fn || mc.Referrers() == nil {
				continue
			}
			for _, r := range closureUses(mc) {
				if call, ok := r.(*ssa.Call); ok && strings.Contains(calleeName(call.Common()), "Panics") {
					return true
				}
			}
		}
	}
	return false
}

// recovers reports whether fn (or the closure v) calls the builtin recover.
func recovers(fn *ssa.Function, v ssa.Value) bool {
	if mc, ok := v.(*ssa.MakeClosure); ok {
		fn, _ = mc.Fn.(*ssa.Function)
	}
	if fn == nil {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if bi, ok := call.Call.Value.(*ssa.Builtin); ok && bi.Name() == "recover" {
					return true
				}
			}
		}
	}
	return false
}

func calleeName(c *ssa.CallCommon) string {
	if c.IsInvoke() {
		return c.Method.Name()
	}
	if fn := c.StaticCallee(); fn != nil {
		return fn.Name()
	}
	return ""
}

// KeptBeyond reports whether the function stores value l, or what a method of it returns, in
// memory: `fields[i] = arr.Data()` keeps arr's data past the iteration, so a release deferred
// to the return is what keeps it alive until then.
func (f *Func) KeptBeyond(l *Loc) bool {
	uses := map[ssa.Value]bool{l.Root: true}
	for _, s := range f.sites[1:] {
		if s.Op == OpUse && s.Dst == l {
			if v, ok := s.Instr.(ssa.Value); ok {
				uses[v] = true
			}
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok || argumentSlot(st.Addr) {
				continue // an argument list (fmt.Sprint(arr.Len()), assert.Equal(…)) keeps nothing
			}
			v := st.Val
			switch c := v.(type) {
			case *ssa.ChangeInterface:
				v = c.X
			case *ssa.MakeInterface:
				v = c.X
			}
			if uses[v] {
				return true
			}
		}
	}
	return false
}

// closureUses lists the uses of closure mc, looking through conversions to a named function
// type (assert.PanicTestFunc).
func closureUses(mc *ssa.MakeClosure) []ssa.Instruction {
	var out []ssa.Instruction
	for _, r := range *mc.Referrers() {
		if ct, ok := r.(*ssa.ChangeType); ok && ct.Referrers() != nil {
			out = append(out, *ct.Referrers()...)
			continue
		}
		out = append(out, r)
	}
	return out
}

// inTestFile reports whether fn is declared in a _test.go file.
func inTestFile(fn *ssa.Function) bool {
	return strings.HasSuffix(fn.Prog.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// argumentSlot reports whether addr is an element of a variadic call's argument array, other
// than append's (whose elements go into the slice it returns).
func argumentSlot(addr ssa.Value) bool {
	ia, ok := addr.(*ssa.IndexAddr)
	if !ok {
		return false
	}
	alloc, ok := ia.X.(*ssa.Alloc)
	return ok && alloc.Comment == "varargs" && !appended(alloc)
}

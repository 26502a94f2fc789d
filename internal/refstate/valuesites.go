package refstate

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// This file makes the sites of value mode: what a call or defer does to the values it is given
// (retains, releases, owned results and their conditions, consuming parameters, method calls).

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
	for i, x := range append([]ssa.Value{embeddedRoot(v.recv)}, v.params...) {
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
			if i > 0 || p.Effect == valuemode.Retains {
				// Passed to a function that may keep a reference of its own (a Retain, as
				// arrow's constructors do), or to a method that retains its receiver (an
				// iterator over it): a use after this function's release may be fine.
				l.value.shared = true
			}
			if i == 0 && !deferred {
				if vs.handsToResult(instr, x) {
					// The reference goes on in what the call returns (x may not be an
					// operand: a promoted method gets the embedded field).
					delete(follows, x)
					a.escapes[instr] = append(a.escapes[instr], l)
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

// onlyUse reports whether instr is the only use of v (debug information aside), directly or
// through the selection of an embedded field that instr alone uses.
func onlyUse(v ssa.Value, instr ssa.Instruction) bool {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			if !embeddedField(r) || !onlyUse(r, instr) {
				return false
			}
		default:
			if r != instr {
				return false
			}
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
		switch name := calleeName(call.Common()); {
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
		switch r := r.(type) {
		case *ssa.Return:
			return true // returned: the caller releases what it gets
		case *ssa.Store:
			if r.Val == call && resultSlot(r.Addr) {
				return true // returned through a result slot
			}
		}
	}
	return false // used here (`out.TakeOwnership(arr.Data())`): the value still needs its release
}

// embeddedRoot is the value a method promoted from an embedded field is called on: `n.Data()`
// with Data declared on the struct n embeds passes &n.array; the value is n.
func embeddedRoot(recv ssa.Value) ssa.Value {
	for {
		fa, ok := recv.(*ssa.FieldAddr)
		if !ok || !embeddedField(fa) {
			return recv
		}
		recv = fa.X
	}
}

func embeddedField(fa *ssa.FieldAddr) bool {
	st := derefStruct(fa.X.Type())
	return st != nil && st.Field(fa.Field).Embedded()
}

// fieldRead makes a use site where the code reads a field of a tracked value (`rec.schema`
// through its pointer): after the value's release that reads freed or recycled memory. Writes
// are left alone.
func (a *fnAnalysis) fieldRead(fa *ssa.FieldAddr) {
	if a.vals == nil || fa.Referrers() == nil {
		return
	}
	l := a.vals.of[fa.X]
	if l == nil {
		return
	}
	for _, r := range *fa.Referrers() {
		if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL {
			a.addSite(&Site{Op: OpUse, Dst: l, Result: -1}, fa, a.pkg.callStart(fa.Pos()), false)
			return
		}
	}
}

package refstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file follows a deferred closure that releases a ref only under a condition on a
// variable it captures, the idiom of functions that clean up on failure:
//
//	defer func() {
//		if err != nil {
//			m.users.Put(&r)
//		}
//	}()
//
// The closure's summary says "releases r when captured variable err is non-nil"; the caller
// decides at each return whether the release runs, from what the return gives its named result
// err (nil, a non-nil error, or a value a dominating branch has tested). Where it cannot tell,
// the ref becomes unknown: silent, never guessed.

// capturedCond reads a guard set by an `if` on a captured variable (`if err != nil`, `if ok`,
// `if !done`) as a condition on that variable: the free variable's number among the closure's
// parameters and free variables, and when the guarded effect happened.
func (a *fnAnalysis) capturedCond(g guard) (idx int, when Cond, ok bool) {
	fv, isNil, eq, ok := freeVarTest(g.call)
	if !ok {
		return 0, 0, false
	}
	k := freeIndex(a.fn, fv)
	if k < 0 {
		return 0, 0, false
	}
	armTrue := g.when == True // the effect happened on the If's true arm
	switch {
	case isNil: // cond is `v == nil` (eq) or `v != nil`
		if armTrue == eq {
			when = ErrNil // happened when v is nil
		} else {
			when = NonNil
		}
	case armTrue == eq: // cond is `v` (eq) or `!v`
		when = True
	default:
		when = False
	}
	return len(a.fn.Params) + k, when, true
}

// freeVarTest recognises cond as a test of a captured variable: `*fv == nil`, `*fv != nil`
// (isNil), `*fv` or `!*fv` for a bool. eq is false for != and !.
func freeVarTest(cond ssa.Value) (fv *ssa.FreeVar, isNil, eq, ok bool) {
	load := func(v ssa.Value) *ssa.FreeVar {
		u, isLoad := v.(*ssa.UnOp)
		if !isLoad || u.Op != token.MUL {
			return nil
		}
		f, _ := u.X.(*ssa.FreeVar)
		return f
	}
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return nil, false, false, false
		}
		x, y := c.X, c.Y
		if isNilConst(x) {
			x, y = y, x
		}
		if f := load(x); f != nil && isNilConst(y) {
			return f, true, c.Op == token.EQL, true
		}
	case *ssa.UnOp:
		if c.Op == token.NOT {
			if f := load(c.X); f != nil {
				return f, false, false, true
			}
		} else if f := load(c); f != nil {
			return f, false, true, true
		}
	}
	return nil, false, false, false
}

// capturedCondHolds decides, at return ret of the function that deferred site s, whether the
// captured variable s's release depends on satisfies its condition: ran reports whether the
// release runs, known whether that can be told. Only named results can be told: their value
// at a return is what the return gives them.
func capturedCondHolds(s *Site, ret *ssa.Return) (ran, known bool) {
	i := -1
	for j, r := range ret.Results {
		if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL && u.X == s.condVar {
			i = j
		}
	}
	if i < 0 {
		return false, false
	}
	typ := ret.Parent().Signature.Results().At(i).Type()
	var value bool // for a bool: its value; otherwise: whether it is nil
	switch {
	case isBool(typ):
		o := returnOutcome(ret, True, i)
		value, known = o == Success, o != OutcomeUnknown
	case isError(typ):
		o := returnOutcome(ret, ErrNil, i)
		value, known = o == Success, o != OutcomeUnknown
	default:
		o := returnOutcome(ret, NonNil, i)
		value, known = o == Failure, o != OutcomeUnknown
	}
	if !known {
		return false, false
	}
	switch s.When {
	case ErrNil, True:
		return value, true
	case NonNil, False:
		return !value, true
	}
	return false, false
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

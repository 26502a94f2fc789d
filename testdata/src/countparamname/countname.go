// Package countparamname: a wrapper that takes the *ref.Count itself as a parameter
// (common in generic helpers: func Acquire[T any](c *ref.Count, r *ref.Ref, x T) T) and has a
// result. Messages at its callers name the count after the call's first result, with an empty
// field: "r leaks: the reference it takes on id. is still held ...". Positions are right; the
// message is wrong (and Count.Obj is the call's result, which the slow-move judgement compares).
//
// Cause (derive.go effect): Effect.CountResult is never set by derivation, so it is 0, not -1,
// for every derived effect; ops.go summarySites then takes "result 0 of the call" as the object
// whose count it is whenever effectCount found no object. derive.go's returnedAt, which would
// compute CountResult, is never called. Expected: the count named as the caller spelled the
// argument ("res.refs"), or at least not after an unrelated result.
package countparamname

import "github.com/refvet/refvet/ref"

type Res struct {
	refs ref.Count
	id   int
}

// Acquire is a generic wrapper over a bare count.
func Acquire[T any](c *ref.Count, r *ref.Ref, x T) T {
	c.Get(r)
	return x
}

// take is the non-generic form.
func take(c *ref.Count, r *ref.Ref) int {
	c.Get(r)
	return 1
}

func leakGeneric(res *Res, fail bool) int {
	var r ref.Ref
	id := Acquire(&res.refs, &r, res.id) // want `r leaks: the reference it takes on res.refs is still held at the return at line 37`
	if fail {
		return -1
	}
	res.refs.Put(&r)
	return id
}

func leakPlain(res *Res, fail bool) int {
	var r ref.Ref
	n := take(&res.refs, &r) // want `r leaks: the reference it takes on res.refs is still held at the return at line 47`
	if fail {
		return -1
	}
	res.refs.Put(&r)
	return n
}

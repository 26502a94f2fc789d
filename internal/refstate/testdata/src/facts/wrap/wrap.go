package wrap // want package:"usesRef"

// Package wrap wraps acq's functions: their summaries come from acq's facts, and the wrappers
// get the same summaries.

import (
	"facts/acq"

	"github.com/refvet/refvet/ref"
)

// Acquire wraps a conditional acquirer of another package.
func Acquire(o *acq.Obj, r *ref.Ref) error { // want Acquire:`^refs\(acquires 1 on acq\.Obj\.users if result 0 == nil\)$`
	return acq.AcquireErr(o, r)
}

// Release wraps a releaser of another package.
func Release(o *acq.Obj, r *ref.Ref) { // want Release:`^refs\(releases 1 on acq\.Obj\.users\)$`
	acq.Release(o, r)
}

// Hand wraps a move.
func Hand(o *acq.Obj, dst, src *ref.Ref) { // want Hand:`^refs\(moves 2 to 1 on acq\.Obj\.users\)$`
	acq.Hand(o, dst, src)
}

// FromPool acquires through an interface method whose summary a directive declares.
func FromPool(p acq.Pool, r *ref.Ref) error { // want FromPool:`^refs\(acquires 1 if result 0 == nil\)$`
	return p.Get(r)
}

// Die never returns: it calls a function that never returns.
func Die() { // want Die:`^refs\(noreturn\)$`
	acq.Fail("dead")
}

// Cycle gets and puts: no net effect on its parameter.
func Cycle(o *acq.Obj, r *ref.Ref) { // want Cycle:`^refs\(\)$`
	acq.Acquire(o, r)
	acq.Release(o, r)
}

// Package compoundconds exercises conditions that combine TryGet and conditional acquirers with
// && and ||, if-with-init, and switch-true.
package compoundconds

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type Entry struct {
	refs  ref.Count
	dead  bool
	value int
}

var errGone = errors.New("gone")

// andRight: the TryGet is only evaluated when ok. Correct.
func andRight(e *Entry, ok bool) int {
	var r ref.Ref
	if ok && e.refs.TryGet(&r) {
		defer e.refs.Put(&r)
		return e.value
	}
	return 0
}

// andLeft: TryGet first, then a condition. The ref is held when TryGet succeeded even if the
// second operand is false: that path leaks. Bug.
func andLeft(e *Entry) int {
	var r ref.Ref
	if e.refs.TryGet(&r) && !e.dead { // want `r leaks: the reference it takes on e.refs is still held at the return at line 37`
		defer e.refs.Put(&r)
		return e.value
	}
	return 0
}

// andLeftFixed: handles the second-operand failure. Correct.
func andLeftFixed(e *Entry) int {
	var r ref.Ref
	if !e.refs.TryGet(&r) {
		return 0
	}
	defer e.refs.Put(&r)
	if e.dead {
		return 0
	}
	return e.value
}

// orNegated: `if !TryGet || bad { return }` — when TryGet succeeded and bad is true the ref
// leaks. Bug.
func orNegated(e *Entry, bad bool) int {
	var r ref.Ref
	if !e.refs.TryGet(&r) || bad { // want `r leaks: the reference it takes on e.refs is still held at the return at line 58`
		return 0
	}
	v := e.value
	e.refs.Put(&r)
	return v
}

// orNegatedFixed: bad checked first, so the TryGet is only made when not bad. Correct.
func orNegatedFixed(e *Entry, bad bool) int {
	var r ref.Ref
	if bad || !e.refs.TryGet(&r) {
		return 0
	}
	v := e.value
	e.refs.Put(&r)
	return v
}

// ifInit uses `if ok := TryGet(); !ok`. Correct.
func ifInit(e *Entry) int {
	var r ref.Ref
	if ok := e.refs.TryGet(&r); !ok {
		return -1
	}
	defer e.refs.Put(&r)
	return e.value
}

// ifInitStored keeps the bool and branches on it later. Correct.
func ifInitStored(e *Entry) int {
	var r ref.Ref
	ok := e.refs.TryGet(&r)
	v := 0
	if ok {
		v = e.value
	}
	if ok {
		e.refs.Put(&r)
	}
	return v
}

// switchTrue uses a switch with a negated TryGet case. Correct.
func switchTrue(e *Entry, n int) int {
	var r ref.Ref
	switch {
	case n < 0:
		return 0
	case !e.refs.TryGet(&r):
		return -1
	}
	defer e.refs.Put(&r)
	return e.value + n
}

// switchTrueBug puts on the failed case. Bug.
func switchTrueBug(e *Entry) int {
	var r ref.Ref
	switch {
	case !e.refs.TryGet(&r):
		e.refs.Put(&r) // want `Put of r on e.refs, but r holds nothing on the path where the TryGet at line 117 failed`
		return -1
	}
	e.refs.Put(&r)
	return 0
}

// tryBoth: two refs, both TryGets in one condition. Correct.
func tryBoth(a, b *Entry) int {
	var ra, rb ref.Ref
	if a.refs.TryGet(&ra) {
		if b.refs.TryGet(&rb) {
			s := a.value + b.value
			b.refs.Put(&rb)
			a.refs.Put(&ra)
			return s
		}
		a.refs.Put(&ra)
	}
	return 0
}

// tryBothAnd: `if a.TryGet(&ra) && b.TryGet(&rb)`: when the first succeeds and the second
// fails, ra leaks. Bug.
func tryBothAnd(a, b *Entry) int {
	var ra, rb ref.Ref
	if a.refs.TryGet(&ra) && b.refs.TryGet(&rb) { // want `ra leaks: the reference it takes on a.refs is still held at the return at line 150`
		s := a.value + b.value
		b.refs.Put(&rb)
		a.refs.Put(&ra)
		return s
	}
	return 0
}

// open acquires when err == nil.
func open(e *Entry, r *ref.Ref) error {
	if e.dead {
		return errGone
	}
	e.refs.Get(r)
	return nil
}

// openOr: `if err := open(); err != nil || e.value < 0 { return }` leaks when err == nil and
// value < 0. Bug.
func openOr(e *Entry) int {
	var r ref.Ref
	if err := open(e, &r); err != nil || e.value < 0 { // want `r leaks: the reference it takes on e.refs is still held at the return at line 167`
		return 0
	}
	defer e.refs.Put(&r)
	return e.value
}

// openAnd: err == nil && cond. Correct: ref put in both sub-cases.
func openAnd(e *Entry) int {
	var r ref.Ref
	err := open(e, &r)
	if err == nil && e.value > 0 {
		v := e.value
		e.refs.Put(&r)
		return v
	}
	if err == nil {
		e.refs.Put(&r)
	}
	return 0
}

// notNil: the bool is inverted twice. Correct.
func notNot(e *Entry) int {
	var r ref.Ref
	failed := !e.refs.TryGet(&r)
	if failed {
		return 0
	}
	defer e.refs.Put(&r)
	return e.value
}

// switchOnErr uses a switch on the error value. Correct.
func switchOnErr(e *Entry) int {
	var r ref.Ref
	switch err := open(e, &r); {
	case errors.Is(err, errGone):
		return -1
	case err != nil:
		return -2
	}
	defer e.refs.Put(&r)
	return e.value
}

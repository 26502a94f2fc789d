// Package capturedcondresult: a conditional acquire's result (error or pointer) that a closure
// captures lives in a heap cell, and the caller's `if err != nil` / `if o == nil` compares a
// load of that cell, not the call's result. The engine does not resolve the guard there, so
// correct code gets a leak at the acquiring call and a bad put. Every function here is
// correct: the expected output is silence. (Engine: refine.go/branch.go guard resolution.)
package capturedcondresult

import (
	"errors"
	"log"

	"github.com/refvet/refvet/ref"
)

type Object struct {
	refs ref.Count
	n    int
}

// open acquires into r when err == nil.
func open(o *Object, r *ref.Ref) error {
	if o.n == 0 {
		return errors.New("empty")
	}
	o.refs.Get(r)
	return nil
}

// lookup acquires into r when its result is non-nil.
func lookup(o *Object, r *ref.Ref) *Object {
	if o.n == 0 {
		return nil
	}
	o.refs.Get(r)
	return o
}

// NamedErr is the common "log the named error in a deferred closure" pattern. Correct.
func NamedErr(o *Object) (err error) {
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	var r ref.Ref
	if err = open(o, &r); err != nil {
		return err
	}
	defer o.refs.Put(&r)
	return nil
}

// PinClosure puts in a deferred closure that captures the looked-up pointer. Correct.
func PinClosure(x *Object) int {
	var r ref.Ref
	o := lookup(x, &r)
	if o == nil {
		return 0
	}
	defer func() {
		o.refs.Put(&r)
	}()
	return o.n
}

// Captured only reads the pointer in a closure called in place. Correct.
func Captured(x *Object) int {
	var r ref.Ref
	o := lookup(x, &r)
	if o == nil {
		return 0
	}
	n := func() int { return o.n }()
	o.refs.Put(&r)
	return n
}

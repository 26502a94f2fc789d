package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// F0: the deferred o.Users.Put runs first and is right; the deferred o.Cnt.Put then finds r
// empty. refvet judges them in source order: a wrong-count put.
//
//crosscheck:bits 0
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r ref.Ref
	o.Users.Get(&r)
	defer o.Cnt.Put(&r) // runtime: PutNotHeld // refvet: PutWrongCount
	defer o.Users.Put(&r)
}

// F1: the same with a wrapper: refvet says nothing.
//
//crosscheck:bits 0
func F1(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r ref.Ref
	defer w.Release(o, &r) // runtime: PutNotHeld // refvet: none
	defer o.Users.Put(&r)
	o.Users.Get(&r)
}

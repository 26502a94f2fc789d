package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// F0: on the error branch AcquireErr took nothing and r0 still holds its o.Cnt reference, so
// the put on o.Users is a wrong-count put at run time; refvet is silent. (The leak is
// leak_after_double_get.)
//
//crosscheck:bits 1
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r0 ref.Ref
	w.AcquireCnt(o, &r0)                                    // runtime: RefLeak // refvet: none
	if err := w.AcquireErr(o, &r0, in&1 == 0); err != nil { // runtime: DoubleGet // refvet: DoubleGet RefLeak
		o.Users.Put(&r0) // runtime: PutWrongCount // refvet: none
	}
}

// F1: on the nil branch l holds its o.Cnt reference and ReleaseCnt is right; refvet says l
// holds the o.Users reference AcquirePtr did not take.
//
//crosscheck:bits 2
func F1(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var l ref.Ref
	o.Cnt.Get(&l)
	if p := w.AcquirePtr(o, &l, in&1 != 0); p == nil { // runtime: DoubleGet
		w.ReleaseCnt(o, &l) // refvet: PutWrongCount
	}
}

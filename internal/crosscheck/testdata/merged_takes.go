package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// F0: r0 leaks at the AcquireOK when it succeeds and at the Get when it fails: refvet reports
// the first only.
//
//crosscheck:bits 1
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r0 ref.Ref
	if w.AcquireOK(o, &r0, in&1 != 0) { // runtime: RefLeak // refvet: RefLeak
	} else {
		o.Cnt.Get(&r0) // runtime: RefLeak // refvet: none
	}
}

// F1: the reference AcquireErr takes into r0 at the first call is always moved out; r0 leaks
// at the AcquireOK or the second AcquireErr. refvet blames the first call, and misses both.
//
//crosscheck:bits 4
func F1(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r0, r1 ref.Ref
	if err := w.AcquireErr(o, &r0, in&1 == 0); err != nil { // refvet: RefLeak
	} else {
		o.Users.Move(&r1, &r0) // runtime: RefLeak // refvet: RefLeak
	}
	if in&2 != 0 {
	} else {
		if w.AcquireOK(o, &r0, in&4 != 0) { // runtime: RefLeak // refvet: none
		} else {
			if err := w.AcquireErr(o, &r0, in&8 == 0); err == nil { // runtime: RefLeak // refvet: none
			}
		}
	}
}

// F2: r0's first reference (from a move out of an empty ref) is put at once; the second move
// is from an empty ref too. refvet, assuming each move took effect (SPEC), reports the leak of
// the reference the second move gave r0; the runtime's moves from empty refs did nothing.
//
//crosscheck:bits 1
func F2(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r0, r1, r2 ref.Ref
	w.MoveRef(o, &r0, &r1) // runtime: MoveFromEmpty // refvet: MoveFromEmpty
	o.Users.Put(&r0)
	if in&1 != 0 {
		o.Cnt.Move(&r0, &r2) // runtime: MoveFromEmpty // refvet: MoveFromEmpty RefLeak
	}
}

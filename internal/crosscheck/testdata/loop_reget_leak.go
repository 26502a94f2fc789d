package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// Runtime: with one iteration the Get's reference leaks, with two the second is a double get.
// refvet reports the double get only.
//
//crosscheck:bits 2
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r ref.Ref
	for i := 0; i < int(in&3); i++ {
		w.Acquire(o, &r) // runtime: RefLeak DoubleGet // refvet: DoubleGet
	}
}

package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// Runtime: the second Get is reported and skipped, so r still holds the reference of the
// first Get, and that one leaks. refvet reports the leak at the second Get.
//
//crosscheck:bits 0
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r ref.Ref
	o.Users.Get(&r) // runtime: RefLeak // refvet: none
	o.Users.Get(&r) // runtime: DoubleGet // refvet: DoubleGet RefLeak
}

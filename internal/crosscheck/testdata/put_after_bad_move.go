package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// r0 never took a reference on the case 0 path, and its deferred put runs there: the runtime
// reports the put; refvet reports the bad move only (on another path), not the put.
//
//crosscheck:bits 4
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r0 ref.Ref
	o.Users.Get(&h.M1)
	switch in & 3 {
	case 0:
		defer o.Cnt.Put(&r0) // runtime: PutNotHeld // refvet: none
	case 1:
	default:
		if in&4 != 0 {
			o.Cnt.Move(&h.M1, &r0) // runtime: MoveFromEmpty // refvet: MoveFromEmpty
		}
	}
}

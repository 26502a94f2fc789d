package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

// F0: two branches register different deferred releases of h.M0; which one runs at return
// depends on the path. refvet applies one at the return without judging it (the state joins
// the two paths), so the put of an empty ref on the path that moved h.M0 out is missed.
//
//crosscheck:bits 4
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r0, rt1 ref.Ref
	o.Users.Get(&h.M0)
	if !t1.Users.TryGet(&rt1) {
		if in&(1<<1) != 0 {
			if in&(1<<2) != 0 {
			} else {
				defer w.Release(o, &h.M0) // runtime: PutNotHeld // refvet: none
				o.Users.Move(&r0, &h.M0)
			}
		} else {
			if in&(1<<3) != 0 {
				return
			}
			defer o.Users.Put(&h.M0)
		}
	}
}

package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

//crosscheck:bits 0
func F0(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r ref.Ref
	o.Users.Get(&r)
	defer func() {
		w.Acquire(o, &r) // runtime: RefLeak // refvet: none
	}()
	o.Users.Put(&r)
}

//crosscheck:bits 0
func F1(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r, r2 ref.Ref
	o.Users.Get(&r)  // runtime: RefLeak // refvet: none
	o.Users.Get(&r2) // runtime: RefLeak // refvet: none
	defer func() {
		o.Users.Move(&r2, &r) // runtime: MoveIntoFull // refvet: none
	}()
}

//crosscheck:bits 0
func F2(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	o.Cnt.Get(&h.M0)
	defer func() {
		o.Cnt.Put(&h.M0) // runtime: PutNotHeld // refvet: none
	}()
	o.Cnt.Put(&h.M0)
}
